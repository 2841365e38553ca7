"""The comparison page in headless Chromium: on a 375-pixel phone the page itself never
scrolls sideways, the table does inside its own box (by keyboard too) with the row names
kept in view, axe finds nothing in either colour scheme, and print fits the whole table.

The built site is opened from disk (file://); any request elsewhere fails the test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Route, sync_playwright

from site_plugins.comparison import page_src_uri

from .test_comparison import comparison_options

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Chromium missing at {CHROMIUM}; CI must run the browser tests")
        pytest.skip(f"Chromium missing at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser: Browser, built_site: Path) -> Iterator[object]:
    url = (built_site / page_src_uri(comparison_options().path).removesuffix(".md")).as_uri()
    outside: list[str] = []
    contexts = []

    def block(route: Route) -> None:
        if urlsplit(route.request.url).scheme in ("file", "data"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    def run(scheme: str = "light", viewport: dict[str, int] = PHONE) -> Page:
        context = browser.new_context(viewport=viewport, color_scheme=scheme)  # type: ignore[arg-type]
        contexts.append(context)
        context.route("**/*", block)
        page = context.new_page()
        page.goto(url + "/index.html")
        return page

    yield run
    for context in contexts:
        context.close()
    assert not outside, f"requests outside the site: {outside}"


def test_phone_scrolls_the_table_not_the_page(open_page: object) -> None:
    page: Page = open_page()  # type: ignore[operator]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
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
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    figure = page.locator(".explainer-diagram__svg").bounding_box()
    assert figure and figure["x"] >= 0 and figure["x"] + figure["width"] <= PHONE["width"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_a_phone(open_page: object, scheme: str) -> None:
    page: Page = open_page(scheme)  # type: ignore[operator]
    expected = "default" if scheme == "light" else "slate"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    results = Axe().run(page, context={"include": [["article"]]})
    problems = [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in results.response["violations"]
    ]
    assert not problems, problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_badges_read_as_words_on_their_colour(open_page: object, scheme: str) -> None:
    page: Page = open_page(scheme)  # type: ignore[operator]
    badges = page.locator(".explainer-badge")
    assert badges.count() > 0
    for i in range(badges.count()):
        badge = badges.nth(i)
        assert badge.inner_text().strip().lower() == badge.get_attribute("data-value")
        colours = badge.evaluate(
            "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]"
        )
        assert colours[0] != colours[1] and "rgba(0, 0, 0, 0)" not in colours


def test_print_shows_the_whole_table(open_page: object) -> None:
    page: Page = open_page("light", {"width": 794, "height": 1123})  # type: ignore[operator]
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
