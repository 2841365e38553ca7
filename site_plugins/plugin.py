"""The `explainer` MkDocs plugin: wires MkDocs events to the modules that do the work.

Per build: `on_files` reads and validates every page's front matter and dated events
(core.py), then runs the generators (generated.py: the comparison page, the timeline) and
adds their pages and files. The Markdown extension (extension.py) cross-links each page,
adds its history and aliases while Markdown renders it: the plugin tells it the site and
the page. Once every page is rendered, entity pages get their backlinks (backlinks.py).

A build reads everything again in `on_files`. Under `mkdocs serve --dirty`, where MkDocs
renders only the pages whose files changed, the plugin remembers the last build and has
MkDocs rebuild every other page the edit changes (incremental.py decides, dirty.py
steers), so the preview is the site a full build makes.
"""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Callable
from typing import Any, Literal, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext

from .backlinks import (
    SECTION_ID,
    Backlink,
    first_links_by_entity,
    first_links_of,
    pages_in_reading_order,
    render_backlinks,
)
from .brokenlinks import UnparsableLinksExtension, unparsable_links_message
from .builturls import built_href_for
from .config import ExplainerConfig
from .core import SiteModel, build_date, generators, read_key_numbers, read_site
from .dirty import DirtyBuilds, unknown_plugins
from .extension import ExplainerExtension
from .footnotes import MissingFootnotesExtension, missing_footnotes_message
from .frontmatter import FrontMatterError, Problem, printable
from .generated import (
    Generator,
    OptionError,
    Output,
    Site,
    built,
    generate_all,
    option_problems,
    path_clashes,
    planned_paths,
)
from .linking import Mention
from .pagemeta import inert_page_meta

log = get_plugin_logger("explainer")
MKDOCS_BUILD_LOG = logging.getLogger("mkdocs.commands.build")

#: The Markdown extension's name, as a site lists it under `markdown_extensions:`.
EXTENSION_NAME = "site_plugins.extension"

