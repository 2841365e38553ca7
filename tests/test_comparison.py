"""The generated comparison page, in real `--strict` builds of the site (or of a changed copy).

Expected values are read from the suitor pages' own front matter and from mkdocs.yml, never
written into the tests: the page must show exactly what the editors typed.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import re
import subprocess
import sys
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markdown
import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from site_plugins.config import ComparisonConfig
from site_plugins.frontmatter import read_front_matter
from site_plugins.generated import page_src_uri

from .conftest import ROOT, build_site

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


# -- A small DOM, on the standard library's HTML parser ------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def iter(self, tag: str | None = None) -> Iterator[Node]:
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter(tag)

    def text(self, skip: Any = lambda node: False) -> str:
        """Visible text, whitespace collapsed; `skip(node)` leaves a subtree out."""
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not skip(child):
                parts.append(child.text(skip))
        return " ".join("".join(parts).split())

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()

    def find_class(self, name: str) -> list[Node]:
        return [n for n in self.iter() if n.has_class(name)]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(path: Path) -> Node:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    return builder.root


def is_ref(node: Node) -> bool:
    return node.has_class("explainer-ref")


# -- What the editors wrote ----------------------------------------------------------------


def comparison_options(config_file: Path = ROOT / "mkdocs.yml") -> ComparisonConfig:
    config = load_config(str(config_file))
    options: ComparisonConfig = config.plugins["explainer"].config.comparison
    return options


def compared_pages(docs: Path, kind: str) -> dict[str, dict[str, Any]]:
    """Front matter of every page whose entity is of `kind`, by entity name."""
    pages = {}
    for path in sorted(docs.rglob("*.md")):
        src_uri = path.relative_to(docs).as_posix()
        meta = read_front_matter(path.read_text(encoding="utf-8"), src_uri)
        if meta.get("entity", {}).get("kind") == kind:
            values = dict(meta[kind])
            # A status given by dated events is the newest event's (by date, then order).
            dated = [
                (str(event["date"]), index, event["status"])
                for index, event in enumerate(meta.get("events", []))
                if "status" in event
            ]
            if dated:
                values["status"] = max(dated)[2]
            pages[meta["entity"]["name"]] = {**meta, kind: values, "src_uri": src_uri}
    return pages


def expected_order(pages: dict[str, dict[str, Any]], options: ComparisonConfig) -> list[str]:
    specs = {spec.key: spec for spec in options.fields}

    def key(name: str) -> tuple[Any, ...]:
        parts: list[Any] = []
        for sort_key in options.order_by:
            if sort_key == "name":
                parts.append(name.casefold())
            else:
                assert specs[sort_key].type == "enum", "this test knows enum and name keys"
                parts.append(specs[sort_key].choices.index(pages[name][options.kind][sort_key]))
        return (*parts, name.casefold())

    return sorted(pages, key=key)


def markdown_text(value: str) -> str:
    """What Markdown shows for an inline Markdown value."""
    root = _TreeBuilder()
    root.feed(markdown.markdown(value))
    return root.root.text()


# -- The built page ------------------------------------------------------------------------


@dataclass
class Table:
    names: list[str]
    header_links: list[str]
    rows: dict[str, list[Node]]
    """Row key (from the row's class) -> its cells, one per column."""


def read_table(page: Node) -> Table:
    [table] = page.find_class("explainer-table")
    headers = [th for th in table.iter("th") if th.attrs.get("scope") == "col"]
    rows = {}
    for tr in table.iter("tr"):
        key = next((c[len("explainer-row--") :] for c in tr.attrs.get("class", "").split()), None)
        if key:
            rows[key] = [td for td in tr.children if isinstance(td, Node) and td.tag == "td"]
    return Table(
        names=[th.text() for th in headers],
        header_links=[next(th.iter("a")).attrs["href"] for th in headers],
        rows=rows,
    )


def page_path(site: Path, src_uri: str) -> Path:
    return site / src_uri.removesuffix(".md") / "index.html"


def resolve(site: Path, page: Path, href: str) -> Path:
    """The built file a relative link on `page` points at."""
    path = urlsplit(href).path
    target = Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), path)))
    return target / "index.html" if href.endswith("/") or target.is_dir() else target


@pytest.fixture(scope="module")
def options() -> ComparisonConfig:
    return comparison_options()


@pytest.fixture(scope="module")
def suitors(options: ComparisonConfig) -> dict[str, dict[str, Any]]:
    pages = compared_pages(ROOT / "docs", options.kind)
    assert pages, "the site has no compared pages"
    return pages


