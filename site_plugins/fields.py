"""Front-matter field types: one object per type, shared by every generated page.

A field declared in `mkdocs.yml` (`type: date`, `type: sources`, …) is validated, sorted,
rendered and exported by the `FieldType` of that name in `FIELD_TYPES`; events and other
front matter reuse the same config options (`Date`, `Sources`, `Choice`, `Link`). Adding a
type is adding one class here.

Validation uses MkDocs' `config_options` machinery (see schema.py), so every message names
the field and says how to fix it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, ValidationError

from . import dates
from .dates import DateValue
from .frontmatter import describe, did_you_mean
from .markup import capitalised, inline_markdown, markdown_link, plain
from .schema import Text, TextList, validate_mapping
from .urls import url_problem


class FieldSpec(Protocol):
    """A declared field (config.FieldConfig): what a field type needs to know of it."""

    key: str
    type: str
    required: bool
    choices: list[str]
    markdown: bool


@dataclass(frozen=True)
class Source:
    """A published page a value rests on: its title as cited, and where it is."""

    title: str
    url: str


# --- Config options ----------------------------------------------------------------------


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


class Date(BaseConfigOption[DateValue]):
    """A date: YYYY-MM-DD (a YAML date or quoted text), or YYYY-MM for a month."""

    def __init__(self, *, not_after: datetime.date | None = None) -> None:
        super().__init__()
        self.not_after = not_after
        """Dates later than this (the build date, for events) are refused."""

    def run_validation(self, value: object, /) -> DateValue:
        parsed = self._parse(value)
        if self.not_after is not None and dates.first_day(parsed) > self.not_after:
            raise ValidationError(
                f"{parsed.isoformat()} is in the future (the build date is "
                f"{self.not_after.isoformat()}); events record what has happened"
            )
        return parsed

    def _parse(self, value: object) -> DateValue:
        if value is None:
            raise ValidationError(f"is required (a date written {dates.FORMS})")
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return dates.parse_date(value)
            except dates.DateSyntaxError as error:
                raise ValidationError(str(error)) from None
        raise ValidationError(f"must be a date written {dates.FORMS}, not {describe(value)}")


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


#: The schema of one entry of a `sources` list.
SOURCE_SCHEMA: Sequence[tuple[str, BaseConfigOption[Any]]] = (("title", Text()), ("url", Link()))
_SOURCE_SHAPE = "{title, url} entries, like `- {title: Reuters, 13 Feb 2025, url: https://…}`"


class Sources(BaseConfigOption[list[Source]]):
    """A list of `{title, url}` mappings: every source names the page it is and links to it."""

    def __init__(self, required: bool) -> None:
        super().__init__()
        self.required = required

    def run_validation(self, value: object, /) -> list[Source]:
        if value is None:
            if self.required:
                raise ValidationError(f"is required (a list of {_SOURCE_SHAPE})")
            return []
        if not isinstance(value, list):
            raise ValidationError(f"must be a list of {_SOURCE_SHAPE}, not {describe(value)}")
        if self.required and not value:
            raise ValidationError(f"is required (at least one of the {_SOURCE_SHAPE})")
        sources = []
        for index, item in enumerate(value, start=1):
            if isinstance(item, str):
                raise ValidationError(
                    f"item {index} is bare text ({item!r}); write it as `title:` and `url:` "
                    "on indented lines, so readers can follow the source"
                )
            if not isinstance(item, dict):
                raise ValidationError(
                    f"item {index} must be a mapping with `title` and `url`, not {describe(item)}"
                )
            values, problems = validate_mapping(SOURCE_SCHEMA, item, "", "")
            if problems:
                detail = "; ".join(f"{p.field.lstrip('.')} {p.message}" for p in problems)
                raise ValidationError(f"item {index}: {detail}")
            sources.append(Source(values["title"], values["url"]))
        return sources


# --- Field types -------------------------------------------------------------------------


class Cells(Protocol):
    """What a field type needs from the page it renders on."""

    page_src_uri: str

    def cite(self, source: Source) -> Markup:
        """A source as one list item's inline Markdown (numbered on the comparison page)."""
        ...


SiteLink = Callable[[str | None], str | None]

_MISSING = Markup(
    '<span aria-hidden="true">—</span> <span class="explainer-sr-only">not given</span>'
)


