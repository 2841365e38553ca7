"""The `explainer` MkDocs plugin: wires MkDocs events to the modules that do the work.

Per build: `on_files` reads and validates every page's front matter (entities.py) and adds
the generated comparison page (comparison.py); each page is cross-linked while Markdown
renders it (linking.py); once every page is rendered, entity pages get their backlinks
(backlinks.py). All state is rebuilt in `on_files`, so `mkdocs serve` never shows stale
links.
"""

from __future__ import annotations

import os
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.meta import get_data
from mkdocs.utils.templates import TemplateContext

from . import comparison
from .backlinks import (
    SECTION_ID,
    Backlink,
    first_links_by_entity,
    pages_in_reading_order,
    render_backlinks,
)
from .brokenlinks import UnparsableLinksExtension, unparsable_links_message
from .config import ExplainerConfig
from .entities import Catalog, Entity, load_catalog
from .footnotes import MissingFootnotesExtension, missing_footnotes_message
from .frontmatter import FrontMatterError, Problem, printable
from .linking import CrossLinkExtension, LinkTarget, Mention, PageContext
from .matching import Matcher
from .pagemeta import inert_page_meta
from .safelinks import SafeLinksExtension

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
        self.entities_by_page: dict[str, Entity] = {}
        self.matcher = Matcher({})
        self.targets: dict[str, LinkTarget] = {}
        self.mentions: dict[str, list[Mention]] = {}
        self.ids_by_src_uri: dict[str, str] = {}
        self.backlink_index: dict[str, list[tuple[Page, Mention]]] | None = None
        self.safe_links = SafeLinksExtension()
        self.comparison_src_uri: str | None = None
        self.pages: list[Page] = []
        self.missing_footnotes = MissingFootnotesExtension()
        self.unparsable_links = UnparsableLinksExtension()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # MkDocs accepts extension instances here, though the option is typed as names.
        extensions = cast(list[object], config.markdown_extensions)
        if self.extension not in extensions:
            extensions.append(self.extension)
        if self.missing_footnotes not in extensions:
            extensions.append(self.missing_footnotes)
        if self.unparsable_links not in extensions:
            extensions.append(self.unparsable_links)
        # First, so that a site's own extra_css can restyle what the plugin draws.
        if STYLESHEET_URI not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET_URI)
        settings = self.config.comparison
        if settings.enabled:
            problems = comparison.check_declarations(settings, self.config.kinds)
            if problems:
                raise PluginError(
                    "explainer: comparison options in mkdocs.yml:\n  " + "\n  ".join(problems)
                )
            # The table is HTML whose cells hold Markdown: that takes md_in_html.
            if not any(_extension_name(e) == "md_in_html" for e in extensions):
                extensions.append("md_in_html")
            if self.safe_links not in extensions:
                extensions.append(self.safe_links)
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
        self.entities_by_page = self.catalog.by_src_uri()
        self.targets = {e.id: LinkTarget(e.id, e.src_uri, e.summary) for e in self.catalog.entities}
        # Once per build: PageContext would otherwise rebuild it for every page.
        self.ids_by_src_uri = {t.src_uri: t.id for t in self.targets.values()}
        self.matcher = Matcher(
            {name: e.id for e in self.catalog.entities for name in e.names},
            case_sensitive=self.config.case_sensitive,
        )
        self.mentions = {}
        self.backlink_index = None
        _add_generated(files, config, STYLESHEET_URI, abs_src_path=STYLESHEET)
        self.comparison_src_uri = None
        if self.config.comparison.enabled:
            self._add_comparison(files, config)
        return files

    def _add_comparison(self, files: Files, config: MkDocsConfig) -> None:
        settings = self.config.comparison
        # A draft is left out on purpose (and shown under `mkdocs serve`): not a mistake.
        excluded = [
            (file.src_uri, file.content_bytes.decode("utf-8", "replace"))
            for file in files
            if file.is_documentation_page() and file.inclusion == InclusionLevel.EXCLUDED
        ]
        problems = comparison.compared_pages_left_out(excluded, settings.kind)
        try:
            records = comparison.load_records(
                self.catalog, settings, known_src_uris={f.src_uri for f in files}
            )
        except FrontMatterError as error:
            problems += error.problems
        if problems:
            raise PluginError(_front_matter_message(FrontMatterError(problems), config))
        src_uri = comparison.page_src_uri(settings.path)
        subject = comparison.find_subject(self.catalog.entities)
        markdown = comparison.render_page(
            settings,
            records,
            subject,
            src_uri=src_uri,
            intro=_read_intro(settings.intro, config),
            template_dirs=[config.theme.custom_dir] if config.theme.custom_dir else [],
        )
        page = _add_generated(
            files, config, src_uri, content=markdown, option=("comparison.path", settings.path)
        )
        self.comparison_src_uri = src_uri
        if settings.json_path:
            urls = {f.src_uri: f.url for f in files}
            data = comparison.export_json(
                settings,
                records,
                subject,
                src_uri=page.src_uri,
                url_for=urls.get,
                site_url=config.site_url or None,
            )
            _add_generated(files, config, settings.json_path.lstrip("/"), content=data)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        # The intro is read by the plugin, not by MkDocs: outside docs_dir nothing watches it.
        intro = self.config.comparison.intro
        if self.config.comparison.enabled and intro:
            path = os.path.abspath(os.path.join(config.docs_dir, intro))
            if os.path.commonpath([path, os.path.abspath(config.docs_dir)]) != os.path.abspath(
                config.docs_dir
            ):
                server.watch(path)
        return server

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        entity = self.entities_by_page.get(page.file.src_uri)
        if entity is not None:
            page.meta.setdefault("description", entity.summary)
        page.meta = _inert_meta(page, config)  # themes print front matter unescaped
        # Values typed into front matter reach this page's Markdown: no unsafe links there.
        self.safe_links.active = page.file.src_uri == self.comparison_src_uri
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
            )
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.mentions[page.file.src_uri] = self.extension.mentions
        self.extension.page, self.extension.mentions = None, []
        _check_footnotes(self.missing_footnotes.missing, page, config)
        _check_links(self.unparsable_links.broken, page, config)
        if self.config.report_unlinked:
            for mention in self.mentions[page.file.src_uri]:
                if not mention.linked:
                    log.info(
                        "%s: %r not linked: %s", page.file.src_uri, mention.text, mention.reason
                    )
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.pages = [f.page for f in files.documentation_pages() if f.page is not None]
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
        entity = self.entities_by_page.get(page.file.src_uri)
        if entity is None or not self.config.backlinks:
            return context
        if self.backlink_index is None:
            self.backlink_index = first_links_by_entity(
                pages_in_reading_order(nav.pages, self.pages),
                lambda other: self.mentions.get(other.file.src_uri, []),
            )
        backlinks = [
            Backlink(
                title=other.title or other.file.name,
                url=other.file.url_relative_to(page.file),
                context=mention.context,
                mark=mention.context_mark,
            )
            for other, mention in self.backlink_index.get(entity.id, [])
            if other.file is not page.file
        ]
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


