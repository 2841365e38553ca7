"""The light/dark toggle switches the scheme, and the choice survives a page change."""

from __future__ import annotations

from urllib.parse import urljoin

from conftest import SiteFacts
from playwright.sync_api import Page, expect


def _scheme(page: Page) -> str:
    return page.locator("body").get_attribute("data-md-color-scheme") or ""


def test_toggle_switches_scheme_and_persists_across_pages(
    browser_page: Page, base_url: str, site: SiteFacts
) -> None:
    page = browser_page
    page.goto(base_url)
    schemes = [p["scheme"] for p in site.config.theme["palette"]]
    start = _scheme(page)
    assert start == schemes[0]
    # Only the toggle of the active palette is shown; it names the scheme it switches to.
    toggle = page.locator("form[data-md-component=palette] label.md-header__button:visible")
    expect(toggle).to_have_count(1)
    toggle.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", schemes[1])

    other = next(p for p in site.pages if p)
    page.goto(urljoin(base_url, other))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", schemes[1])
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", schemes[1])

    page.locator("form[data-md-component=palette] label.md-header__button:visible").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", start)
