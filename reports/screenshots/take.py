"""Viewport screenshots of the home page, an entity page and the comparison page.

Usage: .venv/bin/python reports/screenshots/take.py SITE_DIR PREFIX  (PREFIX: before | after)
Serves the built site on 127.0.0.1 (tests/e2e/siteserver.py) and blocks every other host.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from siteserver import serve  # noqa: E402

PAGES = {"home": "", "foxconn": "suitors/foxconn/", "comparison": "who-might-rescue-nissan/"}
VIEWPORTS = {"1280": {"width": 1280, "height": 800}, "375": {"width": 375, "height": 812}}


def _local_only(route: Route) -> None:
    if "127.0.0.1" in route.request.url:
        route.continue_()
    else:
        route.abort("blockedbyclient")


def main(site_dir: str, prefix: str) -> None:
    out = Path(__file__).parent
    with serve(Path(site_dir), "/nissan-rescue/") as base, sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--headless"]
        )
        for width, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport)
            context.route("**/*", _local_only)
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(out / f"{prefix}-{name}-{width}.png"))
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
