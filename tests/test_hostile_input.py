"""Hostile front matter: HTML and JavaScript typed into any field comes out as inert text.

Two copies of one small site are built: one with plain values, one with injection payloads in
every front-matter field. The plain build says which scripts and attributes the theme itself
emits; the hostile build may emit nothing more, and must show each payload to readers as the
text that was typed.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.exceptions import Abort

from .conftest import build_site
from .test_bad_input import build_fails, mkdocs_log, write_site

PAYLOADS = {
    "script": "<script>alert('x')</script>",
    "attribute-breakout": "\"><img src=x onerror=alert('x')>",
    "single-quote-breakout": "'><svg onload=alert('x')>",
    "title-breakout": "</title><script>alert('x')</script>",
    "entity": "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &#60;b&#62;",
}
#: Raw markup that must never reach a built page unescaped, whichever field carried it.
LIVE_MARKUP = ("<script>alert(", "<img src=x", "<svg onload", "<b>")

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster"})
SAFE_SCHEMES = frozenset({"", "http", "https"})

#: A payload and the site built with it.
Hostile = tuple[str, Path]


def yaml_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def pages_with(payload: str) -> dict[str, str]:
    """The site, with `payload` in every front-matter field that is free text."""
    q = yaml_quote
    return {
        "index.md": "# Home\n\nAcme is talking to Beta.\n",
        "suitors/acme.md": f"""\
---
title: {q("Acme " + payload)}
description: {q("Description " + payload)}
entity:
  name: {q("Acme Motors " + payload)}
  aliases: [Acme, {q("Acme " + payload)}]
  kind: suitor
  summary: {q("Summary " + payload)}
suitor:
  status: in talks
  deal: [{q("Deal " + payload)}]
  public: true
  home: https://acme.example/
  as_of: 2025-02-28
  sources:
    - title: {q("Source " + payload)}
      url: https://acme.example/press
---
# Acme Motors

Acme Motors meets Beta.
""",
        "companies/beta.md": f"""\
---
entity:
  name: Beta
  kind: company
  summary: {q("Beta summary " + payload)}
---
# Beta

Beta talks to Acme.
""",
    }


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class ParsedPage:
    elements: list[Element] = field(default_factory=list)
    text: str = ""


class _Parser(HTMLParser):
    """Elements with their attributes, and the text a reader sees.

    `<title>` and `<textarea>` hold text only (RCDATA) in browsers; the standard library
    parser knows that only of `<script>` and `<style>`, so it is told.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._open: list[Element] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.page.elements.append(element)
        if tag in ("script", "style", "title", "textarea"):
            self._open.append(element)
        if tag in ("title", "textarea"):
            self.set_cdata_mode(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1].tag == tag:
            self._open.pop()
        self.clear_cdata_mode()

    def handle_data(self, data: str) -> None:
        if self.cdata_elem in ("title", "textarea"):
            data = html.unescape(data)  # browsers decode references in RCDATA
        if self._open:
            self._open[-1].text += data
        if not self._open or self._open[-1].tag in ("title", "textarea"):
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = " ".join("".join(self._text).split())


def parse(path: Path) -> ParsedPage:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def html_pages(site: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), path


def script_signatures(page: ParsedPage) -> set[tuple[str, str]]:
    return {
        (e.attrs.get("src", ""), " ".join(e.text.split()))
        for e in page.elements
        if e.tag == "script"
    }


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("plain")
    build_site(write_site(root, pages_with("and friends")), root / "site")
    return root / "site"


@pytest.fixture(scope="module", params=sorted(PAYLOADS))
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    payload = PAYLOADS[request.param]
    root = tmp_path_factory.mktemp(f"hostile-{request.param}")
    build_site(write_site(root, pages_with(payload)), root / "site")
    return payload, root / "site"


def test_the_same_pages_are_built(plain_site: Path, hostile: Hostile) -> None:
    _payload, site = hostile
    assert [name for name, _ in html_pages(site)] == [name for name, _ in html_pages(plain_site)]


def test_no_script_the_theme_did_not_put_there(plain_site: Path, hostile: Hostile) -> None:
    _payload, site = hostile
    for name, path in html_pages(site):
        extra = script_signatures(parse(path)) - script_signatures(parse(plain_site / name))
        assert not extra, f"{name}: unexpected <script> {extra}"


def test_no_event_handler_attributes(plain_site: Path, hostile: Hostile) -> None:
    _payload, site = hostile
    for name, path in html_pages(site):
        handlers = [
            (e.tag, attr) for e in parse(path).elements for attr in e.attrs if attr.startswith("on")
        ]
        assert not handlers, f"{name}: {handlers}"


def test_only_http_https_and_relative_urls(hostile: Hostile) -> None:
    _payload, site = hostile
    for name, path in html_pages(site):
        for element in parse(path).elements:
            for attr, value in element.attrs.items():
                if attr in URL_ATTRIBUTES:
                    # Browsers drop tabs, newlines and leading spaces/controls before the scheme.
                    cleaned = "".join(ch for ch in value if ch > " ").lower()
                    assert urlsplit(cleaned).scheme in SAFE_SCHEMES, f"{name}: {attr}={value!r}"


