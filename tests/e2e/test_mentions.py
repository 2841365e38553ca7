""" "Mentioned on" and entity histories stay secondary (issue 12, item 4): a heading
smaller than the article's own, compact items, long lists cut to a few with a button for
the rest (every item without JavaScript), and no axe finding in either scheme."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from conftest import SiteFacts
from playwright.sync_api import Page, expect
from reading import SCHEMES, VIEWPORT_IDS, VIEWPORTS, OpenContext, axe_problems, font_px, open_page

SHOWN = 5
LISTS = {"backlinks": ".entity-backlinks > ul", "history": ".explainer-history__list"}


def _longest(site: SiteFacts, marker: str) -> tuple[str, int]:
    """The page with the most `<li>` after `marker` (a list's class), and that count."""
    best = ("", 0)
    for relative in site.pages:
        html = (site.site_dir / relative / "index.html").read_text(encoding="utf-8")
        if marker not in html:
            continue
        after = html.split(marker, 1)[1]
        count = after.split("</ul>", 1)[0].split("</ol>", 1)[0].count("<li")
        best = max(best, (relative, count), key=lambda pair: pair[1])
    assert best[1] > SHOWN + 1, f"no page has a long {marker} list: nothing to collapse"
    return best


@pytest.fixture(params=list(LISTS))
def long_list(
    request: pytest.FixtureRequest, site: SiteFacts, base_url: str
) -> tuple[str, str, int]:
    """(page URL, list selector, item count) for the longest list of each kind."""
    marker = {"backlinks": 'class="entity-backlinks', "history": 'class="explainer-history__list'}
    relative, count = _longest(site, marker[request.param])
    return urljoin(base_url, relative), LISTS[request.param], count


def _visible_items(page: Page, selector: str) -> int:
    return page.locator(f"{selector} > li:visible").count()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_long_lists_show_a_few_and_a_button_for_the_rest(
    new_context: OpenContext, long_list: tuple[str, str, int], viewport: dict[str, int]
) -> None:
    url, selector, count = long_list
    page = open_page(new_context, url, viewport)
    assert _visible_items(page, selector) == SHOWN
    button = page.locator(f"{selector} + button.explainer-show-all")
    expect(button).to_have_text(
        f"Show all {count} " + ("events" if "history" in selector else "pages")
    )
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    assert _visible_items(page, selector) == count
    expect(button).to_have_attribute("aria-expanded", "true")
    button.press("Enter")  # the keyboard closes it again
    assert _visible_items(page, selector) == SHOWN


def test_without_javascript_every_item_shows(
    new_context: OpenContext, long_list: tuple[str, str, int]
) -> None:
    url, selector, count = long_list
    context, _ = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    assert _visible_items(page, selector) == count
    expect(page.locator("button.explainer-show-all")).to_have_count(0)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORT_IDS)
def test_mentioned_on_is_secondary_and_compact(
    new_context: OpenContext, site: SiteFacts, base_url: str, viewport: dict[str, int]
) -> None:
    relative, _ = _longest(site, 'class="entity-backlinks')
    page = open_page(new_context, urljoin(base_url, relative), viewport)
    heading = "article .entity-backlinks > h2"
    article_heading = "article h2:not(.entity-backlinks h2):not(.explainer-history h2)"
    assert font_px(page, heading) < 0.8 * font_px(page, article_heading)
    assert font_px(page, heading) <= 1.2 * font_px(page, "article > p:not([class])")
    quote = font_px(page, "article .entity-backlinks blockquote")
    assert quote < font_px(page, "article > p:not([class])")
    # A phone screen or less for the whole section, however many pages mention it.
    box = page.locator("article .entity-backlinks").bounding_box()
    assert box and box["height"] <= viewport["height"], box


@pytest.mark.parametrize("color_scheme", SCHEMES)
def test_mentions_pass_axe(
    new_context: OpenContext, site: SiteFacts, base_url: str, color_scheme: str
) -> None:
    relative, _ = _longest(site, 'class="entity-backlinks')
    page = open_page(new_context, urljoin(base_url, relative), VIEWPORTS[1], color_scheme)
    expect(page.locator("button.explainer-show-all").first).to_be_visible()
    assert axe_problems(page) == []
