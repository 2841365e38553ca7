"""Prepare a site for an engine that runs Markdown extensions but no MkDocs plugin.

    python -m site_plugins.standalone [--config mkdocs.yml] [--out build/standalone]

Zensical (Material's successor) reads mkdocs.yml and runs Python-Markdown extensions, but
not this toolkit's MkDocs plugin. This step does, without MkDocs, what the plugin adds at
build time: it copies the docs folder to `<out>/docs`, writes the generated pages and files
there (the comparison page, the timeline, their JSON exports, the stylesheet), and writes
`<out>/mkdocs.yml`: the site's configuration, pointing at that copy, with the explainer
Markdown extension (extension.py) listed, which links entities, adds histories and
aliases as each page renders. It never writes into the site's own docs folder.

Then: `zensical build -f <out>/mkdocs.yml` (the site is written to `<out>/site`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from typing import Any

import yaml

from .core import (
    SiteError,
    SiteSettings,
    build_date,
    generators,
    read_pages,
    read_site,
    read_site_settings,
)
from .frontmatter import FrontMatterError
from .generated import (
    OptionError,
    Output,
    Site,
    built,
    generate_all,
    option_problems,
    path_clashes,
    planned_paths,
)

EXTENSION = "site_plugins.extension"
STYLESHEET = os.path.join(os.path.dirname(__file__), "assets", "explainer.css")
STYLESHEET_URI = "assets/explainer/explainer.css"


def generate(settings: SiteSettings) -> list[Output]:
    """The generated pages and files; `SiteError` with every problem found."""
    pages = read_pages(settings)
    try:
        model = read_site(pages, settings.options, build_date())
    except FrontMatterError as error:
        raise SiteError("\n".join(f"  docs/{problem}" for problem in error.problems)) from None
    active = generators(settings.options)
    directory_urls = settings.use_directory_urls
    src_uris = _files(settings)
    planned = planned_paths(active)
    owners = {built(src, directory_urls).dest_uri: src for src in src_uris}
    problems = option_problems(active, settings.options.kinds) + path_clashes(
        planned, directory_urls, lambda dest: f"docs/{owners[dest]}" if dest in owners else None
    )
    if problems:
        raise SiteError("options in mkdocs.yml:\n  " + "\n  ".join(problems))
    site = Site(
        catalog=model.catalog,
        events=model.events,
        src_uris=src_uris | {path for _, path in planned},
        url_for=lambda src_uri: built(src_uri, directory_urls).url,
        docs_dir=settings.docs_dir,
        config_dir=os.path.dirname(settings.config_file),
        site_url=settings.site_url or None,
        template_dirs=_template_dirs(settings),
    )
    try:
        return generate_all(active, site)
    except FrontMatterError as error:
        raise SiteError("\n".join(f"  docs/{problem}" for problem in error.problems)) from None
    except OptionError as error:
        raise SiteError(str(error)) from None


def _files(settings: SiteSettings) -> set[str]:
    """Every file under docs_dir (relative links in front matter may point at any)."""
    found = set()
    for folder, _dirs, names in os.walk(settings.docs_dir):
        for name in names:
            path = os.path.relpath(os.path.join(folder, name), settings.docs_dir)
            found.add(path.replace(os.sep, "/"))
    return found


def _template_dirs(settings: SiteSettings) -> list[str]:
    theme = settings.raw.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    base = os.path.dirname(settings.config_file)
    return [os.path.join(base, custom_dir)] if custom_dir else []


def prepare(config_file: str, out: str, *, keep_overrides: bool = True) -> str:
    """Write the prepared site under `out`; return the path of its configuration."""
    settings = read_site_settings(config_file)
    outputs = generate(settings)
    out = os.path.abspath(out)
    docs_out = os.path.join(out, "docs")
    if os.path.commonpath([docs_out, settings.docs_dir]) in (docs_out, settings.docs_dir):
        raise SiteError(f"--out {out} overlaps the docs folder; choose a folder outside it")
    if os.path.isdir(docs_out):
        shutil.rmtree(docs_out)
    shutil.copytree(settings.docs_dir, docs_out)
    for output in outputs:
        _write(os.path.join(docs_out, output.src_uri), output.content)
    os.makedirs(os.path.dirname(os.path.join(docs_out, STYLESHEET_URI)), exist_ok=True)
    shutil.copyfile(STYLESHEET, os.path.join(docs_out, STYLESHEET_URI))
    config_out = os.path.join(out, "mkdocs.yml")
    _write(
        config_out,
        yaml.safe_dump(_config(settings, out, keep_overrides), sort_keys=False, allow_unicode=True),
    )
    return config_out


def _config(settings: SiteSettings, out: str, keep_overrides: bool) -> dict[str, Any]:
    """The site's configuration for the prepared copy."""
    base = os.path.dirname(settings.config_file)
    config = dict(settings.raw)
    # Relative to the prepared configuration, as Zensical wants them.
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        if keep_overrides:
            custom_dir = os.path.relpath(os.path.join(base, theme["custom_dir"]), out)
            config["theme"] = {**theme, "custom_dir": custom_dir}
        else:
            # For overrides written for Material's Jinja that Zensical's stricter MiniJinja
            # refuses (an undefined value, a method it lacks, is an error there).
            config["theme"] = {k: v for k, v in theme.items() if k != "custom_dir"}
    extra_css = [STYLESHEET_URI, *[c for c in config.get("extra_css") or [] if c != STYLESHEET_URI]]
    config["extra_css"] = extra_css
    extensions = [e for e in config.get("markdown_extensions") or [] if _name(e) != EXTENSION]
    extensions.append({EXTENSION: {"config_file": settings.config_file}})
    config["markdown_extensions"] = extensions
    # The plugin itself does not run there; its work is done above and by the extension.
    config["plugins"] = [p for p in config.get("plugins") or [] if _name(p) != "explainer"]
    return config


def _name(item: object) -> str:
    if isinstance(item, dict) and len(item) == 1:
        return str(next(iter(item)))
    return str(item)


def _write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    parser.add_argument("--out", default=os.path.join("build", "standalone"))
    parser.add_argument(
        "--without-overrides",
        action="store_true",
        help="leave out the theme's custom_dir (for templates Zensical's MiniJinja refuses)",
    )
    args = parser.parse_args(argv)
    try:
        config = prepare(args.config, args.out, keep_overrides=not args.without_overrides)
    except SiteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
