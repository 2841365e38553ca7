"""Dated events in front matter: what happened, when, to whom, and who reported it.

Any entity page may list events, each written once:

    events:
      - date: 2025-09            # YYYY-MM-DD, or YYYY-MM when the source gives no day
        what: Foxconn walks away from talks on Nissan's Oppama plant, TV Tokyo reports.
        status: walked away      # optional; only on pages of the compared kind
        sources:
          - {title: "TV Tokyo via …, September 2025", url: https://…}

An event belongs to its page's entity, and also to every entity its `what` names (found
with the same matcher as the cross-linker), so an event on Nissan's page that names Foxconn
is part of Foxconn's history too. Events that carry a `status` are the status history of a
compared entity; the newest is its current status.

Nothing here knows MkDocs: the plugin hands in the catalog and the build date.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption

from . import dates
from .dates import DateValue
from .entities import Catalog, Entity
from .fields import Choice, Date, Source, Sources
from .frontmatter import FrontMatterError, Problem
from .matching import Matcher
from .mentions import index_by_entity
from .schema import Text, mapping_items, validate_mapping

EVENTS_KEY = "events"
#: On a page that describes several entities: whose event it is.
OWNER_KEY = "entity"
#: One sentence: long enough for a clause about who reported it, short enough for a list.
WHAT_MAX_LENGTH = 400


@dataclass(frozen=True)
class Event:
    """One dated event, on the page of `entity`."""

    entity: Entity
    number: int
    """1-based position in its page's `events:` list (as error messages count)."""
    date: DateValue
    what: str
    """One sentence of inline Markdown, as typed."""
    sources: tuple[Source, ...]
    status: str | None = None
    mentions: tuple[str, ...] = field(default=())
    """Ids of the other entities `what` names, in order of first mention."""

    @property
    def id(self) -> str:
        """A stable anchor: the page's entity, the date and the position on the page."""
        return f"event-{self.entity.id}-{self.date.isoformat()}-{self.number}"

    @property
    def entity_ids(self) -> tuple[str, ...]:
        """Every entity the event belongs to: its page's first, then those it names."""
        return (self.entity.id, *self.mentions)


@dataclass(frozen=True)
class StatusRules:
    """Which pages may give an event a status, and the statuses allowed."""

    kind: str
    choices: Sequence[str]


def event_schema(
    status: StatusRules | None, today: datetime.date
) -> list[tuple[str, BaseConfigOption[Any]]]:
    schema: list[tuple[str, BaseConfigOption[Any]]] = [
        ("date", Date(not_after=today)),
        ("what", Text(max_length=WHAT_MAX_LENGTH)),
        ("sources", Sources(required=True)),
    ]
    if status is not None:
        schema.append(("status", c.Optional(Choice(list(status.choices)))))
    return schema


def load_events(
    catalog: Catalog,
    matcher: Matcher,
    *,
    today: datetime.date,
    status: StatusRules | None = None,
) -> list[Event]:
    """Every page's events, oldest first; `FrontMatterError` lists every problem."""
    on_page = catalog.on_page()
    problems: list[Problem] = []
    events: list[Event] = []
    for src_uri, meta in catalog.front_matter.items():
        if EVENTS_KEY not in meta:
            continue
        found, page_problems = _page_events(
            meta[EVENTS_KEY], src_uri, on_page.get(src_uri, []), matcher, today, status
        )
        events.extend(found)
        problems.extend(page_problems)
    if problems:
        raise FrontMatterError(problems)
    return sort_events(events)


def sort_events(events: Iterable[Event]) -> list[Event]:
    """Oldest first; a month before the days in it; ties in page and list order."""
    return sorted(events, key=lambda e: (dates.sort_key(e.date), e.entity.src_uri, e.number))


