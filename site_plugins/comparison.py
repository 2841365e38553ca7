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

import datetime
import html
import json
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

import jinja2
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, ValidationError

from .config import ComparisonConfig, FieldConfig
from .diagram import Node, describe_diagram, render_diagram
from .entities import ENTITY_KEY, Catalog, Entity
from .frontmatter import FrontMatterError, Problem, describe, did_you_mean, read_front_matter
from .schema import Text, TextList, validate_mapping
from .urls import is_link_safe, relative_path, url_problem

#: Entities of this kind sit in the middle of the diagram.
SUBJECT_KIND = "subject"
TEMPLATE = "explainer/comparison.md.j2"
#: Anchor of source number n in the page's source list.
SOURCE_ANCHOR = "explainer-source-{}"
#: Badge colour slots in the stylesheet; enum values past the last reuse them.
BADGE_SLOTS = 6
NO_MARKUP = Markup("")


# --- Validation -------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Record:
    """One compared entity and its validated values (None for a missing optional one)."""

    entity: Entity
    values: Mapping[str, Any]

    def sources(self) -> list[Source]:
        """Every source the record cites, from all its `sources` fields, in order."""
        return [
            item
            for value in self.values.values()
            if isinstance(value, list)
            for item in value
            if isinstance(item, Source)
        ]


class Choice(c.Choice[str]):
    """An enum value, with the allowed values and a did-you-mean in its message."""

    def validate(self, value: object, /) -> str:
        # Skip OptionallyRequired's None handling: `c.Optional` decides what None means.
        return self.run_validation(value)

    def run_validation(self, value: object, /) -> str:
        allowed = ", ".join(f"`{choice}`" for choice in self.choices)
        if value is None:
            raise ValidationError(f"is required (one of: {allowed})")
        if not isinstance(value, str):
            raise ValidationError(f"must be one of: {allowed}; not {describe(value)}")
        text = " ".join(value.split())
        if text not in self.choices:
            raise ValidationError(
                f"{text!r} is not allowed{did_you_mean(text, self.choices)}; "
                f"choose one of: {allowed}"
            )
        return text


@dataclass(frozen=True, order=True)
class Month:
    """A date known only to the month: a source dated "February 2025" gives no day."""

    year: int
    month: int

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


#: A `date` field's value: a calendar day, or a month when the source gives no day.
DateValue = datetime.date | Month


def date_sort_key(value: DateValue) -> tuple[int, int, int]:
    """Months sort before the days in them (a month is 'as of' its start)."""
    return (value.year, value.month, value.day if isinstance(value, datetime.date) else 0)


class Date(BaseConfigOption[DateValue]):
    """A date: YYYY-MM-DD (a YAML date or quoted text), or YYYY-MM for a month."""

    DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
    MONTH = re.compile(r"(\d{4})-(\d{2})")
    FORMS = "YYYY-MM-DD, or YYYY-MM for a month"

    def run_validation(self, value: object, /) -> DateValue:
        if value is None:
            raise ValidationError(f"is required (a date written {self.FORMS})")
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            text = value.strip()
            try:
                if self.DAY.fullmatch(text):
                    return datetime.date.fromisoformat(text)
            except ValueError:
                raise ValidationError(f"{text!r} is not a date in the calendar") from None
            if month := self.MONTH.fullmatch(text):
                if 1 <= int(month.group(2)) <= 12:
                    return Month(int(month.group(1)), int(month.group(2)))
                raise ValidationError(f"{text!r} is not a month in the calendar")
            raise ValidationError(f"{text!r} is not a date; write it as {self.FORMS}")
        raise ValidationError(f"must be a date written {self.FORMS}, not {describe(value)}")


class YesNo(BaseConfigOption[bool]):
    def run_validation(self, value: object, /) -> bool:
        if value is None:
            raise ValidationError("is required (yes or no)")
        if not isinstance(value, bool):
            raise ValidationError(f"must be yes or no (true or false), not {describe(value)}")
        return value


class Link(BaseConfigOption[str]):
    """An http(s) URL or a path relative to the docs folder."""

    def run_validation(self, value: object, /) -> str:
        url = Text().run_validation(value)
        if problem := url_problem(url):
            raise ValidationError(problem)
        return url


