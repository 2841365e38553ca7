"""The explainer as a standard Python-Markdown extension, for any engine that runs them.

    markdown_extensions:
      - site_plugins.extension:
          config_file: mkdocs.yml      # the site's configuration (the default)

Per page it links the mentions of every entity to the entity's page, with its summary,
name, kind and status for link previews (linking.py); ends each entity page with its dated
history (history.py); shows the entity's aliases under its title (aliases.py); and puts a
page's key numbers where its Markdown asks for them (keynumbers.py).

Where the entities come from: a host that has read the site sets `site` (the MkDocs
plugin does, once per build, from the pages MkDocs found). Otherwise the extension reads
`config_file` itself, the docs folder and the `explainer` options in it, with the same
validation and messages (core.load_site), once per process and again when a page changes.

Which page is being rendered: a host sets `page` (the MkDocs plugin does). Zensical tells
extensions through the page of its `rendering_context` preprocessor (`page.path`, the
source path under docs_dir). With neither, links cannot be made relative to the page;
the extension then leaves the page unlinked rather than emit wrong links.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from .aliases import add_aliases
from .core import SiteModel, load_site
from .entities import Entity
from .generated import GENERATED_MARK, page_src_uri
from .history import render_history
from .keynumbers import MARKER as KEY_NUMBERS_MARKER
from .keynumbers import render_key_numbers
from .linking import CrossLinkExtension, LinkTarget, Mention, PageContext
from .safelinks import SafeLinksExtension
from .timeline import FOLLOW_ANCHOR

#: How long a site read from disk is trusted before the pages' times are checked again.
RECHECK_SECONDS = 1.0


class ExplainerExtension(Extension):
    """Cross-links, histories and aliases on every page of an explainer site."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "config_file": ["mkdocs.yml", "The site's configuration, for docs_dir and options"]
        }
        super().__init__(**kwargs)
        self.site: SiteModel | None = None
        """Set by a host that has read the site; read from `config_file` otherwise."""
        self.page: str | None = None
        """The source path of the page being rendered, when the host knows it."""
        self.crosslinks = True
        self.built_href: Callable[[LinkTarget], str | None] | None = None
        """Set by a host that knows the built URL of a link to an entity page (linking.py)."""
        self.linker = CrossLinkExtension()
        self.safe_links = SafeLinksExtension()

    @property
    def mentions(self) -> list[Mention]:
        """Every mention the last page held (linked or not, with why)."""
        return self.linker.mentions

    def extendMarkdown(self, md: Markdown) -> None:
        # Histories are HTML blocks holding Markdown; their links are front-matter text.
        md.registerExtensions(["md_in_html"], {})
        self.linker.extendMarkdown(md)
        self.safe_links.extendMarkdown(md)
        # First of all preprocessors, so the history it adds is read like the page.
        md.preprocessors.register(_PagePreprocessor(md, self), "explainer-page", 1000)
        md.postprocessors.register(_AliasesPostprocessor(md, self), "explainer-aliases", 0)

    def forget_page(self) -> None:
        """Forget the page just rendered, its mentions included.

        (Not `reset`: Python-Markdown calls an extension's `reset` when it builds its parser,
        after the host has said which page comes.)
        """
        self.page = None
        self.built_href = None
        self.linker.page, self.linker.mentions = None, []

    # What the page being rendered is.

    def current(self, md: Markdown) -> tuple[SiteModel, str] | None:
        site = self.site or _site_from_disk(self.getConfig("config_file"))
        src_uri = self.page or _zensical_page(md)
        return (site, src_uri) if src_uri is not None else None

    def entities_on(self, md: Markdown) -> Sequence[Entity]:
        current = self.current(md)
        if current is None:
            return []
        site, src_uri = current
        return site.entities_by_page.get(src_uri, [])


