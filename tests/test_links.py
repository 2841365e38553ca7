"""Every internal link and anchor of the built site resolves; external links are listed.

The check reads the built HTML (theme and content alike), the way a crawler would, but on
disk: a link resolves when the file it names exists in the site folder and, if it has a
fragment, that file has an element with that id. External links are not fetched (no
network in CI, and other sites' uptime is not ours to test); they are written, with the
pages that use them, to reports/external-links.md for a human to review.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "reports" / "external-links.md"

#: Attributes that point a browser at another resource, by tag.
URL_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "area": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
}
#: Schemes that never name a resource of this site or another site to visit.
IGNORED_SCHEMES = frozenset({"javascript", "data", "blob", "about"})


@dataclass
class PageLinks:
    ids: set[str] = field(default_factory=set)
    urls: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        attribute = URL_ATTRIBUTES.get(tag)
        if attribute and attribute in values:
            self.page.urls.append(values[attribute].strip())

    handle_startendtag = handle_starttag


def parse_page(html: str) -> PageLinks:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.page


def page_url(site_dir: Path, file: Path, prefix: str) -> str:
    """The absolute path a host serves `file` under: `/prefix/suitors/kkr/` for its index."""
    relative = file.relative_to(site_dir).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative.removesuffix("index.html")
    return prefix + relative


def target_file(site_dir: Path, path: str, prefix: str) -> Path | None:
    """The file a host answers with for `path` (absolute), or None if outside the site."""
    path = posixpath.normpath(unquote(path)) + ("/" if path.endswith("/") else "")
    if not (path + "/").startswith(prefix):
        return None
    inside = path[len(prefix) :]
    candidate = site_dir / inside
    if not inside or inside.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


@dataclass
class LinkReport:
    broken: list[str] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    checked: int = 0


def check_site(site_dir: Path, site_url: str) -> LinkReport:
    """Check every internal link of every page under `site_dir`; list the external ones."""
    base = urlsplit(site_url)
    prefix = base.path if base.path.endswith("/") else base.path + "/"
    files = sorted(site_dir.rglob("*.html"))
    pages = {file: parse_page(file.read_text(encoding="utf-8")) for file in files}
    report = LinkReport()
    for file, page in pages.items():
        here = page_url(site_dir, file, prefix)
        for url in page.urls:
            parts = urlsplit(url)
            if parts.scheme in IGNORED_SCHEMES:
                continue
            if parts.scheme or parts.netloc:
                if (parts.netloc, parts.scheme) == (base.netloc, base.scheme) and (
                    parts.path + "/"
                ).startswith(prefix):
                    # An absolute link to our own site (canonical URLs): check it too.
                    parts = urlsplit(parts.path + ("#" + parts.fragment if parts.fragment else ""))
                else:
                    report.external[url].add(here)
                    continue
            report.checked += 1
            resolved = urlsplit(urljoin(here, parts.geturl()))
            target = target_file(site_dir, resolved.path or here, prefix)
            where = f"{file.relative_to(site_dir).as_posix()}: {url}"
            if target is None:
                report.broken.append(f"{where} (no file for {resolved.path})")
                continue
            fragment = unquote(resolved.fragment)
            if fragment and target in pages and fragment not in pages[target].ids:
                report.broken.append(f"{where} (no id {fragment!r} in {target.name})")
    return report


def render_external(report: LinkReport, site_url: str) -> str:
    lines = [
        "# External links",
        "",
        f"Every link from the built site at <{site_url}> to another site, with the",
        "pages that use it. Written by `tests/test_links.py` on each run; the links are",
        "listed, not fetched: check them by hand before publishing.",
        "",
        "| Link | Used on |",
        "| --- | --- |",
    ]
    every_page = set().union(*report.external.values()) if report.external else set()
    for url in sorted(report.external):
        pages = report.external[url]
        # Theme links (repository, "Made with") sit on every page; a list would bury the rest.
        if len(every_page) > 1 and pages == every_page:
            used_on = "every page"
        else:
            used_on = ", ".join(f"`{page}`" for page in sorted(pages))
        lines.append(f"| <{url}> | {used_on} |")
    return "\n".join(lines) + "\n"


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    report = check_site(built_site, config.site_url or "/")
    assert report.checked > 0
    assert report.broken == [], "broken links:\n" + "\n".join(report.broken)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(render_external(report, config.site_url or "/"), encoding="utf-8")


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    """A two-page site with one link of each kind, good and bad."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<h1 id="top">Home</h1>'
        '<a href="a/">fine</a><a href="a/#part">fine anchor</a><a href="#top">own anchor</a>'
        '<a href="b/">missing page</a><a href="a/#nowhere">missing anchor</a>'
        '<a href="/site/a/">absolute</a><a href="https://example.org/x">elsewhere</a>'
        '<a href="https://host.test/site/a/#part">own site, absolute</a>'
        '<img src="img/missing.png"><a href="javascript:void(0)">js</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="part">Part</h2><a href="../">up</a><a href="../#gone">bad</a>',
        encoding="utf-8",
    )
    return tmp_path


def test_checker_finds_broken_links_and_lists_external_ones(tiny_site: Path) -> None:
    report = check_site(tiny_site, "https://host.test/site/")
    assert sorted(report.broken) == sorted(
        [
            "index.html: b/ (no file for /site/b/)",
            "index.html: a/#nowhere (no id 'nowhere' in index.html)",
            "index.html: img/missing.png (no file for /site/img/missing.png)",
            "a/index.html: ../#gone (no id 'gone' in index.html)",
        ]
    )
    assert dict(report.external) == {"https://example.org/x": {"/site/"}}
    assert report.checked == 10
