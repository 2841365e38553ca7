"""Entities: the things an explainer site talks about, each described by one page.

A page declares the entity it describes in its front matter:

    entity:
      name: Foxconn
      aliases: [Hon Hai]
      kind: suitor
      summary: Taiwanese electronics maker that assembles iPhones and wants to build EVs.

This module turns that mapping into an `Entity` and checks a whole site's entities
together (unique names and aliases). It knows nothing about MkDocs pages; the plugin
hands it front matter and source paths.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .frontmatter import FrontMatterError, Problem, describe, did_you_mean, read_front_matter
from .matching import fold_case
from .schema import Schema, Text, TextList, mapping_items, validate_mapping

ENTITY_KEY = "entity"
#: A page that describes several small entities lists them here, each with its section.
ENTITIES_KEY = "entities"
SUMMARY_MAX_LENGTH = 200
ALIAS_MIN_LENGTH = 2


#: The schema of the `entity:` mapping.
ENTITY_SCHEMA: Schema = (
    ("name", Text(name=True)),
    ("aliases", TextList(Text(min_length=ALIAS_MIN_LENGTH, name=True))),
    ("kind", Text()),
    ("summary", Text(max_length=SUMMARY_MAX_LENGTH)),
)


@dataclass(frozen=True)
class Entity:
    """One entity and the page that describes it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    summary: str
    src_uri: str
    anchor: str = ""
    """The id of the entity's section, on a page that describes several ('' otherwise)."""

    @property
    def page(self) -> str:
        """Its page's source path, with its section when it shares the page (`a.md#b`)."""
        return f"{self.src_uri}#{self.anchor}" if self.anchor else self.src_uri

    @property
    def names(self) -> tuple[str, ...]:
        """Every surface form a reader may meet: the name first, then the aliases."""
        return (self.name, *self.aliases)


