"""The comparison page's pure functions, without MkDocs: validation, sorting, escaping,
links, rendering through Python-Markdown, and the JSON export."""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as etree
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from site_plugins import comparison
from site_plugins.comparison import (
    Record,
    check_declarations,
    export_json,
    load_records,
    render_page,
    sort_records,
)
from site_plugins.config import ComparisonConfig
from site_plugins.dates import Month, format_date
from site_plugins.dates import sort_key as date_sort_key
from site_plugins.entities import Catalog, Entity, load_catalog
from site_plugins.fields import Source
from site_plugins.frontmatter import FrontMatterError
from site_plugins.generated import Site, page_src_uri
from site_plugins.markup import inline_markdown, link_from, plain
from site_plugins.safelinks import SafeLinksExtension, neutralise
from site_plugins.urls import url_problem

KINDS = ["subject", "suitor", "company"]

FIELDS: list[dict[str, Any]] = [
    {"key": "status", "label": "Status", "type": "enum", "required": True,
     "choices": ["in talks", "considering", "withdrawn"]},
    {"key": "relation", "label": "Relation", "type": "text"},
    {"key": "deal", "label": "Deal", "type": "list", "required": True},
    {"key": "offers", "label": "Offers", "type": "text", "markdown": True},
    {"key": "public", "label": "Listed", "type": "bool"},
    {"key": "home", "label": "Home page", "type": "url"},
    {"key": "as_of", "label": "As of", "type": "date", "required": True},
    {"key": "sources", "label": "Sources", "type": "sources", "required": True},
]  # fmt: skip


def make_config(**overrides: Any) -> ComparisonConfig:
    options: dict[str, Any] = {
        "enabled": True,
        "kind": "suitor",
        "path": "compare/",
        "title": "Compare",
        "status_field": "status",
        "as_of_field": "as_of",
        "order_by": ["status", "name"],
        "json_path": "compare.json",
        "diagram": {"edge_label": "relation"},
        "fields": FIELDS,
    }
    options.update(overrides)
    config = ComparisonConfig()
    config.load_dict(options)
    errors, _warnings = config.validate()
    assert not errors, errors
    return config


def suitor_page(name: str, values: dict[str, Any], kind: str = "suitor") -> str:
    meta = {"entity": {"name": name, "kind": kind, "summary": f"{name} summary."}}
    if values is not None:
        meta["suitor"] = values
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n# " + name + "\n"


