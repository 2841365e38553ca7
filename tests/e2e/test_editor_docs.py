"""Editors' documentation is kept out of the reader's way (issue 12, item 5): not in the
navigation, not in search, yet one link away in every page's footer."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest
from conftest import SiteFacts
from playwright.sync_api import expect
from reading import VIEWPORT_IDS, VIEWPORTS, OpenContext, open_page

GUIDE = "editing-guide/"


def test_the_guide_is_built_but_kept_out_of_the_navigation(site: SiteFacts) -> None:
    assert GUIDE in site.pages, "the editing guide is not built at all"
    assert GUIDE in site.not_in_nav
    assert GUIDE not in site.nav_pages


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_footer_links_to_the_guide_and_the_nav_does_not(
    new_context: OpenContext, base_url: str, site: SiteFacts, viewport: dict[str, int]
) -> None:
    entity_page = urljoin(base_url, next(iter(site.entity_urls.values())))
    page = open_page(new_context, entity_page, viewport)
    guide = urljoin(base_url, GUIDE)
    nav = page.locator("nav.md-nav--primary a[href]").evaluate_all("as => as.map(a => a.href)")
    assert guide not in nav
    link = page.locator("footer a[href]").filter(has_text="written and checked")
    link.scroll_into_view_if_needed()
    expect(link).to_be_visible()
    with page.expect_navigation():
        link.click()
    assert page.url == guide
    expect(page.locator("article h1").first).to_be_visible()


def test_search_index_leaves_the_guide_out(site: SiteFacts) -> None:
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert locations, "empty search index"
    assert not [where for where in locations if where.startswith(GUIDE)]


def test_reader_search_finds_no_editor_page(
    new_context: OpenContext, base_url: str, site: SiteFacts
) -> None:
    page = open_page(new_context, base_url, VIEWPORTS[0])
    # Words the guide is full of, and the reader's pages use too.
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("front matter", delay=30)
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_contain_text("Initializing")
    expect(meta).not_to_have_text("Type to start searching")
    page.wait_for_timeout(300)
    found = page.locator(".md-search-result__list a").evaluate_all("as => as.map(a => a.pathname)")
    assert not [path for path in found if path.rstrip("/").endswith("editing-guide")], found
