"""MkDocs' `--dirty` builds, made exact: the MkDocs side of incremental.py's decisions.

Under `mkdocs serve --dirty`, MkDocs renders a page only when its output file is older than
its source (`File.is_modified`). That is right for a page that depends on nothing else, and
wrong for ours (incremental.py says why). This module is how the plugin steers MkDocs:

- a page to rebuild has its output marked older than anything (`mark_stale`), so MkDocs
  renders it like an edited page; a page found to need rebuilding only after the others
  were rendered is rendered here (`render_now`);
- a page MkDocs skips still appears in every other page's navigation, by its title:
  MkDocs only knows a title once the page is read, so `restore` gives skipped pages the
  title and front matter of their last build, and the anchors and links to anchors
  MkDocs checks after every build (a renamed heading breaks links on unchanged pages);
- the search plugin indexes only the pages rendered in a build: `SearchEntries` keeps each
  page's entries and hands the search plugin the whole index, in page order;
- a generated page is backed by a file that changes only when its text does
  (`GeneratedFiles`), so an unchanged comparison or timeline is not rendered again.
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

# MkDocs' own "read and render a page" step, private but unchanged through MkDocs 1.6.1
# (the version pinned): `render_now` must do exactly what MkDocs does for a page it builds.
from mkdocs.commands.build import _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, PluginCollection, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .core import SiteModel
from .generated import Output
from .incremental import (
    BuildRecord,
    Inputs,
    PageState,
    Plan,
    backlinks_changed,
    copied_again,
    full_rebuild_reason,
    pages_to_rebuild,
    same_front_matter,
    title_changes,
    unsafe_for_names,
)
from .linking import Mention

log = get_plugin_logger("explainer")

#: Plugins whose output `SearchEntries` keeps whole; with any other plugin the preview
#: rebuilds everything, as it cannot know what that plugin reads from other pages.
SEARCH_PLUGINS = frozenset(
    {"material.plugins.search.plugin.SearchPlugin", "mkdocs.contrib.search.SearchPlugin"}
)


def stamp(path: str) -> tuple[int, int]:
    """A file's modification time (ns) and size: changes when the file is saved."""
    try:
        status = os.stat(path)
    except OSError:  # gone, or a dangling link (an editor's lock file, `.#page.md`)
        return -1, -1
    return status.st_mtime_ns, status.st_size


def unread(file: File) -> bool:
    """An editor's swap or lock file (`.page.md.swp`, `.#page.md` linking nowhere), saved
    every few seconds of typing: a dot-file MkDocs excludes that no build reads (excluded
    Markdown that can be read is read: the comparison checks it holds no compared entity)."""
    if not file.inclusion.is_excluded() or not any(
        part.startswith(".") for part in file.src_uri.split("/")
    ):
        return False
    return not file.is_documentation_page() or not os.path.exists(file.abs_src_path or "")


