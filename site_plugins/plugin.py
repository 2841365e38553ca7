"""The `explainer` MkDocs plugin: wires MkDocs events to the modules that do the work.

Per build: `on_files` reads and validates every page's front matter (entities.py) and its
dated events (events.py), then runs the generators (generated.py: the comparison page,
the timeline) and adds their pages and files; each page gets its history section
(history.py) and is cross-linked while Markdown renders it (linking.py); once every page
is rendered, entity pages get their backlinks (backlinks.py). All state is rebuilt in
`on_files`, so `mkdocs serve` never shows stale links.
"""

from __future__ import annotations

import datetime
import os
from html import escape
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext

from .backlinks import SECTION_ID, Backlink, first_links_by_entity, render_backlinks
from .comparison import ComparisonGenerator, status_rules
from .config import ExplainerConfig
from .entities import Catalog, Entity, load_catalog
from .events import Event, events_by_entity, load_events, status_histories
from .frontmatter import FrontMatterError, Problem
from .generated import Generator, OptionError, Site, clashes, page_src_uri
from .history import render_history
from .linking import CrossLinkExtension, LinkTarget, Mention, PageContext
from .matching import Matcher
from .safelinks import SafeLinksExtension
from .timeline import FOLLOW_ANCHOR, TimelineGenerator

log = get_plugin_logger("explainer")

