"""What an edit changes: which pages a preview must rebuild after a save.

A live preview that rebuilds only the pages whose files changed (MkDocs' `--dirty`) shows
a wrong site as soon as pages depend on each other, and ours do: a page's links carry the
summary and status of the entities it names, an entity page lists the pages that mention
it and the events that name it, the comparison and the timeline read every page's front
matter. This module works out, from the last build and the files as they are now, which
pages' output an edit can change. It decides; the host (plugin.py, through dirty.py) has
those pages rebuilt.

It answers in two steps, because some effects are known only once the edited pages are
rendered:

- before rendering (`full_rebuild_reason`, then `pages_to_rebuild`): pages whose text changed, pages
  that link to an entity whose link data (name, summary, kind, status) changed, pages whose
  text may hold a name that was added or removed (`pages_naming`), entity pages whose
  history changed. An edit it cannot follow safely asks for a full rebuild, with the
  reason: the configuration, the date or a file other than a page changed, a page was
  added or removed, an entity was added or removed or moved, or front matter that a theme
  may show on other pages (a title, an icon) changed.
- after rendering (`title_changes`, `backlinks_changed`): a page whose title changed asks
  for a full rebuild (every page's navigation shows it); an entity page whose "Mentioned
  on" list changed is rebuilt.

Nothing here knows MkDocs: pages are source paths, texts and the linker's mentions.
"""

from __future__ import annotations

import datetime
import html
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .core import SiteModel
from .entities import ENTITIES_KEY, ENTITY_KEY
from .events import EVENTS_KEY
from .frontmatter import FrontMatterError, front_matter_text, read_front_matter
from .generated import Output
from .keynumbers import KEY as KEY_NUMBERS_KEY
from .matching import fold_case

#: Front matter the toolkit reads and follows itself; any other key may be shown by a
#: theme on other pages (Material puts a page's `title`, `icon`, `subtitle` and `status`
#: in every page's navigation), so a change to it rebuilds the site.
PLUGIN_KEYS = frozenset({ENTITY_KEY, ENTITIES_KEY, EVENTS_KEY, KEY_NUMBERS_KEY, "crosslinks"})
#: Front matter that themes show on the page itself only (MkDocs', Material's and this
#: site's templates read it as `page.meta` of the page they render; search entries are
#: kept per page): a change rebuilds that page alone.
OWN_PAGE_KEYS = frozenset({"description", "hide", "search", "template"})


_SPACES = re.compile(r"\s+")  # every Unicode space, as the matcher reads them

#: Markdown extensions that make no text a name could be found in that is not in the
#: page's source (see `pages_naming`). With any other (smart quotes, snippets, emoji), a
#: changed name rebuilds every page.
NAME_SAFE_EXTENSIONS = frozenset(
    {
        "abbr", "admonition", "attr_list", "codehilite", "def_list", "fenced_code",
        "footnotes", "md_in_html", "meta", "nl2br", "sane_lists", "tables", "toc",
        "pymdownx.betterem", "pymdownx.details", "pymdownx.highlight",
        "pymdownx.inlinehilite", "pymdownx.superfences", "pymdownx.tabbed",
    }
)  # fmt: skip


def unsafe_for_names(extensions: Iterable[str]) -> str:
    """Why a changed name cannot be followed page by page ('' when it can)."""
    unknown = sorted(set(extensions) - NAME_SAFE_EXTENSIONS)
    return f"the Markdown extension {unknown[0]!r} may make text of its own" if unknown else ""


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads besides the pages' texts, as comparable stamps."""

    config: str
    """The configuration file's text."""
    files: Mapping[str, tuple[int, int]]
    """Files whose change rebuilds everything: theme overrides, `watch:` folders, draft
    pages, as path -> (modification time in ns, size)."""
    today: datetime.date
    """Events may not be in the future: the build date is an input too."""
    copied: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Files MkDocs copies as they are (pictures, stylesheets, scripts): one added or
    removed rebuilds everything (links to it resolve differently); a changed one is copied
    again and no page changes."""
    read: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Files only the generators read (an intro, pages MkDocs excludes): a change makes
    the generated pages again, and rebuilds those whose text changed."""