@pytest.fixture(scope="module")
def page_file(built_site: Path, options: ComparisonConfig) -> Path:
    return page_path(built_site, page_src_uri(options.path))


@pytest.fixture(scope="module")
def page(page_file: Path) -> Node:
    return parse(page_file)


def check_cell(cell: Node, spec: Any, value: Any, page_file: Path, site: Path) -> None:
    """`cell` shows exactly `value`, typed as declared."""
    shown = cell.text(skip=is_ref)
    if value is None:
        assert shown == "— not given"
    elif spec.type == "enum":
        [badge] = cell.find_class("explainer-badge") or [cell]
        assert badge.attrs.get("data-value", value) == value
        assert badge.text() == value[:1].upper() + value[1:]
    elif spec.type == "list":
        assert [li.text(skip=is_ref) for li in cell.iter("li")] == [
            " ".join(v.split()) for v in value
        ]
    elif spec.type == "date":
        [time] = list(cell.iter("time"))
        assert time.attrs["datetime"] == str(value)
    elif spec.type == "sources":
        links = list(cell.iter("a"))
        assert [a.text() for a in links] == [" ".join(s["title"].split()) for s in value]
        for link, source in zip(links, value, strict=True):
            target = urlsplit(source["url"])
            if target.scheme:
                assert link.attrs["href"] == source["url"]
            else:
                assert resolve(site, page_file, link.attrs["href"]).is_file()
                assert urlsplit(link.attrs["href"]).fragment == target.fragment
    elif spec.markdown:
        assert shown == markdown_text(value)
    else:
        assert shown == " ".join(str(value).split())


# -- The real site -------------------------------------------------------------------------


def test_table_holds_exactly_the_suitors_values(
    page: Node, page_file: Path, built_site: Path, options: ComparisonConfig, suitors: dict
) -> None:
    table = read_table(page)
    assert sorted(table.names) == sorted(suitors)
    assert set(table.rows) == {spec.key for spec in options.fields}
    for column, name in enumerate(table.names):
        values = suitors[name][options.kind]
        for spec in options.fields:
            check_cell(
                table.rows[spec.key][column], spec, values.get(spec.key), page_file, built_site
            )


def test_columns_follow_the_configured_order(
    page: Node, options: ComparisonConfig, suitors: dict
) -> None:
    assert read_table(page).names == expected_order(suitors, options)


def test_each_name_links_to_its_page(
    page: Node, page_file: Path, built_site: Path, suitors: dict
) -> None:
    table = read_table(page)
    for name, href in zip(table.names, table.header_links, strict=True):
        assert resolve(built_site, page_file, href) == page_path(
            built_site, suitors[name]["src_uri"]
        )


def test_every_sourced_cell_points_at_its_suitors_sources(
    page: Node, options: ComparisonConfig, suitors: dict
) -> None:
    table = read_table(page)
    sources = {li.attrs["id"]: li for li in page.find_class("explainer-sources")[0].iter("li")}
    for column, name in enumerate(table.names):
        titles = {" ".join(s["title"].split()) for s in suitors[name][options.kind]["sources"]}
        for key, cells in table.rows.items():
            refs = [
                a.attrs["href"]
                for r in cells[column].find_class("explainer-ref")
                for a in r.iter("a")
            ]
            if key in (options.as_of_field, "sources"):
                assert not refs
                continue
            if suitors[name][options.kind].get(key) in (None, []):
                assert not refs, f"{name}: {key} is not given, yet cites sources"
                continue
            assert refs, f"{name}: {key} cites no source"
            cited = {next(sources[h.lstrip("#")].iter("a")).text() for h in refs}
            assert cited == titles


def test_json_export_matches_the_table(
    page: Node, built_site: Path, options: ComparisonConfig, suitors: dict
) -> None:
    assert options.json_path
    data = json.loads((built_site / options.json_path).read_text(encoding="utf-8"))
    table = read_table(page)
    assert [entry["name"] for entry in data["entries"]] == table.names
    assert [f["key"] for f in data["fields"]] == [spec.key for spec in options.fields]
    for entry in data["entries"]:
        written = suitors[entry["name"]][options.kind]
        for spec in options.fields:
            value = written.get(spec.key)
            if spec.type == "date":
                assert entry["values"][spec.key] == str(value)
            elif spec.type == "sources":
                assert [s["title"] for s in entry["values"][spec.key]] == [
                    s["title"] for s in value
                ]
            elif spec.type == "list":
                assert entry["values"][spec.key] == value
            else:
                assert entry["values"][spec.key] == str(value).strip()
    # Page links in the export resolve to built pages.
    assert data["page"].endswith(options.path)


