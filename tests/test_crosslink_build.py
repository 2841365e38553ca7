"""Cross-linking in real MkDocs builds of a small site: URLs, backlinks, diagnostics."""

from __future__ import annotations

import json
import logging
import posixpath
import re
import textwrap
from pathlib import Path

import pytest

from site_plugins.aliases import add_aliases

from .conftest import build_site
from .html_helpers import content_links, entity_links

PAGES = {
    "index.md": "# Home\n\nAlpha Corp works with Beta. Alpha Corp again.\n",
    "deep/nested/page.md": "# Nested\n\nDeep down, Beta talks to Alpha Corp.\n",
    "quiet.md": "---\ncrosslinks: false\n---\n# Quiet\n\nAlpha Corp is not linked here.\n",
    "entities/alpha.md": (
        "---\nentity:\n  name: Alpha Corp\n  aliases: [Alpha]\n  kind: company\n"
        "  summary: The first company.\n---\n# Alpha Corp\n\nAlpha Corp and Beta.\n"
    ),
    "entities/beta.md": (
        "---\nentity:\n  name: Beta\n  kind: company\n  summary: The second company.\n---\n"
        "# Beta\n\nNot mentioned anywhere else but here.\n"
    ),
}
CONFIG = """
site_name: Small
site_url: https://example.org/small/
theme: {name: material, font: false}
plugins:
  - search
  - explainer:
      kinds: [company]
markdown_extensions: [toc, attr_list]
nav:
  - index.md
  - Entities: [entities/alpha.md, entities/beta.md]
  - deep/nested/page.md
  - quiet.md
"""


def make_site(root: Path) -> Path:
    for path, text in PAGES.items():
        page = root / "docs" / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(textwrap.dedent(CONFIG), encoding="utf-8")
    return config


def output_path(site: Path, page_file: Path, href: str) -> Path:
    """The file a relative href on `page_file` leads to, as a static host would serve it."""
    base = posixpath.dirname(page_file.relative_to(site).as_posix())
    target = posixpath.normpath(posixpath.join(base, href.split("#")[0]))
    path = site / target
    return path / "index.html" if href.endswith("/") or path.is_dir() else path


@pytest.fixture(params=[True, False], ids=["directory-urls", "file-urls"])
def small_site(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, bool]:
    config = make_site(tmp_path)
    site = tmp_path / "site"
    build_site(config, site, use_directory_urls=request.param)
    return site, request.param


def page_path(site: Path, src: str, directory_urls: bool) -> Path:
    stem = src.removesuffix(".md")
    if stem == "index":
        return site / "index.html"
    return site / stem / "index.html" if directory_urls else site / f"{stem}.html"


def test_links_resolve_to_the_entity_page_from_any_depth(small_site: tuple[Path, bool]) -> None:
    site, directory_urls = small_site
    expected = {
        "index.md": ["entities/alpha.md", "entities/beta.md"],
        "deep/nested/page.md": ["entities/beta.md", "entities/alpha.md"],
        "entities/alpha.md": ["entities/beta.md"],
    }
    for src, targets in expected.items():
        page = page_path(site, src, directory_urls)
        links = entity_links(page)
        assert [output_path(site, page, link.href) for link in links] == [
            page_path(site, target, directory_urls) for target in targets
        ], src
        for link in links:
            assert output_path(site, page, link.href).is_file()


def test_first_mention_only_and_data_attributes(small_site: tuple[Path, bool]) -> None:
    site, directory_urls = small_site
    links = entity_links(page_path(site, "index.md", directory_urls))
    assert [(link.text, link.attrs["data-entity"]) for link in links] == [
        ("Alpha Corp", "alpha-corp"),
        ("Beta", "beta"),
    ]
    assert links[0].attrs["title"] == "The first company."


def test_crosslinks_false_page_gets_no_links(small_site: tuple[Path, bool]) -> None:
    site, directory_urls = small_site
    assert entity_links(page_path(site, "quiet.md", directory_urls)) == []


