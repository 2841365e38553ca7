"""Sharing and structured data (issue 12, item 8): every page carries Open Graph and
Twitter card tags with a title, a description and our own picture, and schema.org JSON-LD
(an Article; the comparison's JSON export as a Dataset). Values from front matter are
escaped. The first tests read the built HTML; the last one checks the tags in Chromium."""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from conftest import SiteFacts
from playwright.sync_api import expect
from reading import VIEWPORT_IDS, VIEWPORTS, OpenContext, open_page

from tests.conftest import copy_project


@dataclass
class Head:
    """What a shared link's preview is made of: meta tags, canonical URL, JSON-LD."""

    meta: dict[str, str] = field(default_factory=dict)
    canonical: str = ""
    json_ld: list[Any] = field(default_factory=list)
    scripts: int = 0


class _HeadReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head = Head()
        self._ld: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        key = values.get("property") or values.get("name")
        if tag == "meta" and key and "content" in values:
            assert key not in self.head.meta, f"meta {key} twice"
            self.head.meta[key] = values["content"]
        if tag == "link" and values.get("rel") == "canonical":
            self.head.canonical = values.get("href", "")
        if tag == "script":
            self.head.scripts += 1
            if values.get("type") == "application/ld+json":
                self._ld = []

    def handle_data(self, data: str) -> None:
        if self._ld is not None:
            self._ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._ld is not None:
            self.head.json_ld.append(json.loads("".join(self._ld)))
            self._ld = None


def read_head(page: Path) -> Head:
    reader = _HeadReader()
    reader.feed(page.read_text(encoding="utf-8"))
    return reader.head


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _of_type(head: Head, kind: str) -> list[dict[str, Any]]:
    return [item for item in head.json_ld if item.get("@type") == kind]


def test_every_page_has_a_title_card_and_article_data(site: SiteFacts) -> None:
    site_url = site.config.site_url
    assert site_url
    checked = 0
    for relative in site.pages:
        head = read_head(site.site_dir / relative / "index.html")
        meta = head.meta
        for key in ("og:title", "og:description", "og:image", "og:url", "twitter:title"):
            assert meta.get(key, "").strip(), f"{relative or '/'}: no {key}"
        assert meta["og:url"] == head.canonical == urljoin(site_url, relative)
        assert meta["twitter:card"] == "summary_large_image"
        # Our picture, published with the site, at the size link previews expect.
        assert meta["og:image"] == meta["twitter:image"]
        assert meta["og:image"].startswith(site_url)
        image = site.site_dir / meta["og:image"].removeprefix(site_url)
        assert image.is_file(), f"{meta['og:image']} is not in the built site"
        assert _png_size(image) == (int(meta["og:image:width"]), int(meta["og:image:height"]))
        assert _png_size(image) == (1200, 630)
        assert meta["og:image:alt"].strip()
        articles = _of_type(head, "Article")
        assert len(articles) == 1, f"{relative or '/'}: {head.json_ld}"
        article = articles[0]
        assert article["@context"] == "https://schema.org"
        assert article["headline"] == meta["og:title"]
        assert article["description"] == meta["og:description"]
        assert article["url"] == meta["og:url"]
        assert article["image"] == meta["og:image"]
        checked += 1
    assert checked == len(site.pages)


@pytest.mark.parametrize("generated", ["comparison", "timeline"])
def test_json_exports_are_described_as_datasets(site: SiteFacts, generated: str) -> None:
    options = getattr(site.explainer_options, generated)
    if not (options.enabled and options.json_path):
        pytest.skip(f"the site publishes no {generated} JSON")
    head = read_head(site.site_dir / options.path / "index.html")
    datasets = _of_type(head, "Dataset")
    assert len(datasets) == 1, head.json_ld
    download = datasets[0]["distribution"][0]
    assert download["encodingFormat"] == "application/json"
    exported = site.site_dir / download["contentUrl"].removeprefix(site.config.site_url)
    assert exported.is_file(), download["contentUrl"]
    json.loads(exported.read_text(encoding="utf-8"))
    # Only the page that publishes the data says so.
    others = [p for p in site.pages if p != options.path]
    assert not _of_type(read_head(site.site_dir / others[0] / "index.html"), "Dataset")


HOSTILE = "Tesla \"quoted\" & <b>bold</b> </script><script>alert(1)</script> 'single'"


def test_front_matter_text_is_escaped_in_tags_and_data(
    tmp_path: Path, build_copy: Callable[..., Path], site: SiteFacts
) -> None:
    # Two entities with a page of their own (a shared page's entities have #anchors).
    changed, plain = [e for e in site.entities if "#" not in site.entity_urls[e.id]][:2]
    config = copy_project(tmp_path / "project")
    page = config.parent / "docs" / changed.src_uri
    _, front, body = page.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(front) | {"title": HOSTILE, "description": HOSTILE}
    page.write_text(f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{body}", "utf-8")
    out = build_copy(config)
    head = read_head(out / site.entity_urls[changed.id] / "index.html")
    normal = read_head(out / site.entity_urls[plain.id] / "index.html")
    # What the editor wrote arrives as text, exactly, as in the page's own description.
    for key in ("og:title", "og:description", "twitter:title", "twitter:description"):
        assert head.meta[key] == HOSTILE == head.meta["description"], key
    # Nothing broke out of a script: the same number of scripts as a plain page.
    assert head.scripts == normal.scripts
    article = _of_type(head, "Article")[0]
    assert article["headline"] == head.meta["og:title"]
    assert article["description"] == head.meta["og:description"]
    # Had the text closed the script, the JSON would be cut short (or not parse at all).
    assert article["description"] == HOSTILE


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_browser_sees_the_tags_and_our_picture_loads_locally(
    new_context: OpenContext, base_url: str, site: SiteFacts, viewport: dict[str, int]
) -> None:
    entity_page = urljoin(base_url, next(iter(site.entity_urls.values())))
    page = open_page(new_context, entity_page, viewport)
    image = page.locator('meta[property="og:image"]').get_attribute("content") or ""
    title = page.locator('meta[property="og:title"]').get_attribute("content") or ""
    expect(page.locator("article h1").first).to_contain_text(title)
    data = page.locator('script[type="application/ld+json"]').first.text_content() or ""
    assert json.loads(data)["headline"] == title
    # The same picture, from this server (the test harness blocks any other host).
    local = urljoin(base_url, image.removeprefix(site.config.site_url))
    response = page.request.get(local)
    assert response.ok and response.headers["content-type"] == "image/png"
