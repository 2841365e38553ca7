"""The comparison page: every compared entity has a visible column, the diagram draws,
and a phone shows the page without sideways scrolling."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

import pytest
from conftest import DESKTOP, PHONE, SiteFacts, Traffic
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
    new_context: Callable[..., tuple[BrowserContext, Traffic]], url: str, viewport: dict[str, int]
) -> Page:
    context, _ = new_context(viewport=viewport)
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
    for name in compared_names:
        header = page.locator("article table th", has_text=name).first
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