def good_values(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "status": "in talks",
        "relation": "talking",
        "deal": ["stake purchase"],
        "offers": "Money and *scale*.",
        "public": True,
        "home": "https://acme.example/",
        "as_of": datetime.date(2025, 2, 28),
        "sources": [{"title": "Press release", "url": "https://acme.example/press"}],
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def records_of(pages: dict[str, str], config: ComparisonConfig | None = None) -> list[Record]:
    catalog = load_catalog(pages.items(), KINDS)
    return load_records(catalog, config or make_config(), known_src_uris=set(pages))


def problems_of(pages: dict[str, str]) -> list[str]:
    with pytest.raises(FrontMatterError) as caught:
        records_of(pages)
    return [str(p) for p in caught.value.problems]


# -- Validation ---------------------------------------------------------------------------


def test_valid_values_are_normalised() -> None:
    [record] = records_of({"s/acme.md": suitor_page("Acme", good_values(as_of="2025-03-01"))})
    assert record.entity.name == "Acme"
    assert record.values["status"] == "in talks"
    assert record.values["deal"] == ["stake purchase"]
    assert record.values["as_of"] == datetime.date(2025, 3, 1)  # a quoted date is a date too
    assert record.values["public"] is True
    assert record.values["sources"] == [Source("Press release", "https://acme.example/press")]


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"status": "in tlaks"}, "suitor.status", "(did you mean `in talks`?)"),
        ({"status": 3}, "suitor.status", "a number (3)"),
        ({"status": None}, "suitor.status", "is required"),
        ({"deal": {"stake": "purchase"}}, "suitor.deal", "must be a list of text"),
        ({"deal": []}, "suitor.deal", "at least one item"),
        ({"public": "maybe"}, "suitor.public", "yes or no"),
        ({"as_of": "2025-02-30"}, "suitor.as_of", "'2025-02-30' is not a date in the calendar"),
        ({"as_of": "28/02/2025"}, "suitor.as_of", "write it as YYYY-MM-DD"),
        ({"as_of": None}, "suitor.as_of", "is required"),
        ({"home": "javascript:alert(1)"}, "suitor.home", "is not a web link"),
        ({"home": "javascript&colon;alert(1)"}, "suitor.home", "is not a web link"),
        ({"home": "/absolute/page.md"}, "suitor.home", "starts with `/`"),
        ({"home": "//evil.example/"}, "suitor.home", "has no scheme"),
        ({"sources": [{"title": "x", "url": "data:text/html,hi"}]}, "suitor.sources", "item 1"),
        ({"sources": [{"url": "https://a.example/"}]}, "suitor.sources", "item 1: title"),
        ({"sources": "https://a.example/"}, "suitor.sources", "must be a list"),
        ({"sources": [{"title": "x", "url": "missing.md#a"}]}, "suitor.sources", "missing.md"),
        ({"dael": ["merger"]}, "suitor.dael", "(did you mean `deal`?)"),
    ],
)
def test_each_bad_value_is_reported_with_file_and_field(
    changes: dict[str, Any], field: str, fragment: str
) -> None:
    values = good_values()
    values.update(changes)
    values = {k: v for k, v in values.items() if v is not None}
    problems = problems_of({"s/acme.md": suitor_page("Acme", values)})
    assert any(p.startswith(f"s/acme.md: {field}: ") and fragment in p for p in problems), problems


def test_every_problem_is_reported_not_just_the_first() -> None:
    values = good_values(status="maybe", deal=5, as_of="soon", public="no idea")
    problems = problems_of({"s/acme.md": suitor_page("Acme", values)})
    fields = {p.split(": ")[1] for p in problems}
    assert fields == {"suitor.status", "suitor.deal", "suitor.as_of", "suitor.public"}


def test_pages_that_must_or_must_not_carry_values() -> None:
    pages = {
        "a.md": suitor_page("Acme", good_values()),
        "b.md": suitor_page("Beta", good_values(), kind="company"),  # not a suitor
        "c.md": suitor_page("Gamma", None),  # a suitor without values
        "d.md": "---\nsuitor: {status: in talks}\n---\n# No entity\n",
        "e.md": suitor_page("Delta", None).replace("---\n#", "suitr: {}\n---\n#"),
        "f.md": "---\nentity: {name: Eps, kind: suitor, summary: s.}\nsuitor: in talks\n---\n",
    }
    problems = problems_of(pages)
    assert any(p.startswith("b.md: suitor: ") and "`company`" in p for p in problems)
    assert any(p.startswith("c.md: suitor: is missing") for p in problems)
    assert any(p.startswith("d.md: suitor: ") and "declares no entity" in p for p in problems)
    assert any(p.startswith("e.md: suitr: ") and "`suitor`" in p for p in problems)
    assert any(p.startswith("f.md: suitor: must be a mapping") for p in problems)
    assert not any(p.startswith("a.md") for p in problems)


def test_declarations_are_checked() -> None:
    config = make_config(
        status_field="stat",
        as_of_field="status",
        order_by=["name", "sources"],
        fields=[*FIELDS, {"key": "kind", "label": "Kind", "type": "enum"}],
    )
    problems = check_declarations(config, KINDS)
    assert any(p.startswith("status_field: no field has the key 'stat'") for p in problems)
    assert any(p.startswith("as_of_field: field 'status' is a enum field") for p in problems)
    assert any(p.startswith("order_by: field 'sources'") for p in problems)
    assert any("(kind): an enum field needs `choices`" in p for p in problems)
    assert check_declarations(make_config(), KINDS) == []
    assert check_declarations(make_config(kind="rescuer"), KINDS)[0].startswith("kind: ")


# -- Sorting ------------------------------------------------------------------------------