def _page_events(
    data: object,
    src_uri: str,
    entities: Sequence[Entity],
    matcher: Matcher,
    today: datetime.date,
    status: StatusRules | None,
) -> tuple[list[Event], list[Problem]]:
    if not entities:
        return [], [
            Problem(
                src_uri,
                EVENTS_KEY,
                "events belong to an entity: this page declares no `entity:`; move the events "
                "to the page of the entity they are about",
            )
        ]
    items, problems = mapping_items(
        data,
        src_uri,
        EVENTS_KEY,
        list_of="events (lines starting with `- date:`)",
        item=" with `date`, `what` and `sources`",
    )
    events = []
    for number, where, item in items:
        entity, found = _owner(item, entities, matcher, src_uri, where)
        item = {key: value for key, value in item.items() if key != OWNER_KEY}
        compared = status is not None and entity is not None and entity.kind == status.kind
        if "status" in item and not compared and entity is not None:
            found.append(Problem(src_uri, f"{where}.status", _status_not_here(entity, status)))
            item = {key: value for key, value in item.items() if key != "status"}
        values, invalid = validate_mapping(
            event_schema(status if compared else None, today), item, src_uri, where
        )
        problems.extend(found + invalid)
        if found or invalid or entity is None:
            continue
        mentions = [m.key for m in matcher.find(values["what"]) if m.key != entity.id]
        events.append(
            Event(
                entity=entity,
                number=number,
                date=values["date"],
                what=values["what"],
                sources=tuple(values["sources"]),
                status=values.get("status"),
                mentions=tuple(dict.fromkeys(mentions)),
            )
        )
    return events, problems


def _owner(
    item: dict[str, Any],
    entities: Sequence[Entity],
    matcher: Matcher,
    src_uri: str,
    where: str,
) -> tuple[Entity | None, list[Problem]]:
    """Whose event it is: the page's entity; on a page of several, the one it is about.

    That is the one its `entity:` names or, without one, the first its `what` names.
    """
    if len(entities) == 1:
        if OWNER_KEY in item:
            return None, [
                Problem(
                    src_uri,
                    f"{where}.{OWNER_KEY}",
                    "only events on a page with several entities say whose they are; remove it",
                )
            ]
        return entities[0], []
    names = ", ".join(e.name for e in entities)
    by_id = {e.id: e for e in entities}
    named = item.get(OWNER_KEY)
    if named is not None:
        found = matcher.find(named.strip()) if isinstance(named, str) else []
        whole = len(found) == 1 and found[0].end - found[0].start == len(str(named).strip())
        owner = by_id.get(found[0].key) if whole else None
        if owner is None:
            return None, [
                Problem(src_uri, f"{where}.{OWNER_KEY}", f"must be one of: {names}; not {named!r}")
            ]
        return owner, []
    what = item.get("what")
    for mention in matcher.find(what) if isinstance(what, str) else []:
        if mention.key in by_id:
            return by_id[mention.key], []
    return None, [
        Problem(
            src_uri,
            where,
            f"this page describes several entities ({names}): name the one the event is about "
            f"in `what`, or say it with `{OWNER_KEY}:`",
        )
    ]


def _status_not_here(entity: Entity, status: StatusRules | None) -> str:
    if status is None:
        return (
            "events carry a status only when the comparison page is enabled with a "
            "`status_field`; remove `status:`"
        )
    return (
        f"only events on pages of kind `{status.kind}` carry a status (this page's entity is "
        f"a `{entity.kind}`); remove `status:`, or move the event to the `{status.kind}` it "
        "is about"
    )


def events_by_entity(events: Iterable[Event]) -> dict[str, list[Event]]:
    """For each entity, the events on its page and those that name it, in `events` order."""
    return index_by_entity(events, lambda event: event.entity_ids)


def status_histories(events: Iterable[Event]) -> dict[str, list[Event]]:
    """For each entity, the events that changed its status, oldest first.

    An event that repeats the status before it confirms it, and is left out: the status
    dates from the event that set it.
    """
    histories: dict[str, list[Event]] = {}
    for event in events:
        if event.status is None:
            continue
        history = histories.setdefault(event.entity.id, [])
        if not history or history[-1].status != event.status:
            history.append(event)
    return histories
