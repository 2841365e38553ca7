"""Dirty builds on the big site (issue 15): one edit of each kind, each checked against a
clean build of the same files.

    .venv/bin/python -m benchmarks.run --only dirty          # the 2,000-page site
    .venv/bin/python -m benchmarks.run --only dirty --quick  # a tiny site

A build session runs as `mkdocs serve --dirty` builds (tests/dirty_worker.py, also the
tests' session and comparison: the
configuration loaded again for each build, `build(..., dirty=True)` into one folder). After
each edit it rebuilds; the figure is that build's wall time, and the pages it rewrote are
counted from the output files' times. A clean build of the same files into an empty folder
follows, and the two folders are compared file by file (HTML, search index, sitemap, JSON).
The time from a save to the browser showing it (file watching, reload) is measured by the
`serve` benchmark; this one checks the dirty output on a big site and says what each kind
of edit costs.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tests.dirty_worker import DirtySession, clean_build, differences

from . import generate

if TYPE_CHECKING:
    from .run import Plan, Report


@dataclass(frozen=True)
class Edit:
    name: str
    apply: Callable[[], None]


def build_timed(session: DirtySession) -> tuple[float, int]:
    """One dirty build: (wall seconds, HTML files rewritten)."""
    before = _html_times(session.site_dir)
    start = time.perf_counter()
    answer = session.build()
    wall = time.perf_counter() - start
    if not answer.get("ok"):
        raise RuntimeError(f"dirty build failed: {answer}")
    after = _html_times(session.site_dir)
    return wall, sum(1 for path, stamp in after.items() if before.get(path) != stamp)


def clean_build_timed(config: Path, site_dir: Path) -> float:
    start = time.perf_counter()
    answer = clean_build(config, site_dir)
    if not answer.get("ok"):
        raise RuntimeError(f"clean build failed: {answer}")
    return time.perf_counter() - start


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
    session = DirtySession(config, served)
    rows = []
    all_identical = True
    try:
        first, _ = build_timed(session)
        for edit in edits(root / "docs", entities, popular):
            edit.apply()
            wall, rewritten = build_timed(session)
            clean_dir = workdir / "dirty-clean"
            clean = clean_build_timed(config, clean_dir)
            found = differences(served, clean_dir)
            all_identical = all_identical and not found
            verdict = "yes" if not found else f"**no**: {', '.join(found[:3])}"
            rows.append(f"| {edit.name} | {wall:.2f} | {rewritten:,} | {clean:.1f} | {verdict} |")
            print(f"  {edit.name}: {wall:.2f} s, {rewritten} pages, same: {not found}", flush=True)
            shutil.rmtree(clean_dir)
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