def slugify(name: str) -> str:
    """A stable ASCII id for `name`: 'Société Générale' -> 'societe-generale'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if slug:
        return slug
    # A name with no Latin letters ('日産', 'Ниссан') would slug to nothing; a digest of the
    # name keeps two such entities apart and stays the same from build to build.
    return "entity-" + hashlib.sha256(name.encode()).hexdigest()[:10]


#: The schema of one item of `entities:`.
SHARED_ENTITY_SCHEMA: Schema = (*ENTITY_SCHEMA, ("anchor", Text()))
_ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def parse_entities(meta: Mapping[str, Any], src_uri: str, kinds: Sequence[str]) -> list[Entity]:
    """The entities a page declares (`entity:`, or several under `entities:`)."""
    if ENTITIES_KEY not in meta:
        entity = parse_entity(meta, src_uri, kinds)
        return [entity] if entity is not None else []
    if ENTITY_KEY in meta:
        raise FrontMatterError(
            [
                Problem(
                    src_uri,
                    ENTITIES_KEY,
                    f"a page declares one `{ENTITY_KEY}:` or a list of `{ENTITIES_KEY}:`, "
                    "not both; move the single one into the list",
                )
            ]
        )
    items, problems = mapping_items(
        meta[ENTITIES_KEY],
        src_uri,
        ENTITIES_KEY,
        list_of="entities (lines starting with `- name:`, each with `kind`, `summary` and "
        "`anchor`)",
        item="",
        allow_empty=False,
    )
    entities = []
    anchors: dict[str, int] = {}
    for number, where, item in items:
        fields, found = validate_mapping(SHARED_ENTITY_SCHEMA, item, src_uri, where)
        found += _kind_problems(fields.get("kind"), kinds, src_uri, where)
        anchor = fields.get("anchor")
        if anchor is not None and not _ANCHOR.fullmatch(anchor):
            found.append(
                Problem(
                    src_uri,
                    f"{where}.anchor",
                    f"{anchor!r} is not a section id: use letters, digits, `-` and `_`, "
                    "starting with a letter (the id in `## Name {#id}`)",
                )
            )
        elif anchor is not None and anchor in anchors:
            found.append(
                Problem(
                    src_uri,
                    f"{where}.anchor",
                    f"{anchor!r} is already the anchor of item {anchors[anchor]}",
                )
            )
        elif anchor is not None:
            anchors[anchor] = number
        problems.extend(found)
        if not found:
            entities.append(_entity(fields, src_uri, anchor=fields["anchor"]))
    if problems:
        raise FrontMatterError(problems)
    return entities


def _kind_problems(
    kind: str | None, kinds: Sequence[str], src_uri: str, where: str
) -> list[Problem]:
    if kind is None or kind in kinds:
        return []
    return [
        Problem(
            src_uri,
            f"{where}.kind",
            f"unknown kind {kind!r}{did_you_mean(kind, kinds)};"
            f" the kinds declared in mkdocs.yml are: {', '.join(kinds)}",
        )
    ]


def _entity(fields: Mapping[str, Any], src_uri: str, *, anchor: str = "") -> Entity:
    return Entity(
        id=slugify(fields["name"]),
        name=fields["name"],
        aliases=tuple(dict.fromkeys(fields["aliases"])),
        kind=fields["kind"],
        summary=fields["summary"],
        src_uri=src_uri,
        anchor=anchor,
    )


def parse_entity(meta: Mapping[str, Any], src_uri: str, kinds: Sequence[str]) -> Entity | None:
    """The entity a page declares, None for an ordinary page; `FrontMatterError` if broken."""
    if ENTITY_KEY not in meta:
        for key in meta:
            # Only a mapping looks like a misspelt `entity:`; `edit: false` is just a key.
            if isinstance(meta[key], dict) and did_you_mean(str(key), [ENTITY_KEY]):
                raise FrontMatterError(
                    [Problem(src_uri, str(key), f"unknown key (did you mean `{ENTITY_KEY}`?)")]
                )
        return None
    data = meta[ENTITY_KEY]
    if not isinstance(data, dict):
        raise FrontMatterError(
            [
                Problem(
                    src_uri,
                    ENTITY_KEY,
                    "must be a mapping of fields (`name:`, `kind:`, `summary:` on indented lines"
                    f" below `{ENTITY_KEY}:`), not {describe(data)}",
                )
            ]
        )
    fields, problems = validate_mapping(ENTITY_SCHEMA, data, src_uri, ENTITY_KEY)
    problems += _kind_problems(fields.get("kind"), kinds, src_uri, ENTITY_KEY)
    if problems or fields.get("kind") is None:
        raise FrontMatterError(problems)
    return _entity(fields, src_uri)


def check_unique(entities: Sequence[Entity], *, case_sensitive: bool = True) -> list[Problem]:
    """Problems for every name, alias or id claimed by two entities (both files named).

    When one entity's name is another's alias, the alias is reported: it is the one to
    change. With case-insensitive matching, 'Honda' and 'honda' are the same name.
    """
    fold = (lambda text: text) if case_sensitive else fold_case
    claims: dict[str, list[tuple[Entity, str]]] = {}
    for entity in entities:
        for surface in entity.names:
            claims.setdefault(fold(surface), []).append((entity, surface))
    problems = []
    for holders in claims.values():
        keeper = next((e for e, surface in holders if surface == e.name), holders[0][0])
        for entity, surface in holders:
            if entity is keeper:
                continue
            field = "name" if surface == entity.name else "aliases"
            problems.append(
                Problem(
                    entity.src_uri,
                    f"{_section(entity)}.{field}",
                    f"{surface!r} is already used by {keeper.src_uri} ({keeper.name}); "
                    "names and aliases must be unique across the site",
                )
            )
    ids: dict[str, Entity] = {}
    for entity in entities:
        other = ids.setdefault(entity.id, entity)
        # Two entities of the same name already got a message; the id clash would repeat it.
        if other is not entity and fold(other.name) != fold(entity.name):
            problems.append(
                Problem(
                    entity.src_uri,
                    f"{_section(entity)}.name",
                    f"{entity.name!r} gives the same id {entity.id!r} as {other.name!r} in "
                    f"{other.src_uri}; rename one of them",
                )
            )
    return problems


def _section(entity: Entity) -> str:
    """Where an entity's fields are in its page's front matter, for messages."""
    return f"{ENTITIES_KEY}[{entity.anchor}]" if entity.anchor else ENTITY_KEY


@dataclass
class Catalog:
    """Every entity of a site, and every page's front matter, read once per build."""

    entities: list[Entity]
    front_matter: dict[str, dict[str, Any]]
    """Front matter by page source path, for modules that read more than `entity:`."""

    def by_src_uri(self) -> dict[str, Entity]:
        """The entity of each page that describes one (pages with several are left out)."""
        return {entity.src_uri: entity for entity in self.entities if not entity.anchor}

    def on_page(self) -> dict[str, list[Entity]]:
        """Every entity each page describes."""
        pages: dict[str, list[Entity]] = {}
        for entity in self.entities:
            pages.setdefault(entity.src_uri, []).append(entity)
        return pages


def load_catalog(
    pages: Iterable[tuple[str, str]], kinds: Sequence[str], *, case_sensitive: bool = True
) -> Catalog:
    """Read `(src_uri, text)` pages; `FrontMatterError` lists every problem on the site."""
    problems: list[Problem] = []
    entities: list[Entity] = []
    front_matter: dict[str, dict[str, Any]] = {}
    for src_uri, text in pages:
        try:
            meta = read_front_matter(text, src_uri)
            front_matter[src_uri] = meta
            entities.extend(parse_entities(meta, src_uri, kinds))
        except FrontMatterError as error:
            problems.extend(error.problems)
    problems.extend(check_unique(entities, case_sensitive=case_sensitive))
    if problems:
        raise FrontMatterError(problems)
    return Catalog(entities, front_matter)