def file_stamps(files: Iterable[File], extra_paths: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Stamps of `files` (by source path) and of every file under `extra_paths`."""
    stamps = {file.abs_src_path: stamp(file.abs_src_path) for file in files if file.abs_src_path}
    for path in extra_paths:
        for folder, dirs, names in os.walk(path) if os.path.isdir(path) else []:
            dirs[:] = [name for name in dirs if not name.startswith(".")]
            for name in names:
                if not name.startswith("."):  # an editor's swap or lock file
                    full = os.path.join(folder, name)
                    stamps[full] = stamp(full)
        if os.path.isfile(path):
            stamps[path] = stamp(path)
    return stamps


class TextCache:
    """Page texts, read again only when a file's stamp changes (a save)."""

    def __init__(self) -> None:
        self._texts: dict[str, tuple[tuple[int, int], str]] = {}

    def read(self, file: File) -> str:
        path = file.abs_src_path
        if path is None:
            return file.content_string
        current = stamp(path)
        cached = self._texts.get(path)
        if cached is not None and cached[0] == current:
            return cached[1]
        text = file.content_string
        self._texts[path] = (current, text)
        return text


def unknown_plugins(plugins: PluginCollection, own: BasePlugin[Any]) -> list[str]:
    """Configured plugins the preview cannot follow (anything but ours and search)."""
    names = []
    for name, plugin in plugins.items():
        if plugin is not own and _class_name(plugin) not in SEARCH_PLUGINS:
            names.append(name)
    return names


def _class_name(plugin: BasePlugin[Any]) -> str:
    return f"{type(plugin).__module__}.{type(plugin).__qualname__}"


def pages_in_serve(files: Files) -> list[Page]:
    """The pages `mkdocs serve` builds (drafts included), in MkDocs' order."""
    return [
        file.page
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        if file.page is not None
    ]


def mark_stale(file: File) -> None:
    """Have MkDocs rebuild `file`: its output becomes older than any source."""
    if os.path.isfile(file.abs_dest_path):
        os.utime(file.abs_dest_path, ns=(0, 0))


def render_now(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Read and render a page MkDocs skipped, as MkDocs would have, and have it written."""
    _populate_page(page, config, files, dirty=False)
    mark_stale(page.file)


def restore(page: Page, state: PageState, files: Files) -> None:
    """Give a page MkDocs skipped what other pages show of it (its title, its front matter)
    and what MkDocs checks of it (its anchors, its links to anchors)."""
    page.title = state.title  # MkDocs' `title` is a property meant to be set this way
    page.meta = dict(state.meta)
    if state.anchors is not None:
        page.present_anchor_ids = set(state.anchors)
    if state.links_to_anchors is not None:
        page.links_to_anchors = {
            file: dict(links)
            for src_uri, links in state.links_to_anchors.items()
            if (file := files.get_file_from_path(src_uri)) is not None
        }


def remove_outputs(paths: Iterable[str]) -> None:
    """Delete outputs of files that are gone (a clean build would not have them)."""
    for path in paths:
        if os.path.isfile(path):
            os.remove(path)


class GeneratedFiles:
    """Generated pages backed by files that are rewritten only when their text changes."""

    def __init__(self) -> None:
        self._folder: str | None = None

    def file(self, config: MkDocsConfig, src_uri: str, content: str) -> File:
        if self._folder is None:
            self._folder = tempfile.mkdtemp(prefix="explainer-generated-")
        path = os.path.join(self._folder, *src_uri.split("/"))
        if _read(path) != content:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as out:
                out.write(content)
        return File.generated(config, src_uri, abs_src_path=path)

    def remove(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", newline="") as file:
            return file.read()
    except OSError:
        return None


class CompiledTemplates(BytecodeCache):
    """Theme templates compiled once per `mkdocs serve`, not once per build.

    MkDocs makes a new template environment for every build, which compiles every template
    again: about half a second of each rebuild with Material. Jinja checks each template's
    source checksum before it uses the code kept here, so an edited template is compiled
    again.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class SearchEntries:
    """Each page's search entries, so a build that renders some pages indexes them all."""

    def __init__(self) -> None:
        self._by_url: dict[str, list[dict[str, Any]]] = {}

    def fill(
        self,
        plugins: PluginCollection,
        built_urls: Iterable[str],
        urls_in_order: Sequence[str],
        *,
        full: bool,
    ) -> None:
        """Give the search plugin every page's entries, before it writes its index.

        `built_urls` are the pages rendered in this build: their entries are the search
        plugin's; the others' are kept from the builds that rendered them.
        """
        found = _search_index(plugins)
        if found is None:
            return
        plugin, index, attribute = found
        fresh: dict[str, list[dict[str, Any]]] = {url: [] for url in built_urls}
        for entry in getattr(index, attribute):
            fresh.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
        self._by_url = fresh if full else {**self._by_url, **fresh}
        setattr(index, attribute, [e for url in urls_in_order for e in self._by_url.get(url, [])])
        # Material's search plugin merges a dirty build's entries into the last index
        # itself, assuming one page per build: it is given the whole index instead.
        if hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None


def _search_index(plugins: Mapping[str, BasePlugin[Any]]) -> tuple[Any, Any, str] | None:
    for plugin in plugins.values():
        index = getattr(plugin, "search_index", None)
        if _class_name(plugin) in SEARCH_PLUGINS and index is not None:
            attribute = "entries" if hasattr(index, "entries") else "_entries"
            return plugin, index, attribute
    return None


class DirtyBuilds:
    """The plugin's memory between `mkdocs serve --dirty` builds, and its steering of them.

    One instance lives as long as the plugin (MkDocs keeps a plugin that has `on_startup`
    across the rebuilds of `mkdocs serve`). It does nothing unless MkDocs builds dirty.
    """

    def __init__(self, *, enabled: bool = False, keeps_record: bool = False) -> None:
        self.enabled = enabled
        """MkDocs renders only the pages it finds modified: the plugin must steer it."""
        self.keeps_record = keeps_record
        """Builds follow each other in this process (`mkdocs serve`): remember the last."""
        self.record: BuildRecord | None = None
        self.texts = TextCache()
        self.generated = GeneratedFiles()
        self.search = SearchEntries()
        self.templates = CompiledTemplates()
        self.plan = Plan()
        self._inputs: Inputs | None = None
        self._site_key = ("", "")
        self._texts: dict[str, str] = {}
        self._names_unsafe = ""
        self._same_model = False
        """No page's front matter changed since the last build: its site model holds."""
        self._rendered: dict[str, PageState] = {}
        self._written: tuple[tuple[str, str], set[str]] = (("", ""), set())
        """The output folder's files as builds of this session may have left them: the
        site they belong to, and every file a build since the last full one wrote or may
        have written (a failed build too), to delete those of files now gone."""

    # Before rendering (on_files).

    def begin(
        self,
        config: MkDocsConfig,
        files: Files,
        texts: Mapping[str, str],
        today: datetime.date,
        *,
        generator_inputs: Iterable[str],
        followed_keys: Iterable[str],
        unknown_plugins: Sequence[str],
        extensions: Iterable[str],
    ) -> None:
        """Compare this build's inputs with the last build's (before files are added).

        `generator_inputs`: files the generators read (an intro, a page among them or not).
        `extensions`: the names of the Markdown extensions that are not the plugin's.
        """
        self._texts = dict(texts)
        self._rendered = {}
        self._same_model = False
        if not self.enabled:
            return
        self._site_key = (config.config_file_path or "", config.site_dir)
        self._names_unsafe = unsafe_for_names(extensions)
        pages = {file.abs_src_path for file in files.documentation_pages() if file.abs_src_path}
        others = [
            f for f in files if not f.generated_by and f.abs_src_path not in pages and not unread(f)
        ]
        drafts = [f for f in others if f.inclusion == InclusionLevel.DRAFT]
        excluded = [f for f in others if f.inclusion.is_excluded()]
        copied = [f for f in others if f not in drafts and f not in excluded]
        self._inputs = Inputs(
            config=_read(config.config_file_path or "") or "",
            files=file_stamps(drafts, [p for p in (config.theme.custom_dir, *config.watch) if p]),
            today=today,
            copied=file_stamps(copied, []),
            read=file_stamps(excluded, generator_inputs),
        )
        record = self.record if self.keeps_record else None
        reason = full_rebuild_reason(
            record,
            self._site_key,
            self._inputs,
            texts,
            followed_keys,
            names_unsafe=self._names_unsafe,
        )
        if not reason and unknown_plugins:
            reason = f"plugin {unknown_plugins[0]!r} may read other pages"
        self.plan = Plan.everything(reason) if reason else Plan()
        self._same_model = (
            record is not None and not reason and same_front_matter(record.texts, texts)
        )

    def unchanged_model(self) -> SiteModel | None:
        """The last build's site model, when no front matter changed since."""
        return self.record.model if self._same_model and self.record is not None else None

    def unchanged_outputs(self) -> list[Output] | None:
        """The last build's generated files, when made from the same site model and the
        same files."""
        record, inputs = self.record, self._inputs
        if not self._same_model or record is None or inputs is None:
            return None
        return record.outputs if record.inputs.read == inputs.read else None

    def page_file(self, config: MkDocsConfig, src_uri: str, content: str) -> File:
        """A generated page's file: rendered again only when its text changed."""
        if self.enabled:
            return self.generated.file(config, src_uri, content)
        return File.generated(config, src_uri, content=content)

    def steer(self, model: SiteModel, files: Files, generated: Mapping[str, str]) -> None:
        """Decide what to rebuild and have MkDocs rebuild it (once all files are added).

        `generated`: the generated pages' texts.
        """
        if not self.enabled:
            return
        if not self.plan.full and self.record is not None:
            self.plan = pages_to_rebuild(
                self.record, model, self._texts, generated, names_unsafe=self._names_unsafe
            )
        # MkDocs copies a file only when it is newer than its copy: one saved with an older
        # time (`cp -p`, an archive) would not be.
        if self.record is not None and self._inputs is not None:
            again = copied_again(self.record, self._inputs)
            for file in files:
                if file.abs_src_path in again:
                    mark_stale(file)
        pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        # What `mkdocs serve` writes: an excluded file stays among the files, unwritten.
        dests = {file.abs_dest_path for file in files if file.inclusion.is_in_serve()}
        site, written = self._written
        if self.plan.full:
            log.info("dirty build: every page is rebuilt (%s)", self.plan.full)
            for file in pages:
                mark_stale(file)
            # Only in this site's output folder: another site's files are none of ours.
            if site == self._site_key:
                remove_outputs(written - dests)
            self._written = (self._site_key, dests)
            return
        self._written = (site, written | dests)
        for file in pages:
            if file.src_uri in self.plan.pages:
                mark_stale(file)

    # While rendering.

    def rendered(self, page: Page, first_links: Mapping[str, Mention]) -> None:
        """A page was rendered (on_page_content): note what other pages may show of it.

        `first_links`: the page's first link to each entity it links to.
        """
        if self.enabled:
            anchors, links = page.present_anchor_ids, page.links_to_anchors
            self._rendered[page.file.src_uri] = PageState(
                page.title,
                dict(page.meta),
                {key: (m.context, m.context_mark) for key, m in first_links.items()},
                anchors=frozenset(anchors) if anchors is not None else None,
                links_to_anchors=(
                    {file.src_uri: dict(to) for file, to in links.items()}
                    if links is not None
                    else None
                ),
            )

    def keep_templates(self, env: Environment) -> None:
        """Keep the theme's compiled templates for the next build (on_env)."""
        if self.enabled and self.keeps_record:
            env.bytecode_cache = self.templates

    def after_rendering(self, config: MkDocsConfig, files: Files, *, backlinks: bool) -> bool:
        """Once MkDocs has rendered what it found modified (on_env): give skipped pages
        their titles, and render the pages this build turned out to change too.

        `backlinks`: entity pages list the pages that mention them. Returns whether any
        page was rendered here.
        """
        if not self.enabled:
            return False
        record = self.record
        pages = pages_in_serve(files)
        skipped = [page for page in pages if page.file.src_uri not in self._rendered]
        if not skipped:
            return False
        known = record.pages if record is not None else {}
        # A skipped page the last build did not render either: nothing to restore it from.
        to_render = [page for page in skipped if page.file.src_uri not in known]
        if record is not None and (retitled := title_changes(record, self._rendered)):
            log.info("dirty build: every page is rebuilt (the title of %s changed)", retitled[0])
            to_render = skipped
        elif record is not None and backlinks:
            changed = backlinks_changed(record, self._rendered)
            on_pages = {e.src_uri for e in record.model.catalog.entities if e.id in changed}
            to_render += [page for page in skipped if page.file.src_uri in on_pages]
        for page in to_render:
            render_now(page, config, files)
        for page in skipped:
            if page.file.src_uri not in self._rendered:
                restore(page, known[page.file.src_uri], files)
        log.info(
            "dirty build: %d of %d pages rebuilt",
            len(pages) - len(skipped) + len(to_render),
            len(pages),
        )
        return bool(to_render)

    # After writing.

    def finish(
        self, plugins: PluginCollection, files: Files, model: SiteModel, outputs: list[Output]
    ) -> None:
        """Complete the search index, and remember this build for the next (on_post_build,
        before the search plugin writes its index)."""
        if not self.enabled:
            return
        pages = pages_in_serve(files)
        built_urls = [page.url for page in pages if page.file.src_uri in self._rendered]
        full = bool(self.plan.full) or self.record is None
        self.search.fill(plugins, built_urls, [page.url for page in pages], full=full)
        if not self.keeps_record or self._inputs is None:
            return
        previous = self.record if not full else None
        self.record = BuildRecord(
            site=self._site_key,
            inputs=self._inputs,
            texts=self._texts,
            model=model,
            outputs=outputs,
            pages={**(previous.pages if previous else {}), **self._rendered},
        )

    def forget(self) -> None:
        """A build failed half-way: the next one starts from scratch (and still deletes
        the outputs of files gone since the last build that did)."""
        self.record = None

    def close(self) -> None:
        self.generated.remove()
        self.record = None
