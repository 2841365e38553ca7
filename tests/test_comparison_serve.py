"""Live preview of the comparison page: under a real `mkdocs serve`, saving a suitor page or
the intro snippet (which MkDocs itself does not build) updates the page on the next reload."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from site_plugins.generated import page_src_uri

from .serving import fetch, mkdocs_serve, served_url, wait_for
from .test_comparison import comparison_options, first_suitor, set_values

RELOAD_TIMEOUT = 60.0


def body(url: str) -> str:
    return fetch(url)[1]


@pytest.fixture
def served(project_copy: Path) -> Iterator[tuple[str, Path]]:
    """The project copy under `mkdocs serve` on 127.0.0.1; its comparison page URL."""
    log = project_copy.parent / "serve.log"
    with mkdocs_serve(project_copy, log):
        url = served_url(log) + comparison_options(project_copy).path
        wait_for("the comparison page", lambda: "explainer-table" in body(url), 30, log)
        yield url, log


@pytest.mark.slow
def test_saving_a_suitor_or_the_intro_updates_the_served_page(
    served: tuple[str, Path], project_copy: Path
) -> None:
    url, log = served
    options = comparison_options(project_copy)
    docs = project_copy.parent / "docs"
    _, path = first_suitor(docs, options)
    set_values(path, options.kind, relation="zq-live-relation-7")
    wait_for("the new relation", lambda: "zq-live-relation-7" in body(url), RELOAD_TIMEOUT, log)
    assert options.intro
    (docs / options.intro).write_text("Intro rewritten: zq-live-intro-9.\n")
    wait_for("the new intro", lambda: "zq-live-intro-9" in body(url), RELOAD_TIMEOUT, log)
    # Serving never writes the generated page into docs/.
    assert not (docs / page_src_uri(options.path)).exists()
