"""The site as the toolkit sees it: entities, events and link targets, read from its pages.

This is the core every host shares: the MkDocs plugin (plugin.py) hands it the pages MkDocs
found; the Markdown extension (extension.py) and the standalone build (standalone.py) read
the pages from the docs folder themselves (`read_site_settings`, `read_pages`). Nothing here
uses MkDocs' plugin API: only its config-option classes, to validate options the same way.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pathspec
from mkdocs.utils.yaml import yaml_load

from .comparison import ComparisonGenerator, status_rules
from .config import ExplainerConfig
from .entities import Catalog, Entity, load_catalog
from .events import Event, events_by_entity, load_events, status_histories
from .frontmatter import FrontMatterError, Problem
from .generated import Generator
from .keynumbers import KEY as KEY_NUMBERS
from .keynumbers import KeyNumber, marker_problem, parse_key_numbers
from .linking import LinkTarget
from .matching import Matcher
from .timeline import TimelineGenerator

#: The plugin's name under `plugins:` in mkdocs.yml.
PLUGIN_NAME = "explainer"


@dataclass
class SiteModel:
    """Everything read from a site's front matter, once per build."""

    options: ExplainerConfig
    catalog: Catalog = field(default_factory=lambda: Catalog([], {}))
    matcher: Matcher = field(default_factory=lambda: Matcher({}))
    events: list[Event] = field(default_factory=list)
    history_by_entity: dict[str, list[Event]] = field(default_factory=dict)
    targets: dict[str, LinkTarget] = field(default_factory=dict)
    ids_by_src_uri: dict[str, str] = field(default_factory=dict)
    """The entity of each page that describes one (for hand-written links)."""
    entities_by_page: dict[str, list[Entity]] = field(default_factory=dict)
    key_numbers: dict[str, list[KeyNumber]] = field(default_factory=dict)
    """The figures each page states up front (keynumbers.py)."""
    docs_dir: str = ""
    """Where the pages were read from, when the model read them itself (load_site)."""


def generators(options: ExplainerConfig) -> list[Generator]:
    """The generated pages a site's options enable. A new kind of page is one more here."""
    every = (ComparisonGenerator(options.comparison), TimelineGenerator(options.timeline))
    return [generator for generator in every if generator.enabled]


def read_site(
    pages: Iterable[tuple[str, str]], options: ExplainerConfig, today: datetime.date
) -> SiteModel:
    """Read `(src_uri, text)` pages; `FrontMatterError` lists every problem on the site."""
    pages = list(pages)
    catalog = load_catalog(pages, options.kinds, case_sensitive=options.case_sensitive)
    key_numbers = read_key_numbers(pages, catalog, today)
    matcher = Matcher(
        {name: e.id for e in catalog.entities for name in e.names},
        case_sensitive=options.case_sensitive,
    )
    events = load_events(catalog, matcher, today=today, status=status_rules(options.comparison))
    histories = status_histories(events)
    targets = {
        e.id: LinkTarget(
            e.id,
            e.src_uri,
            e.summary,
            name=e.name,
            kind=e.kind,
            status=current_status(e, catalog, histories, options),
            anchor=e.anchor,
        )
        for e in catalog.entities
    }
    return SiteModel(
        options=options,
        catalog=catalog,
        matcher=matcher,
        events=events,
        history_by_entity=events_by_entity(events),
        targets=targets,
        ids_by_src_uri={e.src_uri: e.id for e in catalog.entities if not e.anchor},
        entities_by_page=catalog.on_page(),
        key_numbers=key_numbers,
    )


def read_key_numbers(
    pages: Iterable[tuple[str, str]], catalog: Catalog, today: datetime.date
) -> dict[str, list[KeyNumber]]:
    """Every page's key numbers; `FrontMatterError` lists every problem."""
    found: dict[str, list[KeyNumber]] = {}
    problems: list[Problem] = []
    for src_uri, text in pages:
        meta = catalog.front_matter.get(src_uri, {})
        if KEY_NUMBERS not in meta:
            continue
        try:
            found[src_uri] = parse_key_numbers(meta, src_uri, today)
        except FrontMatterError as error:
            problems += error.problems
            continue
        if (problem := marker_problem(text, src_uri)) is not None:
            problems.append(problem)
    if problems:
        raise FrontMatterError(problems)
    return found


