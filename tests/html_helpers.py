"""Small readers for built HTML pages, on the standard library's HTML parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Link:
    href: str
    text: str
    attrs: dict[str, str] = field(default_factory=dict)


class _LinkCollector(HTMLParser):
    """Collects the <a> elements inside the page's article (the content, not the theme)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self._open: list[Link] = []
        self._in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "article":
            self._in_article += 1
        if tag == "a" and self._in_article:
            link = Link(values.get("href", ""), "", values)
            self.links.append(link)
            self._open.append(link)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1
        if tag == "a" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for link in self._open:
            link.text += data


def content_links(page: Path) -> list[Link]:
    """Every link in the page's main content."""
    parser = _LinkCollector()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def entity_links(page: Path) -> list[Link]:
    """The links the cross-linker made on a built page."""
    return [link for link in content_links(page) if "entity-link" in link.attrs.get("class", "")]
