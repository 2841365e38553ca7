"""The front page reads like an explainer (issue 12, item 7): the headline is the
strongest heading, the summary box is in body type, and a dateline has its own style."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from reading import SCHEMES, VIEWPORT_IDS, VIEWPORTS, OpenContext, axe_problems, font_px, open_page


def _style(page: Page, selector: str, prop: str) -> str:
    value: str = page.locator(selector).first.evaluate(
        "(e, prop) => getComputedStyle(e).getPropertyValue(prop)", prop
    )
    return value


@pytest.mark.parametrize("color_scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_headline_is_the_strongest_heading(
    new_context: OpenContext, base_url: str, viewport: dict[str, int], color_scheme: str
) -> None:
    page = open_page(new_context, base_url, viewport, color_scheme)
    expect(page.locator("article h2").first).to_be_attached()
    h1, h2 = "article h1", "article h2"
    assert font_px(page, h1) > font_px(page, h2)
    assert int(_style(page, h1, "font-weight")) >= int(_style(page, h2, "font-weight")) + 200
    # As dark (or, in dark mode, as light) as the body text, not Material's faded grey.
    assert _style(page, h1, "color") == _style(page, "article > p:not([class])", "color")


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_summary_box_is_in_body_type(
    new_context: OpenContext, base_url: str, viewport: dict[str, int]
) -> None:
    page = open_page(new_context, base_url, viewport)
    box = page.locator("article .admonition, article details").first
    expect(box).to_be_visible()
    body = font_px(page, "article > p:not([class])")
    inside = box.locator("li, p").last.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert inside == body


@pytest.mark.parametrize("color_scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_dateline_under_the_headline_is_a_quiet_legible_line(
    new_context: OpenContext, base_url: str, viewport: dict[str, int], color_scheme: str
) -> None:
    page = open_page(new_context, base_url, viewport, color_scheme)
    dateline = page.locator("article p.dateline")
    # Right under the headline: the period the page covers and when it was last reviewed.
    assert dateline.evaluate("p => p.previousElementSibling.tagName") == "H1"
    text = dateline.inner_text()
    assert "Period covered" in text and "Last reviewed" in text
    body = font_px(page, "article > p:not(.dateline)")
    size = font_px(page, "article p.dateline")
    assert 0.75 * body <= size < body
    assert _style(page, "article p.dateline", "color") != _style(
        page, "article > p:not(.dateline)", "color"
    )
    assert axe_problems(page) == []


@pytest.mark.parametrize("color_scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_key_numbers_read_at_a_glance(
    new_context: OpenContext, base_url: str, viewport: dict[str, int], color_scheme: str
) -> None:
    page = open_page(new_context, base_url, viewport, color_scheme)
    figures = page.locator("article .explainer-key-numbers__figure")
    assert figures.count() >= 3
    figures.first.scroll_into_view_if_needed()
    expect(figures.first).to_be_visible()
    # Figures stand out from the body text, and two sit side by side even on a phone.
    assert font_px(page, "article .explainer-key-numbers__figure") > font_px(
        page, "article > p:not([class])"
    )
    tops = figures.evaluate_all("es => es.map(e => e.getBoundingClientRect().top)")
    assert tops[0] == tops[1]
    overflow = page.evaluate("() => document.scrollingElement.scrollWidth > innerWidth + 1")
    assert not overflow
    assert axe_problems(page) == []
