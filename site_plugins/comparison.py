"""The generated comparison page: every entity of one kind, side by side.

The fields compared are declared in `mkdocs.yml` (`ComparisonConfig.fields`); each page
of the compared kind carries its values under a front-matter key named like the kind:

    entity: {name: Acme Motors, kind: suitor, summary: ...}
    suitor:
      status: considering
      deal: [partnership, stake purchase]
      as_of: 2025-02-28
      sources:
        - {title: "Autoblog, February 2025", url: sources.md#autoblog}

This module, free of MkDocs' build machinery (it uses only its config-option classes):

* `load_records` validates those mappings against a schema built from the declared fields
  (one config option per field type) and lists every problem, with file and field;
* `render_page` turns the records into the page's Markdown through a Jinja template
  (`explainer/comparison.md.j2`, overridable from the theme's `custom_dir`);
* `export_json` gives the same data as JSON.

Front matter is untrusted text. Plain values are HTML-escaped and their Markdown
punctuation is written as character references, so they render literally; values of
fields declared `markdown: true` go through Markdown with `<`, `>`, `&` escaped first.
Only http(s) links and paths inside the site become links.

Relative URLs in front matter are relative to the docs folder (`sources.md#autoblog`);
on the page they are rewritten relative to the page, so MkDocs checks them under --strict.

The intro (`intro`, a Markdown file under docs_dir that `exclude_docs` keeps from being a
page of its own) is inserted as written: links in it are relative to the generated page.
On the generated page, links other than http(s) and relative ones (`mailto:` too) are
shown as text (see safelinks.py).

JSON export (`json_path`), version 1::

    {
      "version": 1,
      "title": "Who might buy Beta Cars?",        # the page title
      "description": "..." | null,
      "page": "who-might-buy-beta/",                # URL of the comparison page
      "kind": "suitor",                             # the compared entity kind
      "subject": {"id", "name", "page"} | null,     # the entity of kind `subject`
      "fields": [                                   # as declared, in declared order
        {"key", "label", "type", "required", "help", "choices"}  # choices: enums only
      ],
      "entries": [                                  # in the page's column order
        {"id", "name", "page", "values": {key: value}}
      ]
    }

Values by field type: text, enum and url are strings; list is a list of strings; date is
"YYYY-MM-DD" (or "YYYY-MM" when the page gives only a month); bool is true/false; sources
is a list of {"title", "url"} (url may be null); a missing optional value is null. URLs
("page", url values, source urls) are absolute when the site sets `site_url`, else
relative to the site root.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from . import generated
from .config import ComparisonConfig, FieldConfig
from .dates import format_date
from .diagram import Node, Tie, describe_diagram, parse_tie, render_diagram
from .entities import ENTITY_KEY, Catalog, Entity
from .events import Event, StatusRules, status_histories
from .fields import Source, field_type
from .frontmatter import FrontMatterError, Problem, describe, did_you_mean, read_front_matter
from .generated import GENERATED_MARK, Output, PageGenerator, Site
from .markup import (
    NO_MARKUP,
    capitalised,
    clean,
    markdown_link,
    page_front_matter,
    plain,
    template_environment,
)
from .schema import validate_mapping

#: Entities of this kind sit in the middle of the diagram.
SUBJECT_KIND = "subject"
TEMPLATE = "explainer/comparison.md.j2"
#: Anchor of source number n in the page's source list.
SOURCE_ANCHOR = "explainer-source-{}"
#: Badge colour slots in the stylesheet; enum values past the last reuse them.
BADGE_SLOTS = 6


# --- Validation -------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One compared entity and its validated values (None for a missing optional one)."""

    entity: Entity
    values: Mapping[str, Any]
    history: tuple[Event, ...] = ()
    """Its events that carry a status, oldest first: the last gave the current status."""

    def sources(self) -> list[Source]:
        """Every source the record cites, from all its `sources` fields, in order."""
        return [
            item
            for value in self.values.values()
            if isinstance(value, list)
            for item in value
            if isinstance(item, Source)
        ]


