"""The `explainer` MkDocs plugin: wires MkDocs events to the modules that do the work.

Per build: `on_files` reads and validates every page's front matter (entities.py) and adds
the generated comparison page (comparison.py); each page is cross-linked while Markdown
renders it (linking.py); once every page is rendered, entity pages get their backlinks
(backlinks.py). All state is rebuilt in `on_files`, so `mkdocs serve` never shows stale
links.
"""

from __future__ import annotations

import html
import os
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext

from .backlinks import SECTION_ID, Backlink, render_backlinks
from .config import ExplainerConfig
from .entities import Catalog, Entity, load_catalog
from .frontmatter import FrontMatterError, Problem
from .linking import CrossLinkExtension, LinkTarget, Mention, PageContext
from .matching import Matcher

log = get_plugin_logger("explainer")


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.extension = CrossLinkExtension()
        self.catalog = Catalog([], {})
        self.entities_by_page: dict[str, Entity] = {}
        self.matcher = Matcher({})
        self.targets: dict[str, LinkTarget] = {}
        self.mentions: dict[str, list[Mention]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # MkDocs accepts extension instances here, though the option is typed as names.
        extensions = cast(list[object], config.markdown_extensions)
        if self.extension not in extensions:
            extensions.append(self.extension)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        pages, problems = _read_pages(files)
        try:
            self.catalog = load_catalog(pages, self.config.kinds)
        except FrontMatterError as error:
            problems += error.problems
        if problems:
            raise PluginError(_front_matter_message(FrontMatterError(problems), config))
        self.entities_by_page = self.catalog.by_src_uri()
        self.targets = {e.id: LinkTarget(e.id, e.src_uri, e.summary) for e in self.catalog.entities}
        self.matcher = Matcher(
            {name: e.id for e in self.catalog.entities for name in e.names},
            case_sensitive=self.config.case_sensitive,
        )
        self.mentions = {}
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        entity = self.entities_by_page.get(page.file.src_uri)
        if entity is not None:
            page.meta.setdefault("description", entity.summary)
        if isinstance(page.meta.get("description"), str):
            # Themes print it into an attribute unescaped (MkDocs' Jinja does not autoescape).
            page.meta["description"] = html.escape(page.meta["description"])
        if isinstance(page.meta.get("title"), str):
            # MkDocs treats a page title as HTML (one taken from a heading keeps its `&amp;`)
            # and themes print it unescaped: a front-matter title must be escaped to match.
            page.meta["title"] = html.escape(page.meta["title"])
        if page.meta.get("crosslinks", True) is False:
            self.extension.page = None
        else:
            self.extension.page = PageContext(
                src_uri=page.file.src_uri,
                matcher=self.matcher,
                targets=self.targets,
                link_all=self.config.link == "all",
                collect_unlinked=self.config.report_unlinked,
            )
        return markdown

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
        entity = self.entities_by_page.get(page.file.src_uri)
        if entity is None or not self.config.backlinks:
            return context
        backlinks = [
            Backlink(
                title=other.title or other.file.name,
                url=other.file.url_relative_to(page.file),
                context=mention.context,
            )
            for other in _pages_in_nav_order(nav, page.file)
            if (mention := _first_linked(self.mentions.get(other.file.src_uri, []), entity.id))
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


def _first_linked(mentions: list[Mention], entity_id: str) -> Mention | None:
    return next((m for m in mentions if m.linked and m.entity_id == entity_id), None)


def _pages_in_nav_order(nav: Navigation, own: File) -> list[Page]:
    return [page for page in nav.pages if page.file is not own]


def _add_to_toc(page: Page, title: str) -> None:
    link = AnchorLink(title, SECTION_ID, 2)
    items = page.toc.items
    if len(items) == 1 and items[0].level == 1:
        items[0].children.append(link)
    else:
        items.append(link)


def _front_matter_message(error: FrontMatterError, config: MkDocsConfig) -> str:
    docs = os.path.relpath(config.docs_dir, os.path.dirname(config.config_file_path or "."))
    lines = [f"  {docs}/{problem}" for problem in error.problems]
    count = len(error.problems)
    return f"{count} front matter problem{'s' if count != 1 else ''}:\n" + "\n".join(lines)