@dataclass
class PageState:
    """What the last build made of one page that other pages' output depends on."""

    title: str | None
    """As navigation, "Mentioned on" lists and page footers show it."""
    meta: dict[str, Any]
    """Its front matter as the theme reads it (a page's icon or status in navigation)."""
    first_links: dict[str, tuple[str, tuple[int, int]]] = field(default_factory=dict)
    """For each entity the page links to, the sentence of its first link and where the
    mention is in it: what the entity's "Mentioned on" list quotes of this page."""
    anchors: frozenset[str] | None = None
    """The anchors the page has, and below the links it makes to other pages' anchors
    (by source path): MkDocs checks every page's links to anchors after each build, a
    skipped page's too (None: MkDocs did not collect them)."""
    links_to_anchors: dict[str, dict[str, str]] | None = None


@dataclass
class BuildRecord:
    """What the last successful build read and made, for the next build to compare with."""

    site: tuple[str, str]
    """The configuration file and the output folder: a record is only good for them."""
    inputs: Inputs
    texts: dict[str, str]
    """Each page's source text, by source path."""
    model: SiteModel
    outputs: list[Output]
    """The generated pages and files made from `model`."""
    pages: dict[str, PageState] = field(default_factory=dict)


@dataclass
class Plan:
    """The pages to rebuild, or a full rebuild and why."""

    pages: set[str] = field(default_factory=set)
    full: str = ""
    """Why everything is rebuilt ('' when only `pages` are)."""

    @classmethod
    def everything(cls, reason: str) -> Plan:
        return cls(full=reason)


def full_rebuild_reason(
    record: BuildRecord | None,
    site: tuple[str, str],
    inputs: Inputs,
    texts: Mapping[str, str],
    followed_keys: Iterable[str] = (),
    *,
    names_unsafe: str = "",
) -> str:
    """Why the next build cannot start from `record` ('' when it can).

    `followed_keys` are more front-matter keys the toolkit follows (the compared kind's).
    `names_unsafe`: why a Markdown extension may make text that is not in the pages
    (`unsafe_for_names`); such an extension may also read other files (snippets).
    """
    if record is None:
        return "first build"
    if record.site != site:
        return "another site or output folder"
    if record.inputs.config != inputs.config:
        return "the configuration changed"
    if record.inputs.today != inputs.today:
        return "the date changed"
    if record.inputs.files != inputs.files:
        return f"{_first_difference(record.inputs.files, inputs.files)} changed"
    if record.inputs.copied.keys() != inputs.copied.keys():
        return f"{_first_difference(record.inputs.copied, inputs.copied)} was added or removed"
    if record.inputs.read != inputs.read and names_unsafe:
        return f"{_first_difference(record.inputs.read, inputs.read)} changed, and {names_unsafe}"
    if record.texts.keys() != texts.keys():
        added = sorted(texts.keys() - record.texts.keys())
        removed = sorted(record.texts.keys() - texts.keys())
        return f"page {added[0]} was added" if added else f"page {removed[0]} was removed"
    not_shown = PLUGIN_KEYS | OWN_PAGE_KEYS | set(followed_keys)
    for src_uri in changed_pages(record.texts, texts):
        before = _shown_elsewhere(record.model.catalog.front_matter.get(src_uri, {}), not_shown)
        after = _shown_elsewhere(_front_matter(texts[src_uri], src_uri), not_shown)
        if before != after:
            return f"front matter of {src_uri} that other pages may show changed"
    return ""


def copied_again(record: BuildRecord, inputs: Inputs) -> set[str]:
    """Copied files (paths) that changed since the last build."""
    return {
        path for path, stamp in inputs.copied.items() if record.inputs.copied.get(path) != stamp
    }


def changed_pages(before: Mapping[str, str], after: Mapping[str, str]) -> set[str]:
    """Pages whose text differs (pages in `after` only count as changed)."""
    return {src_uri for src_uri, text in after.items() if before.get(src_uri) != text}


def same_front_matter(before: Mapping[str, str], after: Mapping[str, str]) -> bool:
    """Whether no page's front matter changed (so the site model read from it still holds)."""
    return before.keys() == after.keys() and all(
        front_matter_text(before[src_uri]) == front_matter_text(after[src_uri])
        for src_uri in changed_pages(before, after)
    )


