"""Search finds entity pages by name and by alias, as a reader types."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from conftest import SiteFacts
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError


@pytest.mark.parametrize("query", ["KKR", "Hon Hai"])
def test_search_lists_the_entity_page(
    browser_page: Page, base_url: str, site: SiteFacts, query: str
) -> None:
    # "Hon Hai" is an alias: the page it must find is the one whose front matter says so.
    entity = site.entity_named(query)
    expected = urljoin(base_url, site.entity_urls[entity.id])
    page = browser_page
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    box.click()
    # Material's search listens for key events; fill() sets the value without them.
    box.press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__list a.md-search-result__link")
    expect(results.first).to_be_visible()
    # Results update as each key arrives; wait for those of the whole query.
    listed = (
        "expected => [...document.querySelectorAll('.md-search-result__list a')]"
        ".some(a => a.origin + a.pathname === expected)"
    )
    try:
        page.wait_for_function(listed, arg=expected)
    except PlaywrightTimeoutError:
        found = results.evaluate_all("as => as.map(a => a.origin + a.pathname)")
        pytest.fail(f"{query!r}: {expected} not among the results {found}")
    # A name or an alias puts its entity's page first, not a page that mentions it.
    first = results.first.evaluate("a => a.origin + a.pathname")
    assert first == expected
