"""The relationship diagram as a reader sees it (issue 12, item 3): it fills its column,
its text is no smaller than the body's small print at 375 and 1280 px, and each entry
shows its current status in words, an ended one dashed and muted, in both schemes."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from conftest import SiteFacts
from playwright.sync_api import Page, expect
from reading import SCHEMES, VIEWPORT_IDS, VIEWPORTS, OpenContext, font_px, open_page

#: Material's small print (footnotes, captions) as a share of the body's size: 0.64/0.8.
SMALL_PRINT = 0.8


@pytest.fixture
def comparison_url(base_url: str, site: SiteFacts) -> str:
    return urljoin(base_url, str(site.explainer_options.comparison.path))


def _text_sizes(page: Page) -> list[float]:
    """Rendered size, in CSS pixels, of every piece of text in the diagram."""
    sizes: list[float] = page.evaluate(
        """() => [...document.querySelectorAll(".explainer-diagram__svg text")].map(t =>
             parseFloat(t.getAttribute("font-size")) * t.getScreenCTM().a)"""
    )
    assert sizes, "the diagram has no text"
    return sizes


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_diagram_fills_its_column_with_legible_text(
    new_context: OpenContext, comparison_url: str, viewport: dict[str, int]
) -> None:
    page = open_page(new_context, comparison_url, viewport)
    svg = page.locator(".explainer-diagram__svg")
    svg.scroll_into_view_if_needed()
    widths = svg.evaluate(
        """svg => {
          const grid = svg.closest(".explainer-diagram");
          const columns = getComputedStyle(grid).gridTemplateColumns.split(" ");
          return [svg.getBoundingClientRect().width, parseFloat(columns[0])];
        }"""
    )
    assert widths[0] >= 0.98 * widths[1], f"drawing {widths[0]} px in a {widths[1]} px column"
    smallest = min(_text_sizes(page))
    body = font_px(page, "article > p:not([class])")
    assert smallest >= SMALL_PRINT * body - 0.05, (smallest, body)


@pytest.mark.parametrize("color_scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_each_entry_shows_its_status_and_ended_ones_look_different(
    new_context: OpenContext,
    comparison_url: str,
    site: SiteFacts,
    viewport: dict[str, int],
    color_scheme: str,
) -> None:
    options = site.explainer_options.comparison
    ended_statuses = set(options.diagram.ended_statuses)
    assert ended_statuses, "no ended status configured: nothing to tell apart"
    page = open_page(new_context, comparison_url, viewport, color_scheme)
    # The status of each entry, from its badge (table on a wide screen, card on a phone).
    badges = page.locator(".explainer-badge:visible")
    expect(badges.first).to_be_visible()
    statuses = {(b.get_attribute("data-value") or ""): b.inner_text().strip() for b in badges.all()}
    cards = page.locator(".explainer-diagram__node")
    assert cards.count() == len(site.entities_of_kind(options.kind))
    seen = {"ended": 0, "live": 0}
    for card in cards.all():
        words = " ".join(card.evaluate("g => g.textContent").split())
        value = next(v for v, label in statuses.items() if label in words)
        ended = value in ended_statuses
        seen["ended" if ended else "live"] += 1
        classes = card.get_attribute("class") or ""
        assert ("explainer-diagram__node--ended" in classes) == ended, (words, value)
        dash = card.locator("rect").evaluate("r => getComputedStyle(r).strokeDasharray")
        assert (dash != "none") == ended, (words, dash)
    assert seen["ended"] and seen["live"], f"need both kinds to compare: {seen}"
    # Muted: an ended entry's name is drawn in a lighter ink than a live one's.
    live = ".explainer-diagram__node:not(.explainer-diagram__node--ended)"
    inks = [
        page.locator(f"{group} .explainer-diagram__name").first.evaluate(
            "t => getComputedStyle(t).fill"
        )
        for group in (live, ".explainer-diagram__node--ended")
    ]
    assert inks[0] != inks[1], inks