def test_backlinks_list_mentioning_pages_in_nav_order(small_site: tuple[Path, bool]) -> None:
    site, directory_urls = small_site
    page = page_path(site, "entities/beta.md", directory_urls)
    html = page.read_text(encoding="utf-8")
    assert 'id="mentioned-on"' in html
    section = html[html.index('class="entity-backlinks') :]
    links = [link for link in content_links(page) if link.text in {"Home", "Alpha Corp", "Nested"}]
    backlink_targets = [output_path(site, page, link.href) for link in links]
    assert backlink_targets[-3:] == [
        page_path(site, src, directory_urls)
        for src in ("index.md", "entities/alpha.md", "deep/nested/page.md")
    ]
    # The quote marks the mention it was taken for.
    assert "Alpha Corp works with <mark>Beta</mark>." in section
    assert "Deep down, <mark>Beta</mark> talks to Alpha Corp." in section


def test_no_backlinks_section_without_mentions(tmp_path: Path) -> None:
    config = make_site(tmp_path)
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nNothing here.\n")
    (tmp_path / "docs" / "deep/nested/page.md").write_text("# Nested\n\nNothing.\n")
    (tmp_path / "docs" / "entities/alpha.md").write_text(
        PAGES["entities/alpha.md"].replace("Alpha Corp and Beta.", "Alone.")
    )
    build_site(config, tmp_path / "site")
    html = (tmp_path / "site" / "entities" / "beta" / "index.html").read_text()
    assert "mentioned-on" not in html


def test_one_info_line_per_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = make_site(tmp_path)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.explainer"):
        build_site(config, tmp_path / "site")
    lines = [r.getMessage() for r in caplog.records if "linked" in r.getMessage()]
    # index: Alpha Corp + Beta; nested: Beta + Alpha Corp; alpha page: Beta.
    assert lines == ["explainer: linked 5 mentions of 2 entities on 3 pages"]


def test_report_unlinked_lists_skipped_mentions(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = make_site(tmp_path)
    option = "kinds: [company]\n      report_unlinked: true"
    config.write_text(config.read_text().replace("kinds: [company]", option))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.explainer"):
        build_site(config, tmp_path / "site")
    messages = [r.getMessage() for r in caplog.records]
    assert "explainer: index.md: 'Alpha Corp' not linked: already linked on this page" in messages
    assert "explainer: entities/alpha.md: 'Alpha Corp' not linked: inside <h1>" in messages


def test_entity_links_carry_preview_data(built_site: Path) -> None:
    """Links say which entity they lead to: its name, kind and (compared kinds) status."""
    html = (built_site / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a class="entity-link"[^>]*data-entity="foxconn"[^>]*>', html)
    assert link is not None
    assert 'data-entity-name="Foxconn"' in link.group(0)
    assert 'data-entity-kind="suitor"' in link.group(0)
    assert re.search(r'data-entity-status="[^"]+"', link.group(0))
    nissan = re.search(r'<a class="entity-link"[^>]*data-entity="nissan"[^>]*>', html)
    assert nissan is not None and "data-entity-status" not in nissan.group(0)


def test_aliases_sit_under_the_title_for_readers_and_in_it_for_search(built_site: Path) -> None:
    html = (built_site / "suitors" / "foxconn" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert title is not None and "(also known as Hon Hai" in title.group(1)
    assert '<p class="explainer-aliases" aria-hidden="true">Also known as Hon Hai' in html
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    [entry] = [doc for doc in index["docs"] if doc["location"] == "suitors/foxconn/"]
    assert "Hon Hai" in entry["title"]


def test_aliases_are_escaped() -> None:
    html = add_aliases('<h1 id="x">X</h1><p>body</p>', ["<b>A&B</b>"])
    assert "&lt;b&gt;A&amp;B&lt;/b&gt;" in html and "<b>" not in html
    assert add_aliases("<p>no title</p>", ["A"]) == "<p>no title</p>"
