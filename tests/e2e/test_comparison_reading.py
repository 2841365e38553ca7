"""The comparison page as a reader meets it (issue 12, item 2): the table starts on the
first screen of a laptop, editors' help texts stay out of the page, a phone gets one card
per compared entity whose name stays in view, and nothing floats over the comparison."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from conftest import SiteFacts
from playwright.sync_api import expect
from reading import (
    LAPTOP,
    PHONE,
    SCHEMES,
    VIEWPORT_IDS,
    VIEWPORTS,
    OpenContext,
    axe_problems,
    open_page,
)


@pytest.fixture
def comparison_url(base_url: str, site: SiteFacts) -> str:
    options = site.explainer_options.comparison
    assert options.enabled, "the site has no comparison page"
    return urljoin(base_url, str(options.path))


@pytest.fixture
def compared_names(site: SiteFacts) -> list[str]:
    names = [e.name for e in site.entities_of_kind(site.explainer_options.comparison.kind)]
    assert names, "no entity of the compared kind"
    return names


def test_table_starts_on_the_first_screen_of_a_laptop(
    new_context: OpenContext, comparison_url: str, compared_names: list[str]
) -> None:
    page = open_page(new_context, comparison_url, LAPTOP)
    # Not just the header row: the names and the first two answers (status, relation).
    header = page.locator(".explainer-table thead tr").bounding_box()
    rows = page.locator(".explainer-table tbody tr")
    assert header and rows.count() >= 2
    second = rows.nth(1).bounding_box()
    assert second, "second row not rendered"
    assert header["y"] >= 0
    assert second["y"] + second["height"] <= LAPTOP["height"], (
        f"the table's second row ends at {second['y'] + second['height']:.0f} px, "
        f"below the first screen ({LAPTOP['height']} px)"
    )
    for name in compared_names:
        expect(page.locator(".explainer-table thead th", has_text=name)).to_be_in_viewport()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_editor_help_is_not_shown_to_readers(
    new_context: OpenContext, comparison_url: str, site: SiteFacts, viewport: dict[str, int]
) -> None:
    helps = [f.help for f in site.explainer_options.comparison.fields if f.help]
    assert helps, "no field has a help text: nothing to check"
    page = open_page(new_context, comparison_url, viewport)
    shown = " ".join(page.locator("article").inner_text().split())
    for text in helps:
        assert " ".join(text.split()) not in shown


def test_phone_shows_one_card_per_compared_entity_with_every_answer(
    new_context: OpenContext, comparison_url: str, site: SiteFacts, compared_names: list[str]
) -> None:
    page = open_page(new_context, comparison_url, PHONE)
    labels = [f.label for f in site.explainer_options.comparison.fields]
    expect(page.locator(".explainer-comparison")).to_be_hidden()
    cards = page.locator(".explainer-card")
    expect(cards).to_have_count(len(compared_names))
    for name in compared_names:
        card = cards.filter(has=page.get_by_role("heading", name=name, exact=True))
        expect(card).to_have_count(1)
        expect(card).to_be_visible()
        for label in labels:
            expect(card.locator("dt", has_text=label).first).to_be_visible()
        box = card.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_phone_keeps_the_card_name_in_view_while_reading_it(
    new_context: OpenContext, comparison_url: str, compared_names: list[str]
) -> None:
    page = open_page(new_context, comparison_url, PHONE)
    card = page.locator(".explainer-card").first
    last_answer = card.locator("dd").last
    last_answer.scroll_into_view_if_needed()
    name = card.locator(".explainer-card__name")
    box, header = name.bounding_box(), page.locator(".md-header").bounding_box()
    assert box and header
    # In view, below the header, while the reader is at the card's end.
    assert header["y"] + header["height"] - 1 <= box["y"] < PHONE["height"] / 2, box
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y)?.closest('.explainer-card__name') !== null",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert hit, "the card's name is covered"


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_no_back_to_top_button_floats_over_the_comparison(
    new_context: OpenContext, comparison_url: str, viewport: dict[str, int]
) -> None:
    page = open_page(new_context, comparison_url, viewport)
    page.wait_for_load_state("networkidle")
    # Material shows its button when the reader scrolls back up.
    page.mouse.move(viewport["width"] / 2, viewport["height"] / 2)
    for _ in range(8):
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(50)
    for _ in range(3):
        page.mouse.wheel(0, -200)
        page.wait_for_timeout(50)
    page.wait_for_timeout(400)
    assert page.evaluate("window.scrollY") > 0
    expect(page.locator(".md-top")).to_be_hidden()


@pytest.mark.parametrize("color_scheme", SCHEMES)
def test_phone_cards_pass_axe(
    new_context: OpenContext, comparison_url: str, color_scheme: str
) -> None:
    page = open_page(new_context, comparison_url, PHONE, color_scheme)
    expect(page.locator(".explainer-card").first).to_be_visible()
    assert axe_problems(page) == []
