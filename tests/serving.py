"""`mkdocs serve` for the live-preview tests: a real subprocess on a free port of 127.0.0.1,
its output in a log file; every wait is bounded, and the server is always stopped.
"""

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
from contextlib import contextmanager
from pathlib import Path

import pytest

STARTUP_TIMEOUT = 120.0  # the first build of the whole site
STOP_TIMEOUT = 15.0
SERVING = re.compile(r"Serving on (http://127\.0\.0\.1:\d+/\S*)")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def wait_for(what: str, check: Callable[[], bool], timeout: float, log: Path) -> None:
    """Poll `check` until it holds; after `timeout` seconds, fail with the server's output."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}; server output:\n{read(log)}")


def fetch(url: str) -> tuple[int, str]:
    """(status, body) of `GET url`; status 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


@contextmanager
def mkdocs_serve(config_file: Path, log: Path, *options: str) -> Iterator[subprocess.Popen[bytes]]:
    """`mkdocs serve -f config_file [options]` from the config's folder; its output to `log`.

    On exit the server is terminated, and killed if it has not stopped within STOP_TIMEOUT.
    """
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file)]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{port}", *options],
            cwd=config_file.parent,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)


def served_url(log: Path, timeout: float = STARTUP_TIMEOUT) -> str:
    """The URL the server prints once its first build is done (with `site_url`'s path)."""
    wait_for("the first build", lambda: SERVING.search(read(log)) is not None, timeout, log)
    serving = SERVING.search(read(log))
    assert serving is not None
    return serving.group(1)