def test_no_live_markup_from_front_matter(hostile: Hostile) -> None:
    _payload, site = hostile
    for name, path in html_pages(site):
        source = path.read_text(encoding="utf-8")
        for markup in LIVE_MARKUP:
            assert markup not in source, f"{name} contains {markup!r} unescaped"


def test_summary_is_shown_as_typed_in_link_titles(hostile: Hostile) -> None:
    payload, site = hostile
    home = parse(site / "index.html")
    titles = {e.attrs.get("title") for e in home.elements if e.tag == "a"}
    assert "Summary " + payload in titles
    assert "Beta summary " + payload in titles


def test_description_is_shown_as_typed_in_meta(hostile: Hostile) -> None:
    payload, site = hostile
    page = parse(site / "suitors" / "acme" / "index.html")
    meta = {e.attrs.get("name"): e.attrs.get("content") for e in page.elements if e.tag == "meta"}
    assert meta["description"] == "Description " + payload
    beta = parse(site / "companies" / "beta" / "index.html")
    meta = {e.attrs.get("name"): e.attrs.get("content") for e in beta.elements if e.tag == "meta"}
    assert meta["description"] == "Beta summary " + payload  # the summary stands in


def test_title_is_shown_as_typed(hostile: Hostile) -> None:
    payload, site = hostile
    page = parse(site / "suitors" / "acme" / "index.html")
    title = next(e for e in page.elements if e.tag == "title")
    assert title.text.startswith("Acme " + payload)
    # In the navigation of every page, too.
    assert ("Acme " + payload) in parse(site / "index.html").text


def test_suitor_fields_are_shown_as_typed_on_the_comparison_page(hostile: Hostile) -> None:
    payload, site = hostile
    text = parse(site / "compare" / "index.html").text
    for value in ("Acme Motors ", "Deal ", "Source "):
        assert " ".join((value + payload).split()) in text


# -- URLs ---------------------------------------------------------------------------------

UNSAFE_URLS = [
    "javascript:alert('x')",
    "JaVaScRiPt:alert('x')",
    " javascript:alert('x')",
    "java\tscript:alert('x')",
    "data:text/html,<script>alert('x')</script>",
    "vbscript:msgbox('x')",
    "file:///etc/passwd",
]


@pytest.mark.parametrize("where", ["home", "sources"])
@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_unsafe_urls_are_never_links(tmp_path: Path, url: str, where: str) -> None:
    """Either the build refuses the URL, naming the field, or the URL is shown as text."""
    pages = pages_with("plain")
    acme = pages["suitors/acme.md"]
    if where == "home":
        acme = acme.replace("home: https://acme.example/", f"home: {yaml_quote(url)}")
    else:
        acme = acme.replace("url: https://acme.example/press", f"url: {yaml_quote(url)}")
    pages["suitors/acme.md"] = acme
    config_file = write_site(tmp_path, pages)
    try:
        with mkdocs_log() as messages:
            build_site(config_file, tmp_path / "site")
    except Abort:
        output = "\n".join(messages)
        assert "docs/suitors/acme.md" in output and f"suitor.{where}" in output
        return
    test_only_http_https_and_relative_urls(("", tmp_path / "site"))
    assert (tmp_path / "site" / "compare" / "index.html").is_file()


def test_relative_and_https_urls_are_links(tmp_path: Path) -> None:
    """The control for the unsafe URLs: safe ones do become links."""
    pages = pages_with("plain")
    pages["suitors/acme.md"] = pages["suitors/acme.md"].replace(
        "url: https://acme.example/press", "url: index.md"
    )
    build_site(write_site(tmp_path, pages), tmp_path / "site")
    page = parse(tmp_path / "site" / "compare" / "index.html")
    main = [e.attrs.get("href") for e in page.elements if e.tag == "a" and not e.attrs.get("class")]
    assert "https://acme.example/" in main  # suitor.home
    assert "../" in main  # the source on index.md, relative to the comparison page


# -- Titles that are HTML-escaped once, not twice ----------------------------------------


def test_backlink_titles_are_not_escaped_twice(tmp_path: Path) -> None:
    pages = pages_with("plain")
    pages["index.md"] = "# AT&T &lt;Ltd&gt; news\n\nAcme is talking to Beta.\n"
    build_site(write_site(tmp_path, pages), tmp_path / "site")
    beta = parse(tmp_path / "site" / "companies" / "beta" / "index.html")
    assert "AT&T <Ltd> news" in beta.text
    assert "&amp;" not in beta.text


def test_build_with_payloads_reports_nothing(tmp_path: Path) -> None:
    """Payloads are data: they neither break the build nor make it warn."""
    with mkdocs_log() as messages:
        build_site(write_site(tmp_path, pages_with(PAYLOADS["script"])), tmp_path / "site")
    assert not messages


def test_payload_in_a_misspelt_key_is_escaped_in_the_error(tmp_path: Path) -> None:
    """Error messages quote what the editor typed; a console shows it, nothing runs it."""
    pages = pages_with("plain")
    pages["companies/beta.md"] = pages["companies/beta.md"].replace(
        "  kind: company", "  kind: '<script>alert(1)</script>'"
    )
    output = build_fails(tmp_path, pages)
    assert "entity.kind: unknown kind '<script>alert(1)</script>'" in output