def build_schema(fields: Sequence[FieldConfig]) -> list[tuple[str, Any]]:
    return [(spec.key, field_type(spec).option(spec)) for spec in fields]


def status_rules(config: ComparisonConfig) -> StatusRules | None:
    """Which events may carry a status, and which statuses: the comparison's status field."""
    if not config.enabled or not config.status_field:
        return None
    spec = next((f for f in config.fields if f.key == config.status_field), None)
    if spec is None or spec.type != "enum":
        return None
    return StatusRules(config.kind, list(spec.choices))


def check_declarations(config: ComparisonConfig, kinds: Sequence[str]) -> list[str]:
    """Problems with the comparison options in mkdocs.yml, as `option: message` lines."""
    problems = []
    if config.kind not in kinds:
        declared = ", ".join(kinds)
        problems.append(f"kind: {config.kind!r} is not one of the declared kinds ({declared})")
    by_key: dict[str, FieldConfig] = {}
    for index, spec in enumerate(config.fields, start=1):
        where = f"fields[{index}] ({spec.key})"
        if spec.key in by_key:
            problems.append(f"{where}: the key is declared twice")
        by_key[spec.key] = spec
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", spec.key):
            problems.append(f"{where}: keys are letters, digits, `_` and `-`")
        if spec.type == "enum" and not spec.choices:
            problems.append(f"{where}: an enum field needs `choices`")
        if spec.type != "enum" and spec.choices:
            problems.append(f"{where}: `choices` only apply to enum fields")
        if spec.markdown and spec.type not in ("text", "list"):
            problems.append(f"{where}: `markdown` only applies to text and list fields")

    def refer(option: str, key: str | None, types: Collection[str]) -> None:
        if key is None:
            return
        spec = by_key.get(key)
        if spec is None:
            hint = did_you_mean(key, list(by_key))
            problems.append(f"{option}: no field has the key {key!r}{hint}")
        elif spec.type not in types:
            wanted = " or ".join(types)
            problems.append(f"{option}: field {key!r} is a {spec.type} field, not {wanted}")

    problems += generated.page_path_problems(config)
    refer("status_field", config.status_field, ("enum",))
    refer("as_of_field", config.as_of_field, ("date",))
    refer("diagram.edge_label", config.diagram.edge_label, ("text", "enum"))
    refer("diagram.ties_field", config.diagram.ties_field, ("list",))
    status_spec = by_key.get(config.status_field or "")
    for value in config.diagram.ended_statuses:
        if status_spec is None or value not in status_spec.choices:
            choices = ", ".join(status_spec.choices) if status_spec else "no status_field is set"
            problems.append(
                f"diagram.ended_statuses: {value!r} is not a value of the status field ({choices})"
            )
    for key in config.order_by:
        if key != "name":
            refer("order_by", key, ("text", "list", "enum", "date", "bool", "url"))
    return problems


def compared_pages_left_out(pages: Iterable[tuple[str, str]], kind: str) -> list[Problem]:
    """Problems for excluded `(src_uri, text)` pages that carry `kind:` values.

    Left out by `exclude_docs`, such a page would silently drop out of the comparison.
    """
    problems = []
    for src_uri, text in pages:
        try:
            meta = read_front_matter(text, src_uri)
        except FrontMatterError:
            continue
        if kind in meta:
            problems.append(
                Problem(
                    src_uri,
                    kind,
                    "the page is excluded from the build (exclude_docs), so the comparison page"
                    " would leave it out; remove it from exclude_docs, or delete its page",
                )
            )
    return problems


