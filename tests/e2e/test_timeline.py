"""The generated timeline and entity histories, read in Chromium at phone and desktop width.

The checks follow the site's own timeline.json, so they hold for any explainer site.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

import pytest
from conftest import DESKTOP, PHONE, SiteFacts, Traffic
from playwright.sync_api import BrowserContext, Page, expect


def _timeline(site: SiteFacts) -> tuple[str, dict[str, Any]]:
    options = site.explainer_options.timeline
    data = json.loads((site.site_dir / options.json_path).read_text(encoding="utf-8"))
    assert data["events"], "the site's pages have no events: the timeline would be empty"
    return options.path, data


def _overflows(page: Page) -> bool:
    result: bool = page.evaluate(
        "() => document.scrollingElement.scrollWidth > window.innerWidth + 1"
    )
    return result


def _smallest_text_px(page: Page, selector: str) -> float:
    result: float = page.evaluate(
        """(selector) => Math.min(...[...document.querySelectorAll(selector)]
             .map(e => parseFloat(getComputedStyle(e).fontSize)))""",
        selector,
    )
    return result


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_timeline_reads_and_follows_one_entity_without_javascript(
    new_context: Callable[..., tuple[BrowserContext, Traffic]],
    base_url: str,
    site: SiteFacts,
    viewport: dict[str, int],
) -> None:
    path, data = _timeline(site)
    context, _ = new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.goto(urljoin(base_url, path))
    events = page.locator("article li.explainer-event")
    expect(events).to_have_count(len(data["events"]))
    assert [e.get_attribute("id") for e in events.all()] == [e["id"] for e in data["events"]]
    assert not _overflows(page), "the timeline scrolls sideways"
    assert _smallest_text_px(page, "article .explainer-event *") >= 12
    # Follow the first entity: its section, then one of its events back in the timeline.
    follow = page.locator("nav.explainer-follow a").first
    follow.click()
    anchor = follow.get_attribute("href") or ""
    assert page.url.endswith(anchor)
    expect(page.locator(f"article {anchor}")).to_be_in_viewport()
    event_link = page.locator(f"article {anchor} ~ ol.explainer-follow-events a").first
    target = event_link.get_attribute("href") or ""
    event_link.click()
    landed = page.locator(f"article li{target}")
    expect(landed).to_be_in_viewport()
    # The event the reader landed on stands out from the others.
    other = page.locator(f"article li.explainer-event:not({target})").first
    style = "e => getComputedStyle(e).borderLeftColor"
    assert landed.evaluate(style) != other.evaluate(style)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_entity_pages_show_their_history(
    new_context: Callable[..., tuple[BrowserContext, Traffic]],
    base_url: str,
    site: SiteFacts,
    viewport: dict[str, int],
) -> None:
    _, data = _timeline(site)
    involved: dict[str, int] = {}
    for event in data["events"]:
        for entity in [event["entity"], *event["mentions"]]:
            involved[entity["id"]] = involved.get(entity["id"], 0) + 1
    entity_id = max(involved, key=lambda key: involved[key])
    context, _ = new_context(viewport=viewport)
    page = context.new_page()
    page.goto(urljoin(base_url, site.entity_urls[entity_id]))
    history = page.locator("article section.explainer-history")
    expect(history.locator("li")).to_have_count(involved[entity_id])
    history.scroll_into_view_if_needed()
    expect(history.locator("h2")).to_be_visible()
    assert not _overflows(page)
    link = history.locator(".explainer-history__follow a")
    assert (link.get_attribute("href") or "").endswith(f"#follow-{entity_id}")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_comparison_shows_each_status_history(
    new_context: Callable[..., tuple[BrowserContext, Traffic]],
    base_url: str,
    site: SiteFacts,
    viewport: dict[str, int],
) -> None:
    options = site.explainer_options.comparison
    data = json.loads((site.site_dir / options.json_path).read_text(encoding="utf-8"))
    changed = [e for e in data["entries"] if len(e["status_history"]) > 1]
    assert changed, "no compared entity has changed status: nothing to show"
    context, _ = new_context(viewport=viewport)
    page = context.new_page()
    page.goto(urljoin(base_url, options.path))
    for entry in changed:
        cell = page.locator(
            f".explainer-row--{options.status_field} td", has_text="Before:"
        ).filter(has=page.locator(f'[data-value="{entry["values"][options.status_field]}"]'))
        expect(cell.first).to_be_attached()
        earlier = cell.first.locator(".explainer-status-history")
        count = len(entry["status_history"]) - 1
        expect(earlier.locator("time")).to_have_count(count)
