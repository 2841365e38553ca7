"""Events in front matter, the generated timeline, entity histories and status history.

Built on a small site of its own (tests/timeline_site.py), so the checks do not depend on
the real site's content.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort, PluginError

from .conftest import build_site
from .test_comparison import Node, mkdocs_errors, parse
from .timeline_site import acme_events, event, set_option, write_site

SOURCE = {"title": "Wire, 1 March 2025", "url": "https://news.example/a"}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "project")


def build(config_file: Path) -> Path:
    out = config_file.parent / "site"
    build_site(config_file, out)
    return out


def build_error(config_file: Path) -> str:
    """What the failed build reported (MkDocs logs a plugin's error, then aborts)."""
    with mkdocs_errors() as messages, pytest.raises((PluginError, Abort)):
        build(config_file)
    return "\n".join(messages)


def by_class(root: Node, name: str) -> list[Node]:
    return root.find_class(name)


# -- The timeline page --------------------------------------------------------------------


def test_timeline_lists_every_event_oldest_first_with_time_elements(site: Path) -> None:
    out = build(site)
    page = parse(out / "timeline" / "index.html")
    events = by_class(page, "explainer-event")
    assert [e.attrs["id"] for e in events] == [
        "event-acme-2025-02-1",
        "event-beta-2025-03-02-1",
        "event-acme-2025-07-10-2",
        "event-acme-2025-09-15-3",
    ]
    times = [next(e.iter("time")).attrs["datetime"] for e in events]
    assert times == ["2025-02", "2025-03-02", "2025-07-10", "2025-09-15"]
    # Grouped by year, then month.
    headings = [(h.tag, h.attrs.get("id")) for h in page.iter() if h.tag in ("h2", "h3")]
    assert headings[:5] == [
        ("h2", "year-2025"),
        ("h3", "2025-02"),
        ("h3", "2025-03"),
        ("h3", "2025-07"),
        ("h3", "2025-09"),
    ]
    first = events[0]
    assert "Status: Considering" in first.text()
    links = {a.text(): a.attrs["href"] for a in first.iter("a")}
    assert links["Wire, 1 March 2025"] == "https://news.example/a"
    assert links["Acme"] == "../acme/"  # the event's text is cross-linked


def test_each_entity_can_be_followed_without_javascript(site: Path) -> None:
    page = parse(build(site) / "timeline" / "index.html")
    nav = next(n for n in page.iter("nav") if n.has_class("explainer-follow"))
    assert [a.attrs["href"] for a in nav.iter("a")] == ["#follow-acme", "#follow-beta"]
    section = next(n for n in page.iter("h3") if n.attrs.get("id") == "follow-beta")
    assert section.text() == "Beta"
    # One list per entity, in name order: Acme's, then Beta's.
    beta = by_class(page, "explainer-follow-events")[1]
    # Beta's own event and the Acme events that name Beta; each leads to the event above.
    assert [a.attrs["href"] for a in beta.iter("a") if a.attrs["href"].startswith("#")] == [
        "#event-acme-2025-02-1",
        "#event-beta-2025-03-02-1",
        "#event-acme-2025-07-10-2",
    ]


def test_timeline_json_has_every_event(site: Path) -> None:
    out = build(site)
    data = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["page"] == "https://example.org/beta/timeline/"
    first = data["events"][0]
    assert first == {
        "id": "event-acme-2025-02-1",
        "date": "2025-02",
        "text": "Acme says it is considering a stake in Beta.",
        "url": "https://example.org/beta/timeline/#event-acme-2025-02-1",
        "entity": {"id": "acme", "name": "Acme", "page": "https://example.org/beta/acme/"},
        "page": "https://example.org/beta/acme/",
        "status": "considering",
        "mentions": [{"id": "beta", "name": "Beta", "page": "https://example.org/beta/beta/"}],
        "sources": [SOURCE],
    }
    assert [e["date"] for e in data["events"]] == sorted(e["date"] for e in data["events"])
    page = (out / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'href="../timeline.json"' in page


def test_timeline_page_is_in_search_and_not_written_to_docs(site: Path) -> None:
    out = build(site)
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("timeline/") for doc in index["docs"])
    assert not (site.parent / "docs" / "timeline.md").exists()


# -- Histories and status history --------------------------------------------------------


def history_items(out: Path, page: str) -> list[str]:
    root = parse(out / page / "index.html")
    [section] = by_class(root, "explainer-history")
    return [li.text() for li in section.iter("li")]


def test_entity_history_holds_own_events_and_events_that_name_it(site: Path) -> None:
    out = build(site)
    acme = history_items(out, "acme")
    assert [item.split(" ", 2)[:2] for item in acme] == [
        ["February", "2025"],
        ["2", "March"],
        ["10", "July"],
        ["15", "September"],
    ]
    assert "(on Beta)" in acme[1]  # an event from Beta's page that names Acme
    root = parse(out / "acme" / "index.html")
    follow = by_class(root, "explainer-history__follow")[0]
    assert next(follow.iter("a")).attrs["href"] == "../timeline/#follow-acme"
    gamma = parse(out / "gamma" / "index.html")
    assert not by_class(gamma, "explainer-history")  # no events: no section


def test_comparison_shows_current_status_with_its_history(site: Path) -> None:
    out = build(site)
    page = parse(out / "compare" / "index.html")
    row = next(n for n in page.iter("tr") if n.has_class("explainer-row--status"))
    cells = list(row.iter("td"))
    acme = next(c for c in cells if "Walked away" in c.text())
    assert "since Sep 2025" in acme.text()
    assert "Before: Considering (Feb 2025) → In talks (Jul 2025)" in acme.text()
    data = json.loads((out / "compare.json").read_text(encoding="utf-8"))
    entry = next(e for e in data["entries"] if e["id"] == "acme")
    assert entry["values"]["status"] == "walked away"
    assert [h["status"] for h in entry["status_history"]] == [
        "considering",
        "in talks",
        "walked away",
    ]
    svg = next(page.iter("svg")).text()
    assert "Walked away" in svg  # the diagram follows the current status


def test_adding_one_event_changes_timeline_history_and_comparison(site: Path) -> None:
    before = build(site)
    assert "Considering" in next(
        c.text()
        for c in parse(before / "compare" / "index.html").iter("td")
        if "Considering" in c.text()
    )
    gamma = {
        "entity": {"name": "Gamma Group", "kind": "suitor", "summary": "A fund."},
        "suitor": {"relation": "weighing an investment", "as_of": "2025-10", "sources": [SOURCE]},
        "events": [event("2025-10-01", "Gamma Group opens talks with Beta.", status="in talks")],
    }
    write_site(site.parent, gamma=gamma)
    after = build(site)
    ids = [
        e.attrs["id"] for e in by_class(parse(after / "timeline" / "index.html"), "explainer-event")
    ]
    assert ids[-1] == "event-gamma-group-2025-10-01-1"
    assert any("Gamma Group opens talks" in item for item in history_items(after, "beta"))
    assert history_items(after, "gamma")[0].startswith("1 October 2025")
    data = json.loads((after / "compare.json").read_text(encoding="utf-8"))
    entry = next(e for e in data["entries"] if e["id"] == "gamma-group")
    assert entry["values"]["status"] == "in talks"


# -- Validation --------------------------------------------------------------------------


def acme_with(*events: Any, **suitor: Any) -> dict[str, Any]:
    values = {"relation": "talked", "as_of": "2025-09", "sources": [SOURCE], **suitor}
    return {
        "entity": {"name": "Acme", "kind": "suitor", "summary": "An electronics maker."},
        "suitor": values,
        "events": list(events),
    }


@pytest.mark.parametrize(
    ("events", "field", "fragment"),
    [
        ([event("2025-02-30", "x.")], "events[1].date", "'2025-02-30' is not a date in"),
        ([event("0000-01", "x.")], "events[1].date", "'0000-01' is not a month in the calendar"),
        ([event("0000-01-01", "x.")], "events[1].date", "is not a date in the calendar"),
        ([event("2025-13", "x.")], "events[1].date", "is not a month"),
        ([event("March 2025", "x.")], "events[1].date", "write it as YYYY-MM-DD"),
        ([event("2999-01-01", "x.")], "events[1].date", "is in the future"),
        ([{"date": "2025-02", "what": "x."}], "events[1].sources", "is required"),
        ([{"date": "2025-02", "what": "x.", "sources": ["Reuters"]}], "events[1].sources",
         "item 1 is bare text ('Reuters')"),
        ([{"date": "2025-02", "what": "x.", "sources": [{"title": "Reuters"}]}],
         "events[1].sources", "item 1: url is required"),
        ([event("2025-02", "x.", status="bought")], "events[1].status", "'bought' is not allowed"),
        ([event("2025-02", "")], "events[1].what", "must not be empty"),
        ([{**event("2025-02", "x."), "wat": "y"}], "events[1].wat", "(did you mean `what`?)"),
        (["2025-02: x."], "events[1]", "must be a mapping"),
    ],
)  # fmt: skip
def test_bad_events_name_file_event_and_field(
    site: Path, events: list[Any], field: str, fragment: str
) -> None:
    write_site(site.parent, acme=acme_with(*events, status="considering"))
    message = build_error(site)
    assert f"acme.md: {field}: " in message
    assert fragment in message


def test_status_on_a_page_of_another_kind_is_an_error(site: Path) -> None:
    beta = {
        "entity": {"name": "Beta", "kind": "subject", "summary": "A carmaker."},
        "events": [event("2025-03-02", "Beta cuts jobs.", status="in talks")],
    }
    write_site(site.parent, beta=beta)
    message = build_error(site)
    assert "beta.md: events[1].status: only events on pages of kind `suitor` carry a status" in (
        message
    )


def test_status_typed_in_events_and_front_matter_is_an_error(site: Path) -> None:
    write_site(site.parent, acme=acme_with(*acme_events(), status="considering"))
    message = build_error(site)
    assert "acme.md: suitor.status: this page's events give the status" in message
    assert "'walked away'" in message


def test_events_must_be_a_list_on_an_entity_page(site: Path) -> None:
    write_site(site.parent, index={"events": [event("2025-01", "x.")]})
    assert "index.md: events: events belong to an entity" in build_error(site)
    beta = {"entity": {"name": "Beta", "kind": "subject", "summary": "A carmaker."}}
    write_site(site.parent, index={}, beta={**beta, "events": "soon"})
    assert "beta.md: events: must be a list of events" in build_error(site)


# -- Generated paths ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "values", "fragment"),
    [
        ("timeline", {"path": "compare/"}, "timeline.path: 'compare.md' is built at"),
        ("timeline", {"json_path": "compare.json"}, "is built at 'compare.json', like"),
        ("timeline", {"json_path": "timeline.txt"}, "must be a file name ending in `.json`"),
        ("timeline", {"path": "time line/"}, "may hold only letters"),
        ("timeline", {"path": "timeline.json"}, "looks like a file name"),
        ("timeline", {"path": "../up/"}, "no `..`"),
        ("timeline", {"path": "acme/"}, "where docs/acme.md is already built"),
        ("timeline", {"json_path": "search/search_index.json"}, "a file MkDocs or the theme"),
        ("comparison", {"path": "404/"}, None),
        ("comparison", {"json_path": "sitemap.xml"}, "ending in `.json`"),
    ],
)
def test_generated_paths_are_checked(
    site: Path, section: str, values: dict[str, str], fragment: str | None
) -> None:
    set_option(site, section, **values)
    if fragment is None:
        build(site)  # '404/' is built at 404/index.html, not at MkDocs' 404.html
        return
    message = build_error(site)
    assert fragment in message


