"""The site reads without JavaScript and on paper: content, links, tables and footnotes."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

from conftest import A4, SiteFacts, Traffic
from playwright.sync_api import BrowserContext, Page, expect


def _comparison(site: SiteFacts) -> tuple[str, list[str]]:
    options = site.explainer_options.comparison
    return options.path, [e.name for e in site.entities_of_kind(options.kind)]


def _tables_fit(page: Page) -> list[str]:
    """Tables whose right edge runs past the article's (cut off on screen or paper)."""
    result: list[str] = page.evaluate(
        """() => {
          const article = document.querySelector("article").getBoundingClientRect();
          return [...document.querySelectorAll("article table")]
            .filter(t => t.getBoundingClientRect().right > article.right + 1)
            .map(t => t.outerHTML.slice(0, 80));
        }"""
    )
    return result


def test_every_page_reads_without_javascript(
    new_context: Callable[..., tuple[BrowserContext, Traffic]], base_url: str, site: SiteFacts
) -> None:
    context, _ = new_context(java_script_enabled=False)
    page = context.new_page()
    for relative in site.pages:
        response = page.goto(urljoin(base_url, relative))
        assert response is not None and response.status == 200, relative
        expect(page.locator("article h1").first).to_be_visible()
        assert len(page.locator("article").inner_text()) > 100, relative
        # Without JavaScript the navigation is still plain links to every page.
        nav = page.locator("nav.md-nav--primary a.md-nav__link[href]:not([href^='#'])")
        assert nav.count() >= len(site.nav_pages), relative


def test_comparison_table_and_links_work_without_javascript(
    new_context: Callable[..., tuple[BrowserContext, Traffic]], base_url: str, site: SiteFacts
) -> None:
    context, _ = new_context(java_script_enabled=False)
    page = context.new_page()
    path, names = _comparison(site)
    page.goto(urljoin(base_url, path))
    for name in names:
        header = page.locator("article table th", has_text=name).first
        header.scroll_into_view_if_needed()
        expect(header).to_be_in_viewport()
    # A link to a compared entity's page still leads there.
    entity = site.entities_of_kind(site.explainer_options.comparison.kind)[0]
    target = urljoin(base_url, site.entity_urls[entity.id])
    links = page.locator("article a[href]")
    hrefs = links.evaluate_all("as => as.map(a => a.href)")
    assert target in hrefs, f"no link to {target} on the comparison page"
    with page.expect_navigation():
        links.nth(hrefs.index(target)).click()
    assert page.url == target
    expect(page.locator("article h1").first).to_contain_text(entity.name)


def test_print_keeps_article_tables_and_footnotes(
    new_context: Callable[..., tuple[BrowserContext, Traffic]], base_url: str, site: SiteFacts
) -> None:
    context, _ = new_context(viewport=A4)
    page = context.new_page()
    page.emulate_media(media="print")
    path, names = _comparison(site)
    with_footnotes = 0
    for relative in site.pages:
        page.goto(urljoin(base_url, relative))
        # Screen furniture goes; the article stays, with every table whole on the sheet.
        expect(page.locator(".md-header")).to_be_hidden()
        expect(page.locator(".md-sidebar--primary")).to_be_hidden()
        expect(page.locator("article h1").first).to_be_visible()
        assert _tables_fit(page) == [], relative
        footnotes = page.locator("article .footnote")
        if footnotes.count():
            with_footnotes += 1
            expect(footnotes.first).to_be_visible()
            expect(footnotes.first.locator("li").first).to_be_visible()
        if relative == path:
            for name in names:
                expect(page.locator("article table th", has_text=name).first).to_be_visible()
    assert with_footnotes > 0, "no page with footnotes: the check above proved nothing"


def _luminance(css_color: str) -> float:
    """Relative luminance (0 black .. 1 white) of an `rgb()`/`rgba()` computed colour."""
    channels = [float(v) for v in css_color[css_color.index("(") + 1 : -1].split(",")[:3]]
    linear = [
        c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
        for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_print_uses_dark_ink_whatever_the_screen_scheme(
    new_context: Callable[..., tuple[BrowserContext, Traffic]], base_url: str, site: SiteFacts
) -> None:
    # Readers in dark mode print too; light text on (unprinted) dark background is blank paper.
    context, _ = new_context(viewport=A4, color_scheme="dark")
    page = context.new_page()
    page.goto(base_url)
    dark = site.config.theme["palette"][-1]["scheme"]
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", dark)
    screen_ink = page.locator("article > p:not([class])").first.evaluate(
        "e => getComputedStyle(e).color"
    )
    page.emulate_media(media="print")
    print_ink = page.locator("article > p:not([class])").first.evaluate(
        "e => getComputedStyle(e).color"
    )
    assert _luminance(screen_ink) > 0.5, screen_ink  # the check below means something
    assert _luminance(print_ink) < 0.05, print_ink


def test_print_shows_where_external_links_go(
    new_context: Callable[..., tuple[BrowserContext, Traffic]], base_url: str, site: SiteFacts
) -> None:
    context, _ = new_context(viewport=A4)
    page = context.new_page()
    page.emulate_media(media="print")
    seen = 0
    for relative in site.pages:
        page.goto(urljoin(base_url, relative))
        for link in page.locator("article a[href^='http']").all():
            href = link.get_attribute("href") or ""
            after = link.evaluate("a => getComputedStyle(a, '::after').content")
            assert href in after, f"{relative}: {href} not printed ({after})"
            seen += 1
    assert seen > 0, "no external link in any article: nothing was checked"