def test_diagram_is_valid_svg_naming_every_suitor(
    page: Node, page_file: Path, suitors: dict
) -> None:
    html = page_file.read_text(encoding="utf-8")
    found = re.search(r'<svg[^>]*class="explainer-diagram__svg".*?</svg>', html, re.DOTALL)
    assert found, "no diagram on the page"
    svg = etree.fromstring(found.group(0))
    words = "".join(" ".join(t.text or "" for t in svg.iter()).split())
    for name in suitors:
        assert "".join(name.split()) in words
    ids = svg.get("aria-labelledby", "").split()
    assert [e.get("id") for e in svg if e.tag.endswith(("title", "desc"))] == ids
    listed = [li.text() for li in page.find_class("explainer-diagram__list")[0].iter("li")]
    assert sorted(item.split(" — ")[0] for item in listed) == sorted(suitors)


def test_page_is_in_nav_and_search_and_not_in_docs(
    built_site: Path, page_file: Path, options: ComparisonConfig
) -> None:
    assert not (ROOT / "docs" / page_src_uri(options.path)).exists()
    home = parse(built_site / "index.html")
    nav_links = [a.attrs.get("href", "") for a in home.iter("a") if a.has_class("md-nav__link")]
    assert any(href.rstrip("/").endswith(options.path.rstrip("/")) for href in nav_links)
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"] == options.path for doc in index["docs"])
    head = parse(page_file)
    description = [m for m in head.iter("meta") if m.attrs.get("name") == "description"]
    assert description and description[0].attrs["content"] == " ".join(
        (options.description or "").split()
    )


def test_plugin_stylesheet_is_shipped_and_linked(built_site: Path, page: Node) -> None:
    css = built_site / "assets" / "explainer" / "explainer.css"
    assert ".explainer-comparison" in css.read_text() and ".entity-backlinks" in css.read_text()
    hrefs = [link.attrs.get("href", "") for link in page.iter("link")]
    assert any(h.endswith("assets/explainer/explainer.css") for h in hrefs)


def test_table_box_is_a_labelled_keyboard_scroll_region(page: Node) -> None:
    [box] = page.find_class("explainer-comparison")
    assert box.attrs.get("tabindex") == "0" and box.attrs.get("role") == "region"
    assert box.attrs.get("aria-label")


# -- Copies of the site, changed -----------------------------------------------------------


@contextmanager
def mkdocs_errors() -> Iterator[list[str]]:
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


def set_values(page: Path, kind: str, **changes: Any) -> None:
    """Rewrite `page`'s `kind:` mapping with `changes` (None deletes a key)."""
    text = page.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4)
    meta = yaml.safe_load(text[4:end])
    for key, value in changes.items():
        if value is None:
            meta[kind].pop(key, None)
        else:
            meta[kind][key] = value
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    page.write_text("---\n" + dumped + text[end + 1 :], encoding="utf-8")


def add_status_event(page: Path, status: str) -> None:
    """Give `page` a newest event that sets `status` (the status is typed in events)."""
    text = page.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4)
    meta = yaml.safe_load(text[4:end])
    source = {"title": "Test wire, 31 March 2026", "url": "https://news.example/test"}
    event = {"date": "2026-03-31", "what": "A test event.", "status": status, "sources": [source]}
    meta.setdefault("events", []).append(event)
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    page.write_text("---\n" + dumped + text[end + 1 :], encoding="utf-8")


def first_suitor(docs: Path, options: ComparisonConfig) -> tuple[str, Path]:
    name, meta = next(iter(compared_pages(docs, options.kind).items()))
    return name, docs / meta["src_uri"]


def test_changing_a_status_changes_badge_and_order(
    project_copy: Path, build_copy: Any, options: ComparisonConfig
) -> None:
    docs = project_copy.parent / "docs"
    name, path = first_suitor(docs, options)
    status = next(spec for spec in options.fields if spec.key == options.status_field)
    current = compared_pages(docs, options.kind)[name][options.kind][status.key]
    new = next(choice for choice in reversed(status.choices) if choice != current)
    add_status_event(path, new)
    site = build_copy(project_copy)
    table = read_table(parse(page_path(site, page_src_uri(options.path))))
    column = table.names.index(name)
    [badge] = table.rows[status.key][column].find_class("explainer-badge")
    assert badge.attrs["data-value"] == new
    assert table.names == expected_order(compared_pages(docs, options.kind), options)