def pages_to_rebuild(
    record: BuildRecord,
    model: SiteModel,
    texts: Mapping[str, str],
    generated: Mapping[str, str] = MappingProxyType({}),
    *,
    names_unsafe: str = "",
) -> Plan:
    """The pages to rebuild before rendering, given a record that `full_rebuild_reason`
    accepted and the site model read from `texts`.

    `generated`: the generated pages' texts. `names_unsafe`: '' when a name can only
    be mentioned on a page whose text holds it (see `pages_naming`), else why not.
    """
    if _places(record.model) != _places(model):
        return Plan.everything("an entity was added or removed, or its page or section changed")
    renamed = _names(record.model) ^ _names(model)
    if renamed and names_unsafe:
        return Plan.everything(f"an entity's names changed, and {names_unsafe}")
    pages = changed_pages(record.texts, texts)
    if renamed:
        names = {name for name, _ in renamed}
        pages |= pages_naming(names, {**_with_histories(texts, record.model, model), **generated})
    changed_targets = {
        entity_id
        for entity_id, target in model.targets.items()
        if record.model.targets.get(entity_id) != target
    } | {entity_id for _, entity_id in renamed}
    if changed_targets:
        pages |= {
            src_uri
            for src_uri, state in record.pages.items()
            if not changed_targets.isdisjoint(state.first_links)
        }
    for entity in model.catalog.entities:
        if record.model.history_by_entity.get(entity.id) != model.history_by_entity.get(entity.id):
            pages.add(entity.src_uri)
    for src_uri in record.model.key_numbers.keys() | model.key_numbers.keys():
        if record.model.key_numbers.get(src_uri) != model.key_numbers.get(src_uri):
            pages.add(src_uri)
    return Plan(pages)


def title_changes(record: BuildRecord, rendered: Mapping[str, PageState]) -> list[str]:
    """Rendered pages whose title is not the one the last build gave them."""
    return [
        src_uri
        for src_uri, state in rendered.items()
        if src_uri in record.pages and record.pages[src_uri].title != state.title
    ]


def backlinks_changed(record: BuildRecord, rendered: Mapping[str, PageState]) -> set[str]:
    """Entities whose "Mentioned on" list changed: a rendered page links to it now and did
    not, did and does not, or quotes another sentence (titles and order are unchanged, or
    the build is a full one)."""
    entities: set[str] = set()
    for src_uri, state in rendered.items():
        before = record.pages[src_uri].first_links if src_uri in record.pages else {}
        entities |= {
            entity_id
            for entity_id in before.keys() | state.first_links.keys()
            if before.get(entity_id) != state.first_links.get(entity_id)
        }
    return entities


def pages_naming(names: Iterable[str], texts: Mapping[str, str]) -> set[str]:
    """The pages whose text may hold a mention of one of `names` (or more: never fewer).

    The linker matches names in the text Markdown makes of a page's source. Markdown turns
    `&amp;` into `&` and `\\&` into `&`, and may end a line inside a name; the matcher
    folds case and spaces. So a page can only mention a name if its source holds it with
    entities decoded, backslashes dropped, case and runs of spaces folded: extensions that
    make other text (smart quotes, snippets) are kept out by the caller.
    """
    wanted = [name for name in map(_searchable, names) if name]
    found = set()
    for src_uri, text in texts.items():
        searchable = _searchable(text)
        if any(name in searchable for name in wanted):
            found.add(src_uri)
    return found


def _with_histories(texts: Mapping[str, str], *models: SiteModel) -> dict[str, str]:
    """Each page's text, with the texts of the events its histories show from other pages."""
    texts = dict(texts)
    for model in models:
        for entity in model.catalog.entities:
            events = model.history_by_entity.get(entity.id, [])
            if entity.src_uri in texts:
                texts[entity.src_uri] += "".join(f"\n{event.what}" for event in events)
    return texts


def _searchable(text: str) -> str:
    text = unicodedata.normalize("NFC", html.unescape(text.replace("\\", "")))
    return _SPACES.sub(" ", fold_case(text))


def _first_difference(before: Mapping[str, object], after: Mapping[str, object]) -> str:
    return min(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))


def _places(model: SiteModel) -> list[tuple[str, str, str]]:
    """Where each entity is: its id, page and section (what links point to)."""
    return sorted((e.id, e.src_uri, e.anchor) for e in model.catalog.entities)


def _names(model: SiteModel) -> set[tuple[str, str]]:
    """Every (name or alias, entity id) of the site."""
    return {(name, e.id) for e in model.catalog.entities for name in e.names}


def _front_matter(text: str, src_uri: str) -> dict[str, Any]:
    try:
        return read_front_matter(text, src_uri)
    except FrontMatterError:
        return {"": text}  # broken: the build will say so; never equal to a good one


def _shown_elsewhere(meta: Mapping[str, Any], not_shown: frozenset[str] | set[str]) -> object:
    return {key: value for key, value in meta.items() if key not in not_shown}
