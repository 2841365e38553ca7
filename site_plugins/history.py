"""The "History" section that closes an entity page: its dated events, oldest first.

An entity's history holds the events on its own page and the events on other pages that
name it (events.events_by_entity). The section is Markdown added to the page's source
before it renders, so event texts are cross-linked like the rest of the page; the block
is marked `data-untrusted`, which makes safelinks.py treat it as front-matter text.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from .dates import format_date
from .entities import Entity
from .events import Event
from .markup import capitalised, event_markdown, markdown_link, plain

SECTION_ID = "history"


def render_history(
    entity: Entity,
    events: Sequence[Event],
    heading: str,
    *,
    page_src_uri: str,
    timeline: tuple[str, str] | None = None,
) -> str:
    """Markdown for the section ('' when the entity has no events).

    `timeline` is the timeline page's source path and the anchor following this entity.
    """
    if not events:
        return ""
    items = []
    for event in events:
        sources = ", ".join(
            markdown_link(plain(s.title), s.url, page_src_uri) for s in event.sources
        )
        elsewhere = (
            f" (on {markdown_link(plain(event.entity.name), event.entity.page, page_src_uri)})"
            if event.entity.src_uri != entity.src_uri
            else ""
        )
        status = ""
        if event.status:
            label = plain(capitalised(event.status))
            status = f' <span class="explainer-event__status">Status: {label}</span>'

        items.append(
            f'<li markdown="span"><span class="explainer-event__date">{format_date(event.date)}'
            f"</span> {event_markdown(event.what, page_src_uri)}{status}"
            f'<span class="explainer-event__meta">{elsewhere} Sources: {sources}.</span></li>'
        )
    follow = ""
    if timeline is not None:
        link = markdown_link(
            Markup("Follow it on the timeline"), f"{timeline[0]}#{timeline[1]}", page_src_uri
        )
        follow = f'\n<p class="explainer-history__follow" markdown="span">{link}</p>'
    heading_id = f"{SECTION_ID}-{entity.anchor}" if entity.anchor else SECTION_ID
    return (
        f'\n\n<section class="explainer-history" data-untrusted="true" '
        f'aria-labelledby="{heading_id}" markdown>\n'
        f'<h2 id="{heading_id}">{escape(heading)}</h2>\n'
        f'<ol class="explainer-history__list" markdown>\n{chr(10).join(items)}\n</ol>{follow}\n'
        "</section>\n"
    )