class NonEmptyTextList(TextList):
    def run_validation(self, value: object, /) -> list[str]:
        items = super().run_validation(value)
        if not items:
            raise ValidationError("is required (a list with at least one item)")
        return items


class SourceFields:
    """The schema of one entry of a `sources` field."""

    @staticmethod
    def schema() -> list[tuple[str, BaseConfigOption[Any]]]:
        return [("title", Text()), ("url", c.Optional(Link()))]


class Sources(BaseConfigOption[list[Source]]):
    """A list of `{title, url}` mappings (a bare string is taken as a title)."""

    def __init__(self, required: bool) -> None:
        super().__init__()
        self.required = required

    def run_validation(self, value: object, /) -> list[Source]:
        if value is None:
            if self.required:
                raise ValidationError("is required (a list of {title, url} entries)")
            return []
        if not isinstance(value, list):
            raise ValidationError(
                f"must be a list of {{title, url}} entries, not {describe(value)}"
            )
        if self.required and not value:
            raise ValidationError("is required (a list with at least one {title, url} entry)")
        sources = []
        for index, item in enumerate(value, start=1):
            if isinstance(item, str):
                item = {"title": item}
            if not isinstance(item, dict):
                raise ValidationError(
                    f"item {index} must be a mapping with `title` and `url`, not {describe(item)}"
                )
            values, problems = validate_mapping(SourceFields.schema(), item, "", "")
            if problems:
                detail = "; ".join(f"{p.field.lstrip('.')} {p.message}" for p in problems)
                raise ValidationError(f"item {index}: {detail}")
            sources.append(Source(values["title"], values["url"]))
        return sources


def field_option(spec: FieldConfig) -> BaseConfigOption[Any]:
    """The config option that validates one declared field's value."""
    option: BaseConfigOption[Any]
    if spec.type == "sources":
        return Sources(spec.required)
    if spec.type == "list":
        return NonEmptyTextList(Text()) if spec.required else TextList(Text())
    if spec.type == "enum":
        option = Choice(spec.choices)
    elif spec.type == "date":
        option = Date()
    elif spec.type == "bool":
        option = YesNo()
    elif spec.type == "url":
        option = Link()
    else:
        option = Text()
    return option if spec.required else c.Optional(option)


def build_schema(fields: Sequence[FieldConfig]) -> list[tuple[str, BaseConfigOption[Any]]]:
    return [(spec.key, field_option(spec)) for spec in fields]


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

    for option, path in (("path", config.path), ("json_path", config.json_path)):
        if path is not None and (problem := _generated_path_problem(path)):
            problems.append(f"{option}: {path!r} {problem}")
    refer("status_field", config.status_field, ("enum",))
    refer("as_of_field", config.as_of_field, ("date",))
    refer("diagram.edge_label", config.diagram.edge_label, ("text", "enum"))
    for key in config.order_by:
        if key != "name":
            refer("order_by", key, ("text", "list", "enum", "date", "bool", "url"))
    return problems


def _generated_path_problem(path: str) -> str:
    """Why a generated file cannot live at `path` ('' when it can)."""
    parts = [part for part in path.strip("/").split("/") if part]
    if not parts:
        return "is empty: give the page a name, like `comparison/`"
    if "\\" in path or any(part.startswith(".") for part in parts):
        # MkDocs skips files whose path has a part starting with '.', so the page would
        # silently vanish; '..' would point outside the site.
        return "must be a plain path inside the site: no `..`, no parts starting with `.`"
    return ""


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
) -> list[Record]:
    """Validated records of every compared entity; `FrontMatterError` lists all problems.

    `known_src_uris`, when given, are the site's files: relative links must point at one.
    """
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
        values, found = validate_mapping(schema, data, src_uri, kind)
        if known_src_uris is not None:
            found.extend(_missing_targets(config.fields, values, src_uri, kind, known_src_uris))
        problems.extend(found)
        if not found:
            records.append(Record(entity, values))
    if problems:
        raise FrontMatterError(problems)
    return sort_records(records, config.fields, config.order_by)


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
        urls = (
            [s.url for s in value if s.url]
            if spec.type == "sources" and value
            else [value]
            if spec.type == "url" and value
            else []
        )
        for url in urls:
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
            elif spec.type == "enum":
                parts.append((0, spec.choices.index(value)))
            elif spec.type == "list":
                parts.append((0, " ".join(value).casefold()))
            elif spec.type == "date":
                parts.append((0, date_sort_key(value)))
            elif spec.type == "bool":
                parts.append((0, value))
            else:
                parts.append((0, str(value).casefold()))
        return (*parts, record.entity.name.casefold(), record.entity.id)

    return sorted(records, key=key)