def test_a_fifth_suitor_adds_a_fifth_column(
    project_copy: Path, build_copy: Any, options: ComparisonConfig
) -> None:
    docs = project_copy.parent / "docs"
    before = len(compared_pages(docs, options.kind))
    _, template = first_suitor(docs, options)
    text = template.read_text(encoding="utf-8")
    meta = yaml.safe_load(text[4 : text.index("\n---\n", 4)])
    meta["entity"] = {"name": "Zenith Motors", "kind": options.kind, "summary": "A new suitor."}
    meta[options.kind]["relation"] = "newly interested"
    new = docs / "suitors" / "zenith.md"
    new.write_text("---\n" + yaml.safe_dump(meta) + "---\n# Zenith Motors\n", encoding="utf-8")
    config = project_copy.read_text(encoding="utf-8")
    anchor = re.search(r"^(\s*)- suitors/[a-z]+\.md\n", config, re.M)
    assert anchor
    project_copy.write_text(
        config[: anchor.end()] + f"{anchor.group(1)}- suitors/zenith.md\n" + config[anchor.end() :]
    )
    site = build_copy(project_copy)
    table = read_table(parse(page_path(site, page_src_uri(options.path))))
    assert len(table.names) == before + 1 and "Zenith Motors" in table.names
    assert all(len(cells) == before + 1 for cells in table.rows.values())
    data = json.loads((site / (options.json_path or "")).read_text())
    assert [e["name"] for e in data["entries"]] == table.names


BAD_VALUES = {
    "unknown-enum": ("status", "maybe later", "'maybe later' is not allowed"),
    "misspelt-enum": ("status", "talks endde", "(did you mean `talks ended`?)"),
    "wrong-type-list": ("deal", {"kind": "merger"}, "must be a list of text"),
    "wrong-type-text": ("relation", ["a", "b"], "must be text, not a list"),
    "missing-required": ("offers", None, "is required"),
    "invalid-date": ("as_of", "2025-02-30", "'2025-02-30' is not a date in the calendar"),
    "not-a-date": ("as_of", "last week", "'last week' is not a date"),
    "unsafe-source-url": ("sources", [{"title": "x", "url": "javascript:alert(1)"}], "web link"),
    "missing-source-target": ("sources", [{"title": "x", "url": "nowhere.md"}], "'nowhere.md'"),
}


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_bad_values_stop_the_build_with_file_and_field(
    project_copy: Path, options: ComparisonConfig, case: str
) -> None:
    key, value, message = BAD_VALUES[case]
    docs = project_copy.parent / "docs"
    _, path = first_suitor(docs, options)
    set_values(path, options.kind, **{key: value})
    with mkdocs_errors() as errors, pytest.raises(Abort):
        build_site(project_copy, project_copy.parent / "out")
    output = "\n".join(errors)
    where = f"docs/{path.relative_to(docs).as_posix()}: {options.kind}.{key}: "
    assert where in output and message in output, output


def test_values_on_a_page_of_another_kind_stop_the_build(
    project_copy: Path, options: ComparisonConfig
) -> None:
    docs = project_copy.parent / "docs"
    kinds = {
        p: read_front_matter(p.read_text(), "").get("entity", {}).get("kind")
        for p in docs.rglob("*.md")
    }
    other = next(p for p, kind in sorted(kinds.items()) if kind not in (None, options.kind))
    text = other.read_text(encoding="utf-8")
    other.write_text(text.replace("\n---\n", f"\n{options.kind}:\n  status: x\n---\n", 1))
    kind = read_front_matter(text, "")["entity"]["kind"]
    with mkdocs_errors() as errors, pytest.raises(Abort):
        build_site(project_copy, project_copy.parent / "out")
    output = "\n".join(errors)
    assert f"docs/{other.relative_to(docs).as_posix()}: {options.kind}: " in output
    assert f"`{kind}`" in output


def test_cli_build_with_bad_value_prints_a_message_not_a_traceback(
    project_copy: Path, options: ComparisonConfig
) -> None:
    _, path = first_suitor(project_copy.parent / "docs", options)
    set_values(path, options.kind, as_of="2025-13-01")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "out"],
        cwd=project_copy.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{options.kind}.as_of: '2025-13-01' is not a date" in result.stderr


PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[link](javascript:alert(1)) ![x](javascript:alert(1))",
    "*x*{: onclick=alert(1) }",
]


def article(page: Node) -> Node:
    return next(page.iter("article"))


