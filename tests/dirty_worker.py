"""A `mkdocs serve --dirty` session without the server, for the edit-sequence tests.

    python -m tests.dirty_worker CONFIG SITE_DIR          # dirty: one build per input line
    python -m tests.dirty_worker CONFIG SITE_DIR --clean  # one clean build, then exit

It builds the way `mkdocs serve` does (mkdocs/commands/serve.py): the configuration is
loaded again for every build, plugins get `on_startup(command="serve", dirty=...)` once,
and `build(config, serve_url=..., dirty=...)` runs into the same output folder. Each build
answers one JSON line on stdout: {"ok": true} or {"ok": false, "error": "..."}. A process
of its own keeps MkDocs' plugin instances (which live for the process) apart from other
tests.

The client side is here too, for the tests and benchmarks/dirty.py: `DirtySession` drives
a worker, `clean_build` runs a clean one, `differences` compares their output folders.
"""

from __future__ import annotations

import contextlib
import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, ConfigurationError, PluginError

SERVE_URL = "http://127.0.0.1:8000/"
ROOT = Path(__file__).resolve().parent.parent
#: Dates fixed so that a dirty and a clean build of the same files are the same bytes.
ENV = {
    **os.environ,
    "SOURCE_DATE_EPOCH": "1790000000",
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONPATH": str(ROOT),
}


def _build(config_file: str, site_dir: str, *, dirty: bool, first: bool) -> dict[str, object]:
    try:
        config = load_config(config_file, site_dir=site_dir)
        if first:
            config.plugins.on_startup(command="serve", dirty=dirty)
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL, dirty=dirty)
    except (Abort, BuildError, ConfigurationError, PluginError) as error:
        return {"ok": False, "error": str(error)}
    return {"ok": True}


def _shut_down(config_file: str, site_dir: str) -> None:
    """`on_shutdown`, as `mkdocs serve` calls it on exit (plugins delete their temp files);
    MkDocs keeps one instance of such plugins per process, so any config reaches them."""
    with contextlib.suppress(Abort, ConfigurationError):  # mkdocs.yml left broken
        load_config(config_file, site_dir=site_dir).plugins.on_shutdown()


def main(argv: list[str]) -> None:
    config_file, site_dir, *flags = argv
    if "--clean" in flags:
        print(json.dumps(_build(config_file, site_dir, dirty=False, first=True)), flush=True)
        _shut_down(config_file, site_dir)
        return
    first = True
    try:
        for _line in sys.stdin:
            print(json.dumps(_build(config_file, site_dir, dirty=True, first=first)), flush=True)
            first = False
    finally:
        _shut_down(config_file, site_dir)


# --- The client side ------------------------------------------------------------------------


class DirtySession:
    """A worker building `config` dirty into `site_dir`; `build()` asks it for one build."""

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

    def build(self) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("build\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the dirty build session died"
        result: dict[str, Any] = json.loads(line)
        return result

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=120)

    def __enter__(self) -> DirtySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def clean_build(config: Path, site_dir: Path) -> dict[str, Any]:
    """A clean build of `config` into `site_dir`, in a process of its own."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.dirty_worker", str(config), str(site_dir), "--clean"],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        timeout=300,
    )
    lines = done.stdout.strip().splitlines()
    assert lines, f"the clean build crashed:\n{done.stderr[-3000:]}"
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def differences(dirty: Path, clean: Path) -> list[str]:
    """Files that differ, or exist on one side only."""
    found = []
    dirty_files = {p.relative_to(dirty) for p in dirty.rglob("*") if p.is_file()}
    clean_files = {p.relative_to(clean) for p in clean.rglob("*") if p.is_file()}
    found += [f"only in the dirty build: {p}" for p in sorted(dirty_files - clean_files)]
    found += [f"only in the clean build: {p}" for p in sorted(clean_files - dirty_files)]
    for path in sorted(dirty_files & clean_files):
        if not filecmp.cmp(dirty / path, clean / path, shallow=False):
            found.append(f"differs: {path}")
    return found


if __name__ == "__main__":
    main(sys.argv[1:])
