"""Dates in front matter: a calendar day, or a month when the source gives no day."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True, order=True)
class Month:
    """A date known only to the month: a source dated "February 2025" gives no day."""

    year: int
    month: int

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


#: A date field's value: a calendar day, or a month when the source gives no day.
DateValue = datetime.date | Month

FORMS = "YYYY-MM-DD, or YYYY-MM for a month"
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


class DateSyntaxError(ValueError):
    """Why a text is not a date; the message is written for editors."""


def parse_date(text: str) -> DateValue:
    """'2025-02-13' -> a day, '2025-02' -> a Month; `DateSyntaxError` otherwise."""
    text = text.strip()
    if day := _DAY.fullmatch(text):
        try:
            return datetime.date(*(int(part) for part in day.groups()))
        except ValueError:
            raise DateSyntaxError(f"{text!r} is not a date in the calendar") from None
    if month := _MONTH.fullmatch(text):
        year, number = int(month.group(1)), int(month.group(2))
        if year >= 1 and 1 <= number <= 12:
            return Month(year, number)
        raise DateSyntaxError(f"{text!r} is not a month in the calendar")
    raise DateSyntaxError(f"{text!r} is not a date; write it as {FORMS}")


def sort_key(value: DateValue) -> tuple[int, int, int]:
    """Months sort before the days in them (a month is 'as of' its start)."""
    return (value.year, value.month, value.day if isinstance(value, datetime.date) else 0)


def first_day(value: DateValue) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date(value.year, value.month, 1)


def format_date(value: DateValue, *, short: bool = False) -> Markup:
    """A `<time>` element: '13 February 2025', or 'February 2025' for a month.

    `short` gives 'Feb 2025', for dates packed into a line.
    """
    month = datetime.date(value.year, value.month, 1).strftime("%b" if short else "%B")
    day = f"{value.day} " if isinstance(value, datetime.date) and not short else ""
    return Markup(f'<time datetime="{value.isoformat()}">{day}{month} {value.year}</time>')