def load_records(
    catalog: Catalog,
    config: ComparisonConfig,
    known_src_uris: Collection[str] | None = None,
    histories: Mapping[str, Sequence[Event]] | None = None,
) -> list[Record]:
    """Validated records of every compared entity; `FrontMatterError` lists all problems.

    `known_src_uris`, when given, are the site's files: relative links must point at one.
    `histories` are each entity's status events (events.status_histories): an entity with
    any takes its current status from the newest, and must not type it again.
    """
    histories = histories or {}
    kind = config.kind
    schema = build_schema(config.fields)
    entities = catalog.by_src_uri()
    problems: list[Problem] = []
    records = []
    for src_uri, meta in catalog.front_matter.items():
        entity = entities.get(src_uri)
        if kind not in meta:
            for key in meta:
                misspelt = isinstance(meta[key], dict) and did_you_mean(str(key), [kind])
                if key not in (kind, ENTITY_KEY) and misspelt:
                    hint = f"unknown key (did you mean `{kind}`?)"
                    problems.append(Problem(src_uri, str(key), hint))
            if entity is not None and entity.kind == kind:
                keys = ", ".join(spec.key for spec in config.fields)
                problems.append(
                    Problem(
                        src_uri,
                        kind,
                        f"is missing: a page whose entity.kind is `{kind}` needs a `{kind}:` "
                        f"mapping with its values for the comparison page ({keys})",
                    )
                )
            continue
        if entity is None or entity.kind != kind:
            declared = (
                "this page declares no entity"
                if entity is None
                else f"this page's entity.kind is `{entity.kind}`"
            )
            problems.append(
                Problem(
                    src_uri,
                    kind,
                    f"only pages whose entity.kind is `{kind}` carry a `{kind}:` mapping; "
                    + declared,
                )
            )
            continue
        data = meta[kind]
        if not isinstance(data, dict):
            problems.append(
                Problem(src_uri, kind, f"must be a mapping of fields, not {describe(data)}")
            )
            continue
        history = tuple(histories.get(entity.id, ()))
        found: list[Problem] = []
        if history and config.status_field:
            data, found = _status_from_history(data, history, config.status_field, kind, src_uri)
        values, invalid = validate_mapping(schema, data, src_uri, kind)
        found += invalid
        if known_src_uris is not None:
            found.extend(_missing_targets(config.fields, values, src_uri, kind, known_src_uris))
        problems.extend(found)
        if not found:
            records.append(Record(entity, values, history))
    if config.diagram.ties_field:
        problems.extend(_tie_problems(records, config.diagram.ties_field, kind))
    if problems:
        raise FrontMatterError(problems)
    return sort_records(records, config.fields, config.order_by)


def _tie_problems(records: Sequence[Record], key: str, kind: str) -> list[Problem]:
    """A problem for each `key` item that does not name another compared entity."""
    names = [record.entity.name for record in records]
    problems = []
    for record in records:
        for item in record.values.get(key) or []:
            try:
                parse_tie(record.entity.name, str(item), names)
            except ValueError as error:
                problems.append(Problem(record.entity.src_uri, f"{kind}.{key}", str(error)))
    return problems


def diagram_ties(records: Sequence[Record], key: str | None) -> list[Tie]:
    """The ties the records' `key` lists declare (validated by load_records)."""
    if not key:
        return []
    names = [record.entity.name for record in records]
    ties = []
    for record in records:
        for item in record.values.get(key) or []:
            tie = parse_tie(record.entity.name, str(item), names)
            ties.append(Tie(clean(tie.first), clean(tie.second), clean(tie.label)))
    return ties


def _status_from_history(
    data: Mapping[str, Any], history: Sequence[Event], key: str, where: str, src_uri: str
) -> tuple[dict[str, Any], list[Problem]]:
    """The values, with the status taken from the newest status event.

    A status typed in both places could disagree, so it is typed once: in the events.
    """
    current = history[-1]
    if key in data:
        return dict(data), [
            Problem(
                src_uri,
                f"{where}.{key}",
                f"this page's events give the status (the newest, {current.date.isoformat()}: "
                f"{current.status!r}); remove `{key}:` here, the status is typed once",
            )
        ]
    return {**data, key: current.status}, []