def test_sorted_by_enum_order_then_name() -> None:
    statuses = {"Zed": "in talks", "Alpha": "withdrawn", "Mid": "considering", "Beta": "in talks"}
    pages = {f"{n}.md": suitor_page(n, good_values(status=s)) for n, s in statuses.items()}
    config = make_config()
    names = [r.entity.name for r in records_of(pages, config)]
    choices = config.fields[0].choices
    expected = sorted(statuses, key=lambda n: (choices.index(statuses[n]), n))
    assert names == expected
    by_name = sort_records(records_of(pages, config), config.fields, ["name"])
    assert [r.entity.name for r in by_name] == sorted(statuses)


def test_missing_values_sort_last() -> None:
    pages = {
        "a.md": suitor_page("A", good_values(relation=None)),
        "b.md": suitor_page("B", good_values(relation="zz")),
    }
    config = make_config(order_by=["relation"])
    assert [r.entity.name for r in records_of(pages, config)] == ["B", "A"]


# -- Escaping and links -------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "*emph* `code` {: onclick=alert(1) }",
    "\x02wzxhzdk:0\x03",
    "&lt;b&gt; &amp;",
]


def to_html(source: str, *, safe: bool = True) -> str:
    extension = SafeLinksExtension()
    extension.active = safe
    return markdown.markdown(source, extensions=["md_in_html", "attr_list", extension])


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text += data


def parse_html(source: str) -> _Elements:
    parser = _Elements()
    parser.feed(source)
    return parser


@pytest.mark.parametrize("payload", PAYLOADS)
def test_plain_text_renders_literally(payload: str) -> None:
    out = parse_html(to_html(f"<p markdown>{plain(payload)}</p>", safe=False))
    assert [tag for tag, _ in out.tags] == ["p"]
    visible = payload.replace("\x02", "").replace("\x03", "")
    assert out.text.strip() == " ".join(visible.split())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_values_cannot_make_html_or_unsafe_links(payload: str) -> None:
    out = parse_html(to_html(f"<p markdown>{inline_markdown(payload)}</p>"))
    for tag, attrs in out.tags:
        assert tag not in ("script", "img", "svg")
        assert not any(name.startswith("on") for name in attrs)
        for name in ("href", "src"):
            if name in attrs:
                assert not url_problem(attrs[name]), (tag, attrs)


def test_markdown_values_keep_their_formatting() -> None:
    html = to_html(
        f"<p markdown>{inline_markdown('Money and *scale*, [site](https://a.example/)')}</p>"
    )
    assert "<em>scale</em>" in html
    assert '<a href="https://a.example/">site</a>' in html


def test_neutralise_removes_only_unsafe_urls() -> None:
    root = etree.fromstring(
        '<div><a href="javascript:x">a</a><a href="JAVASCRIPT:x">b</a><a href="../p.md#x">c</a>'
        '<a href="https://x.example/">d</a><img src="data:x" alt="pic"/><b onclick="x">e</b>'
        '<a href="java&#x9;script:x">f</a><a href="javascript&amp;colon;x">g</a></div>'
    )
    assert neutralise(root) == 6
    assert [a.get("href") for a in root.iter("a")] == ["../p.md#x", "https://x.example/"]
    assert [s.text for s in root.iter("span")] == ["a", "b", "pic", "f", "g"]
    assert root.find("img") is None


@pytest.mark.parametrize(
    ("url", "page", "expected"),
    [
        ("sources.md#autoblog", "compare.md", "sources.md#autoblog"),
        ("sources.md#autoblog", "a/b/compare.md", "../../sources.md#autoblog"),
        ("suitors/x.md", "suitors/compare.md", "x.md"),
        ("https://x.example/a", "a/compare.md", "https://x.example/a"),
    ],
)
def test_docs_relative_urls_are_rebased_on_the_page(url: str, page: str, expected: str) -> None:
    assert link_from(url, page) == expected


