"""No invented sources: every link from the built site to another site is a news page
named in the source dossier, or the project's own repository (the theme's repository and
"edit this page" links).

The allowed addresses are a committed copy of the dossier's, `tests/data/source-urls.txt`,
so the site's check runs anywhere; where the dossier itself is at hand (`../shared/sources`
beside the clone, as in CI), a second test checks that the copy invents nothing either.
Addresses are compared exactly as written: `%27` and `'` are different pages to this test,
because a citation must name the page the dossier names.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.config import load_config

from .conftest import ROOT
from .test_links import parse_page

ALLOWED_FILE = ROOT / "tests" / "data" / "source-urls.txt"
SOURCES_DIR = Path(__file__).resolve().parents[2] / "shared" / "sources"
DOSSIER_NAME = "nissan-dec2024-mar2026-dossier.md"
#: Links the theme itself puts in every page's footer: its "Made with Material for MkDocs"
#: credit. Not a source; listed by address so that nothing else slips through with it.
THEME_LINKS = frozenset({"https://squidfunk.github.io/mkdocs-material/"})


def read_allowed(path: Path = ALLOWED_FILE) -> set[str]:
    """The addresses in `path`: one a line; blank lines and `#` comments skipped."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line and not line.startswith("#")}


def is_external(url: str, site_url: str) -> bool:
    return urlsplit(url).scheme in {"http", "https"} and not url.startswith(site_url)


def is_repository_link(url: str, repo_url: str) -> bool:
    """The theme's link to the repository, or one of its "edit this page" links under it."""
    return url == repo_url or url.startswith(repo_url.rstrip("/") + "/")


def external_links(site_dir: Path, site_url: str) -> dict[str, set[str]]:
    """Every external address in the built HTML -> the pages (relative paths) using it."""
    used: dict[str, set[str]] = defaultdict(set)
    for page in sorted(site_dir.rglob("*.html")):
        for url in parse_page(page.read_text(encoding="utf-8")).urls:
            if is_external(url, site_url):
                used[url].add(page.relative_to(site_dir).as_posix())
    return used


def unlisted_links(
    links: dict[str, set[str]], allowed: Iterable[str], repo_url: str
) -> dict[str, set[str]]:
    allowed = set(allowed)
    return {
        url: pages
        for url, pages in links.items()
        if url not in allowed and url not in THEME_LINKS and not is_repository_link(url, repo_url)
    }


def site_settings() -> tuple[str, str]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return str(config["site_url"]), str(config["repo_url"])


def test_every_external_link_is_a_page_named_in_the_dossier(built_site: Path) -> None:
    site_url, repo_url = site_settings()
    links = external_links(built_site, site_url)
    allowed = read_allowed()
    unlisted = unlisted_links(links, allowed, repo_url)
    report = "\n".join(
        f"  {url}  (on {', '.join(sorted(pages))})" for url, pages in unlisted.items()
    )
    assert not unlisted, (
        f"links to pages the dossier does not name:\n{report}\n"
        f"cite a news page listed in {ALLOWED_FILE.relative_to(ROOT)}, copied exactly"
    )
    # The site does cite news pages: a parser that found no links would pass the check above.
    cited = set(links) & allowed
    assert len(cited) >= 50, f"only {len(cited)} cited news pages found in the built site"


def test_every_cited_page_is_listed_on_the_sources_page(built_site: Path) -> None:
    site_url, repo_url = site_settings()
    links = external_links(built_site, site_url)
    cited = {
        url for url in links if url not in THEME_LINKS and not is_repository_link(url, repo_url)
    }
    sources_page = built_site / "sources" / "index.html"
    listed = set(parse_page(sources_page.read_text(encoding="utf-8")).urls)
    missing = sorted(cited - listed)
    assert not missing, "cited on the site but not listed on sources.md:\n  " + "\n  ".join(missing)


def test_the_check_catches_an_invented_link(tmp_path: Path) -> None:
    site_url, repo_url = site_settings()
    allowed = read_allowed()
    real = sorted(allowed)[0]
    page = tmp_path / "page" / "index.html"
    page.parent.mkdir()
    page.write_text(
        f'<a href="{real}">real</a>'
        '<a href="https://news.example.com/made-up">invented</a>'
        f'<a href="{repo_url}/edit/main/docs/index.md">edit</a>'
        f'<a href="{site_url}sources/">ours</a>'
        "<a href=\"https://japantoday.com/category/business/taiwan's-foxconn-in-talks"
        '-with-renault-over-nissan-stake-report">decoded</a>',
        encoding="utf-8",
    )
    unlisted = unlisted_links(external_links(tmp_path, site_url), allowed, repo_url)
    assert set(unlisted) == {
        "https://news.example.com/made-up",
        # The dossier writes this address with %27: the decoded spelling is not the same page.
        "https://japantoday.com/category/business/taiwan's-foxconn-in-talks-with-renault-over-nissan-stake-report",
    }


def test_allowed_addresses_all_occur_in_the_dossier() -> None:
    dossier = SOURCES_DIR / DOSSIER_NAME
    if not dossier.is_file():
        message = f"the source dossier is not at {dossier}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}; CI must check out ../shared/sources beside the clone")
        pytest.skip(message)
    text = dossier.read_text(encoding="utf-8")
    invented = sorted(url for url in read_allowed() if url not in text)
    assert not invented, "addresses not in the dossier:\n  " + "\n  ".join(invented)