#: The plugin's stylesheet (comparison table, badges, diagram, backlinks), published at
#: `STYLESHEET_URI` in every site that uses the plugin.
STYLESHEET = os.path.join(os.path.dirname(__file__), "assets", "explainer.css")
STYLESHEET_URI = "assets/explainer/explainer.css"


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.extension = CrossLinkExtension()
        self.catalog = Catalog([], {})
        self.entities_by_page: dict[str, list[Entity]] = {}
        self.matcher = Matcher({})
        self.targets: dict[str, LinkTarget] = {}
        self.mentions: dict[str, list[Mention]] = {}
        self.ids_by_src_uri: dict[str, str] = {}
        self.backlink_index: dict[str, list[tuple[Page, Mention]]] | None = None
        self.safe_links = SafeLinksExtension()
        self.generators: list[Generator] = []
        self.generated_pages: set[str] = set()
        self.events: list[Event] = []
        self.history_by_entity: dict[str, list[Event]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.generators = [
            generator
            for generator in (
                ComparisonGenerator(self.config.comparison),
                TimelineGenerator(self.config.timeline),
            )
            if generator.enabled
        ]
        problems = [
            f"{generator.option}.{problem}"
            for generator in self.generators
            for problem in generator.check_options(self.config.kinds)
        ]
        if problems:
            raise PluginError("explainer: options in mkdocs.yml:\n  " + "\n  ".join(problems))
        # MkDocs accepts extension instances here, though the option is typed as names.
        extensions = cast(list[object], config.markdown_extensions)
        # Generated pages and history sections are HTML blocks holding Markdown; front-matter
        # Markdown (on those and in histories) must not make unsafe links.
        if not any(_extension_name(e) == "md_in_html" for e in extensions):
            extensions.append("md_in_html")
        for extension in (self.extension, self.safe_links):
            if extension not in extensions:
                extensions.append(extension)
        # First, so that a site's own extra_css can restyle what the plugin draws.
        if STYLESHEET_URI not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET_URI)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        pages, problems = _read_pages(files)
        try:
            self.catalog = load_catalog(
                pages, self.config.kinds, case_sensitive=self.config.case_sensitive
            )
        except FrontMatterError as error:
            problems += error.problems
        if problems:
            raise PluginError(_front_matter_message(FrontMatterError(problems), config))
        self.entities_by_page = self.catalog.on_page()
        self.matcher = Matcher(
            {name: e.id for e in self.catalog.entities for name in e.names},
            case_sensitive=self.config.case_sensitive,
        )
        try:
            self.events = load_events(
                self.catalog,
                self.matcher,
                today=_build_date(),
                status=status_rules(self.config.comparison),
            )
        except FrontMatterError as error:
            raise PluginError(_front_matter_message(error, config)) from None
        self.history_by_entity = events_by_entity(self.events)
        histories = status_histories(self.events)
        self.targets = {
            e.id: LinkTarget(
                e.id,
                e.src_uri,
                e.summary,
                name=e.name,
                kind=e.kind,
                status=self._status(e, histories),
                anchor=e.anchor,
            )
            for e in self.catalog.entities
        }
        # Once per build: PageContext would otherwise rebuild it for every page.
        self.ids_by_src_uri = {e.src_uri: e.id for e in self.catalog.entities if not e.anchor}
        self.mentions = {}
        self.backlink_index = None
        _add_generated(files, config, STYLESHEET_URI, abs_src_path=STYLESHEET)
        self.generated_pages = self._run_generators(files, config)
        return files

    def _status(self, entity: Entity, histories: dict[str, list[Event]]) -> str:
        """The compared entity's current status (validated later), for link previews."""
        settings = self.config.comparison
        if not settings.enabled or entity.kind != settings.kind or not settings.status_field:
            return ""
        if history := histories.get(entity.id):
            return history[-1].status or ""
        values = self.catalog.front_matter.get(entity.src_uri, {}).get(settings.kind)
        status = values.get(settings.status_field) if isinstance(values, dict) else None
        return status if isinstance(status, str) else ""

    def _run_generators(self, files: Files, config: MkDocsConfig) -> set[str]:
        """Add every generator's pages and files; return the generated pages' paths."""
        planned = [(option, path) for g in self.generators for option, path in g.paths()]
        problems = clashes(
            ((option, path, _dest_uri(path, config)) for option, path in planned),
            lambda dest: _file_at(files, dest, config),
        )
        if problems:
            raise PluginError("explainer: generated paths:\n  " + "\n  ".join(problems))
        config_dir = os.path.dirname(config.config_file_path or ".")
        urls = {file.src_uri: file.url for file in files}
        site = Site(
            catalog=self.catalog,
            events=self.events,
            src_uris=frozenset(urls) | {path for _, path in planned},
            url_for=lambda src_uri: urls.get(src_uri) or _url_of(src_uri, config),
            docs_dir=config.docs_dir,
            config_dir=config_dir,
            site_url=config.site_url or None,
            template_dirs=[config.theme.custom_dir] if config.theme.custom_dir else [],
            excluded_pages=[
                (file.src_uri, file.content_bytes.decode("utf-8", "replace"))
                for file in files
                if file.is_documentation_page() and file.inclusion == InclusionLevel.EXCLUDED
            ],
        )
        problems_found: list[Problem] = []
        pages = set()
        for generator in self.generators:
            try:
                outputs = generator.generate(site)
            except FrontMatterError as error:
                problems_found += error.problems
                continue
            except OptionError as error:
                raise PluginError(f"explainer: {error}") from None
            for output in outputs:
                files.append(File.generated(config, output.src_uri, content=output.content))
                if output.src_uri.endswith(".md"):
                    pages.add(output.src_uri)
        if problems_found:
            raise PluginError(_front_matter_message(FrontMatterError(problems_found), config))
        return pages

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        # Files the generators read outside docs_dir: MkDocs watches only docs_dir.
        for generator in self.generators:
            for path in generator.watched(config.docs_dir):
                server.watch(path)
        return server

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        entities = self.entities_by_page.get(page.file.src_uri, [])
        if len(entities) == 1:
            page.meta.setdefault("description", entities[0].summary)
        if isinstance(page.meta.get("description"), str):
            # Themes print it into an attribute unescaped (MkDocs' Jinja does not autoescape).
            page.meta["description"] = escape(page.meta["description"])
        if isinstance(page.meta.get("title"), str):
            # MkDocs treats a page title as HTML (one taken from a heading keeps its `&amp;`)
            # and themes print it unescaped: a front-matter title must be escaped to match.
            page.meta["title"] = escape(page.meta["title"])
        # Values typed into front matter reach this page's Markdown: no unsafe links there.
        self.safe_links.active = page.file.src_uri in self.generated_pages
        if self.config.history:
            markdown += "".join(self._history(entity) for entity in entities)
        if page.meta.get("crosslinks", True) is False:
            self.extension.page = None
        else:
            self.extension.page = PageContext(
                src_uri=page.file.src_uri,
                matcher=self.matcher,
                targets=self.targets,
                link_all=self.config.link == "all",
                collect_unlinked=self.config.report_unlinked,
                ids_by_src_uri=self.ids_by_src_uri,
                own_ids=frozenset(entity.id for entity in entities),
            )
        return markdown

    def _history(self, entity: Entity) -> str:
        timeline = self.config.timeline
        follow = (
            (page_src_uri(timeline.path), FOLLOW_ANCHOR.format(entity.id))
            if timeline.enabled
            else None
        )
        heading = self.config.history_title
        if entity.anchor:
            heading = f"{heading}: {entity.name}"
        return render_history(
            entity,
            self.history_by_entity.get(entity.id, []),
            heading,
            page_src_uri=entity.src_uri,
            timeline=follow,
        )

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.mentions[page.file.src_uri] = self.extension.mentions
        self.extension.page, self.extension.mentions = None, []
        if self.config.report_unlinked:
            for mention in self.mentions[page.file.src_uri]:
                if not mention.linked:
                    log.info(
                        "%s: %r not linked: %s", page.file.src_uri, mention.text, mention.reason
                    )
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        linked = [m for ms in self.mentions.values() for m in ms if m.linked]
        log.info(
            "linked %d mentions of %d entities on %d pages",
            len(linked),
            len({m.entity_id for m in linked}),
            sum(1 for ms in self.mentions.values() if any(m.linked for m in ms)),
        )
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        entities = self.entities_by_page.get(page.file.src_uri)
        if not entities or not self.config.backlinks:
            return context
        if self.backlink_index is None:
            self.backlink_index = first_links_by_entity(
                nav.pages, lambda other: self.mentions.get(other.file.src_uri, [])
            )
        # A page that describes several entities lists each page that mentions any of them.
        seen: set[str] = set()
        backlinks = []
        for entity in entities:
            for other, mention in self.backlink_index.get(entity.id, []):
                if other.file is page.file or other.file.src_uri in seen:
                    continue
                seen.add(other.file.src_uri)
                backlinks.append(
                    Backlink(
                        title=other.title or other.file.name,
                        url=other.file.url_relative_to(page.file),
                        context=mention.context,
                    )
                )
        section = render_backlinks(backlinks, self.config.backlinks_title)
        if section:
            page.content = (page.content or "") + section
            _add_to_toc(page, self.config.backlinks_title)
        return context