@pytest.mark.parametrize(
    ("path", "src_uri"),
    [("who-might-rescue-nissan/", "who-might-rescue-nissan.md"), ("a/b/", "a/b.md"),
     ("compare.md", "compare.md"), ("/", "index.md")],
)  # fmt: skip
def test_page_src_uri(path: str, src_uri: str) -> None:
    assert page_src_uri(path) == src_uri


# -- Rendering ----------------------------------------------------------------------------


def site(n: int = 3, **changes: Any) -> dict[str, str]:
    statuses = ["in talks", "considering", "withdrawn"]
    pages = {
        f"suitors/s{i}.md": suitor_page(f"Suitor {i}", good_values(status=statuses[i % 3]))
        for i in range(n)
    }
    pages["nissan.md"] = suitor_page("Nissan", None, kind="subject")
    pages["sources.md"] = "# Sources\n"
    for src_uri, values in changes.items():
        pages[src_uri.replace("__", "/") + ".md"] = suitor_page("Changed", values)
    return pages


def rendered(pages: dict[str, str], config: ComparisonConfig | None = None, **kw: Any) -> str:
    config = config or make_config()
    catalog = load_catalog(pages.items(), KINDS)
    records = load_records(catalog, config, known_src_uris=set(pages))
    subject = comparison.find_subject(catalog.entities)
    return render_page(config, records, subject, src_uri="compare.md", **kw)


def test_page_has_front_matter_table_diagram_sources_and_data() -> None:
    source = rendered(site(3), intro="Intro **here**.")
    meta = yaml.safe_load(source.split("---\n")[1])
    assert meta["title"] == "Compare"
    html = to_html(source.split("---\n", 2)[2])
    out = parse_html(html)
    headers = [a for t, a in out.tags if t == "th" and a.get("scope") == "col"]
    assert len(headers) == 3
    rows = [a for t, a in out.tags if t == "th" and a.get("scope") == "row"]
    assert len(rows) == len(FIELDS)
    assert "<strong>here</strong>" in html
    assert '<a href="suitors/s0.md">Suitor 0</a>' in html
    assert 'id="explainer-source-1"' in html and 'href="#explainer-source-1"' in html
    assert '<a href="compare.json">compare.json</a>' in html
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    etree.fromstring(svg)


def test_every_value_cell_cites_its_sources() -> None:
    values = good_values(
        sources=[
            {"title": "One", "url": "https://one.example/"},
            {"title": "Two", "url": "sources.md#two"},
        ]
    )
    pages = {**site(1), "suitors/s0.md": suitor_page("Suitor 0", values)}
    html = to_html(rendered(pages).split("---\n", 2)[2])
    row = html[html.index('class="explainer-row--relation"') :]
    row = row[: row.index("</tr>")]
    assert 'href="#explainer-source-1"' in row and 'href="#explainer-source-2"' in row
    as_of = html[html.index('class="explainer-row--as_of"') :]
    assert "explainer-source" not in as_of[: as_of.index("</tr>")]
    assert '<a href="sources.md#two">Two</a>' in html


def test_template_in_custom_dir_wins(tmp_path: Path) -> None:
    template = tmp_path / "explainer" / "comparison.md.j2"
    template.parent.mkdir()
    template.write_text("# Custom {{ title }}\n{% for c in columns %}{{ c.name }};{% endfor %}\n")
    source = rendered(site(2), template_dirs=[str(tmp_path)])
    assert "# Custom Compare\nSuitor 0;Suitor 1;" in source or "Suitor 1;Suitor 0;" in source


def test_no_subject_means_no_diagram_but_a_page() -> None:
    pages = {k: v for k, v in site(2).items() if k != "nissan.md"}
    source = rendered(pages)
    assert "<svg" not in source and "Suitor 0" in source


def test_unsafe_url_in_unvalidated_record_is_text() -> None:
    entity = Entity("x", "X", (), "suitor", "s", "x.md")
    values = {spec["key"]: None for spec in FIELDS}
    values |= {"status": "in talks", "deal": ["d"], "as_of": datetime.date(2025, 1, 1)}
    values |= {"home": "javascript:alert(1)", "sources": [Source("Bad", "javascript:alert(1)")]}
    source = render_page(make_config(), [Record(entity, values)], None, src_uri="c.md")
    html = to_html(source.split("---\n", 2)[2], safe=False)
    assert "javascript:alert(1)" in parse_html(html).text
    assert 'href="javascript' not in html


