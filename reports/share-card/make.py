"""Render card.html into docs/assets/share-card.png (1200 x 630) with the system Chromium.

Run once after changing the card: .venv/bin/python reports/share-card/make.py
Blocks every request: the card needs none.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "docs" / "assets" / "share-card.png"


def main() -> None:
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--headless"]
        )
        context = browser.new_context(viewport={"width": 1200, "height": 630})
        context.route("http*://**", lambda route: route.abort("blockedbyclient"))
        page = context.new_page()
        page.goto(HERE.joinpath("card.html").as_uri())
        page.screenshot(path=str(OUT))
        browser.close()


if __name__ == "__main__":
    main()