def _missing_targets(
    fields: Sequence[FieldConfig],
    values: Mapping[str, Any],
    src_uri: str,
    section: str,
    known: Collection[str],
) -> list[Problem]:
    problems = []
    for spec in fields:
        value = values.get(spec.key)
        for url in field_type(spec).urls(value) if value else []:
            parts = urlsplit(url)
            if parts.scheme or not parts.path:
                continue
            target = posixpath.normpath(unquote(parts.path))
            if target not in known:
                hint = did_you_mean(target, known)
                if not hint and _looks_like_a_host(target):
                    hint = f" (if it is a web address, write it as https://{target})"
                problems.append(
                    Problem(
                        src_uri,
                        f"{section}.{spec.key}",
                        f"links to {target!r}, which is not a file in the docs folder{hint}",
                    )
                )
    return problems


def _looks_like_a_host(path: str) -> bool:
    """'www.autoblog.com/x': a web address typed without its scheme."""
    first = path.split("/", 1)[0]
    if first.startswith("www."):
        return True
    suffix = first.rsplit(".", 1)[-1] if "." in first else ""
    return suffix in {"com", "org", "net", "info", "news", "io", "co", "uk", "jp", "tw", "fr"}


def sort_records(
    records: Iterable[Record], fields: Sequence[FieldConfig], order_by: Sequence[str]
) -> list[Record]:
    """Order columns by `order_by`: enums in declared order, missing values last, then name."""
    specs = {spec.key: spec for spec in fields}

    def key(record: Record) -> tuple[Any, ...]:
        parts: list[tuple[int, Any]] = []
        for name in order_by:
            if name == "name":
                parts.append((0, record.entity.name.casefold()))
                continue
            spec, value = specs[name], record.values.get(name)
            if value is None or value == []:
                parts.append((1, 0))
            else:
                parts.append((0, field_type(spec).sort_key(spec, value)))
        return (*parts, record.entity.name.casefold(), record.entity.id)

    return sorted(records, key=key)


def find_subject(entities: Iterable[Entity]) -> Entity | None:
    """The entity in the middle of the diagram: the first of kind `subject`, by name."""
    subjects = sorted((e for e in entities if e.kind == SUBJECT_KIND), key=lambda e: e.name)
    return subjects[0] if subjects else None


# --- Rendering ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Badge:
    label: Markup
    value: str
    slot: int
    """1-based colour slot, from the value's position among the field's choices."""

    @property
    def html(self) -> Markup:
        value = html.escape(self.value)
        return Markup(
            f'<span class="explainer-badge explainer-badge--{self.slot}" data-value="{value}">'
            f"{self.label}</span>"
        )


def badge(spec: FieldConfig, value: str) -> Badge:
    """The badge for an enum value; its colour slot follows the value's declared position."""
    slot = spec.choices.index(value) % BADGE_SLOTS + 1 if value in spec.choices else 1
    return Badge(plain(capitalised(value)), value, slot)


def status_cell(spec: FieldConfig, value: str, history: Sequence[Event], refs: Markup) -> Markup:
    """The current status as a badge, with its date and the statuses before it.

    'Withdrawn since Sep 2025 · Before: Considering (Feb 2025) → In talks (Jul 2025)'.
    """
    cell = badge(spec, value).html
    if history:
        since = format_date(history[-1].date, short=True)
        cell += Markup(f' <span class="explainer-status-since">since {since}</span>')
    earlier = [
        f"{plain(capitalised(e.status or ''))} ({format_date(e.date, short=True)})"
        for e in history[:-1]
    ]
    if earlier:
        cell += Markup(
            ' <span class="explainer-status-history">'
            '<span class="explainer-status-history__label">'
            f"Before:</span> {' → '.join(earlier)}</span>"
        )
    return cell + refs


@dataclass(frozen=True)
class Column:
    """One compared entity, as the template sees it (overrides may use every field)."""

    id: str
    name: Markup
    link: Markup
    """The name linked to the entity's page (relative `.md` link)."""


@dataclass(frozen=True)
class Row:
    key: str
    type: str
    label: Markup
    help: Markup | None
    cells: list[Markup]


@dataclass(frozen=True)
class SourceEntry:
    number: int
    anchor: str
    link: Markup
    cited_by: list[Markup]


