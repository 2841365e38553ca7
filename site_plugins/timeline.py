"""The generated timeline: every dated event of the site, oldest first, and its JSON.

The page groups events by year and month; each event is a list item with a `<time>`
element, its text (inline Markdown, cross-linked like any page), the page it comes from and
its sources. Below, "Follow one" lists each entity's events under its own heading, so a
reader can follow one company or person through the story without JavaScript.

JSON export (`json_path`), version 1::

    {
      "version": 1,
      "title": "Timeline", "description": "..." | null,
      "page": "timeline/",                           # URL of the timeline page
      "events": [                                    # oldest first
        {"id", "date",                               # "YYYY-MM-DD" or "YYYY-MM"
         "text",                                     # the event's Markdown, as typed
         "url",                                      # the event on the timeline page
         "entity": {"id", "name", "page"},           # whose page the event is on
         "page",                                     # that page's URL
         "status": "..." | null,                     # a compared entity's new status
         "mentions": [{"id", "name", "page"}],       # other entities the text names
         "sources": [{"title", "url"}]}
      ]
    }

URLs are absolute when the site sets `site_url`, else relative to the site root.
"""

from __future__ import annotations

import itertools
import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from . import generated
from .config import TimelineConfig
from .dates import Month, format_date
from .entities import Entity
from .events import Event, events_by_entity
from .generated import GENERATED_MARK, Output, PageGenerator, Site
from .markup import (
    capitalised,
    clean,
    event_markdown,
    markdown_link,
    page_front_matter,
    plain,
    template_environment,
)

TEMPLATE = "explainer/timeline.md.j2"
FOLLOW_ANCHOR = "follow-{}"


@dataclass(frozen=True)
class EventView:
    """One event as the template shows it (every field is safe Markup)."""

    id: str
    date: Markup
    what: Markup
    page: Markup
    """The entity whose page holds the event, linked to that page."""
    status: Markup | None
    sources: list[Markup]


@dataclass(frozen=True)
class MonthView:
    anchor: str
    heading: Markup
    events: list[EventView]


@dataclass(frozen=True)
class YearView:
    anchor: str
    heading: str
    months: list[MonthView]


@dataclass(frozen=True)
class FollowView:
    """One entity's events, for readers following it through the story."""

    anchor: str
    name: Markup
    link: Markup
    events: list[tuple[Markup, str, Markup]]
    """(date, event anchor, text) of each event, oldest first."""


def event_view(event: Event, page_src_uri: str) -> EventView:
    return EventView(
        id=event.id,
        date=format_date(event.date),
        what=event_markdown(event.what, page_src_uri),
        page=markdown_link(plain(event.entity.name), event.entity.page, page_src_uri),
        status=plain(capitalised(event.status)) if event.status else None,
        sources=[markdown_link(plain(s.title), s.url, page_src_uri) for s in event.sources],
    )


def group_by_month(events: Sequence[Event], page_src_uri: str) -> list[YearView]:
    """Events (oldest first) as years of months."""
    years = []
    for year, in_year in itertools.groupby(events, key=lambda e: e.date.year):
        months = []
        for month, in_month in itertools.groupby(in_year, key=lambda e: e.date.month):
            listed = list(in_month)
            heading = format_date(_month_of(listed[0]))
            months.append(
                MonthView(
                    anchor=f"{year:04d}-{month:02d}",
                    heading=heading,
                    events=[event_view(e, page_src_uri) for e in listed],
                )
            )
        years.append(YearView(anchor=f"year-{year:04d}", heading=str(year), months=months))
    return years


def _month_of(event: Event) -> Month:
    return Month(event.date.year, event.date.month)


def follow_views(
    events: Sequence[Event], entities: Sequence[Entity], page_src_uri: str
) -> list[FollowView]:
    """Each entity with events, in name order, with its events (its own and naming it)."""
    index = events_by_entity(events)
    views = []
    for entity in sorted(entities, key=lambda e: e.name.casefold()):
        listed = index.get(entity.id)
        if not listed:
            continue
        views.append(
            FollowView(
                anchor=FOLLOW_ANCHOR.format(entity.id),
                name=plain(entity.name),
                link=markdown_link(plain(entity.name), entity.page, page_src_uri),
                events=[
                    (format_date(e.date), e.id, event_markdown(e.what, page_src_uri))
                    for e in listed
                ],
            )
        )
    return views


def render_page(
    config: TimelineConfig,
    events: Sequence[Event],
    entities: Sequence[Entity],
    *,
    src_uri: str,
    intro: str = "",
    template_dirs: Sequence[str] = (),
) -> str:
    """The timeline page's Markdown source, front matter included."""
    json_href = generated.json_href(config.json_path, src_uri) if config.json_path else None
    body = (
        template_environment(template_dirs)
        .get_template(TEMPLATE)
        .render(
            title=plain(config.title),
            intro=Markup(intro.strip()),
            years=group_by_month(events, src_uri),
            follow=follow_views(events, entities, src_uri),
            count=len(events),
            json_href=json_href,
            json_name=plain(posixpath.basename(config.json_path or "")),
        )
    )
    front = {"title": config.title, "description": config.description, **GENERATED_MARK}
    return page_front_matter(front) + body


def export_json(
    config: TimelineConfig,
    events: Sequence[Event],
    entities: Mapping[str, Entity],
    *,
    src_uri: str,
    link: Callable[[str | None], str | None],
) -> str:
    """Every event as JSON (shape in this module's docstring)."""

    def entity_json(entity: Entity) -> dict[str, Any]:
        return {"id": entity.id, "name": entity.name, "page": link(entity.page)}

    page = link(src_uri)
    data = {
        "version": 1,
        "title": config.title,
        "description": config.description,
        "page": page,
        "events": [
            {
                "id": event.id,
                "date": event.date.isoformat(),
                "text": clean(event.what),
                "url": f"{page}#{event.id}",
                "entity": entity_json(event.entity),
                "page": link(event.entity.page),
                "status": event.status,
                "mentions": [entity_json(entities[i]) for i in event.mentions],
                "sources": [{"title": s.title, "url": link(s.url)} for s in event.sources],
            }
            for event in events
        ],
    }
    return generated.json_text(data)


class TimelineGenerator(PageGenerator):
    """The timeline page and its JSON export, from every page's `events:`."""

    option = "timeline"
    config: TimelineConfig

    def check_options(self, kinds: Sequence[str]) -> list[str]:
        return self.path_problems()

    def generate(self, site: Site) -> list[Output]:
        markdown = render_page(
            self.config,
            site.events,
            site.catalog.entities,
            src_uri=self.src_uri,
            intro=generated.read_intro(self.config.intro, "timeline.intro", site),
            template_dirs=site.template_dirs,
        )
        entities = {entity.id: entity for entity in site.catalog.entities}
        data = (
            export_json(self.config, site.events, entities, src_uri=self.src_uri, link=site.link)
            if self.config.json_path
            else None
        )
        return self.outputs(markdown, data)
