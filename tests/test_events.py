"""The dated events in the pages' front matter are consistent with the rest of the content.

Until the plugin reads `events:` itself, nothing else checks them: each has a real date
that is not in the future, one sentence, and at least one source that is either a news
page named in the dossier or the article; a `status` only on pages of the compared kind,
and only one of the statuses the comparison declares; and a compared page's own `status`
and `as_of` are those of its newest event, which must set a status.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from mkdocs.config import load_config

from site_plugins.frontmatter import read_front_matter

from .conftest import ROOT
from .test_sources import read_allowed

DOCS = ROOT / "docs"
ARTICLE = "sources.md#autoblog"


def comparison_settings() -> tuple[str, list[str]]:
    """The compared kind and its status choices, from the real mkdocs.yml."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config["plugins"]["explainer"].config
    comparison = plugin["comparison"]
    [status] = [spec for spec in comparison["fields"] if spec["key"] == comparison["status_field"]]
    return str(comparison["kind"]), [str(choice) for choice in status["choices"]]


def pages_with_events() -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted(DOCS.rglob("*.md")):
        src_uri = path.relative_to(DOCS).as_posix()
        meta = read_front_matter(path.read_text(encoding="utf-8"), src_uri)
        if meta.get("events"):
            yield src_uri, meta


def as_date(value: object) -> tuple[int, int, int]:
    """A comparable (year, month, day) for `2025-02-13` or the month `2025-02` (day 0)."""
    if isinstance(value, datetime.date):
        return (value.year, value.month, value.day)
    year, month = str(value).split("-")
    datetime.date(int(year), int(month), 1)  # raises on a month not in the calendar
    return (int(year), int(month), 0)


PAGES = dict(pages_with_events())


def test_the_site_has_the_story_s_events() -> None:
    count = sum(len(meta["events"]) for meta in PAGES.values())
    # A parser that found none would make the tests below pass vacuously.
    assert count >= 25, f"only {count} events in the pages' front matter"


@pytest.mark.parametrize("src_uri", sorted(PAGES))
def test_each_event_is_dated_written_and_sourced(src_uri: str) -> None:
    allowed = read_allowed()
    kind, choices = comparison_settings()
    compared = PAGES[src_uri].get("entity", {}).get("kind") == kind
    today = datetime.date.today()
    for number, event in enumerate(PAGES[src_uri]["events"], start=1):
        where = f"{src_uri}: events item {number}"
        assert set(event) <= {"date", "what", "status", "sources"}, where
        assert as_date(event["date"]) <= (today.year, today.month, today.day), where
        what = str(event["what"]).strip()
        assert what.endswith(".") and what.count(". ") == 0, f"{where}: one sentence"
        assert event["sources"], f"{where}: no source"
        for source in event["sources"]:
            assert source["title"].strip(), where
            assert source["url"] in allowed or source["url"] == ARTICLE, (where, source["url"])
        if "status" in event:
            assert compared, f"{where}: `status` belongs on {kind} pages only"
            assert event["status"] in choices, where


@pytest.mark.parametrize(
    "src_uri",
    sorted(
        src_uri
        for src_uri, meta in PAGES.items()
        if meta.get("entity", {}).get("kind") == comparison_settings()[0]
    ),
)
def test_a_compared_page_shows_its_newest_status(src_uri: str) -> None:
    kind, _ = comparison_settings()
    meta = PAGES[src_uri]
    newest = max(meta["events"], key=lambda event: as_date(event["date"]))
    assert "status" in newest, f"{src_uri}: its newest event ({newest['date']}) sets no status"
    values = meta[kind]
    if "status" in values:  # the plugin may come to derive it from the events instead
        assert values["status"] == newest["status"], src_uri
    assert as_date(values["as_of"]) == as_date(newest["date"]), src_uri


def test_month_dates_compare_before_days_in_them() -> None:
    assert as_date("2025-02") < as_date(datetime.date(2025, 2, 1))
    with pytest.raises(ValueError):
        as_date("2025-13")