def find_subject(entities: Iterable[Entity]) -> Entity | None:
    """The entity in the middle of the diagram: the first of kind `subject`, by name."""
    subjects = sorted((e for e in entities if e.kind == SUBJECT_KIND), key=lambda e: e.name)
    return subjects[0] if subjects else None


def page_src_uri(path: str) -> str:
    """The generated page's source path for the configured `path` (`a/b/` -> `a/b.md`)."""
    path = path.strip().strip("/")
    if not path:
        return "index.md"
    return path if path.endswith(".md") else f"{path}.md"


# --- Rendering ---------------------------------------------------------------------------

# Characters that start inline Markdown syntax in Python-Markdown and common extensions
# (emphasis, code, links, attr_list, pymdownx tilde/caret/mark/critic, tables, escapes).
_MARKDOWN_CHARS = "\\`*_[]{}|~^=+!"
_PLAIN_TABLE = {ord(ch): f"&#{ord(ch)};" for ch in _MARKDOWN_CHARS}
# Control characters, including Python-Markdown's own placeholder markers (STX/ETX).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    """One line of text: control characters dropped, whitespace runs made single spaces."""
    return " ".join(_CONTROL.sub("", text).split())


def plain(text: object) -> Markup:
    """`text` as inline Markdown that renders literally: no HTML, no Markdown syntax."""
    escaped = html.escape(_clean(str(text)), quote=False)
    return Markup(escaped.translate(_PLAIN_TABLE))


def inline_markdown(text: object) -> Markup:
    """`text` as inline Markdown with raw HTML (and attribute lists) made literal."""
    escaped = html.escape(_clean(str(text)), quote=False)
    return Markup(escaped.replace("{", "&#123;").replace("}", "&#125;"))