@dataclass(frozen=True)
class DiagramItem:
    name: Markup
    label: Markup
    note: Markup


@dataclass
class _Numbering:
    """Numbers sources across the page in order of first appearance.

    Entries citing the same source (same URL and title) share its number.
    """

    page_src_uri: str
    entries: list[SourceEntry] = field(default_factory=list)
    _by_key: dict[tuple[str, str], SourceEntry] = field(default_factory=dict)

    @staticmethod
    def _key(source: Source) -> tuple[str, str]:
        return (source.url, " ".join(source.title.split()))

    def lookup(self, source: Source) -> SourceEntry:
        return self._by_key[self._key(source)]

    def cite(self, source: Source) -> Markup:
        """The source as an item of a `sources` cell: its number, then its link."""
        entry = self.lookup(source)
        return Markup(f'<span class="explainer-ref-number">[{entry.number}]</span> {entry.link}')

    def number(self, source: Source, cited_by: str) -> SourceEntry:
        key = self._key(source)
        entry = self._by_key.get(key)
        if entry is None:
            number = len(self.entries) + 1
            link = markdown_link(plain(source.title), source.url, self.page_src_uri)
            entry = SourceEntry(number, SOURCE_ANCHOR.format(number), link, [])
            self.entries.append(entry)
            self._by_key[key] = entry
        name = plain(cited_by)
        if name not in entry.cited_by:
            entry.cited_by.append(name)
        return entry


def _refs(entries: Sequence[SourceEntry]) -> Markup:
    if not entries:
        return NO_MARKUP
    links = ", ".join(
        f'<a href="#{e.anchor}" aria-label="Source {e.number}">{e.number}</a>' for e in entries
    )
    return Markup(f'<sup class="explainer-ref">[{links}]</sup>')


def render_page(
    config: ComparisonConfig,
    records: Sequence[Record],
    subject: Entity | None,
    *,
    src_uri: str,
    intro: str = "",
    template_dirs: Sequence[str] = (),
) -> str:
    """The comparison page's Markdown source, front matter included."""
    specs = {spec.key: spec for spec in config.fields}
    status = specs.get(config.status_field or "")
    as_of = specs.get(config.as_of_field or "")
    numbering = _Numbering(src_uri)
    for record in records:
        for source in record.sources():
            numbering.number(source, record.entity.name)

    columns = [
        Column(
            id=record.entity.id,
            name=plain(record.entity.name),
            link=markdown_link(plain(record.entity.name), record.entity.src_uri, src_uri),
        )
        for record in records
    ]
    rows = []
    for spec in config.fields:
        cells = []
        for record in records:
            value = record.values.get(spec.key)
            refs = NO_MARKUP
            # The as-of date is the editors' own; every other value comes from the sources.
            if spec.type != "sources" and spec is not as_of:
                cited = {numbering.lookup(s).number: numbering.lookup(s) for s in record.sources()}
                refs = _refs(list(cited.values()))
            if spec is status and value is not None:
                cells.append(status_cell(spec, value, record.history, refs))
            else:
                cells.append(field_type(spec).cell(spec, value, numbering, refs))
        rows.append(
            Row(
                key=spec.key,
                type=spec.type,
                label=plain(spec.label),
                help=plain(spec.help) if spec.help else None,
                cells=cells,
            )
        )

    diagram = None
    if config.diagram.enabled and subject is not None:
        label_key = config.diagram.edge_label
        nodes = [
            Node(
                name=clean(record.entity.name),
                label=clean(str(record.values.get(label_key) or "")) if label_key else "",
                note=capitalised(str(record.values[status.key])) if status else "",
                ended=status is not None
                and str(record.values.get(status.key)) in config.diagram.ended_statuses,
            )
            for record in records
        ]
        ties = diagram_ties(records, config.diagram.ties_field)
        svg = render_diagram(
            clean(subject.name),
            nodes,
            title=f"How each {config.kind} relates to {clean(subject.name)}",
            description=describe_diagram(clean(subject.name), nodes, ties),
            ties=ties,
        )
        diagram = {
            "svg": Markup(svg),
            "subject": plain(subject.name),
            "items": [
                DiagramItem(plain(node.name), plain(node.label), plain(node.note)) for node in nodes
            ],
        }

    json_href = generated.json_href(config.json_path, src_uri) if config.json_path else None
    body = (
        template_environment(template_dirs)
        .get_template(TEMPLATE)
        .render(
            title=plain(config.title),
            title_text=clean(config.title),
            kind=plain(config.kind),
            intro=Markup(intro.strip()),
            columns=columns,
            rows=rows,
            status=status,
            as_of=as_of,
            sources=numbering.entries,
            diagram=diagram,
            json_href=json_href,
            json_name=plain(posixpath.basename(config.json_path or "")),
        )
    )
    # The table needs the width: Material hides the page's table of contents on request.
    front = {
        "title": config.title,
        "description": config.description,
        **GENERATED_MARK,
        "hide": ["toc"],
    }
    return page_front_matter(front) + body