# -- Pages with several entities ---------------------------------------------------------


def test_entities_sharing_a_page_link_to_their_sections(site: Path) -> None:
    docs = site.parent / "docs"
    (docs / "index.md").write_text("# Beta\n\nDelta and Epsilon sell cars.\n", encoding="utf-8")
    out = build(site)
    html = (out / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a class="entity-link"[^>]*href="([^"]+)"', html)
    assert hrefs == ["rivals/#delta", "rivals/#epsilon"]
    rivals = (out / "rivals" / "index.html").read_text(encoding="utf-8")
    body = rivals[rivals.index('<h1 id="rivals"') :]
    # The page's own entities are not linked on it; the subject is.
    assert 'data-entity="delta"' not in body and 'data-entity="epsilon"' not in body
    assert "Mentioned on" in body


@pytest.mark.parametrize(
    ("entities", "fragment"),
    [
        ([{"name": "Delta", "kind": "company", "summary": "x"}], "entities[1].anchor: is required"),
        ([{"name": "Delta", "kind": "company", "summary": "x", "anchor": "a b"}],
         "'a b' is not a section id"),
        ([{"name": "D", "kind": "company", "summary": "x", "anchor": "a"},
          {"name": "E", "kind": "company", "summary": "y", "anchor": "a"}],
         "entities[2].anchor: 'a' is already the anchor of item 1"),
        ("Delta", "must be a list of entities"),
        ([{"name": "D", "kind": "firm", "summary": "x", "anchor": "a"}],
         "entities[1].kind: unknown kind 'firm'"),
    ],
)  # fmt: skip
def test_bad_shared_entities_are_reported(site: Path, entities: Any, fragment: str) -> None:
    write_site(site.parent, rivals={"entities": entities})
    message = build_error(site)
    assert "rivals.md: " in message
    assert fragment in message


# -- Hostile event text ---------------------------------------------------------------------

HOSTILE_WHAT = (
    "Acme <script>alert(1)</script> says [click](javascript:alert(2)) "
    "![x](https://evil.example/x.png) {: onclick=alert(3) } &lt;b&gt; **bold**."
)


def test_event_text_cannot_become_markup(site: Path) -> None:
    events = [event("2025-02", HOSTILE_WHAT, status="considering")]
    write_site(site.parent, acme=acme_with(*events))
    out = build(site)
    for page in ("timeline/index.html", "acme/index.html", "beta/index.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, page
        assert "javascript:" not in html, page
        assert "evil.example" not in html, page
        assert "onclick" not in html.replace("onclick=alert(3)", ""), page
    timeline = (out / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in timeline
    assert "<strong>bold</strong>" in timeline  # inline Markdown still works
    assert "&amp;lt;b&amp;gt;" in timeline  # an entity typed stays as typed
