"""Link previews (issue 12, item 6): an entity link previews the entity's name, kind and
status and its summary, in readable type, on hover and keyboard focus; on a touch screen
the first tap shows the preview and the second follows the link; screen readers get the
preview as the link's description; axe finds nothing with a preview open."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from conftest import SiteFacts
from playwright.sync_api import Locator, Page, expect
from reading import (
    LAPTOP,
    PHONE,
    SCHEMES,
    VIEWPORT_IDS,
    VIEWPORTS,
    OpenContext,
    axe_problems,
    font_px,
    open_page,
)

PREVIEW = ".md-tooltip2--active[role=tooltip]"
#: A link to an entity with a status (a compared one): the richest preview.
LINK = "article a.entity-link[data-entity-status]"


@pytest.fixture
def linked_url(base_url: str, site: SiteFacts) -> str:
    """The first page whose body links a compared entity."""
    for relative in site.pages:
        html = (site.site_dir / relative / "index.html").read_text(encoding="utf-8")
        if "data-entity-status=" in html:
            return urljoin(base_url, relative)
    raise AssertionError("no page links an entity that has a status")


def _expect_preview_of(page: Page, link: Locator, site: SiteFacts) -> None:
    entity = next(e for e in site.entities if e.id == link.get_attribute("data-entity"))
    status = link.get_attribute("data-entity-status") or ""
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    expect(preview.locator(".explainer-preview__name")).to_have_text(entity.name)
    about = preview.locator(".explainer-preview__about")
    expect(about).to_contain_text(entity.kind, ignore_case=True)
    expect(about).to_contain_text(status, ignore_case=True)
    expect(preview.locator(".explainer-preview__summary")).to_have_text(entity.summary)
    # The whole preview is the link's description for screen readers.
    expect(link).to_have_attribute("aria-describedby", preview.get_attribute("id") or "")
    # Readable: the body's size or close to it (Material's tooltip: 10 px bold).
    summary_px = font_px(page, f"{PREVIEW} .explainer-preview__summary")
    assert summary_px >= 0.85 * font_px(page, "article > p:not([class])"), summary_px
    box = preview.locator(".md-tooltip2__inner").bounding_box()
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, box


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_hover_and_focus_preview_name_kind_status_and_summary(
    new_context: OpenContext, linked_url: str, site: SiteFacts, viewport: dict[str, int]
) -> None:
    page = open_page(new_context, linked_url, viewport)
    link = page.locator(LINK).first
    link.scroll_into_view_if_needed()
    link.hover()
    _expect_preview_of(page, link, site)
    page.mouse.move(0, 0)
    expect(page.locator(PREVIEW)).to_have_count(0)
    link.focus()
    _expect_preview_of(page, link, site)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_first_tap_previews_second_tap_follows(
    new_context: OpenContext,
    linked_url: str,
    site: SiteFacts,
    base_url: str,
    viewport: dict[str, int],
) -> None:
    page = open_page(new_context, linked_url, viewport, has_touch=True, is_mobile=viewport == PHONE)
    page.wait_for_load_state("networkidle")
    link = page.locator(LINK).first
    target = urljoin(base_url, site.entity_urls[link.get_attribute("data-entity") or ""])
    link.scroll_into_view_if_needed()
    link.tap()
    _expect_preview_of(page, link, site)
    assert page.url == linked_url, "the first tap followed the link"
    with page.expect_navigation():
        link.tap()
    assert page.url == target


def test_mouse_click_still_follows_at_once(
    new_context: OpenContext, linked_url: str, site: SiteFacts, base_url: str
) -> None:
    page = open_page(new_context, linked_url, LAPTOP)
    link = page.locator(LINK).first
    target = urljoin(base_url, site.entity_urls[link.get_attribute("data-entity") or ""])
    with page.expect_navigation():
        link.click()
    assert page.url == target


@pytest.mark.parametrize("color_scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_axe_finds_nothing_with_a_preview_open(
    new_context: OpenContext, linked_url: str, viewport: dict[str, int], color_scheme: str
) -> None:
    page = open_page(new_context, linked_url, viewport, color_scheme)
    page.locator(LINK).first.focus()
    expect(page.locator(PREVIEW)).to_be_visible()
    assert axe_problems(page, "body") == []
