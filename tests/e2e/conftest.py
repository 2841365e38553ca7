"""Browser fixtures: the built site served on 127.0.0.1, driven by Debian's Chromium.

Every browser context blocks and records requests that would leave 127.0.0.1: a page that
needs the network is a failure here, not a slow test. Chromium comes from the system
(`apt-get install chromium`); Playwright's own download does not work offline.

`EXPLAINER_SITE_CONFIG=path/to/mkdocs.yml` runs the suite against another site built with
the toolkit (the real site is the default).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, get_files
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Route,
    expect,
    sync_playwright,
)
from siteserver import serve, site_prefix

from site_plugins.entities import Entity, load_catalog

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = frozenset({"127.0.0.1"})
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
#: An A4 sheet at 96 dpi, as Chromium lays out a printed page.
A4 = {"width": 794, "height": 1123}
#: CI runners are slower and busier than a laptop: wait longer before calling it a failure.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Whatever starts Chromium here is a browser test (`-m "not browser"` leaves it out).
    here = Path(__file__).parent
    for item in items:
        uses_chromium = "chromium_path" in getattr(item, "fixturenames", ())
        if uses_chromium and here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Chromium's binary; missing fails the run in CI (a skipped browser suite proves nothing)."""
    if not CHROMIUM.is_file():
        message = f"Chromium not found at {CHROMIUM} (install it: apt-get install -y chromium)"
        if _in_ci():
            pytest.fail(message + "; CI must run the browser tests", pytrace=False)
        pytest.skip(message)
    return CHROMIUM


@dataclass(frozen=True)
class SiteFacts:
    """What the tests expect, read from the site's own config, front matter and output."""

    config: MkDocsConfig
    site_dir: Path
    entities: list[Entity]
    entity_urls: dict[str, str]
    """Entity id -> page URL relative to the site root (`suitors/foxconn/`)."""
    not_in_nav: frozenset[str] = frozenset()
    """Pages kept out of the readers' navigation (`not_in_nav`), as URLs like `pages`."""

    @property
    def pages(self) -> list[str]:
        """Every HTML page of the built site as a URL relative to its root, 404 page aside."""
        urls = []
        for path in sorted(self.site_dir.rglob("*.html")):
            relative = path.relative_to(self.site_dir).as_posix()
            if relative == "404.html":
                continue
            urls.append(relative.removesuffix("index.html"))
        return urls

    @property
    def nav_pages(self) -> list[str]:
        """The pages readers reach from the navigation: `pages` less those not in it."""
        return [url for url in self.pages if url not in self.not_in_nav]

    def entity_named(self, name: str) -> Entity:
        """The entity whose name or one of whose aliases is `name`."""
        matches = [e for e in self.entities if name in e.names]
        assert len(matches) == 1, f"expected one entity called {name!r}, found {matches}"
        return matches[0]

    def entities_of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities if e.kind == kind]

    @property
    def explainer_options(self) -> Any:
        return self.config.plugins["explainer"].config


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    other = os.environ.get("EXPLAINER_SITE_CONFIG")
    if not other:
        built: Path = request.getfixturevalue("built_site")
        return built
    out = tmp_path_factory.mktemp("other-site")
    build(load_config(other, site_dir=str(out), strict=True))
    return out


@pytest.fixture(scope="session")
def site(site_dir: Path) -> SiteFacts:
    config = load_config(os.environ.get("EXPLAINER_SITE_CONFIG") or str(ROOT / "mkdocs.yml"))
    kinds = config.plugins["explainer"].config.kinds
    files = get_files(config)
    pages = [(f.src_uri, f.content_string) for f in files.documentation_pages()]
    catalog = load_catalog(pages, kinds)
    urls = {
        e.id: File(
            e.src_uri, config.docs_dir, config.site_dir, config.use_directory_urls
        ).url.removeprefix("./")
        + (f"#{e.anchor}" if e.anchor else "")
        for e in catalog.entities
    }
    hidden = frozenset(
        f.url.removeprefix("./") for f in files.documentation_pages() if f.inclusion.is_not_in_nav()
    )
    return SiteFacts(config, site_dir, catalog.entities, urls, hidden)


@pytest.fixture(scope="session")
def base_url(site: SiteFacts) -> Iterator[str]:
    """The served site's root URL, under the same path as the real host (`site_url`)."""
    with serve(site.site_dir, site_prefix(site.config.site_url)) as url:
        yield url


# Per module, not per session: a thread can run one sync Playwright at a time, so a test
# elsewhere that starts its own is not locked out. Launching Chromium takes under a second.
@pytest.fixture(scope="module")
def playwright_driver(chromium_path: Path) -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def chromium(playwright_driver: Playwright, chromium_path: Path) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(
        executable_path=str(chromium_path), args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@dataclass
class Traffic:
    """Every request a browser context made, and what its pages reported as errors."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        url = route.request.url
        self.requests.append(url)
        if is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def watch(self, page: Page) -> None:
        page.on(
            "console",
            lambda message: (
                self.console_errors.append(f"{page.url}: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda error: self.console_errors.append(f"{page.url}: {error}"))


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    # data: and blob: URLs never touch the network.
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


@pytest.fixture
def new_context(chromium: Browser) -> Iterator[Callable[..., tuple[BrowserContext, Traffic]]]:
    """Open browser contexts (any `new_context` options); each blocks non-local requests.

    At teardown, any request that tried to leave 127.0.0.1 fails the test.
    """
    opened: list[tuple[BrowserContext, Traffic]] = []

    def open_context(**options: Any) -> tuple[BrowserContext, Traffic]:
        options.setdefault("viewport", DESKTOP)
        context = chromium.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        traffic = Traffic()
        context.route("**/*", traffic.route)
        context.on("page", traffic.watch)
        opened.append((context, traffic))
        return context, traffic

    yield open_context
    blocked = [url for _, traffic in opened for url in traffic.blocked]
    for context, _ in opened:
        context.close()
    assert not blocked, "requests left 127.0.0.1:\n" + "\n".join(sorted(set(blocked)))


@pytest.fixture
def browser_page(new_context: Callable[..., tuple[BrowserContext, Traffic]]) -> Page:
    """A page in a fresh desktop-sized context."""
    context, _ = new_context()
    return context.new_page()