def _read_pages(files: Files) -> tuple[list[tuple[str, str]], list[Problem]]:
    """Each page's source text; a page that is not UTF-8 is reported, not a traceback."""
    pages, problems = [], []
    for file in files.documentation_pages():
        if file.generated_by:
            continue
        try:
            pages.append((file.src_uri, file.content_string))
        except UnicodeDecodeError as error:
            byte = error.object[error.start]
            problems.append(
                Problem(
                    file.src_uri,
                    "",
                    f"is not UTF-8 text (byte {byte:#04x} at position {error.start});"
                    " save the file with UTF-8 encoding",
                )
            )
    return pages, problems


def _extension_name(extension: object) -> str:
    name = extension if isinstance(extension, str) else type(extension).__module__
    return name.rsplit(".", 1)[-1] if name.startswith("markdown.extensions.") else name


def _add_generated(files: Files, config: MkDocsConfig, src_uri: str, *, abs_src_path: str) -> File:
    """Add a file of the plugin's own (its stylesheet), refusing to shadow a site file."""
    new = File.generated(config, src_uri, abs_src_path=abs_src_path)
    clash = _file_at(files, new.dest_uri, config)
    if clash is not None:
        raise PluginError(
            f"explainer: {clash} is built at {new.dest_uri}, where the plugin publishes its "
            "stylesheet; rename or remove that file"
        )
    files.append(new)
    return new


def _dest_uri(src_uri: str, config: MkDocsConfig) -> str:
    return File(src_uri, None, "", config.use_directory_urls).dest_uri


def _url_of(src_uri: str, config: MkDocsConfig) -> str:
    return File(src_uri, None, "", config.use_directory_urls).url


def _file_at(files: Files, dest_uri: str, config: MkDocsConfig) -> str | None:
    """The site file built at `dest_uri`, as an editor names it (None when there is none)."""
    docs = _relative_to_config(config.docs_dir, config)
    for file in files:
        if file.dest_uri == dest_uri:
            return f"{docs}/{file.src_uri}" if not file.generated_by else file.src_uri
    return None


def _build_date() -> datetime.date:
    """Today, or the date of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def _add_to_toc(page: Page, title: str) -> None:
    link = AnchorLink(title, SECTION_ID, 2)
    items = page.toc.items
    if len(items) == 1 and items[0].level == 1:
        items[0].children.append(link)
    else:
        items.append(link)


def _front_matter_message(error: FrontMatterError, config: MkDocsConfig) -> str:
    docs = _relative_to_config(config.docs_dir, config)
    lines = [f"  {docs}/{problem}" for problem in error.problems]
    count = len(error.problems)
    return f"{count} front matter problem{'s' if count != 1 else ''}:\n" + "\n".join(lines)


def _relative_to_config(path: str, config: MkDocsConfig) -> str:
    """`path` as an editor sees it: relative to the folder of mkdocs.yml."""
    return os.path.relpath(path, os.path.dirname(config.config_file_path or "."))