def _add_generated(
    files: Files,
    config: MkDocsConfig,
    src_uri: str,
    *,
    content: str | None = None,
    abs_src_path: str | None = None,
    option: tuple[str, str] | None = None,
) -> File:
    """Add a generated file, refusing to shadow a real file at the same path or URL.

    `option` is the mkdocs.yml setting (name, value) that chose the path, for the error.
    """
    new = (
        File.generated(config, src_uri, content=content)
        if content is not None
        else File.generated(config, src_uri, abs_src_path=cast(str, abs_src_path))
    )
    clash = files.get_file_from_path(src_uri) or next(
        (f for f in files if f.dest_uri == new.dest_uri), None
    )
    if clash is not None:
        docs = _relative_to_config(config.docs_dir, config)
        what = f"{option[0]}: {option[1]}" if option else src_uri
        raise PluginError(
            f"explainer: {docs}/{clash.src_uri} has the address the plugin generates "
            f"({what}, built at {new.dest_uri}); rename or remove that file"
            + (f", or set another {option[0]} in mkdocs.yml" if option else "")
        )
    files.append(new)
    return new


def _read_intro(intro: str | None, config: MkDocsConfig) -> str:
    if not intro:
        return ""
    path = os.path.join(config.docs_dir, intro)
    shown = _relative_to_config(path, config)
    try:
        with open(path, encoding="utf-8-sig") as file:
            text = file.read()
    except FileNotFoundError:
        raise PluginError(
            f"explainer: comparison.intro: {shown} does not exist; write the introduction "
            "there, or remove the `intro` option"
        ) from None
    except UnicodeDecodeError:
        raise PluginError(
            f"explainer: comparison.intro: {shown} is not UTF-8 text; save it with UTF-8 encoding"
        ) from None
    except OSError as error:
        raise PluginError(f"explainer: comparison.intro: cannot read {shown}: {error}") from None
    # The intro may carry front matter like any page; it is not part of the text.
    body, _meta = get_data(text)
    return body


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
