"""The real site, built with --strict: every entity page exists and is cross-linked right.

Expectations come from the pages' own front matter, so the tests follow the content.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_plugins.entities import Entity, load_catalog
from site_plugins.frontmatter import read_front_matter

from .conftest import ROOT
from .html_helpers import content_links, entity_links

DOCS = ROOT / "docs"
NEVER_LINKED_IN = {"h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "a"}


def entities() -> list[Entity]:
    pages = [
        (path.relative_to(DOCS).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(DOCS.rglob("*.md"))
        if "snippets" not in path.parts
    ]
    return load_catalog(pages, ["subject", "suitor", "company", "person"]).entities


def built_page(site: Path, src_uri: str) -> Path:
    stem = src_uri.removesuffix(".md")
    return site / "index.html" if stem == "index" else site / stem / "index.html"


def source_pages() -> list[str]:
    return sorted(
        p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if "snippets" not in p.parts
    )


class _ArticleText(HTMLParser):
    """Text of the article that the linker may link, and where entity links sit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.linkable: list[str] = []
        self.links_in_forbidden_places: list[str] = []
        self.stack: list[tuple[str, set[str]]] = []
        self.in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "article":
            self.in_article = True
        if tag in {"br", "img", "hr", "input", "meta", "link", "path", "circle", "line"}:
            return
        if tag == "a" and "entity-link" in classes and self._forbidden():
            self.links_in_forbidden_places.append(self.get_starttag_text() or "")
        self.stack.append((tag, classes))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article = False
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def _forbidden(self) -> bool:
        return any(
            tag in NEVER_LINKED_IN
            or classes & {"no-crosslink", "admonition-title", "entity-backlinks"}
            or tag in {"summary", "label", "svg", "script", "style"}
            for tag, classes in self.stack
        )

    def handle_data(self, data: str) -> None:
        if self.in_article and not self._forbidden():
            self.linkable.append(data)


def parse_article(page: Path) -> _ArticleText:
    parser = _ArticleText()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_entity_page_is_built(built_site: Path) -> None:
    found = entities()
    assert len(found) >= 11
    for entity in found:
        page = built_page(built_site, entity.src_uri)
        html = page.read_text(encoding="utf-8")
        if entity.anchor:  # one of several entities on a page: it has its own section
            assert f'id="{entity.anchor}"' in html, entity.name
            continue
        assert f'<meta name="description" content="{escape(entity.summary)}">' in html, entity.name


@pytest.mark.parametrize("src_uri", source_pages())
def test_first_mention_of_every_entity_is_linked(built_site: Path, src_uri: str) -> None:
    page = built_page(built_site, src_uri)
    linked_ids = [link.attrs["data-entity"] for link in entity_links(page)]
    meta = read_front_matter((DOCS / src_uri).read_text(encoding="utf-8"), src_uri)
    if meta.get("crosslinks") is False:
        assert linked_ids == []
        return
    text = " ".join(parse_article(page).linkable)
    hand_linked = {
        link.href.rstrip("/").split("/")[-1] for link in content_links(page) if link.href
    }
    for entity in entities():
        if entity.src_uri == src_uri:
            assert entity.id not in linked_ids, "an entity page links to itself"
            continue
        mentioned = any(
            re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in entity.names
        )
        page_slug = entity.src_uri.removesuffix(".md").split("/")[-1]
        if mentioned and page_slug not in hand_linked:
            assert entity.id in linked_ids, f"{entity.name} is mentioned but not linked"
    assert len(linked_ids) == len(set(linked_ids)), "an entity is linked twice on one page"


@pytest.mark.parametrize("src_uri", source_pages())
def test_nothing_in_never_touched_places_is_linked(built_site: Path, src_uri: str) -> None:
    assert parse_article(built_page(built_site, src_uri)).links_in_forbidden_places == []


def test_entity_pages_show_backlinks(built_site: Path) -> None:
    with_backlinks = [
        e
        for e in entities()
        if 'id="mentioned-on"' in built_page(built_site, e.src_uri).read_text()
    ]
    # Every suitor is mentioned on the home page, so each of them has a "Mentioned on" list.
    suitors = [e for e in entities() if e.kind == "suitor"]
    assert suitors and all(s in with_backlinks for s in suitors)
