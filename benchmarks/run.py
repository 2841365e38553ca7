"""Run every benchmark and write benchmarks/RESULTS.md.

    .venv/bin/python -m benchmarks.run            # the full run (about 25 minutes here)
    .venv/bin/python -m benchmarks.run --quick    # a smoke run on tiny sites (a minute)
    .venv/bin/python -m benchmarks.run --only serve   # one benchmark; its sections replace
                                                      # theirs in RESULTS.md, the rest stays

Every figure is the median of `runs` samples. Variants compared with each other are run
in turn inside each round (A, B, C, then B, C, A, ...) so drift of a shared machine hits
them alike, and ratios are taken within a round, then their median reported. Builds run
`mkdocs build` in a subprocess; `os.wait4` gives that process's own wall time, CPU time
(user + system) and peak memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from site_plugins.entities import load_catalog

from . import dirty, generate, serve
from .linker import (
    ParsedPage,
    Registry,
    abbr_glossary,
    parse_pages,
    time_abbr,
    time_linker,
    total_size,
)

T = TypeVar("T")
HERE = Path(__file__).resolve().parent
MB = 1_000_000
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "markdown",
    "pymdown-extensions",
    "pyahocorasick",
    "jinja2",
    "mkdocs-glossary-plugin",
    "pyinstrument",
)


@dataclass(frozen=True)
class Plan:
    runs: int
    build_sizes: tuple[tuple[int, int], ...]
    peer_size: tuple[int, int]
    entity_counts: tuple[int, ...]
    entity_corpus_mb: float
    content_mb: tuple[float, ...]
    big_page_mb: float
    registry_sizes: tuple[int, int]
    timeline_size: tuple[int, int, int] = (2000, 500, 4)
    """Pages, entities and events per entity page of the timeline's benchmark."""
    serve_size: tuple[int, int, int] = (2000, 500, 4)
    serve_modes: tuple[str, ...] = ()
    """The `serve.MODES` to measure (all when empty)."""
    """The same for the save-to-preview benchmark (`runs` is its saves per series)."""


FULL = Plan(
    runs=5,
    build_sizes=((200, 100), (2000, 500)),
    peer_size=(200, 100),
    entity_counts=(10, 100, 1000, 10000),
    entity_corpus_mb=5,
    content_mb=(1, 10, 100),
    big_page_mb=5,
    registry_sizes=(1000, 10000),
)
QUICK = Plan(
    runs=2,
    build_sizes=((20, 10),),
    peer_size=(20, 10),
    entity_counts=(10, 100, 1000),
    entity_corpus_mb=0.2,
    content_mb=(0.1, 0.3),
    big_page_mb=0.3,
    registry_sizes=(100, 300),
    timeline_size=(20, 10, 3),
    serve_size=(20, 10, 3),
)


# --- measurement helpers --------------------------------------------------------------


@dataclass(frozen=True)
class BuildSample:
    wall: float
    cpu: float
    max_rss_mb: float


