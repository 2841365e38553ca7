"""The comparison page: every compared entity has a visible column (a card on a phone),
the diagram draws, a phone shows the page without sideways scrolling, on a tablet the
table scrolls inside its own box (by keyboard too) with the row names kept in view, axe
finds nothing on a phone in either colour scheme, badges read as words on their colour,
and print fits the whole table."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import A4, DESKTOP, PHONE, SiteFacts, Traffic
from playwright.sync_api import BrowserContext, Page, expect


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


def _open(
    new_context: Callable[..., tuple[BrowserContext, Traffic]],
    url: str,
    viewport: dict[str, int],
    color_scheme: str = "light",
) -> Page:
    context, _ = new_context(viewport=viewport, color_scheme=color_scheme)
    page = context.new_page()
    response = page.goto(url)
    assert response is not None and response.status == 200
    return page


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_compared_entity_has_a_visible_column(
    new_context: Callable[..., tuple[BrowserContext, Traffic]],
    comparison_url: str,
    compared_names: list[str],
    viewport: dict[str, int],
) -> None:
    page = _open(new_context, comparison_url, viewport)
    # A phone shows one card per compared entity instead of the table's columns.
    where = "article table th" if viewport == DESKTOP else ".explainer-card__name"
    for name in compared_names:
        header = page.locator(where, has_text=name).first
        # A column scrolled out of a table's box is still "visible" to Playwright; bring it
        # into view the way a reader would and check it is on screen.
        header.scroll_into_view_if_needed()
        expect(header).to_be_visible()
        expect(header).to_be_in_viewport()


def test_diagram_is_drawn(
    new_context: Callable[..., tuple[BrowserContext, Traffic]], comparison_url: str
) -> None:
    page = _open(new_context, comparison_url, DESKTOP)
    drawings = page.locator("article svg")
    sizes = [box for box in (d.bounding_box() for d in drawings.all()) if box]
    # Icons are SVGs too; the diagram is the one drawn at a readable size.
    assert any(box["width"] >= 200 and box["height"] >= 100 for box in sizes), sizes


def test_phone_has_no_horizontal_page_scroll(
    new_context: Callable[..., tuple[BrowserContext, Traffic]], comparison_url: str
) -> None:
    page = _open(new_context, comparison_url, PHONE)
    page.wait_for_load_state("networkidle")
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"page scrolls sideways: scrollWidth/clientWidth = {widths}"


#: The narrowest screen that gets the table rather than cards: it still scrolls in its box.
TABLET = {"width": 768, "height": 1024}


def test_tablet_scrolls_the_table_box_by_keyboard_with_row_names_in_view(
    new_context: Callable[..., tuple[BrowserContext, Traffic]], comparison_url: str
) -> None:
    # That the page itself fits a phone before any scrolling: the test above.
    page = _open(new_context, comparison_url, TABLET)
    box = page.locator(".explainer-comparison")
    sizes = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
    assert sizes[0] > sizes[1], "the table fits a phone: nothing to scroll"
    row_name = page.locator(".explainer-table th[scope=row]").first
    left_before = row_name.bounding_box()["x"]  # type: ignore[index]
    # A keyboard user reaches the box with Tab and scrolls it with the arrow keys.
    box.focus()
    assert page.evaluate("document.activeElement.classList.contains('explainer-comparison')")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.explainer-comparison').scrollLeft > 0")
    assert row_name.bounding_box()["x"] == left_before  # type: ignore[index]
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
    figure = page.locator(".explainer-diagram__svg").bounding_box()
    assert figure and figure["x"] >= 0 and figure["x"] + figure["width"] <= TABLET["width"]


# test_accessibility.py runs axe on every page at desktop width; the phone layout (the
# table scrolling in its box) is checked here.
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_axe_finds_nothing_on_a_phone(
    new_context: Callable[..., tuple[BrowserContext, Traffic]],
    comparison_url: str,
    site: SiteFacts,
    color_scheme: str,
) -> None:
    page = _open(new_context, comparison_url, PHONE, color_scheme)
    palettes = site.config.theme["palette"]
    expected = palettes[0 if color_scheme == "light" else -1]["scheme"]
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    results = Axe().run(page, context={"include": [["article"]]})
    problems = [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in results.response["violations"]
    ]
    assert not problems, problems


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_badges_read_as_words_on_their_colour(
    new_context: Callable[..., tuple[BrowserContext, Traffic]],
    comparison_url: str,
    color_scheme: str,
) -> None:
    page = _open(new_context, comparison_url, PHONE, color_scheme)
    badges = page.locator(".explainer-badge")
    assert badges.count() > 0
    for i in range(badges.count()):
        badge = badges.nth(i)
        assert badge.inner_text().strip().lower() == badge.get_attribute("data-value")
        colours = badge.evaluate(
            "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]"
        )
        assert colours[0] != colours[1] and "rgba(0, 0, 0, 0)" not in colours


def test_print_shows_the_whole_table(
    new_context: Callable[..., tuple[BrowserContext, Traffic]], comparison_url: str
) -> None:
    page = _open(new_context, comparison_url, A4)
    page.emulate_media(media="print")
    box = page.locator(".explainer-comparison")
    width, client = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
    assert width <= client + 1, "printed table is cut at its box's edge"
    headers = page.locator(".explainer-table th[scope=col]")
    right = box.bounding_box()["x"] + box.bounding_box()["width"]  # type: ignore[index]
    for i in range(headers.count()):
        cell = headers.nth(i).bounding_box()
        assert cell and cell["x"] + cell["width"] <= right + 1
    assert page.locator(".explainer-sources li").count() > 0