def current_status(
    entity: Entity,
    catalog: Catalog,
    histories: dict[str, list[Event]],
    options: ExplainerConfig,
) -> str:
    """A compared entity's current status ('' for others), for link previews.

    From its newest status event, or as typed in its front matter (validated later, by the
    comparison page).
    """
    settings = options.comparison
    if not settings.enabled or entity.kind != settings.kind or not settings.status_field:
        return ""
    if history := histories.get(entity.id):
        return history[-1].status or ""
    values = catalog.front_matter.get(entity.src_uri, {}).get(settings.kind)
    status = values.get(settings.status_field) if isinstance(values, dict) else None
    return status if isinstance(status, str) else ""


def build_date() -> datetime.date:
    """Today, or the date of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


# --- Reading a site without MkDocs --------------------------------------------------------


class SiteError(Exception):
    """The site's configuration or front matter is wrong; the message says where and how."""


@dataclass(frozen=True)
class SiteSettings:
    """What the toolkit needs from mkdocs.yml, read without building with MkDocs."""

    config_file: str
    docs_dir: str
    site_url: str
    use_directory_urls: bool
    exclude_docs: str
    options: ExplainerConfig
    raw: dict[str, Any]
    """The whole configuration, as read."""


def read_site_settings(config_file: str) -> SiteSettings:
    """Read mkdocs.yml (with MkDocs' YAML tags) and validate the `explainer` options."""
    try:
        with open(config_file, encoding="utf-8") as file:
            raw = yaml_load(file) or {}
    except OSError as error:
        raise SiteError(f"cannot read {config_file}: {error.strerror}") from None
    except Exception as error:  # YAML errors of every kind, with their line
        raise SiteError(f"{config_file} is not valid YAML: {error}") from None
    options = ExplainerConfig()
    options.load_dict(_plugin_options(raw))
    errors, _warnings = options.validate()
    if errors:
        listed = "; ".join(f"{key}: {error}" for key, error in errors)
        raise SiteError(f"{config_file}: plugins: {PLUGIN_NAME}: {listed}")
    base = os.path.dirname(os.path.abspath(config_file))
    return SiteSettings(
        config_file=os.path.abspath(config_file),
        docs_dir=os.path.join(base, str(raw.get("docs_dir", "docs"))),
        site_url=str(raw.get("site_url") or ""),
        use_directory_urls=bool(raw.get("use_directory_urls", True)),
        exclude_docs=str(raw.get("exclude_docs") or ""),
        options=options,
        raw=raw,
    )


def _plugin_options(raw: dict[str, Any]) -> dict[str, Any]:
    plugins = raw.get("plugins") or []
    items = plugins.items() if isinstance(plugins, dict) else plugins
    for item in items:
        if isinstance(item, tuple):
            item = {item[0]: item[1]}
        if item == PLUGIN_NAME:
            return {}
        if isinstance(item, dict) and PLUGIN_NAME in item:
            return dict(item[PLUGIN_NAME] or {})
    return {}


def read_pages(settings: SiteSettings) -> list[tuple[str, str]]:
    """`(src_uri, text)` of every Markdown page in docs_dir that MkDocs would build."""
    # MkDocs' own defaults: dot-files and folders, and templates/ at the top.
    excluded = pathspec.GitIgnoreSpec.from_lines(
        [".*", "/templates/", *settings.exclude_docs.splitlines()]
    )
    pages = []
    for folder, dirs, names in os.walk(settings.docs_dir):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            src_uri = os.path.relpath(path, settings.docs_dir).replace(os.sep, "/")
            if not name.endswith(".md") or excluded.match_file(src_uri):
                continue
            try:
                with open(path, encoding="utf-8-sig") as file:
                    pages.append((src_uri, file.read()))
            except UnicodeDecodeError as error:
                raise FrontMatterError(
                    [Problem(src_uri, "", f"is not UTF-8 text ({error.reason})")]
                ) from None
    return pages


def load_site(config_file: str, today: datetime.date | None = None) -> SiteModel:
    """The site described by `config_file`, read from its docs folder; `SiteError` if broken."""
    settings = read_site_settings(config_file)
    try:
        site = read_site(read_pages(settings), settings.options, today or build_date())
        site.docs_dir = settings.docs_dir
        return site
    except FrontMatterError as error:
        docs = os.path.relpath(settings.docs_dir, os.path.dirname(settings.config_file))
        lines = "\n".join(f"  {docs}/{problem}" for problem in error.problems)
        count = len(error.problems)
        plural = "s" if count != 1 else ""
        raise SiteError(f"{count} front matter problem{plural}:\n{lines}") from None
