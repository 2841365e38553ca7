"""The site built by Zensical, Material's successor, which runs Markdown extensions but no
MkDocs plugin: `python -m site_plugins.standalone` prepares it, `zensical build` builds it.

Compared page by page with the MkDocs build: the same entity links (with their previews),
histories and aliases, and the same generated pages and JSON exports.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from site_plugins.extension import ExplainerExtension
from site_plugins.standalone import prepare

from .conftest import ROOT

pytestmark = pytest.mark.slow
LINK = re.compile(r'<a class="entity-link"[^>]*>')
ASSET = re.compile(r"<(?:script|link|img|iframe|source)\b[^>]*>", re.I)
#: Links a browser does not load by itself.
NOT_LOADED = re.compile(r'\brel="(?:canonical|alternate|me|author)"', re.I)
OTHER_HOST = re.compile(r'\b(?:src|href|srcset)="(?:https?:)?//', re.I)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("standalone")
    docs_before = sorted(p.relative_to(ROOT) for p in (ROOT / "docs").rglob("*"))
    config = prepare(str(ROOT / "mkdocs.yml"), str(out))
    assert sorted(p.relative_to(ROOT) for p in (ROOT / "docs").rglob("*")) == docs_before
    result = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean", "--config-file", config],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "site"


def pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in site.rglob("*.html")
        if p.name != "404.html"
    }


def linked(html: str) -> list[str]:
    return sorted(re.search(r'data-entity="([^"]+)"', a).group(1) for a in LINK.findall(html))  # type: ignore[union-attr]


def test_every_page_links_the_same_entities_as_the_mkdocs_build(
    built_site: Path, zensical_site: Path
) -> None:
    ours, theirs = pages(built_site), pages(zensical_site)
    assert set(ours) == set(theirs)
    differences = {path: (linked(ours[path]), linked(theirs[path])) for path in ours}
    assert {p: d for p, d in differences.items() if d[0] != d[1]} == {}
    assert sum(len(d[1]) for d in differences.values()) > 50


def test_links_carry_their_previews(zensical_site: Path) -> None:
    links = [a for html in pages(zensical_site).values() for a in LINK.findall(html)]
    assert links
    for link in links:
        assert re.search(r' title="[^"]+"', link), link
        assert re.search(r' data-entity-name="[^"]+"', link), link


def test_histories_aliases_and_generated_pages_are_there(
    built_site: Path, zensical_site: Path
) -> None:
    ours, theirs = pages(built_site), pages(zensical_site)
    for path, html in ours.items():
        assert ('class="explainer-history"' in html) == (
            'class="explainer-history"' in theirs[path]
        ), path
        assert ("explainer-aliases" in html) == ("explainer-aliases" in theirs[path]), path
    for export in ("comparison.json", "timeline.json"):
        assert json.loads((zensical_site / export).read_text(encoding="utf-8")) == json.loads(
            (built_site / export).read_text(encoding="utf-8")
        )
    assert (zensical_site / "assets" / "explainer" / "explainer.css").is_file()


def test_the_theme_overrides_apply(built_site: Path, zensical_site: Path) -> None:
    """overrides/ is written to suit both Jinja and Zensical's stricter MiniJinja."""
    for path, html in pages(zensical_site).items():
        assert '<meta property="og:title"' in html, path
        assert '"@type": "Article"' in html, path
    comparison = (zensical_site / "who-might-rescue-nissan" / "index.html").read_text("utf-8")
    assert '"@type": "Dataset"' not in comparison  # needs the plugin's options: MkDocs only


def test_nothing_is_loaded_from_another_host(zensical_site: Path) -> None:
    found = {
        path: loaded
        for path, html in pages(zensical_site).items()
        if (
            loaded := [
                tag
                for tag in ASSET.findall(html)
                if OTHER_HOST.search(tag) and not NOT_LOADED.search(tag)
            ]
        )
    }
    assert found == {}


def test_the_extension_works_in_plain_python_markdown() -> None:
    extension = ExplainerExtension(config_file=str(ROOT / "mkdocs.yml"))
    extension.page = "index.md"
    html = markdown.markdown("Honda met Nissan.", extensions=[extension, "attr_list"])
    assert 'href="companies/nissan.md"' in html
    assert 'data-entity="honda"' in html
    # With no page known, nothing is linked rather than linked wrongly.
    unknown = ExplainerExtension(config_file=str(ROOT / "mkdocs.yml"))
    assert "entity-link" not in markdown.markdown("Honda met Nissan.", extensions=[unknown])
