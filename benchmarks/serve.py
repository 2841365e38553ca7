"""Save to correct preview under `mkdocs serve` (issue 15, item 2).

    .venv/bin/python -m benchmarks.run --only serve             # 2,000 x 500, 5 saves
    .venv/bin/python -m benchmarks.run --only serve --runs 3    # fewer saves per series
    .venv/bin/python -m benchmarks.run --only serve --quick     # tiny site, 2 saves (a minute)

With `--only`, run.py replaces this section of an existing RESULTS.md and leaves the
others as they are (see `run.merge_report`).

What it measures: the time from saving a page to the dev server handing out the right
HTML, the way an editor sees it. The synthetic site of the timeline benchmark (2,000
article pages, 500 entity pages with 4 events each) is served by a real `mkdocs serve`
subprocess on a free port, livereload on (an editor uses it; the benchmark itself polls
over HTTP). Each save replaces the file atomically (as editors do) with a new unique
marker word; the clock runs from just before the write until a poll (every 20 ms) gets
HTML that shows the edit. MkDocs' server holds HTML requests while it rebuilds, so a poll
never sees a half-built site. Three series per mode:

- `ordinary`: an article page gets a paragraph with the marker; correct = its own page
  shows it.
- `entity body`: the same on the entity page that about 300 pages mention; correct = the
  entity page shows it.
- `entity summary`: the marker goes into that entity's `summary:` front matter, which is
  the link preview (`title` of each entity link) on every page that mentions it; correct =
  a mentioning page that was not edited shows the new summary on its link, and the entity
  page shows it (in its meta description).

After each series the served HTML of the pages that edit affects is compared with a
clean `mkdocs build` of the same files (same SOURCE_DATE_EPOCH): "correct vs clean build"
says whether what the server ended up serving is complete, not only fast.

Adding or changing a mode: add a `Mode` to `MODES` with the options `mkdocs serve` gets.
`dirty` is what `./scripts/serve` runs (`mkdocs serve --dirty`), `full` what
`./scripts/serve --full` runs. `--serve-mode dirty` measures one mode only.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import generate

#: 1 January 2026: after every generated event (2024-2025), so the plugin accepts them,
#: and fixed, so served and clean builds date things alike.
SOURCE_DATE_EPOCH = "1767225600"
POLL_INTERVAL = 0.02
SAVE_TIMEOUT = 240.0
"""A full rebuild of 2,000 pages takes about a minute on a loaded 2-core machine."""
STARTUP_TIMEOUT = 600.0
STOP_TIMEOUT = 15.0
SETTLE = 1.0
"""MkDocs' watcher polls every 0.5 s and waits 0.1 s for changes to stop: a second
rebuild for the same save would have started within this."""
TARGET_MENTIONS = 300
LINK_CLASS = "entity-link"
"""The class of the plugin's links (site_plugins.linking.LINK_CLASS; the benchmark reads
HTML, it does not import the plugin)."""
SERVING = re.compile(r"Serving on (http://127\.0\.0\.1:\d+/\S*)")
STARTED = "Detected file changes"
FINISHED = ("Reloading browsers", "An error happened during the rebuild")
BACKLINKS = re.compile(r'<section class="entity-backlinks[^"]*".*?</section>', re.DOTALL)
BACKLINK_HREF = re.compile(r'<li><a href="([^"]+)"')
ARTICLE = re.compile(r"<article\b.*?</article>", re.DOTALL)
DESCRIPTION = re.compile(r'<meta name="description" content="[^"]*">')


@dataclass(frozen=True)
class Mode:
    name: str
    options: tuple[str, ...]
    """Given to `mkdocs serve` after `-f mkdocs.yml -a 127.0.0.1:PORT`."""


#: `dirty` is what `./scripts/serve` runs; `full` is `./scripts/serve --full`.
MODES: tuple[Mode, ...] = (Mode("full", ()), Mode("dirty", ("--dirty",)))


# --- the site -------------------------------------------------------------------------


def page_url(src_uri: str) -> str:
    """Site-relative URL of a page (MkDocs' default `use_directory_urls`)."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def built_html(site_dir: Path, url: str) -> str:
    return (site_dir / url / "index.html").read_text(encoding="utf-8")


def mentioned_on(page_html: str, url: str) -> list[str]:
    """Site-relative URLs in an entity page's "Mentioned on" section, in its order."""
    section = BACKLINKS.search(page_html)
    if not section:
        return []
    base = "/" + url
    return [
        os.path.normpath(os.path.join(base, html.unescape(href))).lstrip("/") + "/"
        for href in BACKLINK_HREF.findall(section.group(0))
    ]


@dataclass(frozen=True)
class Choice:
    """The pages a run edits and watches, picked from a clean build of the site."""

    ordinary: str
    """src_uri of the article page of the `ordinary` series."""
    entity: generate.SyntheticEntity
    mentions: int
    """How many pages the entity page's "Mentioned on" lists."""
    most_mentions: int
    """The same for the most mentioned entity of the site."""
    witness: str
    """URL of a page that mentions the entity and is never edited."""
    mentioning: tuple[str, ...]
    """URLs of a few pages that mention the entity (compared with a clean build)."""
    ordinary_links: tuple[str, ...]
    """URLs of entity pages the ordinary page links to (compared with a clean build)."""


def choose(site_dir: Path, pages: int, entities: Sequence[generate.SyntheticEntity]) -> Choice:
    """The entity whose "Mentioned on" count is nearest TARGET_MENTIONS (the issue's 300),
    and an article from the middle of the site."""
    counts = {e.id: mentioned_on(built_html(site_dir, page_url(e.src_uri)), "") for e in entities}
    most = max(len(urls) for urls in counts.values())
    target = min(TARGET_MENTIONS, most)
    entity = min(entities, key=lambda e: (abs(len(counts[e.id]) - target), e.index))
    ordinary = generate.article_path(pages // 2)
    entity_url = page_url(entity.src_uri)
    by_url = mentioned_on(built_html(site_dir, entity_url), entity_url)
    # Only the plugin's links carry the preview: a page whose one mention is a
    # hand-written link is listed under "Mentioned on" but shows no summary.
    auto_link = f'class="{LINK_CLASS}" data-entity="{entity.id}"'
    others = [u for u in by_url if u != page_url(ordinary) and auto_link in built_html(site_dir, u)]
    articles = [u for u in others if u.startswith(generate.ARTICLE_DIR)] or others
    witness = articles[-1]
    mentioning = tuple(dict.fromkeys([articles[0], articles[len(articles) // 2], witness]))
    ordinary_html = built_html(site_dir, page_url(ordinary))
    linked = dict.fromkeys(re.findall(r'data-entity="([^"]+)"', ordinary_html))
    src_by_id = {e.id: e.src_uri for e in entities}
    ordinary_links = tuple(page_url(src_by_id[i]) for i in list(linked)[:2] if i in src_by_id)
    return Choice(ordinary, entity, len(by_url), most, witness, mentioning, ordinary_links)


def with_paragraph(text: str, marker: str) -> str:
    return text.rstrip("\n") + f"\n\nServe benchmark edit {marker}.\n"


def with_summary(text: str, marker: str) -> str:
    """The page with its entity summary changed (front matter rewritten as the generator
    writes it, so nothing else in it changes)."""
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    meta["entity"]["summary"] = f"Summary edited {marker}."
    return f"---\n{yaml.safe_dump(meta, sort_keys=False)}---\n{body}"


@dataclass(frozen=True)
class Series:
    name: str
    src_uri: str
    edit: Callable[[str, str], str]
    """(original text, marker) -> text to save."""
    expect: Callable[[str], list[tuple[str, str]]]
    """marker -> (URL, text its served HTML must contain) that make a save correct."""
    compare: tuple[str, ...]
    """URLs compared with a clean build after the series' last save."""


def series_for(choice: Choice) -> list[Series]:
    ordinary_url = page_url(choice.ordinary)
    entity_url = page_url(choice.entity.src_uri)
    return [
        Series(
            "ordinary",
            choice.ordinary,
            with_paragraph,
            lambda m: [(ordinary_url, f"edit {m}.")],
            (ordinary_url, *choice.ordinary_links),
        ),
        Series(
            "entity body",
            choice.entity.src_uri,
            with_paragraph,
            lambda m: [(entity_url, f"edit {m}.")],
            (entity_url, choice.witness),
        ),
        Series(
            "entity summary",
            choice.entity.src_uri,
            with_summary,
            # The link preview is the `title` of the witness page's entity link.
            lambda m: [
                (choice.witness, f'title="Summary edited {m}."'),
                (entity_url, f"Summary edited {m}."),
            ],
            (entity_url, *choice.mentioning),
        ),
    ]


def save(docs: Path, src_uri: str, text: str) -> None:
    """Replace the file atomically, as editors do: the watcher never sees it half written."""
    target = docs / src_uri
    temporary = docs.parent / f".{target.name}.saving"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)


# --- the server -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str, timeout: float) -> str | None:
    """The body of `GET url`, or None when nothing good answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class Server:
    """`mkdocs serve` in its own process group, output in a log file; always stopped."""

    def __init__(self, config: Path, mode: Mode, log: Path, tmp: Path) -> None:
        self.log = log
        port = free_port()
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "PYTHONUNBUFFERED": "1",
            "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
            # MkDocs serves from a temporary folder; if the server dies without cleaning
            # up, the benchmark's own folder takes it away.
            "TMPDIR": str(tmp),
        }
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config)]
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [*command, "-a", f"127.0.0.1:{port}", *mode.options],
                cwd=config.parent,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.url = ""
        self._read = self._started = self._finished = 0

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_until_serving(self, timeout: float = STARTUP_TIMEOUT) -> float:
        """Seconds until the first build is served."""
        start = time.perf_counter()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if found := SERVING.search(self.output()):
                self.url = found.group(1)
                return time.perf_counter() - start
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"mkdocs serve did not start:\n{self.output()[-3000:]}")

    def builds(self) -> tuple[int, int]:
        """(rebuilds started, rebuilds finished) so far."""
        # Read on from where the last call stopped: each rebuild of a big site can log a
        # lot, and this runs every poll.
        with self.log.open("rb") as log:
            log.seek(self._read)
            chunk = log.read()
        complete = chunk.rfind(b"\n") + 1
        self._read += complete
        lines = chunk[:complete].decode("utf-8", errors="replace")
        self._started += lines.count(STARTED)
        self._finished += sum(lines.count(line) for line in FINISHED)
        return self._started, self._finished

    def idle(self) -> bool:
        started, finished = self.builds()
        return started == finished

    def stop(self) -> None:
        # SIGINT, not SIGTERM: MkDocs then removes its temporary site folder.
        for sig, wait in ((signal.SIGINT, STOP_TIMEOUT), (signal.SIGKILL, STOP_TIMEOUT)):
            if self.process.poll() is not None:
                return
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue


@dataclass
class Save:
    seconds: float | None
    """Save to correct HTML; None when the server never served it."""
    rebuilt: float | None
    """Save to the end of the rebuild it caused, when one was seen."""


def wait_settled(server: Server, timeout: float) -> None:
    """Until no rebuild is running or about to start (a late second rebuild would slow the
    next save)."""
    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        if server.idle():
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= SETTLE:
                return
        else:
            quiet_since = None
        time.sleep(0.05)


def timed_save(
    server: Server, docs: Path, src_uri: str, text: str, expect: list[tuple[str, str]]
) -> Save:
    _, finished_before = server.builds()
    start = time.perf_counter()
    deadline = time.monotonic() + SAVE_TIMEOUT
    save(docs, src_uri, text)
    rebuilt: float | None = None
    while time.monotonic() < deadline:
        remaining = max(deadline - time.monotonic(), 1.0)
        bodies = [fetch(server.url + url, remaining) for url, _ in expect]
        if all(b is not None and want in b for b, (_, want) in zip(bodies, expect, strict=True)):
            return Save(time.perf_counter() - start, rebuilt)
        if server.process.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped:\n{server.output()[-3000:]}")
        started, finished = server.builds()
        if finished > finished_before and started == finished:
            if rebuilt is None:
                rebuilt = time.perf_counter() - start
            elif time.perf_counter() - start - rebuilt > SETTLE:
                # The rebuild this save caused is over and did not bring the edit.
                return Save(None, rebuilt)
        time.sleep(POLL_INTERVAL)
    return Save(None, rebuilt)


# --- comparing with a clean build -----------------------------------------------------


def clean_build(config: Path, site_dir: Path) -> float:
    """`mkdocs build` into `site_dir`; its wall seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "-d", str(site_dir)], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"build of {config} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def comparable(page_html: str) -> str:
    """What a save can change in a page: its description and its article. Leaves out what
    differs between serving and building by design (livereload script, canonical URL)."""
    parts = [m.group(0) for m in (DESCRIPTION.search(page_html), ARTICLE.search(page_html)) if m]
    return "\n".join(parts)


def difference(url: str, served: str, clean: str) -> str:
    """How a served page differs from the clean build's, in a few words ('' if it does not)."""
    served, clean = comparable(served), comparable(clean)
    if served == clean:
        return ""
    served_items, clean_items = (len(mentioned_on(text, url)) for text in (served, clean))
    if served_items != clean_items:
        return f"'Mentioned on' lists {served_items} pages, clean build {clean_items}"
    titles = [set(re.findall(r' title="([^"]*)"', text)) for text in (served, clean)]
    if titles[0] - titles[1]:
        return "old link preview (`title`)"
    at = next(
        (i for i, (a, b) in enumerate(zip(served, clean, strict=False)) if a != b),
        min(len(served), len(clean)),
    )
    return f"differs at {served[max(at - 30, 0) : at + 30]!r}"


def summarise(differences: dict[str, str]) -> str:
    """URL -> difference, grouped: 'what (url)' or 'what (on n pages)'."""
    groups: dict[str, list[str]] = {}
    for url, what in differences.items():
        groups.setdefault(what, []).append(url)
    return "; ".join(
        f"{what} ({urls[0]})" if len(urls) == 1 else f"{what} (on {len(urls)} pages)"
        for what, urls in groups.items()
    )


@dataclass
class SeriesResult:
    mode: str
    series: str
    saves: list[Save]
    state: dict[str, str]
    """src_uri -> text of every edited file after the last save."""
    served: dict[str, str]
    """URL -> HTML served after the last save."""
    differences: dict[str, str] = field(default_factory=dict)
    """URL -> how its served HTML differs from a clean build's."""


def run_mode(
    mode: Mode,
    config: Path,
    choice: Choice,
    saves: int,
    workdir: Path,
) -> tuple[float, list[SeriesResult]]:
    """Serve the site in `mode`, do every series; the first build's seconds and results.
    The site's files are as generated before and after."""
    docs = config.parent / "docs"
    originals = {
        s.src_uri: (docs / s.src_uri).read_text(encoding="utf-8") for s in series_for(choice)
    }
    tmp = workdir / f"tmp-{mode.name}"
    tmp.mkdir(exist_ok=True)
    server = Server(config, mode, workdir / f"serve-{mode.name}.log", tmp)
    results = []
    try:
        first_build = server.wait_until_serving()
        print(f"  {mode.name}: serving after {first_build:.1f} s", flush=True)
        # The files as saved so far: each series' edits stay while the next series runs.
        current = dict(originals)
        for series in series_for(choice):
            done: list[Save] = []
            for index in range(saves):
                # Independent of the mode, so every mode ends in the same files and one
                # clean build serves them all.
                marker = f"zq{series.name.replace(' ', '')}{index:02d}zq"
                current[series.src_uri] = series.edit(originals[series.src_uri], marker)
                wait_settled(server, SAVE_TIMEOUT)
                result = timed_save(
                    server, docs, series.src_uri, current[series.src_uri], series.expect(marker)
                )
                done.append(result)
                shown = "never" if result.seconds is None else f"{result.seconds:.2f} s"
                print(f"  {mode.name} / {series.name} save {index + 1}: {shown}", flush=True)
                if result.seconds is None and result.rebuilt is None:
                    break  # no rebuild at all within the timeout: the rest would wait too
            wait_settled(server, SAVE_TIMEOUT)
            served = {url: fetch(server.url + url, SAVE_TIMEOUT) or "" for url in series.compare}
            results.append(SeriesResult(mode.name, series.name, done, dict(current), served))
    finally:
        server.stop()
        for src_uri, text in originals.items():
            (docs / src_uri).write_text(text, encoding="utf-8")
        shutil.rmtree(tmp, ignore_errors=True)
    return first_build, results


def check_against_clean_builds(
    config: Path, results: Sequence[SeriesResult], workdir: Path
) -> None:
    """Fill in each result's differences from a clean build of its files."""
    docs = config.parent / "docs"
    originals: dict[str, str] = {}
    by_state: dict[str, list[SeriesResult]] = {}
    for result in results:
        key = hashlib.sha256(repr(sorted(result.state.items())).encode()).hexdigest()
        by_state.setdefault(key, []).append(result)
    try:
        for key, group in by_state.items():
            for src_uri, text in group[0].state.items():
                originals.setdefault(src_uri, (docs / src_uri).read_text(encoding="utf-8"))
                (docs / src_uri).write_text(text, encoding="utf-8")
            site_dir = workdir / f"clean-{key[:8]}"
            clean_build(config, site_dir)
            for result in group:
                for url, served in result.served.items():
                    if note := difference(url, served, built_html(site_dir, url)):
                        result.differences[url] = note
            shutil.rmtree(site_dir, ignore_errors=True)
            for src_uri, text in originals.items():
                (docs / src_uri).write_text(text, encoding="utf-8")
    finally:
        for src_uri, text in originals.items():
            (docs / src_uri).write_text(text, encoding="utf-8")


# --- the benchmark --------------------------------------------------------------------


@dataclass
class Outcome:
    pages: int
    entities: int
    events: int
    choice: Choice
    full_build: float
    first_builds: dict[str, float]
    results: list[SeriesResult]


def measure(
    root: Path,
    pages: int,
    entities: int,
    events: int,
    saves: int,
    modes: Sequence[Mode] = MODES,
) -> Outcome:
    """Generate the site under `root`, serve it in every mode, compare with clean builds."""
    config = generate.write_site(root, pages, entities, events=events)
    catalogue = generate.make_entities(entities)
    reference = root / "clean-reference"
    print(f"serve: clean build of {pages} pages x {entities} entities", flush=True)
    full_build = clean_build(config, reference)
    choice = choose(reference, pages, catalogue)
    shutil.rmtree(reference, ignore_errors=True)
    print(
        f"  entity {choice.entity.name} ({choice.mentions} pages mention it),"
        f" ordinary page {choice.ordinary}",
        flush=True,
    )
    first_builds, results = {}, []
    for mode in modes:
        first_builds[mode.name], mode_results = run_mode(mode, config, choice, saves, root)
        results.extend(mode_results)
    print("serve: clean builds to compare with", flush=True)
    check_against_clean_builds(config, results, root)
    return Outcome(pages, entities, events, choice, full_build, first_builds, results)


def _seconds(saves: Sequence[Save]) -> tuple[str, str]:
    served = [s.seconds for s in saves if s.seconds is not None]
    if not served:
        rebuilt = [s.rebuilt for s in saves if s.rebuilt is not None]
        after = f" (rebuild done after {statistics.median(rebuilt):.2f} s)" if rebuilt else ""
        return f"never served{after}", "\N{EM DASH}"
    median = f"{statistics.median(served):.2f}"
    if len(served) < len(saves):
        median += f" ({len(served)} of {len(saves)} saves served)"
    return median, f"{min(served):.2f}\N{EN DASH}{max(served):.2f}"


def section(outcome: Outcome, command: str, started: float, load: tuple[float, ...]) -> str:
    choice = outcome.choice
    rows = []
    for result in outcome.results:
        median, spread = _seconds(result.saves)
        correct = "yes" if not result.differences else "**no**: " + summarise(result.differences)
        rows.append(f"| {result.mode} | {result.series} | {median} | {spread} | {correct} |")
    options = {m.name: " ".join(("mkdocs serve", *m.options)) for m in MODES}
    options = {name: text for name, text in options.items() if name in outcome.first_builds}
    commit = subprocess.run(
        ["git", "-C", str(Path(__file__).resolve().parent), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    saves = max(len(r.saves) for r in outcome.results)
    return "\n".join(
        [
            f"### Save to correct preview, {outcome.pages:,} pages x {outcome.entities:,}"
            " entities (issue 15)\n",
            f"Written by `{command}` on {datetime.date.today().isoformat()} (git commit"
            f" {commit or 'unknown'}) in {(time.perf_counter() - started) / 60:.1f} minutes;"
            f" load average {', '.join(f'{x:.1f}' for x in load)} at the start,"
            f" {', '.join(f'{x:.1f}' for x in os.getloadavg())} at the end."
            f" {outcome.events} events per entity page; {saves} saves per series, each timed"
            " from the write to the first poll (every 20 ms, over HTTP) that gets the edit.",
            "",
            "| mode | edit | median s | min\N{EN DASH}max s | correct vs clean build |",
            "|---|---|---:|---:|---|",
            *rows,
            "",
            "- modes: "
            + "; ".join(
                f"`{name}` = `{text}` (first build served after {outcome.first_builds[name]:.1f} s)"
                for name, text in options.items()
                if name in outcome.first_builds
            ),
            f"- full `mkdocs build` of the same site, for reference: {outcome.full_build:.1f} s"
            " wall",
            f'- entity edited: {choice.entity.name}, listed under "Mentioned on" by'
            f" {choice.mentions:,} pages (the most mentioned entity of the site:"
            f" {choice.most_mentions:,});"
            f" the summary edit is checked on {choice.witness}, compared on"
            f" {len(choice.mentioning)} mentioning pages",
            f"- ordinary page: {choice.ordinary}",
            "- `ordinary` and `entity body` add a paragraph with the marker; `entity summary`"
            " changes `summary:` (the link preview on every page that mentions the entity)."
            ' "never served": the rebuild the save caused finished and the page still did'
            " not show the edit.",
            "",
        ]
    )


def floor(outcome: Outcome) -> tuple[str, str, bool]:
    """Issue 15: an ordinary save is served correctly within 2 s (median), in some mode
    whose result matches a clean build."""
    figures, met = [], False
    for result in outcome.results:
        if result.series != "ordinary":
            continue
        served = [s.seconds for s in result.saves if s.seconds is not None]
        complete = not result.differences and all(
            not r.differences for r in outcome.results if r.mode == result.mode
        )
        value = f"{statistics.median(served):.2f} s" if served else "never"
        figures.append(f"{result.mode} {value}{'' if complete else ' (incomplete)'}")
        met = met or (bool(served) and statistics.median(served) <= 2 and complete)
    return "ordinary save to correct preview <= 2 s (issue 15)", ", ".join(figures), met