class _PagePreprocessor(Preprocessor):
    """Sets the linker up for this page and adds the page's history to its Markdown."""

    def __init__(self, md: Markdown, extension: ExplainerExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        extension = self.extension
        current = extension.current(self.md)
        if current is None:
            extension.linker.page = None
            return lines
        site, src_uri = current
        entities = site.entities_by_page.get(src_uri, [])
        options = site.options
        if extension.page is None:  # no host to say which pages are generated: their mark
            meta = _zensical_meta(self.md)
            extension.safe_links.active = all(meta.get(k) == v for k, v in GENERATED_MARK.items())
        if extension.crosslinks and _zensical_meta(self.md).get("crosslinks", True) is not False:
            extension.linker.page = PageContext(
                src_uri=src_uri,
                matcher=site.matcher,
                targets=site.targets,
                link_all=options.link == "all",
                collect_unlinked=options.report_unlinked,
                # Only the plugin's backlinks read a mention's sentence (the unlinked report
                # logs mentions left unlinked, which carry none).
                collect_context=options.backlinks,
                ids_by_src_uri=site.ids_by_src_uri,
                own_ids=frozenset(entity.id for entity in entities),
                built_href=extension.built_href,
            )
        else:
            extension.linker.page = None
        if numbers := site.key_numbers.get(src_uri):
            block = render_key_numbers(numbers, src_uri).split("\n")
            lines = [
                part
                for line in lines
                for part in (["", *block, ""] if line.strip() == KEY_NUMBERS_MARKER else [line])
            ]
        if not options.history:
            return lines
        history = "".join(history_markdown(site, entity) for entity in entities)
        return [*lines, *history.split("\n")] if history else lines


def history_markdown(site: SiteModel, entity: Entity) -> str:
    """The History section of one entity (Markdown), or ''."""
    options = site.options
    follow = (
        (page_src_uri(options.timeline.path), FOLLOW_ANCHOR.format(entity.id))
        if options.timeline.enabled
        else None
    )
    heading = options.history_title
    if entity.anchor:
        heading = f"{heading}: {entity.name}"
    return render_history(
        entity,
        site.history_by_entity.get(entity.id, []),
        heading,
        page_src_uri=entity.src_uri,
        timeline=follow,
    )


class _AliasesPostprocessor(Postprocessor):
    def __init__(self, md: Markdown, extension: ExplainerExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        entities = self.extension.entities_on(self.md)
        if len(entities) == 1 and entities[0].aliases:
            return add_aliases(text, entities[0].aliases)
        return text


# --- Zensical ------------------------------------------------------------------------------


def _rendering_context(md: Markdown) -> Any:
    """Zensical's page context, if Zensical is rendering (None elsewhere)."""
    if "rendering_context" in md.preprocessors:
        return getattr(md.preprocessors["rendering_context"], "page", None)
    return None


def _zensical_page(md: Markdown) -> str | None:
    page = _rendering_context(md)
    path = getattr(page, "path", None)
    return path.replace(os.sep, "/") if isinstance(path, str) and path else None


def _zensical_meta(md: Markdown) -> dict[str, Any]:
    meta = getattr(_rendering_context(md), "meta", None)
    return meta if isinstance(meta, dict) else {}


# --- A site read from disk -----------------------------------------------------------------

_cache: dict[str, tuple[float, tuple[tuple[str, float], ...], SiteModel]] = {}
_lock = threading.Lock()


def _site_from_disk(config_file: str) -> SiteModel:
    """The site, read once per process and again when a page or the config changes."""
    path = os.path.abspath(config_file)
    with _lock:
        cached = _cache.get(path)
        now = time.monotonic()
        if cached and now - cached[0] < RECHECK_SECONDS:
            return cached[2]
        if cached and _stamp(path, cached[2].docs_dir) == cached[1]:
            _cache[path] = (now, cached[1], cached[2])
            return cached[2]
        site = load_site(path)
        _cache[path] = (now, _stamp(path, site.docs_dir), site)
        return site


def _stamp(config_file: str, docs: str) -> tuple[tuple[str, float], ...]:
    """Modification times of the config and every Markdown file under the docs folder."""
    stamps = [(config_file, os.path.getmtime(config_file))]
    for folder, _dirs, names in os.walk(docs):
        stamps.extend(
            (os.path.join(folder, name), os.path.getmtime(os.path.join(folder, name)))
            for name in names
            if name.endswith(".md")
        )
    return tuple(sorted(stamps))


def makeExtension(**kwargs: Any) -> ExplainerExtension:
    return ExplainerExtension(**kwargs)