#: The plugin's stylesheet (comparison table, badges, diagram, backlinks), published at
#: `STYLESHEET_URI` in every site that uses the plugin.
STYLESHEET = os.path.join(os.path.dirname(__file__), "assets", "explainer.css")
STYLESHEET_URI = "assets/explainer/explainer.css"


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.extension = ExplainerExtension()
        self.site = SiteModel(ExplainerConfig())
        self.mentions: dict[str, list[Mention]] = {}
        self.first_links: dict[str, dict[str, Mention]] = {}
        """Each page's first link to each entity (backlinks.first_links_of its mentions)."""
        self.backlink_index: dict[str, list[tuple[Page, Mention]]] | None = None
        self.generators: list[Generator] = []
        self.generated_pages: set[str] = set()
        self.pages: list[Page] = []
        self.missing_footnotes = MissingFootnotesExtension()
        self.unparsable_links = UnparsableLinksExtension()
        self.outputs: list[Output] = []
        self.nav: Navigation | None = None
        self.files = Files([])
        self.dirty = DirtyBuilds()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Having this event also makes MkDocs keep the plugin across the rebuilds of
        # `mkdocs serve`: under `--dirty`, it remembers each build to steer the next.
        self.dirty.close()
        self.dirty = DirtyBuilds(enabled=dirty, keeps_record=command == "serve")
        if dirty:  # this plugin makes dirty builds exact: MkDocs' warning no longer holds
            MKDOCS_BUILD_LOG.addFilter(_dirty_build_warning)

    def on_shutdown(self) -> None:
        self.dirty.close()
        MKDOCS_BUILD_LOG.removeFilter(_dirty_build_warning)

    def on_build_error(self, *, error: Exception) -> None:
        self.dirty.forget()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.generators = generators(self.config)
        problems = option_problems(self.generators, self.config.kinds)
        if problems:
            raise PluginError("explainer: options in mkdocs.yml:\n  " + "\n  ".join(problems))
        # MkDocs accepts extension instances here, though the option is typed as names.
        extensions = cast(list[object], config.markdown_extensions)
        # The same extension listed by name (for engines without this plugin, like
        # Zensical) is replaced by the plugin's own, which it tells what MkDocs knows.
        extensions[:] = [e for e in extensions if _extension_name(e) != EXTENSION_NAME]
        config.mdx_configs.pop(EXTENSION_NAME, None)
        # Generated pages are HTML blocks holding Markdown.
        if not any(_extension_name(e) == "md_in_html" for e in extensions):
            extensions.append("md_in_html")
        for extension in (self.extension, self.missing_footnotes, self.unparsable_links):
            if extension not in extensions:
                extensions.append(extension)
        # First, so that a site's own extra_css can restyle what the plugin draws.
        if STYLESHEET_URI not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET_URI)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        pages, problems = _read_pages(files, self.dirty.texts.read)
        today = build_date()
        self.dirty.begin(
            config,
            files,
            dict(pages),
            today,
            generator_inputs=[p for g in self.generators for p in g.reads(config.docs_dir)],
            followed_keys=[self.config.comparison.kind] if self.config.comparison.enabled else [],
            unknown_plugins=unknown_plugins(config.plugins, self),
            extensions=self._site_extensions(config),
        )
        if not problems:
            try:
                self.site = self._read_site(pages, today)
            except FrontMatterError as error:
                problems += error.problems
        if problems:
            raise PluginError(_front_matter_message(FrontMatterError(problems), config))
        self.extension.site = self.site
        self.backlink_index = None
        _add_generated(files, config, STYLESHEET_URI, abs_src_path=STYLESHEET)
        self.generated_pages = self._run_generators(files, config)
        self.dirty.steer(
            self.site,
            files,
            {o.src_uri: o.content for o in self.outputs if o.src_uri in self.generated_pages},
        )
        if not self.dirty.enabled or self.dirty.plan.full:
            # Else pages MkDocs skips keep theirs from their last build.
            self.mentions, self.first_links = {}, {}
        return files

    def _site_extensions(self, config: MkDocsConfig) -> list[str]:
        """The names of the site's Markdown extensions, the plugin's own left out."""
        own = (self.extension, self.missing_footnotes, self.unparsable_links)
        listed = cast(list[object], config.markdown_extensions)
        return [_extension_name(e) for e in listed if e not in own]

    def _read_site(self, pages: list[tuple[str, str]], today: datetime.date) -> SiteModel:
        """The site model: the last build's when no front matter changed (dirty builds)."""
        site = self.dirty.unchanged_model()
        if site is None:
            return read_site(pages, self.config, today)
        # Only to check it: the body may have lost the marker where the numbers go.
        read_key_numbers(pages, site.catalog, today)
        return site

    def _run_generators(self, files: Files, config: MkDocsConfig) -> set[str]:
        """Add every generator's pages and files; return the generated pages' paths."""
        planned = planned_paths(self.generators)
        problems = path_clashes(
            planned, config.use_directory_urls, lambda dest: _file_at(files, dest, config)
        )
        if problems:
            raise PluginError("explainer: generated paths:\n  " + "\n  ".join(problems))
        config_dir = os.path.dirname(config.config_file_path or ".")
        urls = {file.src_uri: file.url for file in files}
        site = Site(
            catalog=self.site.catalog,
            events=self.site.events,
            src_uris=frozenset(urls) | {path for _, path in planned},
            url_for=lambda src_uri: (
                urls.get(src_uri) or built(src_uri, config.use_directory_urls).url
            ),
            docs_dir=config.docs_dir,
            config_dir=config_dir,
            site_url=config.site_url or None,
            template_dirs=[config.theme.custom_dir] if config.theme.custom_dir else [],
            excluded_pages=_excluded_pages(files),
        )
        outputs = self.dirty.unchanged_outputs()
        try:
            if outputs is None:
                outputs = generate_all(self.generators, site)
        except FrontMatterError as error:
            raise PluginError(_front_matter_message(error, config)) from None
        except OptionError as error:
            raise PluginError(f"explainer: {error}") from None
        self.outputs = outputs
        for output in outputs:
            if output.src_uri.endswith(".md"):
                files.append(self.dirty.page_file(config, output.src_uri, output.content))
            else:
                files.append(File.generated(config, output.src_uri, content=output.content))
        return {output.src_uri for output in outputs if output.src_uri.endswith(".md")}

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
        entities = self.site.entities_by_page.get(page.file.src_uri, [])
        if len(entities) == 1:
            page.meta.setdefault("description", entities[0].summary)
        page.meta = _inert_meta(page, config)  # themes print front matter unescaped
        # Values typed into front matter reach this page's Markdown: no unsafe links there.
        self.extension.safe_links.active = page.file.src_uri in self.generated_pages
        self.extension.page = page.file.src_uri
        self.extension.built_href = built_href_for(page.file, files)
        self.extension.crosslinks = page.meta.get("crosslinks", True) is not False
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.mentions[page.file.src_uri] = self.extension.mentions
        self.extension.forget_page()
        first_links = first_links_of(self.mentions[page.file.src_uri])
        self.first_links[page.file.src_uri] = first_links
        self.dirty.rendered(page, first_links)
        _check_footnotes(self.missing_footnotes.missing, page, config)
        _check_links(self.unparsable_links.broken, page, config)
        if self.config.report_unlinked:
            for mention in self.mentions[page.file.src_uri]:
                if not mention.linked:
                    log.info(
                        "%s: %r not linked: %s", page.file.src_uri, mention.text, mention.reason
                    )
        return html

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.files = files
        self.dirty.keep_templates(env)
        self.pages = [f.page for f in files.documentation_pages() if f.page is not None]
        if self.dirty.after_rendering(config, files, backlinks=self.config.backlinks):
            self.backlink_index = None  # pages rendered since hold mentions too
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
        section = self._backlinks_section(page)
        if section:
            page.content = (page.content or "") + section
            _add_to_toc(page, self.config.backlinks_title)
        return context

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.dirty.finish(config.plugins, self.files, self.site, self.outputs)

    def _backlinks_section(self, page: Page) -> str:
        """An entity page's "Mentioned on" section (HTML; '' on other pages)."""
        entities = self.site.entities_by_page.get(page.file.src_uri)
        if not entities or not self.config.backlinks or self.nav is None:
            return ""
        if self.backlink_index is None:
            self.backlink_index = first_links_by_entity(
                pages_in_reading_order(self.nav.pages, self.pages),
                lambda other: self.first_links.get(other.file.src_uri, {}),
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
                        mark=mention.context_mark,
                    )
                )
        return render_backlinks(backlinks, self.config.backlinks_title)


