"""The benchmark code on a tiny corpus, so it cannot rot between full runs (no timings)."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

import yaml

from benchmarks import generate, serve
from benchmarks.linker import (
    Registry,
    abbr_glossary,
    parse_pages,
    time_abbr,
    time_linker,
)
from benchmarks.run import Report, merge_report
from benchmarks.run import main as run_benchmarks
from site_plugins.entities import load_catalog
from site_plugins.linking import LINK_CLASS, PageContext, link_tree

from .conftest import build_site


def test_generator_is_deterministic_and_names_are_unique() -> None:
    first = list(generate.site_files(6, 30, seed=4))
    assert first == list(generate.site_files(6, 30, seed=4))
    assert first != list(generate.site_files(6, 30, seed=5))
    entities = generate.make_entities(300)
    surfaces = [name for e in entities for name in e.names]
    assert len(surfaces) == len(set(surfaces))
    assert len({e.id for e in entities}) == len(entities)
    assert any(" " in e.name for e in entities) and any(e.aliases for e in entities)
    # A smaller catalogue is the head of a larger one: entity scaling relies on it.
    assert generate.make_entities(10) == entities[:10]


def test_generated_entities_pass_the_plugins_validation() -> None:
    entities = generate.make_entities(200)
    pages = [(e.src_uri, generate.entity_page(e, entities, 0)) for e in entities]
    catalog = load_catalog(pages, list(generate.KINDS))
    assert [(e.name, e.aliases) for e in catalog.entities] == [
        (e.name, e.aliases) for e in entities
    ]


def test_article_has_the_shapes_the_benchmark_promises() -> None:
    entities = generate.make_entities(20)
    text = generate.article(3, entities, 0, 20_000)
    assert len(text) >= 20_000
    names = {name for e in entities for name in e.names}
    assert "```python" in text and "\n## " in text and "](../../entities/" in text
    assert any(f"`{name}`" in text for name in names)
    assert sum(text.count(name) for name in names) > 20


def test_linker_harness_links_mentions_but_not_code(tmp_path: Path) -> None:
    entities = generate.make_entities(20)
    sources = [(generate.article_path(i), generate.article(i, entities, 0, 4000)) for i in range(3)]
    pages = parse_pages(sources)
    registry = Registry.build(entities)
    timing = time_linker(pages, registry)
    assert timing.links > 0
    # The harness links copies: the parsed trees stay as Markdown made them.
    assert not any(a.get("class") == LINK_CLASS for p in pages for a in p.tree.iter("a"))
    page = pages[0]
    mentions = link_tree(
        page.tree,
        PageContext(
            src_uri=page.src_uri,
            matcher=registry.matcher,
            targets=registry.targets,
            ids_by_src_uri=registry.ids_by_src_uri,
        ),
        page.raw_html,
    )
    links = [a for a in page.tree.iter("a") if a.get("class") == LINK_CLASS]
    assert len(links) == sum(m.linked for m in mentions) - _manual_links(page.tree, registry)
    for code in page.tree.iter("code"):
        assert not any(a.get("class") == LINK_CLASS for a in code.iter("a"))
    assert all(a.get("href", "").startswith("../../entities/") for a in links)
    marked = time_abbr(pages, abbr_glossary(entities))
    assert marked.links > 0


def _manual_links(tree: etree.Element, registry: Registry) -> int:
    """Hand-written links to entity pages count as linked mentions but are not ours."""
    return sum(
        1
        for a in tree.iter("a")
        if a.get("class") != LINK_CLASS and "entities/" in a.get("href", "")
    )


def test_generated_site_builds_strictly_in_every_variant(tmp_path: Path) -> None:
    config = generate.write_site(tmp_path / "site", 4, 12)
    generate.write_config(tmp_path / "site", "plain", 12)
    generate.write_config(tmp_path / "site", "abbr", 12)
    built = {}
    for variant, path in (
        ("explainer", config),
        ("plain", tmp_path / "site" / "mkdocs-plain.yml"),
        ("abbr", tmp_path / "site" / "mkdocs-abbr.yml"),
    ):
        out = tmp_path / f"out-{variant}"
        build_site(path, out)
        built[variant] = (out / generate.article_path(0).replace(".md", "/index.html")).read_text()
    assert 'class="entity-link"' in built["explainer"]
    assert 'class="entity-link"' not in built["plain"]
    assert "<abbr" in built["abbr"] and "<abbr" not in built["plain"]
    plugins = yaml.safe_load(config.read_text())["plugins"]
    assert {"explainer": {"kinds": list(generate.KINDS)}} in plugins


def test_quick_run_writes_a_report(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    run_benchmarks(["--quick", "--runs", "1", "--only", "entities", "--output", str(output)])
    text = output.read_text()
    assert "Linker alone, scaling in entities" in text
    assert "| floor | measured | met |" in text
    assert "Python 3." in text


def test_serve_bench_edits_and_compares_on_a_tiny_site(tmp_path: Path) -> None:
    outcome = serve.measure(tmp_path / "site", 8, 6, 2, saves=1)
    choice = outcome.choice
    assert choice.mentions >= 2 and choice.witness != serve.page_url(choice.ordinary)
    assert serve.LINK_CLASS == LINK_CLASS
    modes = [m.name for m in serve.MODES]
    assert [(r.mode, r.series) for r in outcome.results] == [
        (mode, series) for mode in modes for series in ("ordinary", "entity body", "entity summary")
    ]
    # A full rebuild is what a clean build makes: if this fails, the harness is wrong
    # (or `mkdocs serve` itself is).
    for result in outcome.results:
        if result.mode == "full":
            assert all(s.seconds is not None for s in result.saves), result
            assert not result.differences, result.differences
    # The site's files are as generated once the benchmark is done.
    assert (tmp_path / "site" / "docs" / choice.ordinary).read_text() == generate.article(
        8 // 2, generate.make_entities(6), 0, 6000
    )
    text = serve.section(outcome, "test", 0.0, (0.0, 0.0, 0.0))
    assert text.startswith("### Save to correct preview, 8 pages x 6 entities (issue 15)")
    assert text.count("| full |") == 3
    name, _, _ = serve.floor(outcome)
    assert "2 s" in name


def test_summary_edit_changes_only_the_summary() -> None:
    entities = generate.make_entities(5)
    page = generate.entity_page(entities[0], entities, 0, events=2)
    edited = serve.with_summary(page, "zqmarkzq")
    assert edited != page
    assert edited.split("---\n", 2)[2] == page.split("---\n", 2)[2]
    assert "summary: Summary edited zqmarkzq." in edited


def test_only_run_replaces_its_own_section(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    output.write_text(
        "# Benchmark results\n\n## Floors (issue 6)\n\n| floor | measured | met |\n|---|---|---|\n"
        "| old floor | 1 | yes |\n| serve floor | 9 s | **no** |\n\n## Figures\n\n"
        "### Kept, 2 pages\n\nkept text\n\n### Serve, 2 pages (issue 15)\n\nold figures\n\n"
        "## What each figure measures\n\nnotes\n",
        encoding="utf-8",
    )
    report = Report()
    report.add("### Serve, 2 pages\n\nnew figures\n")
    report.add("### Brand new\n\nfresh\n")
    report.floor("serve floor", "1 s", True)
    report.floor("new floor", "2", False)
    merge_report(report, output)
    text = output.read_text(encoding="utf-8")
    assert "kept text" in text and "notes" in text and "| old floor | 1 | yes |" in text
    assert "old figures" not in text and "new figures" in text
    assert text.index("fresh") < text.index("## What each figure measures")
    assert "| serve floor | 1 s | yes |\n| new floor | 2 | **no** |\n" in text
