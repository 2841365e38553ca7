"""The "Mentioned on" section that closes each entity page.

Pure: it takes, for one entity, the pages that mention it (already in nav order) and
returns HTML. Every string in it comes from page titles or page text, so all is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

SECTION_ID = "mentioned-on"


@dataclass(frozen=True)
class Backlink:
    title: str
    url: str
    """Relative to the entity page."""
    context: str
    """The sentence the mention sits in ('' when none could be found)."""


def render_backlinks(backlinks: Sequence[Backlink], heading: str) -> str:
    """HTML for the section, or '' when nothing mentions the entity."""
    if not backlinks:
        return ""
    items = []
    for link in backlinks:
        quote = f"<blockquote><p>{escape(link.context)}</p></blockquote>" if link.context else ""
        items.append(f'<li><a href="{escape(link.url)}">{escape(link.title)}</a>{quote}</li>')
    return (
        f'<section class="entity-backlinks no-crosslink" aria-labelledby="{SECTION_ID}">'
        f'<h2 id="{SECTION_ID}">{escape(heading)}'
        f'<a class="headerlink" href="#{SECTION_ID}" title="Permanent link">&para;</a></h2>'
        f"<ul>{''.join(items)}</ul></section>"
    )
