"""A `mkdocs serve --dirty` session without the server, for the edit-sequence tests.

    python -m tests.dirty_worker CONFIG SITE_DIR          # dirty: one build per input line
    python -m tests.dirty_worker CONFIG SITE_DIR --clean  # one clean build, then exit

It builds the way `mkdocs serve` does (mkdocs/commands/serve.py): the configuration is
loaded again for every build, plugins get `on_startup(command="serve", dirty=...)` once,
and `build(config, serve_url=..., dirty=...)` runs into the same output folder. Each build
answers one JSON line on stdout: {"ok": true} or {"ok": false, "error": "..."}. A process
of its own keeps MkDocs' plugin instances (which live for the process) apart from other
tests.
"""

from __future__ import annotations

import contextlib
import json
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, ConfigurationError, PluginError

SERVE_URL = "http://127.0.0.1:8000/"


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


if __name__ == "__main__":
    main(sys.argv[1:])
