"""`mkdocs serve` recovers from each new kind of refused input (issue 13), as from a YAML
error (tests/test_serve.py): the error is reported, the server keeps answering, and the
fixed page is served; docs/ is never written."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest

from .serving import STARTUP_TIMEOUT, fetch, read, served_url, wait_for
from .test_serve import (
    REBUILD_TIMEOUT,
    Server,
    entity_page,
    page_url,
    root_status,
    server,
    tree_digest,
)

__all__ = ["server"]  # the fixture, shared with test_serve

#: How the editor breaks the page, and what the build says.
BREAKAGES = {
    "title-as-a-list": (
        lambda text: text.replace("entity:\n", "title: [a, list]\nentity:\n", 1),
        "title: must be text, not a list",
    ),
    "impossible-date-in-an-unused-key": (
        lambda text: text.replace("entity:\n", "updated: 2025-02-30\nentity:\n", 1),
        "updated: '2025-02-30' (line 2) looks like a date",
    ),
    "undefined-footnote": (
        lambda text: text.rstrip("\n") + "\n\nA claim.[^nowhere]\n",
        "footnote reference [^nowhere] without a definition",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_serve_recovers_from_refused_input(
    server: Server, project_copy: Path, breakage: str
) -> None:
    log, process = server
    docs = project_copy.parent / "docs"
    page = entity_page(docs)
    src_uri = page.relative_to(docs).as_posix()
    before = tree_digest(docs)
    original = page.read_text(encoding="utf-8")
    url = served_url(log, STARTUP_TIMEOUT) + page_url(src_uri)
    wait_for("the page", lambda: fetch(url)[0] == 200, REBUILD_TIMEOUT, log)

    break_page, message = BREAKAGES[breakage]
    page.write_text(break_page(original), encoding="utf-8")
    expected = f"docs/{src_uri}: {message}"
    wait_for("the error report", lambda: expected in read(log), REBUILD_TIMEOUT, log)
    time.sleep(1.0)  # let a wrongly exiting server exit
    assert process.poll() is None, "the server stopped on a refused page"
    assert root_status(url) == 302

    marker = f"Fixed-{uuid.uuid4().hex}"
    page.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
    wait_for("the fixed page", lambda: marker in fetch(url)[1], REBUILD_TIMEOUT, log)
    assert process.poll() is None
    assert "Traceback" not in read(log)
    changed = {name for name, digest in tree_digest(docs).items() if before.get(name) != digest}
    assert changed == {src_uri}