# -- JSON ---------------------------------------------------------------------------------


def link_with(
    url_for: Callable[[str], str | None], site_url: str | None
) -> Callable[[str | None], str | None]:
    """Site.link for a site whose built URLs are `url_for`."""
    site = Site(
        catalog=Catalog([], {}),
        events=(),
        src_uris=(),
        url_for=url_for,
        docs_dir="docs",
        config_dir=".",
        site_url=site_url,
    )
    return site.link


def test_json_export_shape_and_values() -> None:
    pages = site(2)
    config = make_config()
    catalog = load_catalog(pages.items(), KINDS)
    records = load_records(catalog, config, known_src_uris=set(pages))
    urls = {p: p.removesuffix(".md") + "/" for p in [*pages, "compare.md"]}
    data = json.loads(
        export_json(
            config,
            records,
            comparison.find_subject(catalog.entities),
            src_uri="compare.md",
            link=link_with(urls.get, "https://example.org/site/"),
        )
    )
    assert data["version"] == 1
    assert data["page"] == "https://example.org/site/compare/"
    assert data["subject"]["name"] == "Nissan"
    assert [f["key"] for f in data["fields"]] == [f["key"] for f in FIELDS]
    assert data["fields"][0]["choices"] == FIELDS[0]["choices"]
    assert [e["name"] for e in data["entries"]] == [r.entity.name for r in records]
    entry = data["entries"][0]
    assert entry["page"] == "https://example.org/site/" + urls[records[0].entity.src_uri]
    assert entry["values"]["as_of"] == "2025-02-28"
    assert entry["values"]["sources"] == [
        {"title": "Press release", "url": "https://acme.example/press"}
    ]


def test_a_month_is_a_date_when_the_source_gives_no_day() -> None:
    [record] = records_of({"s/acme.md": suitor_page("Acme", good_values(as_of="2025-02"))})
    assert record.values["as_of"] == Month(2025, 2)
    assert format_date(Month(2025, 2)) == '<time datetime="2025-02">February 2025</time>'


def test_a_month_sorts_before_the_days_in_it() -> None:
    assert sorted([datetime.date(2025, 2, 1), Month(2025, 2)], key=date_sort_key) == [
        Month(2025, 2),
        datetime.date(2025, 2, 1),
    ]


def test_month_thirteen_is_not_a_month() -> None:
    with pytest.raises(FrontMatterError, match="'2025-13' is not a month in the calendar"):
        records_of({"s/acme.md": suitor_page("Acme", good_values(as_of="2025-13"))})


@pytest.mark.parametrize("url", ["www.autoblog.com/story", "autoblog.com/story"])
def test_a_web_address_without_scheme_gets_a_hint(url: str) -> None:
    values = good_values(sources=[{"title": "Story", "url": url}])
    with pytest.raises(FrontMatterError, match=f"write it as https://{url}"):
        records_of({"s/acme.md": suitor_page("Acme", values)})


def test_neutralise_keeps_readers_browsers_on_the_site() -> None:
    root = etree.fromstring(
        '<div><img src="https://tracker.example/t.png" alt="t"/><img src="pic.png" alt="ok"/>'
        '<a href="\\\\evil.example/x">b</a></div>'
    )
    assert neutralise(root) == 2
    assert [i.get("src") for i in root.iter("img")] == ["pic.png"]
    assert [s.text for s in root.iter("span")] == ["t", "b"]


def test_a_backslash_path_is_not_a_link() -> None:
    assert "backslash" in url_problem("\\\\evil.example/x")


@pytest.mark.parametrize("path", ["../docs/evil/", ".hidden/", "a/.b/", "/", "a\\b/"])
def test_generated_paths_must_stay_plainly_inside_the_site(path: str) -> None:
    problems = check_declarations(make_config(path=path), KINDS)
    assert [p for p in problems if p.startswith(f"path: {path!r}")]
