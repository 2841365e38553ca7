"""Live preview that never loses work: `mkdocs serve` survives a broken page, says what is
wrong, recovers when the page is fixed, and never writes into `docs/`.

The server runs as a real subprocess on a free port of 127.0.0.1, over a temp copy of the
project; every wait is bounded, and the test stops the server itself.
"""

from __future__ import annotations

import hashlib
import http.client
import re
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .serving import STARTUP_TIMEOUT, fetch, mkdocs_serve, read, served_url, wait_for

REBUILD_TIMEOUT = 60.0

#: The server's output, and its process.
Server = tuple[Path, "subprocess.Popen[bytes]"]


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative path -> SHA-256 of its bytes)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


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
def server(project_copy: Path, tmp_path: Path) -> Iterator[Server]:
    """`mkdocs serve` on the project copy: (its output, its process)."""
    log = tmp_path / "serve.log"
    # The editor's default (./scripts/serve): a save rebuilds what it changes.
    with mkdocs_serve(project_copy, log, "--no-strict", "--dirty") as process:
        yield log, process


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
    url = served_url(log, STARTUP_TIMEOUT) + page_url(src_uri)
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
