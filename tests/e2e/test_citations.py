"""Citations a reader can use (issue 12, item 1): hovering, focusing or tapping a citation
marker previews its source; a second tap follows it; the list of sources is readable and
shows one back-link per source, not a row of them."""

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

PREVIEW = ".md-tooltip2--active"


@pytest.fixture
def cited_url(base_url: str, site: SiteFacts, site_dir: object) -> str:
    """The first page (home first) whose body cites a source with a footnote."""
    for relative in site.pages:
        html = (site.site_dir / relative / "index.html").read_text(encoding="utf-8")
        if 'class="footnote-ref"' in html:
            return urljoin(base_url, relative)
    raise AssertionError("no page cites a source with a footnote: nothing to check")


def _source_text(page: Page, marker: Locator) -> str:
    """The visible text of the footnote `marker` points to, back-links left out."""
    target = (marker.get_attribute("href") or "").split("#", 1)[1]
    text: str = page.evaluate(
        """id => {
          const item = document.getElementById(id).cloneNode(true);
          item.querySelectorAll(".footnote-backref").forEach(a => a.remove());
          return item.textContent.trim();
        }""",
        target,
    )
    assert text, f"footnote {target} is empty"
    return " ".join(text.split())


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_hover_and_keyboard_focus_preview_the_source(
    new_context: OpenContext, cited_url: str, viewport: dict[str, int]
) -> None:
    page = open_page(new_context, cited_url, viewport)
    marker = page.locator("article a.footnote-ref").first
    source = _source_text(page, marker)
    marker.scroll_into_view_if_needed()
    marker.hover()
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    expect(preview).to_contain_text(source[:40])
    # No back-arrow in the preview: it shows the source, nothing to press.
    expect(preview.locator(".footnote-backref:visible")).to_have_count(0)
    page.mouse.move(0, 0)
    expect(preview).to_have_count(0)
    marker.focus()
    expect(preview).to_be_visible()
    expect(preview).to_contain_text(source[:40])
    assert font_px(page, f"{PREVIEW} .md-tooltip2__inner") >= 13


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_first_tap_previews_the_source_second_tap_follows(
    new_context: OpenContext, cited_url: str, viewport: dict[str, int]
) -> None:
    page = open_page(new_context, cited_url, viewport, has_touch=True, is_mobile=viewport == PHONE)
    page.wait_for_load_state("networkidle")
    marker = page.locator("article a.footnote-ref").first
    target = (marker.get_attribute("href") or "").split("#", 1)[1]
    marker.scroll_into_view_if_needed()
    marker.tap()
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    expect(preview).to_contain_text(_source_text(page, marker)[:40])
    assert page.url == cited_url, "the first tap jumped away instead of previewing"
    marker.tap()
    expect(page).to_have_url(f"{cited_url}#{target}")


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_sources_list_is_readable_with_one_back_link_per_source(
    new_context: OpenContext, cited_url: str, viewport: dict[str, int]
) -> None:
    page = open_page(new_context, cited_url, viewport)
    items = page.locator("article .footnote li")
    assert items.count() > 0
    cited_more_than_once = 0
    for index in range(items.count()):
        item = items.nth(index)
        if item.locator(".footnote-backref").count() > 1:
            cited_more_than_once += 1
        expect(item.locator(".footnote-backref:visible")).to_have_count(1)
    assert cited_more_than_once, "no source cited twice: the back-link check proved nothing"
    # As large as the body's small print, no smaller (Material's default is 0.64rem).
    assert font_px(page, "article .footnote") >= 0.9 * font_px(page, "article > p:not([class])")


@pytest.mark.parametrize("color_scheme", SCHEMES)
def test_citations_pass_axe_with_a_preview_open(
    new_context: OpenContext, cited_url: str, color_scheme: str
) -> None:
    page = open_page(new_context, cited_url, LAPTOP, color_scheme)
    page.locator("article a.footnote-ref").first.focus()
    expect(page.locator(PREVIEW)).to_be_visible()
    assert axe_problems(page, "body") == []


def test_markers_side_by_side_read_as_one_group_and_no_others(
    new_context: OpenContext, base_url: str, site: SiteFacts
) -> None:
    page = open_page(new_context, base_url, LAPTOP)
    groups = page.evaluate(
        """() => [...document.querySelectorAll('article sup[id^="fnref"]')].map(sup => [
             sup.previousSibling?.nodeType === Node.ELEMENT_NODE
               && sup.previousSibling.matches('sup[id^="fnref"]'),
             getComputedStyle(sup, "::before").content])"""
    )
    assert any(follows for follows, _ in groups), "no markers side by side: nothing checked"
    for follows, before in groups:
        # A comma between markers that touch; nothing before one that follows text.
        assert (before == '","') == follows, (follows, before)