def test_injection_payloads_in_every_field_come_out_as_text(
    project_copy: Path, build_copy: Any, options: ComparisonConfig
) -> None:
    docs = project_copy.parent / "docs"
    name, path = first_suitor(docs, options)
    payload = " ".join(PAYLOADS)
    changes: dict[str, Any] = {}
    others = [n for n in compared_pages(docs, options.kind) if n != name]
    for spec in options.fields:
        if spec.type == "text":
            changes[spec.key] = f"{spec.key} {payload}"
        elif spec.key == options.diagram.ties_field:
            # A tie names another compared entity; the payloads ride in its label.
            changes[spec.key] = [f"{others[0]}: {spec.key} {p}" for p in PAYLOADS]
        elif spec.type == "list":
            changes[spec.key] = [f"{spec.key} {p}" for p in PAYLOADS]
        elif spec.type == "sources":
            changes[spec.key] = [
                {"title": f"source {p}", "url": "https://x.example/"} for p in PAYLOADS
            ]
    set_values(path, options.kind, **changes)
    site = build_copy(project_copy)
    page = parse(page_path(site, page_src_uri(options.path)))
    content = article(page)
    for node in content.iter():
        assert node.tag not in ("script", "img", "iframe", "object"), node.attrs
        assert not any(a.startswith("on") for a in node.attrs), node.attrs
        for attr in ("href", "src", "xlink:href"):
            if attr in node.attrs:
                assert urlsplit(node.attrs[attr]).scheme in ("", "http", "https"), node.attrs
    table = read_table(page)
    column = table.names.index(name)
    for spec in options.fields:
        cell = table.rows[spec.key][column].text(skip=is_ref)
        if spec.type == "text" and not spec.markdown:
            assert cell == " ".join(changes[spec.key].split())
        elif spec.type == "list":
            assert all(" ".join(p.split()) in cell for p in PAYLOADS)
        elif spec.type in ("text", "sources"):
            for literal in ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'):
                assert literal in cell
    data = json.loads((site / (options.json_path or "")).read_text())
    entry = next(e for e in data["entries"] if e["name"] == name)
    assert all(entry["values"][k] == v for k, v in changes.items() if isinstance(v, str))


def test_plugin_adds_md_in_html_when_the_site_lacks_it(
    project_copy: Path, build_copy: Any, options: ComparisonConfig
) -> None:
    config = project_copy.read_text(encoding="utf-8")
    assert "  - md_in_html\n" in config
    project_copy.write_text(config.replace("  - md_in_html\n", ""), encoding="utf-8")
    site = build_copy(project_copy)
    table = read_table(parse(page_path(site, page_src_uri(options.path))))
    assert table.names and all(table.header_links)


# -- The intro, the address, the template ----------------------------------------------------


def test_intro_comes_from_its_file(
    project_copy: Path, build_copy: Any, options: ComparisonConfig
) -> None:
    assert options.intro
    intro = project_copy.parent / "docs" / options.intro
    intro.write_text("An introduction with **emphasis** and a marker: zq-intro-42.\n")
    site = build_copy(project_copy)
    html = page_path(site, page_src_uri(options.path)).read_text(encoding="utf-8")
    assert "<strong>emphasis</strong>" in html and "zq-intro-42" in html


def test_missing_intro_is_a_clear_error(project_copy: Path, options: ComparisonConfig) -> None:
    assert options.intro
    (project_copy.parent / "docs" / options.intro).unlink()
    with mkdocs_errors() as errors, pytest.raises(Abort):
        build_site(project_copy, project_copy.parent / "out")
    output = "\n".join(errors)
    assert "comparison.intro" in output and options.intro in output and "does not exist" in output


@pytest.mark.parametrize("shape", ["file", "index"])
def test_a_real_page_at_the_generated_address_is_refused(
    project_copy: Path, options: ComparisonConfig, shape: str
) -> None:
    src_uri = page_src_uri(options.path)
    if shape == "index":
        src_uri = src_uri.removesuffix(".md") + "/index.md"
    real = project_copy.parent / "docs" / src_uri
    real.parent.mkdir(parents=True, exist_ok=True)
    real.write_text("# A hand-written page\n")
    with mkdocs_errors() as errors, pytest.raises(Abort):
        build_site(project_copy, project_copy.parent / "out")
    output = "\n".join(errors)
    assert f"docs/{src_uri}" in output and options.path in output


def test_template_override_in_custom_dir_wins(
    project_copy: Path, build_copy: Any, options: ComparisonConfig
) -> None:
    custom_dir = load_config(str(project_copy)).theme.custom_dir
    assert custom_dir
    template = Path(custom_dir) / "explainer" / "comparison.md.j2"
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text(
        "# {{ title }}\n\nOverridden: {% for c in columns %}{{ c.link }}; {% endfor %}\n"
    )
    site = build_copy(project_copy)
    text = article(parse(page_path(site, page_src_uri(options.path)))).text()
    assert text.startswith(options.title) and "Overridden:" in text
    assert not page_path(site, page_src_uri(options.path)).read_text().count("explainer-table")
