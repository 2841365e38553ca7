"""The "Mentioned on" section that closes each entity page.

Pure: it takes, for one entity, the pages that mention it (already in nav order) and
returns HTML. Page titles are HTML already (MkDocs holds them so); the context sentence is
text from Markdown's element tree, where `&lt;` typed by an editor is kept as written, so
it is escaped the way Markdown's own serializer escapes text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import TypeVar

from .linking import Mention

PageT = TypeVar("PageT")

SECTION_ID = "mentioned-on"
_BARE_AMPERSAND = re.compile(r"&(?!(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


@dataclass(frozen=True)
class Backlink:
    title: str
    """HTML, as MkDocs' `Page.title`."""
    url: str
    """Relative to the entity page."""
    context: str
    """The sentence the mention sits in ('' when none could be found)."""
    mark: tuple[int, int] = (0, 0)
    """Where the mention is in `context`: the quote marks it (<mark>)."""


def first_links_by_entity(
    pages: Sequence[PageT], first_links_on: Callable[[PageT], Mapping[str, Mention]]
) -> dict[str, list[tuple[PageT, Mention]]]:
    """For each entity, the pages that link to it (in `pages` order) with their first link.

    `first_links_on(page)` is `first_links_of` the page's mentions, kept from its render.
    Built once per build: asking every page about every entity page made backlinks
    quadratic, a third of the plugin's cost at 2,000 pages x 500 entities.
    """
    index: dict[str, list[tuple[PageT, Mention]]] = {}
    for page in pages:
        for entity_id, mention in first_links_on(page).items():
            index.setdefault(entity_id, []).append((page, mention))
    return index


def first_links_of(mentions: Sequence[Mention]) -> dict[str, Mention]:
    """A page's first link to each entity it links to (what "Mentioned on" quotes)."""
    first: dict[str, Mention] = {}
    for mention in mentions:
        if mention.linked:
            first.setdefault(mention.entity_id, mention)
    return first


def render_backlinks(backlinks: Sequence[Backlink], heading: str) -> str:
    """HTML for the section, or '' when nothing mentions the entity."""
    if not backlinks:
        return ""
    items = []
    for link in backlinks:
        quote = f"<blockquote><p>{_quote(link)}</p></blockquote>" if link.context else ""
        items.append(f'<li><a href="{escape(link.url)}">{link.title}</a>{quote}</li>')
    return (
        f'<section class="entity-backlinks no-crosslink" aria-labelledby="{SECTION_ID}">'
        f'<h2 id="{SECTION_ID}">{escape(heading)}'
        f'<a class="headerlink" href="#{SECTION_ID}" title="Permanent link">&para;</a></h2>'
        f"<ul>{''.join(items)}</ul></section>"
    )


def pages_in_reading_order(nav_pages: Sequence[PageT], all_pages: Iterable[PageT]) -> list[PageT]:
    """The nav's pages in nav order, then the pages left out of the nav (as MkDocs lists
    them): a page outside the nav is still published, and its mentions still count."""
    in_nav = set(map(id, nav_pages))
    return [*nav_pages, *(page for page in all_pages if id(page) not in in_nav)]


def _quote(link: Backlink) -> str:
    """The context sentence as HTML, with the mention inside <mark>."""
    start, end = link.mark
    if not 0 <= start < end <= len(link.context):
        return _tree_text_as_html(link.context)
    before, mention, after = (
        link.context[:start],
        link.context[start:end],
        link.context[end:],
    )
    return (
        f"{_tree_text_as_html(before)}<mark>{_tree_text_as_html(mention)}</mark>"
        f"{_tree_text_as_html(after)}"
    )


def _tree_text_as_html(text: str) -> str:
    """Escape like Markdown's serializer: references already in the text stay as written."""
    return _BARE_AMPERSAND.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
