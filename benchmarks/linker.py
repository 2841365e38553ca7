"""The linker alone: `link_tree` timed on element trees that Markdown has already built.

What is measured: Python-Markdown parses each page once, with the site's extensions, and
the tree is captured exactly where the `crosslink` treeprocessor would receive it
(priority 1, after inline, toc and footnotes). Each timed run links fresh deep copies of
those trees (copying is not timed), so a figure is the cross-linker's own cost: the
scan, the link elements, the mention records and their sentences. Markdown's parsing,
which the site pays with or without the plugin, is left out; the full-build figures
hold everything else.

The `abbr` peer is timed the same way: its treeprocessor over copies of the same trees.
"""

from __future__ import annotations

import copy
import time
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass

import markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.treeprocessors import Treeprocessor

from site_plugins.linking import CrossLinkExtension, LinkTarget, PageContext, link_tree
from site_plugins.matching import Matcher

from .generate import SyntheticEntity

#: The synthetic site's extensions (generate.site_config), as Python-Markdown takes them.
EXTENSIONS: list[str | Extension] = [
    "admonition",
    "attr_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.superfences",
    "pymdownx.highlight",
]
EXTENSION_CONFIGS = {"toc": {"permalink": True}}


@dataclass
class ParsedPage:
    src_uri: str
    size: int
    """Bytes of Markdown source (UTF-8)."""
    tree: etree.Element
    raw_html: list[str | etree.Element]


class _Capture(Treeprocessor):
    def __init__(self, md: markdown.Markdown, pages: list[ParsedPage]) -> None:
        super().__init__(md)
        self.pages = pages
        self.current: tuple[str, int] = ("", 0)

    def run(self, root: etree.Element) -> None:
        src_uri, size = self.current
        stash = list(self.md.htmlStash.rawHtmlBlocks)
        self.pages.append(ParsedPage(src_uri, size, copy.deepcopy(root), stash))


class _CaptureExtension(Extension):
    def __init__(self, pages: list[ParsedPage]) -> None:
        super().__init__()
        self.pages = pages
        self.processor: _Capture | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        self.processor = _Capture(md, self.pages)
        md.treeprocessors.register(self.processor, "capture", CrossLinkExtension.PRIORITY)


def parse_pages(pages: Sequence[tuple[str, str]]) -> list[ParsedPage]:
    """Each `(src_uri, markdown)` page as the tree the cross-linker would be given."""
    parsed: list[ParsedPage] = []
    capture = _CaptureExtension(parsed)
    md = markdown.Markdown(extensions=[*EXTENSIONS, capture], extension_configs=EXTENSION_CONFIGS)
    assert capture.processor is not None
    for src_uri, text in pages:
        md.reset()
        capture.processor.current = (src_uri, len(text.encode("utf-8")))
        md.convert(text)
    return parsed


@dataclass(frozen=True)
class Registry:
    """What the plugin derives from the entity catalogue once per build."""

    matcher: Matcher
    targets: dict[str, LinkTarget]
    ids_by_src_uri: dict[str, str]

    @classmethod
    def build(cls, entities: Sequence[SyntheticEntity]) -> Registry:
        targets = {e.id: LinkTarget(e.id, e.src_uri, e.summary) for e in entities}
        return cls(
            Matcher({name: e.id for e in entities for name in e.names}),
            targets,
            {t.src_uri: t.id for t in targets.values()},
        )


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float
    links: int = 0


def time_linker(pages: Sequence[ParsedPage], registry: Registry) -> Timing:
    """Link fresh copies of `pages` (copies made before the clock starts)."""
    trees = [copy.deepcopy(page.tree) for page in pages]
    links = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for page, tree in zip(pages, trees, strict=True):
        context = PageContext(
            src_uri=page.src_uri,
            matcher=registry.matcher,
            targets=registry.targets,
            ids_by_src_uri=registry.ids_by_src_uri,
        )
        links += sum(m.linked for m in link_tree(tree, context, page.raw_html))
    return Timing(time.perf_counter() - wall, time.process_time() - cpu, links)


def abbr_glossary(entities: Sequence[SyntheticEntity]) -> dict[str, str]:
    """The same names as abbreviation definitions, each titled with its entity's summary."""
    return {name: e.summary for e in entities for name in e.names}


def time_abbr(pages: Sequence[ParsedPage], glossary: dict[str, str]) -> Timing:
    """Python-Markdown's `abbr` treeprocessor over fresh copies of the same trees."""
    md = markdown.Markdown(extensions=[AbbrExtension(glossary=glossary)])
    processor = md.treeprocessors["abbr"]
    trees = [copy.deepcopy(page.tree) for page in pages]
    wall, cpu = time.perf_counter(), time.process_time()
    for tree in trees:
        processor.run(tree)
    elapsed = Timing(time.perf_counter() - wall, time.process_time() - cpu)
    marked = sum(1 for tree in trees for _ in tree.iter("abbr"))
    return Timing(elapsed.wall, elapsed.cpu, marked)


def total_size(pages: Sequence[ParsedPage]) -> int:
    return sum(page.size for page in pages)
