"""Helpers shared by the reader-experience browser tests (issue 12)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from conftest import DESKTOP, PHONE, Traffic
from playwright.sync_api import BrowserContext, Page

#: The first screen of a laptop, as the issue measures it (conftest's DESKTOP is taller).
LAPTOP = {"width": 1280, "height": 800}
VIEWPORTS = [LAPTOP, PHONE]
VIEWPORT_IDS = ["1280", "375"]
SCHEMES = ["light", "dark"]
__all__ = ["DESKTOP", "LAPTOP", "PHONE", "SCHEMES", "VIEWPORTS", "VIEWPORT_IDS"]

OpenContext = Callable[..., tuple[BrowserContext, Traffic]]


def open_page(
    new_context: OpenContext,
    url: str,
    viewport: dict[str, int],
    color_scheme: str = "light",
    **options: Any,
) -> Page:
    """`url` in a fresh context of that size and scheme; fails unless it answers 200."""
    context, _ = new_context(viewport=viewport, color_scheme=color_scheme, **options)
    page = context.new_page()
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    return page


def axe_problems(page: Page, include: str = "article") -> list[str]:
    """axe-core violations inside `include`, one line each (empty: none)."""
    results = Axe().run(page, context={"include": [[include]]})
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]


def font_px(page: Page, selector: str) -> float:
    """Computed font size, in CSS pixels, of the first element matching `selector`."""
    size: str = page.locator(selector).first.evaluate("e => getComputedStyle(e).fontSize")
    return float(size.removesuffix("px"))
