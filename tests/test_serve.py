"""Live preview that never loses work: `mkdocs serve` survives a broken page, says what is
wrong, recovers when the page is fixed, and never writes into `docs/`.

The server runs as a real subprocess on a free port of 127.0.0.1, over a temp copy of the
project; every wait is bounded, and the test stops the server itself.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

MKDOCS_SERVE = [sys.executable, "-m", "mkdocs", "serve"]
STARTUP_TIMEOUT = 120.0  # the first build of the whole site
REBUILD_TIMEOUT = 60.0

#: The server's output, and its process.
Server = tuple[Path, "subprocess.Popen[bytes]"]
SERVING = re.compile(r"Serving on (http://127\.0\.0\.1:\d+/\S*)")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative path -> SHA-256 of its bytes)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def wait_for(what: str, check: Callable[[], bool], timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}; server output:\n{read(log)}")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def root_status(url: str) -> int:
    """Status of `GET /`, which MkDocs answers at once (a redirect to the mount path)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=5)
    try:
        connection.request("GET", "/")
        return connection.getresponse().status
    finally:
        connection.close()


def page_url(src_uri: str) -> str:
    """The page's URL path under `use_directory_urls: true` (MkDocs' default)."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def entity_page(docs: Path) -> Path:
    """An entity page of the project copy, chosen from what is there."""
    pages = [p for p in sorted(docs.rglob("*.md")) if re.match(r"---\s*\nentity:", p.read_text())]
    assert pages, "the project has no entity page to break"
    return pages[0]


@pytest.fixture
def server(
    project_copy: Path, tmp_path: Path
) -> Iterator[tuple[str, Path, subprocess.Popen[bytes]]]:
    """`mkdocs serve` on the project copy: (its output, its process)."""
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*MKDOCS_SERVE, "-f", str(project_copy), "-a", f"127.0.0.1:{port}", "--no-strict"],
            cwd=project_copy.parent,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield log, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.mark.slow
def test_serve_survives_a_broken_page_and_never_writes_docs(
    server: Server, project_copy: Path
) -> None:
    log, process = server
    docs = project_copy.parent / "docs"
    page = entity_page(docs)
    src_uri = page.relative_to(docs).as_posix()
    before = tree_digest(docs)
    original = page.read_text(encoding="utf-8")

    # The URL the server prints includes the mount path from `site_url`.
    wait_for("the first build", lambda: SERVING.search(read(log)) is not None, STARTUP_TIMEOUT, log)
    serving = SERVING.search(read(log))
    assert serving is not None
    url = serving.group(1) + page_url(src_uri)
    wait_for("the page", lambda: fetch(url)[0] == 200, REBUILD_TIMEOUT, log)
    assert process.poll() is None

    # The editor breaks the front matter: an unclosed list on the `entity:` line's next line.
    broken = original.replace("entity:\n", "entity:\n  aliases: [unclosed\n", 1)
    page.write_text(broken, encoding="utf-8")
    expected_error = f"docs/{src_uri}: front matter is not valid YAML at line"
    wait_for("the error report", lambda: expected_error in read(log), REBUILD_TIMEOUT, log)
    time.sleep(1.0)  # let a wrongly exiting server exit
    assert process.poll() is None, "the server stopped on a broken page"
    # MkDocs holds page requests until a build succeeds (the open page keeps its last good
    # version); the server itself must still answer.
    assert root_status(url) == 302, "the server stopped answering while the page was broken"

    # The editor fixes the page, and writes something new while at it.
    marker = f"Fixed-{uuid.uuid4().hex}"
    fixed = original.rstrip("\n") + f"\n\n{marker}\n"
    page.write_text(fixed, encoding="utf-8")
    wait_for("the fixed page", lambda: marker in fetch(url)[1], REBUILD_TIMEOUT, log)
    assert process.poll() is None

    # Only the editor's own edit changed docs/: no build or rebuild created, changed or
    # deleted a file there.
    after = tree_digest(docs)
    expected = {**before, src_uri: hashlib.sha256(fixed.encode("utf-8")).hexdigest()}
    assert after == expected
    output = read(log)
    assert "Traceback" not in output
    assert output.count(expected_error) >= 1