# --- JSON export -------------------------------------------------------------------------


def export_json(
    config: ComparisonConfig,
    records: Sequence[Record],
    subject: Entity | None,
    *,
    src_uri: str,
    link: Callable[[str | None], str | None],
) -> str:
    """The data behind the page as JSON (shape in this module's docstring).

    `link` makes a docs-relative path the built page's URL (generated.Site.link).
    """

    def value_json(spec: FieldConfig, value: Any) -> Any:
        # A missing optional value is null (a list field reads a missing list as []).
        return None if value is None or value == [] else field_type(spec).to_json(value, link)

    def field_json(spec: FieldConfig) -> dict[str, Any]:
        data: dict[str, Any] = {"key": spec.key, "label": spec.label, "type": spec.type}
        data |= {"required": spec.required, "help": spec.help}
        if spec.type == "enum":
            data["choices"] = list(spec.choices)
        return data

    data = {
        "version": 1,
        "title": config.title,
        "description": config.description,
        "page": link(src_uri),
        "kind": config.kind,
        "subject": (
            {"id": subject.id, "name": subject.name, "page": link(subject.src_uri)}
            if subject
            else None
        ),
        "fields": [field_json(spec) for spec in config.fields],
        "entries": [
            {
                "id": record.entity.id,
                "name": record.entity.name,
                "page": link(record.entity.src_uri),
                "values": {
                    spec.key: value_json(spec, record.values.get(spec.key))
                    for spec in config.fields
                },
                "status_history": [
                    {"date": event.date.isoformat(), "status": event.status, "event": event.id}
                    for event in record.history
                ],
            }
            for record in records
        ],
    }
    return generated.json_text(data)


# --- The generator -----------------------------------------------------------------------


class ComparisonGenerator(PageGenerator):
    """The comparison page and its JSON export, from the compared entities' front matter."""

    option = "comparison"
    config: ComparisonConfig

    def check_options(self, kinds: Sequence[str]) -> list[str]:
        return check_declarations(self.config, kinds)

    def load(self, site: Site) -> list[Record]:
        """The validated records; `FrontMatterError` lists every problem."""
        problems = compared_pages_left_out(site.excluded_pages, self.config.kind)
        try:
            records = load_records(
                site.catalog,
                self.config,
                known_src_uris=site.src_uris,
                histories=status_histories(site.events),
            )
        except FrontMatterError as error:
            problems += error.problems
        if problems:
            raise FrontMatterError(problems)
        return records

    def generate(self, site: Site) -> list[Output]:
        config = self.config
        records = self.load(site)
        subject = find_subject(site.catalog.entities)
        markdown = render_page(
            config,
            records,
            subject,
            src_uri=self.src_uri,
            intro=generated.read_intro(config.intro, "comparison.intro", site),
            template_dirs=site.template_dirs,
        )
        data = (
            export_json(config, records, subject, src_uri=self.src_uri, link=site.link)
            if config.json_path
            else None
        )
        return self.outputs(markdown, data)