def _dirty_build_warning(record: logging.LogRecord) -> bool:
    """False for MkDocs' warning that a dirty build may show wrong navigation and links."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _read_pages(
    files: Files, read: Callable[[File], str]
) -> tuple[list[tuple[str, str]], list[Problem]]:
    """Each page's source text; a page that is not UTF-8 is reported, not a traceback."""
    pages, problems = [], []
    for file in files.documentation_pages():
        if file.generated_by:
            continue
        try:
            pages.append((file.src_uri, read(file)))
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


def _excluded_pages(files: Files) -> list[tuple[str, str]]:
    """`(src_uri, text)` of the Markdown files MkDocs excludes and that can be read: an
    editor's lock file (`.#page.md`, a dangling link) is one of them, and cannot."""
    pages = []
    for file in files:
        if file.is_documentation_page() and file.inclusion == InclusionLevel.EXCLUDED:
            try:
                pages.append((file.src_uri, file.content_bytes.decode("utf-8", "replace")))
            except OSError:
                continue
    return pages


def _inert_meta(page: Page, config: MkDocsConfig) -> dict[Any, Any]:
    """`page.meta` made safe to print (pagemeta.py), or a build error naming the file."""
    try:
        return inert_page_meta(page.meta, page.file.src_uri)
    except FrontMatterError as error:
        raise PluginError(_front_matter_message(error, config)) from None


def _check_footnotes(missing: list[str], page: Page, config: MkDocsConfig) -> None:
    """A footnote reference without a definition stops the build (footnotes.py)."""
    if missing:
        where = f"{_relative_to_config(config.docs_dir, config)}/{page.file.src_uri}"
        raise PluginError(printable(f"{where}: {missing_footnotes_message(missing)}"))


def _check_links(broken: list[str], page: Page, config: MkDocsConfig) -> None:
    """A link Python cannot parse stops the build naming the page (brokenlinks.py)."""
    if broken:
        where = f"{_relative_to_config(config.docs_dir, config)}/{page.file.src_uri}"
        raise PluginError(printable(f"{where}: {unparsable_links_message(broken)}"))


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


def _file_at(files: Files, dest_uri: str, config: MkDocsConfig) -> str | None:
    """The site file built at `dest_uri`, as an editor names it (None when there is none)."""
    docs = _relative_to_config(config.docs_dir, config)
    for file in files:
        if file.dest_uri == dest_uri:
            return f"{docs}/{file.src_uri}" if not file.generated_by else file.src_uri
    return None


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