class FieldType:
    """How values of one declared type are checked, ordered, shown and exported."""

    name: ClassVar[str]
    sortable: ClassVar[bool] = True

    def base_option(self, spec: FieldSpec) -> BaseConfigOption[Any]:
        return Text()

    def option(self, spec: FieldSpec) -> BaseConfigOption[Any]:
        """The config option that validates a value of `spec`, required or not."""
        option = self.base_option(spec)
        return option if spec.required else c.Optional(option)

    def sort_key(self, spec: FieldSpec, value: Any) -> Any:
        return str(value).casefold()

    def render(self, spec: FieldSpec, value: Any, cells: Cells, refs: Markup) -> Markup:
        """A table cell's inline Markdown; `refs` (source references) follow the value."""
        return (inline_markdown if spec.markdown else plain)(value) + refs

    def to_json(self, value: Any, site_link: SiteLink) -> Any:
        return value

    def urls(self, value: Any) -> list[str]:
        """The URLs in a value, for checking that relative ones point at a page."""
        return []

    def cell(self, spec: FieldSpec, value: Any, cells: Cells, refs: Markup) -> Markup:
        if value is None or value == []:
            return _MISSING
        return self.render(spec, value, cells, refs)


class TextField(FieldType):
    name = "text"


class ListField(FieldType):
    name = "list"

    def option(self, spec: FieldSpec) -> BaseConfigOption[Any]:
        return NonEmptyTextList(Text()) if spec.required else TextList(Text())

    def sort_key(self, spec: FieldSpec, value: Any) -> Any:
        return " ".join(value).casefold()

    def render(self, spec: FieldSpec, value: Any, cells: Cells, refs: Markup) -> Markup:
        render = inline_markdown if spec.markdown else plain
        items = [render(item) for item in value]
        # Inside the last item, so the references do not sit alone on a line of their own.
        items[-1] = Markup(items[-1] + refs)
        lis = "".join(f'<li markdown="span">{item}</li>' for item in items)
        return Markup(f'<ul class="explainer-list" markdown>{lis}</ul>')


class EnumField(FieldType):
    name = "enum"

    def base_option(self, spec: FieldSpec) -> BaseConfigOption[Any]:
        return Choice(spec.choices)

    def sort_key(self, spec: FieldSpec, value: Any) -> Any:
        return spec.choices.index(value)

    def render(self, spec: FieldSpec, value: Any, cells: Cells, refs: Markup) -> Markup:
        return plain(capitalised(value)) + refs


class DateField(FieldType):
    name = "date"

    def base_option(self, spec: FieldSpec) -> BaseConfigOption[Any]:
        return Date()

    def sort_key(self, spec: FieldSpec, value: Any) -> Any:
        return dates.sort_key(value)

    def render(self, spec: FieldSpec, value: Any, cells: Cells, refs: Markup) -> Markup:
        return dates.format_date(value) + refs

    def to_json(self, value: Any, site_link: SiteLink) -> Any:
        return value.isoformat()


class BoolField(FieldType):
    name = "bool"

    def base_option(self, spec: FieldSpec) -> BaseConfigOption[Any]:
        return YesNo()

    def sort_key(self, spec: FieldSpec, value: Any) -> Any:
        return value

    def render(self, spec: FieldSpec, value: Any, cells: Cells, refs: Markup) -> Markup:
        return Markup("Yes" if value else "No") + refs


class UrlField(FieldType):
    name = "url"

    def base_option(self, spec: FieldSpec) -> BaseConfigOption[Any]:
        return Link()

    def render(self, spec: FieldSpec, value: Any, cells: Cells, refs: Markup) -> Markup:
        return markdown_link(plain(value), value, cells.page_src_uri) + refs

    def to_json(self, value: Any, site_link: SiteLink) -> Any:
        return site_link(value)

    def urls(self, value: Any) -> list[str]:
        return [value]


class SourcesField(FieldType):
    name = "sources"
    sortable = False

    def option(self, spec: FieldSpec) -> BaseConfigOption[Any]:
        return Sources(spec.required)

    def render(self, spec: FieldSpec, value: Any, cells: Cells, refs: Markup) -> Markup:
        lis = "".join(f'<li markdown="span">{cells.cite(source)}</li>' for source in value)
        return Markup(f'<ul class="explainer-list explainer-list--sources" markdown>{lis}</ul>')

    def to_json(self, value: Any, site_link: SiteLink) -> Any:
        return [{"title": s.title, "url": site_link(s.url)} for s in value]

    def urls(self, value: Any) -> list[str]:
        return [source.url for source in value]


FIELD_TYPES: dict[str, FieldType] = {
    kind.name: kind()
    for kind in (TextField, ListField, EnumField, DateField, BoolField, UrlField, SourcesField)
}


def field_type(spec: FieldSpec) -> FieldType:
    return FIELD_TYPES[spec.type]
