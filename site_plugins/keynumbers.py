"""Key numbers: a few figures a page states up front, each dated and sourced in front matter.

    key_numbers:
      - figure: "about 20,000"
        label: jobs Nissan plans to cut under Re:Nissan
        as_of: 2025-05-13
        sources:
          - {title: "Jiji Press via The Nation — …, 14 May 2025", url: https://…}

The page shows them where its Markdown has the line `<!-- key-numbers -->` (an HTML comment,
so a build without this toolkit shows nothing rather than a stray marker): a row of figures,
each with its label, its date and links to its sources. Front matter is untrusted text, so
every value is escaped (markup.plain) and the block is marked for safelinks.py.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .dates import DateValue, format_date
from .fields import Date, Source, Sources
from .frontmatter import FrontMatterError, Problem
from .markup import href_from, plain
from .schema import Text, mapping_items, validate_mapping
from .urls import is_link_safe

KEY = "key_numbers"
#: The line of a page's Markdown that the block replaces.
MARKER = "<!-- key-numbers -->"
FIGURE_MAX_LENGTH = 24
LABEL_MAX_LENGTH = 120


@dataclass(frozen=True)
class KeyNumber:
    figure: str
    label: str
    as_of: DateValue
    sources: tuple[Source, ...]


def parse_key_numbers(
    meta: Mapping[str, Any], src_uri: str, today: datetime.date
) -> list[KeyNumber]:
    """The page's key numbers ([] without any); `FrontMatterError` lists every problem."""
    if meta.get(KEY) is None:
        return []
    items, problems = mapping_items(
        meta[KEY],
        src_uri,
        KEY,
        list_of="figures (`- figure:`)",
        item=" with `figure`, `label`, `as_of` and `sources`",
        allow_empty=False,
    )
    schema = (
        ("figure", Text(max_length=FIGURE_MAX_LENGTH)),
        ("label", Text(max_length=LABEL_MAX_LENGTH)),
        ("as_of", Date(not_after=today)),
        ("sources", Sources(required=True)),
    )
    numbers = []
    for _number, where, item in items:
        values, found = validate_mapping(schema, item, src_uri, where)
        problems.extend(found)
        if not found:
            numbers.append(
                KeyNumber(
                    values["figure"], values["label"], values["as_of"], tuple(values["sources"])
                )
            )
    if problems:
        raise FrontMatterError(problems)
    return numbers


def render_key_numbers(numbers: Sequence[KeyNumber], page_src_uri: str) -> str:
    """The block of figures, as HTML holding inline Markdown ('' for no figures)."""
    if not numbers:
        return ""
    items = []
    for number in numbers:
        # Compact: "source", with the page's full title on hover and for screen readers.
        sources = ", ".join(
            _source_link(source, page_src_uri, len(number.sources) > 1 and index)
            for index, source in enumerate(number.sources, start=1)
        )
        items.append(
            '<li class="explainer-key-numbers__item" markdown="span">'
            f'<span class="explainer-key-numbers__figure">{plain(number.figure)}</span> '
            f'<span class="explainer-key-numbers__label">{plain(number.label)}</span> '
            f'<span class="explainer-key-numbers__meta">As of {format_date(number.as_of)} · '
            f"{sources}</span></li>"
        )
    return (
        '<section class="explainer-key-numbers no-crosslink" data-untrusted="true" '
        'aria-label="Key numbers" markdown>\n'
        '<ul class="explainer-key-numbers__list" markdown>\n' + "\n".join(items) + "\n</ul>\n"
        "</section>"
    )


def _source_link(source: Source, page_src_uri: str, number: int | bool) -> Markup:
    text = f"source {number}" if number else "source"
    if not is_link_safe(source.url):
        return plain(text)
    href = html.escape(href_from(source.url, page_src_uri))
    title = html.escape(source.title)
    return Markup(f'<a href="{href}" title="{title}" aria-label="Source: {title}">{text}</a>')


def marker_problem(text: str, src_uri: str) -> Problem | None:
    """A page with key numbers must say where they go."""
    if any(line.strip() == MARKER for line in text.splitlines()):
        return None
    return Problem(
        src_uri,
        KEY,
        f"the page does not say where to show them: put a line `{MARKER}` where they belong",
    )