def timed_build(config_file: Path, site_dir: Path) -> BuildSample:
    """`mkdocs build` of `config_file` in a fresh process: its own time and peak memory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)]
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*command, "-d", str(site_dir)], env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            message = errors.read().decode(errors="replace")[-3000:]
            raise RuntimeError(f"build of {config_file} failed:\n{message}")
    shutil.rmtree(site_dir, ignore_errors=True)
    return BuildSample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def interleaved(
    runs: int, variants: Sequence[str], measure: Callable[[str], T]
) -> list[dict[str, T]]:
    """`runs` rounds; each round measures every variant once, starting one further along."""
    rounds = []
    for index in range(runs):
        order = [variants[(index + k) % len(variants)] for k in range(len(variants))]
        rounds.append({variant: measure(variant) for variant in order})
        print(f"  round {index + 1}/{runs} done", flush=True)
    return rounds


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def paired_ratio(rounds: Sequence[dict[str, float]], a: str, b: str) -> float:
    """Median over rounds of a/b, each ratio taken within one round."""
    return median([r[a] / r[b] for r in rounds])


def fmt(value: float, digits: int = 2) -> str:
    return f"{value:,.{digits}f}"


def pct(ratio: float) -> str:
    return f"{(ratio - 1) * 100:+.1f} %"


# --- the benchmarks -------------------------------------------------------------------


@dataclass
class Report:
    sections: list[str] = field(default_factory=list)
    floors: list[tuple[str, str, bool]] = field(default_factory=list)
    command: str = "python -m benchmarks.run"

    def add(self, text: str) -> None:
        self.sections.append(text)
        print(text, flush=True)

    def floor(self, name: str, figure: str, met: bool) -> None:
        self.floors.append((name, figure, met))


def bench_builds(plan: Plan, workdir: Path, report: Report) -> None:
    pandoc = shutil.which("pandoc")
    for pages, entities in plan.build_sizes:
        print(f"builds: {pages} pages x {entities} entities", flush=True)
        root = workdir / f"site-{pages}x{entities}"
        configs = {"explainer": generate.write_site(root, pages, entities)}
        for variant in ("plain", "abbr"):
            configs[variant] = generate.write_config(root, variant, entities)
        peer = (pages, entities) == plan.peer_size
        if peer and pandoc:
            glossary_root = workdir / f"glossary-{pages}x{entities}"
            configs["glossary"] = generate.write_site(
                glossary_root, pages, entities, variant="glossary"
            )
        variants = list(configs)

        def build(variant: str, configs: dict[str, Path] = configs) -> BuildSample:
            return timed_build(configs[variant], workdir / f"out-{variant}")

        samples = interleaved(plan.runs, variants, build)
        size = sum(p.stat().st_size for p in (root / "docs").rglob("*.md")) / MB
        cpu = [{v: s[v].cpu for v in variants} for s in samples]
        wall = [{v: s[v].wall for v in variants} for s in samples]
        rss = [{v: s[v].max_rss_mb for v in variants} for s in samples]
        rows = [
            f"| {v} | {fmt(median([s[v] for s in wall]))} | {fmt(median([s[v] for s in cpu]))}"
            f" | {fmt(median([s[v] for s in rss]), 0)} |"
            for v in variants
        ]
        overhead_cpu = paired_ratio(cpu, "explainer", "plain")
        overhead_wall = paired_ratio(wall, "explainer", "plain")
        text = [
            f"### Full build, {pages:,} pages x {entities:,} entities"
            f" ({pages + entities + 1:,} Markdown files, {fmt(size, 1)} MB)\n",
            "| variant | wall s (median) | CPU s (median) | peak memory MB (median) |",
            "|---|---:|---:|---:|",
            *rows,
            "",
            f"- **plugin overhead** (explainer vs plain, paired per round): "
            f"CPU {pct(overhead_cpu)}, wall {pct(overhead_wall)}",
            f"- peak memory: explainer / plain = {fmt(paired_ratio(rss, 'explainer', 'plain'), 3)}",
            f"- vs `abbr` with the same {entities:,} entities' names: explainer build / abbr build"
            f" = CPU {fmt(paired_ratio(cpu, 'explainer', 'abbr'), 3)},"
            f" wall {fmt(paired_ratio(wall, 'explainer', 'abbr'), 3)};"
            f" added CPU over plain: explainer"
            f" {fmt(median([s['explainer'] - s['plain'] for s in cpu]))} s,"
            f" abbr {fmt(median([s['abbr'] - s['plain'] for s in cpu]))} s",
        ]
        if "glossary" in variants:
            text.append(
                f"- vs mkdocs-glossary-plugin 0.1.1 (same site, terms as glossary pages):"
                f" explainer build / glossary build = CPU"
                f" {fmt(paired_ratio(cpu, 'explainer', 'glossary'), 3)}, wall"
                f" {fmt(paired_ratio(wall, 'explainer', 'glossary'), 3)} (it runs pandoc twice"
                f" per page; CPU includes those child processes, Linux `wait4` counts the"
                f" children a process has waited for)"
            )
        elif peer:
            text.append("- mkdocs-glossary-plugin: skipped, `pandoc` is not on PATH")
        report.add("\n".join(text) + "\n")
        if (pages, entities) == plan.build_sizes[-1]:
            report.floor(
                f"overhead <= 5 % at {pages:,} x {entities:,}",
                f"CPU {pct(overhead_cpu)}, wall {pct(overhead_wall)}",
                overhead_cpu <= 1.05,
            )
            report.floor(
                "faster than `abbr` (full build)",
                f"explainer/abbr CPU {fmt(paired_ratio(cpu, 'explainer', 'abbr'), 3)}",
                paired_ratio(cpu, "explainer", "abbr") < 1,
            )


def bench_timeline(plan: Plan, workdir: Path, report: Report) -> None:
    """What events cost: entity histories, and the timeline page and its JSON on top."""
    pages, entities, per_entity = plan.timeline_size
    print(f"timeline: {pages} pages x {entities} entities x {per_entity} events", flush=True)
    root = workdir / f"timeline-{pages}x{entities}"
    configs = {"timeline": generate.write_site(root, pages, entities, events=per_entity)}
    for variant in ("plain", "no-history", "explainer"):
        configs[variant] = generate.write_config(root, variant, entities)
    variants = list(configs)

    def build(variant: str) -> BuildSample:
        return timed_build(configs[variant], workdir / f"out-{variant}")

    samples = interleaved(plan.runs, variants, build)
    cpu = [{v: s[v].cpu for v in variants} for s in samples]
    wall = [{v: s[v].wall for v in variants} for s in samples]
    events = per_entity * entities
    rows = [
        f"| {v} | {fmt(median([s[v] for s in wall]))} | {fmt(median([s[v] for s in cpu]))} |"
        for v in variants
    ]
    history = paired_ratio(cpu, "explainer", "no-history")
    timeline = paired_ratio(cpu, "timeline", "explainer")
    report.add(
        "\n".join(
            [
                f"### Events: {pages:,} pages x {entities:,} entities, {events:,} events\n",
                "Every entity page carries the same events in all four builds; `plain` has no"
                " plugin, `no-history` the plugin with `history: false`, `explainer` the"
                " plugin's defaults (each entity page ends with its History), `timeline` adds"
                " the generated timeline page and timeline.json.\n",
                "| variant | wall s (median) | CPU s (median) |",
                "|---|---:|---:|",
                *rows,
                "",
                f"- entity histories: explainer vs no-history, CPU {pct(history)}",
                f"- timeline page and JSON: timeline vs explainer, CPU {pct(timeline)}",
                f"- all the plugin does with events: timeline vs plain, CPU"
                f" {pct(paired_ratio(cpu, 'timeline', 'plain'))}",
            ]
        )
        + "\n"
    )


def bench_serve(plan: Plan, workdir: Path, report: Report) -> None:
    """Issue 15: save to correct preview under `mkdocs serve`, in each of `serve.MODES`."""
    pages, entities, events = plan.serve_size
    started, load_at_start = time.perf_counter(), os.getloadavg()
    modes = [m for m in serve.MODES if not plan.serve_modes or m.name in plan.serve_modes]
    outcome = serve.measure(
        workdir / f"serve-{pages}x{entities}", pages, entities, events, plan.runs, modes
    )
    report.add(serve.section(outcome, report.command, started, load_at_start))
    report.floor(*serve.floor(outcome))


def corpus(
    entities: Sequence[generate.SyntheticEntity], megabytes: float, seed: int = 0
) -> list[tuple[str, str]]:
    """Article pages (about 6 kB each) until their Markdown reaches `megabytes`."""
    pages: list[tuple[str, str]] = []
    size = 0
    while size < megabytes * MB:
        text = generate.article(len(pages), entities, seed, 6000)
        pages.append((generate.article_path(len(pages)), text))
        size += len(text.encode("utf-8"))
    return pages


def bench_entities(plan: Plan, report: Report) -> None:
    catalogue = generate.make_entities(max(plan.entity_counts))
    registries = {str(n): Registry.build(catalogue[:n]) for n in plan.entity_counts}
    names = list(registries)
    for label, mentioned in (
        (f"mentions only the first {plan.entity_counts[0]} entities", catalogue[:10]),
        (f"mentions all {len(catalogue):,} entities (Zipf)", catalogue),
    ):
        print(f"linker, entity scaling: corpus that {label}", flush=True)
        pages = parse_pages(corpus(mentioned, plan.entity_corpus_mb, seed=1))
        rounds = interleaved(
            plan.runs, names, lambda n, pages=pages: time_linker(pages, registries[n])
        )
        cpu = [{n: r[n].cpu for n in names} for r in rounds]
        first = names[0]
        rows = [
            f"| {int(n):,} | {fmt(median([r[n] for r in cpu]), 3)}"
            f" | {fmt(paired_ratio(cpu, n, first), 3)} | {rounds[0][n].links:,} |"
            for n in names
        ]
        report.add(
            "\n".join(
                [
                    f"### Linker alone, scaling in entities: {fmt(total_size(pages) / MB, 1)} MB"
                    f" corpus ({len(pages):,} pages) that {label}\n",
                    f"| entities | CPU s (median) | / {first} entities | links made |",
                    "|---:|---:|---:|---:|",
                    *rows,
                ]
            )
            + "\n"
        )
        if mentioned is not catalogue:
            ratio = paired_ratio(cpu, names[-1], first)
            report.floor(
                f"{names[-1]} entities <= 1.5x {first} entities (same content)",
                f"{fmt(ratio, 3)}x",
                ratio <= 1.5,
            )
    builds = interleaved(plan.runs, names, lambda n: _registry_time(catalogue[: int(n)]))
    report.add(
        "Building the matcher and link targets once per build: "
        + ", ".join(
            f"{int(n):,} entities {fmt(median([b[n] for b in builds]) * 1000, 1)} ms" for n in names
        )
        + " (median CPU).\n"
    )


def _registry_time(entities: Sequence[generate.SyntheticEntity]) -> float:
    start = time.process_time()
    Registry.build(entities)
    return time.process_time() - start


def bench_size(plan: Plan, report: Report) -> None:
    entities = generate.make_entities(500)
    largest = max(plan.content_mb)
    print(f"linker, size scaling: generating and parsing {largest} MB", flush=True)
    start = time.perf_counter()
    everything = parse_pages(corpus(entities, largest, seed=2))
    print(f"  parsed in {time.perf_counter() - start:.0f} s", flush=True)
    parts: dict[str, list[ParsedPage]] = {}
    for megabytes in plan.content_mb:
        pages, size = [], 0
        for page in everything:
            if size >= megabytes * MB:
                break
            pages.append(page)
            size += page.size
        parts[f"{megabytes:g}"] = pages
    registry = Registry.build(entities)
    names = list(parts)
    rounds = interleaved(plan.runs, names, lambda n: time_linker(parts[n], registry))
    cpu = [{n: r[n].cpu for n in names} for r in rounds]
    wall = [{n: r[n].wall for n in names} for r in rounds]
    rows = []
    for n in names:
        size_mb = total_size(parts[n]) / MB
        rows.append(
            f"| {n} | {len(parts[n]):,} | {fmt(median([r[n] for r in cpu]), 3)}"
            f" | {fmt(median([r[n] for r in wall]), 3)}"
            f" | {fmt(size_mb / median([r[n] for r in cpu]), 2)} | {rounds[0][n].links:,} |"
        )
    text = [
        "### Linker alone, scaling in content size (500 entities)\n",
        "| MB | pages | CPU s (median) | wall s (median) | MB/s (CPU) | links made |",
        "|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
    ]
    for small, big in itertools.pairwise(names):
        text.append(
            f"- {big} MB / {small} MB = {fmt(paired_ratio(cpu, big, small), 2)}x the time"
            f" for {fmt(float(big) / float(small), 1)}x the content"
        )
    throughput = total_size(parts[names[-1]]) / MB / median([r[names[-1]] for r in cpu])
    text.append(f"- **linker throughput**: {fmt(throughput, 2)} MB of Markdown per CPU second")
    report.add("\n".join(text) + "\n")
    if len(names) >= 2:
        ratio = paired_ratio(cpu, names[-1], names[-2])
        expected = float(names[-1]) / float(names[-2])
        report.floor(
            f"linear: {names[-1]} MB within {expected * 1.2:g}x of {names[-2]} MB",
            f"{fmt(ratio, 2)}x",
            ratio <= expected * 1.2,
        )
    # The peer on the same trees: abbr's one regex of every name against our automaton.
    peer = parts[names[1] if len(names) > 1 else names[0]]
    glossary = abbr_glossary(entities)
    duel = interleaved(
        plan.runs,
        ["explainer", "abbr"],
        lambda v: time_linker(peer, registry) if v == "explainer" else time_abbr(peer, glossary),
    )
    duel_cpu = [{v: r[v].cpu for v in r} for r in duel]
    ratio = paired_ratio(duel_cpu, "explainer", "abbr")
    report.add(
        f"### Linker alone vs `abbr` on the same {fmt(total_size(peer) / MB, 1)} MB of trees"
        f" ({len(glossary):,} names of 500 entities)\n\n"
        f"- cross-linker {fmt(median([r['explainer'] for r in duel_cpu]), 3)} s CPU"
        f" ({duel[0]['explainer'].links:,} links: first mention per entity per page), `abbr`"
        f" treeprocessor {fmt(median([r['abbr'] for r in duel_cpu]), 3)} s CPU"
        f" ({duel[0]['abbr'].links:,} `<abbr>`: every mention); ratio {fmt(ratio, 3)}\n"
    )
    report.floor("faster than `abbr` (linker alone)", f"explainer/abbr {fmt(ratio, 3)}", ratio < 1)


def bench_bounded(plan: Plan, report: Report) -> None:
    """Issue 7: a 5 MB page, and a 10,000-entity registry, in time linear in their size."""
    entities = generate.make_entities(500)
    print("issue 7: one big page", flush=True)
    big = generate.article(0, entities, 3, int(plan.big_page_mb * MB))
    tenth = generate.article(1, entities, 3, int(plan.big_page_mb * MB / 10))
    pages = {
        "big": parse_pages([("articles/big.md", big)]),
        "tenth": parse_pages([("articles/tenth.md", tenth)]),
    }
    registry = Registry.build(entities)
    rounds = interleaved(plan.runs, list(pages), lambda n: time_linker(pages[n], registry))
    cpu = [{n: r[n].cpu for n in pages} for r in rounds]
    size_ratio = total_size(pages["big"]) / total_size(pages["tenth"])
    ratio = paired_ratio(cpu, "big", "tenth")
    lines = [
        "### Big input stays bounded (issue 7)\n",
        f"- one {fmt(total_size(pages['big']) / MB, 1)} MB page: linker"
        f" {fmt(median([r['big'] for r in cpu]), 3)} s CPU; a"
        f" {fmt(total_size(pages['tenth']) / MB, 2)} MB page"
        f" {fmt(median([r['tenth'] for r in cpu]), 3)} s: {fmt(ratio, 2)}x the time for"
        f" {fmt(size_ratio, 1)}x the size",
    ]
    report.floor(
        f"{plan.big_page_mb:g} MB page linear",
        f"{fmt(ratio / size_ratio, 2)}x per MB",
        ratio <= size_ratio * 1.2,
    )
    print("issue 7: entity registry", flush=True)
    small_n, big_n = plan.registry_sizes
    catalogue = generate.make_entities(big_n)
    sources = {
        str(n): [(e.src_uri, generate.entity_page(e, catalogue[:n], 3)) for e in catalogue[:n]]
        for n in (small_n, big_n)
    }
    names = list(sources)
    registry_rounds = interleaved(
        plan.runs, names, lambda n: _catalogue_time(sources[n], catalogue[: int(n)])
    )
    ratio = paired_ratio(registry_rounds, names[1], names[0])
    lines.append(
        f"- entity registry (front matter of every entity page read and validated, names"
        f" checked unique, matcher and targets built): {small_n:,} entities"
        f" {fmt(median([r[names[0]] for r in registry_rounds]), 3)} s, {big_n:,} entities"
        f" {fmt(median([r[names[1]] for r in registry_rounds]), 3)} s: {fmt(ratio, 2)}x the"
        f" time for {big_n / small_n:g}x the entities"
    )
    report.floor(
        f"{big_n:,}-entity registry linear",
        f"{fmt(ratio / (big_n / small_n), 2)}x per entity",
        ratio <= big_n / small_n * 1.2,
    )
    report.add("\n".join(lines) + "\n")


def _catalogue_time(
    pages: Sequence[tuple[str, str]], entities: Sequence[generate.SyntheticEntity]
) -> float:
    start = time.process_time()
    catalog = load_catalog(pages, list(generate.KINDS))
    assert len(catalog.entities) == len(entities)
    Registry.build(entities)
    return time.process_time() - start


# --- report ---------------------------------------------------------------------------


def machine(load_at_start: tuple[float, float, float]) -> list[str]:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    pandoc = shutil.which("pandoc")
    if pandoc:
        out = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
        versions.append(out.splitlines()[0] if out else "pandoc")
    commit = subprocess.run(
        ["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return [
        f"- machine: {platform.platform()}, {cpu}, {os.cpu_count()} cores{memory}",
        f"- Python {platform.python_version()}; {', '.join(versions)}",
        f"- git commit {commit or 'unknown'} (plus any uncommitted changes in the tree)",
        f"- load average (1, 5, 15 min) at start: {', '.join(f'{x:.1f}' for x in load_at_start)}",
    ]


def merge_report(report: Report, output: Path) -> None:
    """Put this run's sections and floors into an existing report, leaving the rest as it
    is: a section replaces the one whose heading starts with its heading (a hand-added
    note after the heading goes with it), a new one goes at the end of the figures."""
    lines = output.read_text(encoding="utf-8").split("\n")
    for text in report.sections:
        new = [*text.rstrip("\n").split("\n"), ""]
        heading = new[0]
        start = next((i for i, line in enumerate(lines) if line.startswith(heading)), None)
        if start is None:
            figures = lines.index("## Figures") if "## Figures" in lines else len(lines)
            start = end = next(
                (i for i in range(figures + 1, len(lines)) if lines[i].startswith("## ")),
                len(lines),
            )
        else:
            end = next(
                (i for i in range(start + 1, len(lines)) if lines[i].startswith(("## ", "### "))),
                len(lines),
            )
        lines[start:end] = new
    for name, figure, met in report.floors:
        row = f"| {name} | {figure} | {'yes' if met else '**no**'} |"
        old = next((i for i, line in enumerate(lines) if line.startswith(f"| {name} |")), None)
        if old is not None:
            lines[old] = row
            continue
        floors = lines.index("| floor | measured | met |")
        last = floors
        while last + 1 < len(lines) and lines[last + 1].startswith("|"):
            last += 1
        lines.insert(last + 1, row)
    # The notes that close the report are NOTES.md's, as a full run writes them.
    notes = HERE / "NOTES.md"
    first_note = "## What each figure measures"
    if notes.exists() and first_note in lines:
        lines[lines.index(first_note) :] = notes.read_text(encoding="utf-8").split("\n")
    output.write_text("\n".join(lines), encoding="utf-8")
    print(f"updated {output}")


def write_report(
    report: Report,
    plan: Plan,
    output: Path,
    command: str,
    started: float,
    load_at_start: tuple[float, float, float],
) -> None:
    floors = [
        "| floor | measured | met |",
        "|---|---|---|",
        *(
            f"| {name} | {figure} | {'yes' if met else '**no**'} |"
            for name, figure, met in report.floors
        ),
    ]
    notes = HERE / "NOTES.md"
    text = [
        "# Benchmark results\n",
        f"Written by `{command}` on {datetime.date.today().isoformat()}"
        f" in {(time.perf_counter() - started) / 60:.1f} minutes;"
        f" every figure is the median of {plan.runs} runs, variants interleaved.\n",
        *machine(load_at_start),
        f"- load average at end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}",
        "",
        "## Floors (issue 6)\n",
        *floors,
        "",
        "## Figures\n",
        *report.sections,
        notes.read_text(encoding="utf-8") if notes.exists() else "",
    ]
    output.write_text("\n".join(text), encoding="utf-8")
    print(f"wrote {output}")


BENCHES = {
    "builds": bench_builds,
    "entities": lambda plan, workdir, report: bench_entities(plan, report),
    "size": lambda plan, workdir, report: bench_size(plan, report),
    "bounded": lambda plan, workdir, report: bench_bounded(plan, report),
    "timeline": bench_timeline,
    "serve": bench_serve,
    "dirty": dirty.bench_dirty,
}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the benchmarks; write RESULTS.md.")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, 2 runs: a smoke test")
    parser.add_argument("--only", action="append", choices=sorted(BENCHES), default=[])
    parser.add_argument("--runs", type=int, help="samples per figure (default 5, quick 2)")
    parser.add_argument(
        "--serve-mode",
        action="append",
        choices=[mode.name for mode in serve.MODES],
        default=[],
        help="measure only this `serve` mode (repeatable; default: all)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="default benchmarks/RESULTS.md; with --only, an existing file keeps its other"
        " sections",
    )
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.runs:
        plan = Plan(**{**plan.__dict__, "runs": args.runs})
    if args.serve_mode:
        plan = Plan(**{**plan.__dict__, "serve_modes": tuple(args.serve_mode)})
    output = args.output or (
        Path(tempfile.gettempdir()) / "RESULTS-quick.md" if args.quick else HERE / "RESULTS.md"
    )
    command = " ".join(["python -m benchmarks.run", *(argv or sys.argv[1:])])
    started, load_at_start = time.perf_counter(), os.getloadavg()
    report = Report(command=command)
    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as workdir:
        for name in args.only or list(BENCHES):
            BENCHES[name](plan, Path(workdir), report)
    if args.only and output.exists():
        merge_report(report, output)
    else:
        write_report(report, plan, output, command, started, load_at_start)


if __name__ == "__main__":
    main()
