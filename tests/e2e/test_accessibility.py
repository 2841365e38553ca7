"""axe-core finds no violation, of any impact, on any page, in either colour scheme.

Violations are fixed in our templates and CSS (overrides/, docs/stylesheets/extra.css);
no rule is disabled here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import SiteFacts, Traffic
from playwright.sync_api import BrowserContext


def _describe(url: str, violation: dict[str, Any]) -> str:
    nodes = "\n".join(
        f"      {' '.join(node['target'])}: {node.get('failureSummary', '').splitlines()[-1]}"
        for node in violation["nodes"][:5]
    )
    return f"  {url}: {violation['id']} ({violation['impact']}) {violation['help']}\n{nodes}"


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page(
    new_context: Callable[..., tuple[BrowserContext, Traffic]],
    base_url: str,
    site: SiteFacts,
    color_scheme: str,
) -> None:
    # The palette follows the system's preference on a first visit.
    palettes = site.config.theme["palette"]
    scheme = palettes[0 if color_scheme == "light" else -1]["scheme"]
    context, _ = new_context(color_scheme=color_scheme)
    page = context.new_page()
    axe = Axe()
    problems = []
    checked = 0
    for relative in [*site.pages, "404.html"]:
        url = urljoin(base_url, relative)
        # Material's bundle runs before `load` (end of body); what comes later (search
        # index, worker) does not change the page.
        page.goto(url, wait_until="load")
        assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
        results = axe.run(page)
        checked += 1
        problems += [_describe(relative or "/", v) for v in results.response["violations"]]
    assert checked == len(site.pages) + 1
    assert not problems, f"axe violations ({color_scheme}):\n" + "\n".join(problems)
