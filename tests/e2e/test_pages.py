"""Pages load, navigation and cross-links lead where they say, unknown paths get the 404 page."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

from conftest import SiteFacts, Traffic
from playwright.sync_api import BrowserContext, Page, expect


def test_home_loads_without_console_errors(
    new_context: Callable[..., tuple[BrowserContext, Traffic]], base_url: str, site: SiteFacts
) -> None:
    context, traffic = new_context()
    page = context.new_page()
    response = page.goto(base_url)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    expect(page.locator("article h1").first).to_be_visible()
    # Its own title, then the site's: the comparison page is titled with the site's question.
    assert page.title().endswith(f" - {site.config.site_name}")
    assert traffic.console_errors == []


def test_every_page_loads_without_errors_or_outside_requests(
    new_context: Callable[..., tuple[BrowserContext, Traffic]], base_url: str, site: SiteFacts
) -> None:
    context, traffic = new_context()
    page = context.new_page()
    assert len(site.pages) > 1
    for relative in [*site.pages, "404.html"]:
        response = page.goto(urljoin(base_url, relative))
        assert response is not None and response.ok, relative
        page.wait_for_load_state("networkidle")
    local = [url for url in traffic.requests if url.startswith(base_url)]
    # Also proves the recording works: every page and its assets went through the router.
    assert len(local) > len(site.pages)
    assert traffic.blocked == []
    assert traffic.console_errors == []


NAV_LINKS = "nav.md-nav--primary a.md-nav__link[href]:not([href^='#'])"


def _nav_links(page: Page) -> list[tuple[str, str]]:
    """(label, absolute URL) of every page link in the primary navigation."""
    links = page.locator(NAV_LINKS)
    found = []
    for index in range(links.count()):
        link = links.nth(index)
        label = " ".join(link.inner_text().split())
        found.append((label, urljoin(page.url, link.get_attribute("href") or "")))
    return found


def test_every_nav_entry_opens_its_page(browser_page: Page, base_url: str, site: SiteFacts) -> None:
    page = browser_page
    page.goto(base_url)
    entries = _nav_links(page)
    expected = {urljoin(base_url, p) for p in site.nav_pages}
    # Every reader's page is reachable from the navigation, and nothing else is in it.
    assert {url for _, url in entries} == expected
    for index, (label, url) in enumerate(entries):
        page.goto(base_url)
        link = page.locator(NAV_LINKS).nth(index)
        with page.expect_navigation():
            link.click()
        assert page.url == url, label
        active = page.locator("nav.md-nav--primary a.md-nav__link--active")
        expect(active.first).to_have_text(label)
        expect(page.locator("article h1").first).to_be_visible()


def _first_entity_link(page: Page, base_url: str, site: SiteFacts) -> str:
    """The id of the first entity linked in body text on some page; leaves `page` there."""
    for relative in site.pages:
        page.goto(urljoin(base_url, relative))
        links = page.locator("article a.entity-link[data-entity]")
        if links.count():
            return links.first.get_attribute("data-entity") or ""
    raise AssertionError("no page has an entity link in its body text")


def test_entity_link_in_body_text_opens_the_entity_page(
    browser_page: Page, base_url: str, site: SiteFacts
) -> None:
    page = browser_page
    entity_id = _first_entity_link(page, base_url, site)
    entity = next(e for e in site.entities if e.id == entity_id)
    with page.expect_navigation():
        page.locator(f'article a.entity-link[data-entity="{entity_id}"]').first.click()
    assert page.url == urljoin(base_url, site.entity_urls[entity_id])
    expect(page.locator("article h1").first).to_contain_text(entity.name)


def test_entity_hover_context_shows_on_hover_and_keyboard_focus(
    browser_page: Page, base_url: str, site: SiteFacts
) -> None:
    """Material's `content.tooltips` turns the link's `title` into a tooltip element.

    It shows on pointer hover and on keyboard focus, and is tied to the link with
    `aria-describedby` so screen readers announce it too.
    """
    page = browser_page
    entity_id = _first_entity_link(page, base_url, site)
    summary = next(e for e in site.entities if e.id == entity_id).summary
    link = page.locator(f'article a.entity-link[data-entity="{entity_id}"]').first
    tooltip = page.locator(".md-tooltip2--active[role=tooltip]")

    link.hover()
    expect(tooltip).to_be_visible()
    # The summary, after the name, kind and status (test_link_previews.py checks those).
    expect(tooltip).to_contain_text(summary)
    expect(link).to_have_attribute("aria-describedby", tooltip.get_attribute("id") or "")

    # Move away: the tooltip goes, so the keyboard check below starts from nothing.
    page.mouse.move(0, 0)
    expect(tooltip).to_have_count(0)

    # Reach the link the way a keyboard user does: Tab from the top of the page.
    page.reload()
    for _ in range(300):
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    expect(link).to_be_focused()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(summary)
    expect(link).to_have_attribute("aria-describedby", tooltip.get_attribute("id") or "")


def test_unknown_path_serves_the_404_page_which_links_home(
    browser_page: Page, base_url: str
) -> None:
    page = browser_page
    response = page.goto(urljoin(base_url, "no-such-page/"))
    assert response is not None and response.status == 404
    expect(page.locator("article h1").first).to_contain_text("404")
    home = page.locator("article a[href]").filter(has_text="home")
    expect(home.first).to_be_visible()
    with page.expect_navigation():
        home.first.click()
    assert page.url == base_url