def link_from(url: str, page_src_uri: str) -> str:
    """`url` as written on the page at `page_src_uri`: docs-relative paths re-based."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return url
    path = relative_path(posixpath.normpath(parts.path), posixpath.dirname(page_src_uri))
    return parts._replace(path=path).geturl()


def markdown_link(text: Markup, url: str | None, page_src_uri: str) -> Markup:
    """A Markdown link to `url` (re-based, made safe to embed), or just `text` if unsafe."""
    if not url or not is_link_safe(url):
        return text
    target = quote(link_from(url, page_src_uri), safe="/:#?=&%@!$'*+,;~-._")
    return Markup(f"[{text}]({target})")


def format_date(value: DateValue) -> Markup:
    month = datetime.date(value.year, value.month, 1).strftime("%B")
    day = f"{value.day} " if isinstance(value, datetime.date) else ""
    return Markup(f'<time datetime="{value.isoformat()}">{day}{month} {value.year}</time>')


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


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
    return Badge(plain(_capitalised(value)), value, slot)


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
        return (source.url or "", " ".join(source.title.split()))

    def lookup(self, source: Source) -> SourceEntry:
        return self._by_key[self._key(source)]

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


def render_value(
    spec: FieldConfig,
    value: Any,
    page_src_uri: str,
    numbering: _Numbering,
    refs: Markup = NO_MARKUP,
) -> Markup:
    """One table cell's inline Markdown for `value` (already validated, or None).

    `refs` (source references) follow the value: inside a list's last item, so they do not
    sit alone on a line of their own.
    """
    if value is None or value == []:
        return Markup(
            '<span aria-hidden="true">—</span><span class="explainer-sr-only">not given</span>'
        )
    render = inline_markdown if spec.markdown else plain
    if spec.type == "list":
        items = [render(item) for item in value]
        items[-1] = Markup(items[-1] + refs)
        lis = "".join(f'<li markdown="span">{item}</li>' for item in items)
        return Markup(f'<ul class="explainer-list" markdown>{lis}</ul>')
    if spec.type == "sources":
        lis = "".join(
            f'<li markdown="span"><span class="explainer-ref-number">[{entry.number}]</span> '
            f"{entry.link}</li>"
            for entry in (numbering.lookup(source) for source in value)
        )
        return Markup(f'<ul class="explainer-list explainer-list--sources" markdown>{lis}</ul>')
    if spec.type == "enum":
        return plain(_capitalised(value)) + refs
    if spec.type == "date":
        return format_date(value) + refs
    if spec.type == "bool":
        return Markup("Yes" if value else "No") + refs
    if spec.type == "url":
        return markdown_link(plain(value), value, page_src_uri) + refs
    return render(value) + refs


def template_environment(template_dirs: Sequence[str] = ()) -> jinja2.Environment:
    """Jinja environment for the page: the theme's `custom_dir` first, then ours."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dirs:
        loaders.append(jinja2.FileSystemLoader(list(template_dirs)))
    loaders.append(jinja2.PackageLoader("site_plugins", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        # The template writes HTML inside Markdown: anything not already Markup is escaped.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plain"] = plain
    env.filters["inline_markdown"] = inline_markdown
    return env


def _front_matter(values: Mapping[str, str | list[str] | None]) -> str:
    # JSON strings are valid YAML scalars, and need no further quoting rules.
    lines = [f"{key}: {json.dumps(value)}" for key, value in values.items() if value]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


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
                cells.append(badge(spec, value).html + refs)
            else:
                cells.append(render_value(spec, value, src_uri, numbering, refs))
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
                name=_clean(record.entity.name),
                label=_clean(str(record.values.get(label_key) or "")) if label_key else "",
                note=_capitalised(str(record.values[status.key])) if status else "",
            )
            for record in records
        ]
        svg = render_diagram(
            _clean(subject.name),
            nodes,
            title=f"How each {config.kind} relates to {_clean(subject.name)}",
            description=describe_diagram(_clean(subject.name), nodes),
        )
        diagram = {
            "svg": Markup(svg),
            "subject": plain(subject.name),
            "items": [
                DiagramItem(plain(node.name), plain(node.label), plain(node.note)) for node in nodes
            ],
        }

    json_href = None
    if config.json_path:
        json_href = quote(link_from(config.json_path.lstrip("/"), src_uri), safe="/#?=&%-._~")
    body = (
        template_environment(template_dirs)
        .get_template(TEMPLATE)
        .render(
            title=plain(config.title),
            title_text=_clean(config.title),
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
    front = {"title": config.title, "description": config.description, "hide": ["toc"]}
    return _front_matter(front) + body


# --- JSON export -------------------------------------------------------------------------


def export_json(
    config: ComparisonConfig,
    records: Sequence[Record],
    subject: Entity | None,
    *,
    src_uri: str,
    url_for: Callable[[str], str | None],
    site_url: str | None = None,
) -> str:
    """The data behind the page as JSON (shape in this module's docstring)."""

    def site_link(url: str | None) -> str | None:
        """A docs-relative path becomes the built page's URL; absolute when site_url is set."""
        if url is None:
            return None
        parts = urlsplit(url)
        if not parts.scheme and not parts.netloc and parts.path:
            built = url_for(posixpath.normpath(unquote(parts.path)))
            if built is not None:
                url = built + (f"#{parts.fragment}" if parts.fragment else "")
        elif not parts.scheme and not parts.netloc:
            return url
        return urljoin(site_url, url) if site_url and not parts.scheme else url

    def value_json(spec: FieldConfig, value: Any) -> Any:
        if value is None:
            return None
        if spec.type == "date":
            return value.isoformat()
        if spec.type == "sources":
            return [{"title": s.title, "url": site_link(s.url)} for s in value]
        if spec.type == "url":
            return site_link(value)
        return value

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
        "page": site_link(src_uri),
        "kind": config.kind,
        "subject": (
            {"id": subject.id, "name": subject.name, "page": site_link(subject.src_uri)}
            if subject
            else None
        ),
        "fields": [field_json(spec) for spec in config.fields],
        "entries": [
            {
                "id": record.entity.id,
                "name": record.entity.name,
                "page": site_link(record.entity.src_uri),
                "values": {
                    spec.key: value_json(spec, record.values.get(spec.key))
                    for spec in config.fields
                },
            }
            for record in records
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
