"""Live preview of the comparison page: under a real `mkdocs serve`, saving a suitor page or
the intro snippet (which MkDocs itself does not build) updates the page on the next reload."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from site_plugins.comparison import page_src_uri

from .test_comparison import comparison_options, first_suitor, set_values

STARTUP_TIMEOUT = 120.0
RELOAD_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_until(what: str, check: Callable[[], bool], timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    output = log.read_text(errors="replace")
    pytest.fail(f"timed out waiting for {what}; server output:\n{output}")


@pytest.fixture
def served(project_copy: Path) -> Iterator[tuple[str, Path]]:
    """The project copy under `mkdocs serve` on 127.0.0.1; its comparison page URL."""
    port = free_port()
    log = project_copy.parent / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project_copy.parent,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        served_at = re.compile(r"Serving on (http://127\.0\.0\.1:\d+/\S*)")
        wait_until(
            "the server", lambda: bool(served_at.search(log.read_text())), STARTUP_TIMEOUT, log
        )
        match = served_at.search(log.read_text())
        assert match
        options = comparison_options(project_copy)
        url = match.group(1) + options.path
        wait_until("the comparison page", lambda: "explainer-table" in fetch(url), 30, log)
        yield url, log
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.mark.slow
def test_saving_a_suitor_or_the_intro_updates_the_served_page(
    served: tuple[str, Path], project_copy: Path
) -> None:
    url, log = served
    options = comparison_options(project_copy)
    docs = project_copy.parent / "docs"
    _, path = first_suitor(docs, options)
    set_values(path, options.kind, relation="zq-live-relation-7")
    wait_until("the new relation", lambda: "zq-live-relation-7" in fetch(url), RELOAD_TIMEOUT, log)
    assert options.intro
    (docs / options.intro).write_text("Intro rewritten: zq-live-intro-9.\n")
    wait_until("the new intro", lambda: "zq-live-intro-9" in fetch(url), RELOAD_TIMEOUT, log)
    # Serving never writes the generated page into docs/.
    assert not (docs / page_src_uri(options.path)).exists()
