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
from .schema import Schema, Text, TextList, validate_mapping

ENTITY_KEY = "entity"
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
    kind: str | None = fields.get("kind")
    if kind is not None and kind not in kinds:
        problems.append(
            Problem(
                src_uri,
                f"{ENTITY_KEY}.kind",
                f"unknown kind {kind!r}{did_you_mean(kind, kinds)};"
                f" the kinds declared in mkdocs.yml are: {', '.join(kinds)}",
            )
        )
    if problems or kind is None:
        raise FrontMatterError(problems)
    return Entity(
        id=slugify(fields["name"]),
        name=fields["name"],
        aliases=tuple(dict.fromkeys(fields["aliases"])),
        kind=kind,
        summary=fields["summary"],
        src_uri=src_uri,
    )


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
                    f"{ENTITY_KEY}.{field}",
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
                    f"{ENTITY_KEY}.name",
                    f"{entity.name!r} gives the same id {entity.id!r} as {other.name!r} in "
                    f"{other.src_uri}; rename one of them",
                )
            )
    return problems


@dataclass
class Catalog:
    """Every entity of a site, and every page's front matter, read once per build."""

    entities: list[Entity]
    front_matter: dict[str, dict[str, Any]]
    """Front matter by page source path, for modules that read more than `entity:`."""

    def by_src_uri(self) -> dict[str, Entity]:
        return {entity.src_uri: entity for entity in self.entities}


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
            entity = parse_entity(meta, src_uri, kinds)
        except FrontMatterError as error:
            problems.extend(error.problems)
            continue
        if entity is not None:
            entities.append(entity)
    problems.extend(check_unique(entities, case_sensitive=case_sensitive))
    if problems:
        raise FrontMatterError(problems)
    return Catalog(entities, front_matter)
