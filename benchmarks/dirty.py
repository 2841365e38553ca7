"""Dirty builds on the big site (issue 15): one edit of each kind, each checked against a
clean build of the same files.

    .venv/bin/python -m benchmarks.run --only dirty          # the 2,000-page site
    .venv/bin/python -m benchmarks.run --only dirty --quick  # a tiny site

A build session runs as `mkdocs serve --dirty` builds (tests/dirty_worker.py: the
configuration loaded again for each build, `build(..., dirty=True)` into one folder). After
each edit it rebuilds; the figure is that build's wall time, and the pages it rewrote are
counted from the output files' times. A clean build of the same files into an empty folder
follows, and the two folders are compared file by file (HTML, search index, sitemap, JSON).
The time from a save to the browser showing it (file watching, reload) is measured by the
`serve` benchmark; this one checks the dirty output on a big site and says what each kind
of edit costs.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import generate

if TYPE_CHECKING:
    from .run import Plan, Report

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1790000000"}


@dataclass(frozen=True)
class Edit:
    name: str
    apply: Callable[[], None]


class Session:
    """A dirty build session on one site, in its own process."""

    def __init__(self, config: Path, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.dirty_worker", str(config), str(site_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=ENV,
            cwd=ROOT,
        )

    def build(self) -> tuple[float, int]:
        """Build once: (wall seconds, HTML files rewritten)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        before = _html_times(self.site_dir)
        start = time.perf_counter()
        self.process.stdin.write("build\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline() or '{"ok": false}')
        wall = time.perf_counter() - start
        if not answer.get("ok"):
            raise RuntimeError(f"dirty build failed: {answer}")
        after = _html_times(self.site_dir)
        return wall, sum(1 for path, stamp in after.items() if before.get(path) != stamp)

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=120)


def clean_build(config: Path, site_dir: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tests.dirty_worker", str(config), str(site_dir), "--clean"],
        env=ENV,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def differences(dirty: Path, clean: Path) -> list[str]:
    dirty_files = {p.relative_to(dirty) for p in dirty.rglob("*") if p.is_file()}
    clean_files = {p.relative_to(clean) for p in clean.rglob("*") if p.is_file()}
    found = [str(p) for p in sorted(dirty_files ^ clean_files)]
    found += [
        str(p)
        for p in sorted(dirty_files & clean_files)
        if not filecmp.cmp(dirty / p, clean / p, shallow=False)
    ]
    return found


def _html_times(site_dir: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in site_dir.rglob("*.html")}


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text, f"{pattern!r} not found in {path}"
    path.write_text(changed, encoding="utf-8")


def most_mentioned_near(
    docs: Path, entities: list[generate.SyntheticEntity], target: int
) -> tuple[generate.SyntheticEntity, int]:
    """The entity whose names are on the number of article pages closest to `target`."""
    texts = [p.read_text(encoding="utf-8") for p in (docs / "articles").rglob("*.md")]
    counts = [(sum(any(n in t for n in e.names) for t in texts), e) for e in entities]
    count, entity = min(counts, key=lambda pair: abs(pair[0] - target))
    return entity, count


def edits(
    docs: Path, entities: list[generate.SyntheticEntity], popular: generate.SyntheticEntity
) -> list[Edit]:
    """One edit of each kind an editor makes, on pages of the generated site."""
    article = docs / generate.article_path(1)
    other = docs / generate.article_path(2)
    last = docs / generate.article_path(3)
    popular_page = docs / popular.src_uri
    quiet = next(e for e in reversed(entities) if not e.aliases)
    quiet_page = docs / quiet.src_uri
    alias = "Ostrava Holdings"

    def add_alias_and_use_it() -> None:  # two files saved before one rebuild
        _replace(quiet_page, r"^  kind: ", f"  aliases: [{alias}]\n  kind: ")
        _append(other, f"\n{alias} said so.\n")

    event = (
        "events:\n- date: '2025-06-01'\n"
        f"  what: {quiet.name} met {popular.name}.\n"
        "  sources:\n  - {title: Wire, url: 'https://news.example/x'}\n"
    )
    return [
        Edit("plain edit of an article", lambda: _append(article, "\nA plain sentence.\n")),
        Edit(
            "an article mentions an entity",
            lambda: _append(article, f"\nLater, {quiet.name} said more.\n"),
        ),
        Edit(
            "body edit of an entity page that many pages mention",
            lambda: _append(popular_page, "\nA plain sentence.\n"),
        ),
        Edit(
            "summary of that entity (its link preview on every page that mentions it)",
            lambda: _replace(popular_page, r"^  summary: .*$", "  summary: A new summary."),
        ),
        Edit("an alias, and an article that uses it", add_alias_and_use_it),
        Edit(
            "an event naming another entity",
            lambda: _replace(quiet_page, r"^events:\n", event),
        ),
        Edit("an article retitled", lambda: _replace(last, r"^# .*$", "# A new title")),
        Edit("an article deleted", last.unlink),
    ]


def bench_dirty(plan: Plan, workdir: Path, report: Report) -> None:
    pages, entity_count, _events = plan.timeline_size
    print(f"dirty: {pages} pages x {entity_count} entities", flush=True)
    root = workdir / f"dirty-{pages}x{entity_count}"
    config = generate.write_site(root, pages, entity_count, events=4)
    entities = generate.make_entities(entity_count)
    popular, mentioned_on = most_mentioned_near(root / "docs", entities, 300)
    served = workdir / "dirty-served"
    session = Session(config, served)
    rows = []
    all_identical = True
    try:
        first, _ = session.build()
        for edit in edits(root / "docs", entities, popular):
            edit.apply()
            wall, rewritten = session.build()
            clean_dir = workdir / "dirty-clean"
            clean = clean_build(config, clean_dir)
            found = differences(served, clean_dir)
            all_identical = all_identical and not found
            verdict = "yes" if not found else f"**no**: {', '.join(found[:3])}"
            rows.append(f"| {edit.name} | {wall:.2f} | {rewritten:,} | {clean:.1f} | {verdict} |")
            print(f"  {edit.name}: {wall:.2f} s, {rewritten} pages, same: {not found}", flush=True)
            subprocess.run(["rm", "-rf", str(clean_dir)], check=True)
    finally:
        session.close()
    report.add(
        "\n".join(
            [
                f"### Dirty builds, {pages:,} pages x {entity_count:,} entities, checked against"
                " clean builds (issue 15)\n",
                f"First (full) build of the session: {first:.1f} s. The entity edited is"
                f" {popular.name}, named on {mentioned_on:,} article pages. Each edit below is"
                " saved, then the session rebuilds (`mkdocs serve --dirty`'s build, timed alone);"
                " a clean build of the same files follows and the two output folders are"
                " compared file by file.\n",
                "| edit | dirty build s | HTML files rewritten | clean build s |"
                " identical to the clean build |",
                "|---|---:|---:|---:|---|",
                *rows,
                "",
                "The 404 page is rewritten by every build; a retitled or deleted page changes"
                " every page's navigation, so the whole site is rebuilt.",
            ]
        )
        + "\n"
    )
    report.floor(
        f"dirty builds identical to clean builds at {pages:,} x {entity_count:,}",
        f"{len(rows)} edits",
        all_identical,
    )
