"""Cross-linking: turn mentions of entities into links to their pages.

Design: a Python-Markdown treeprocessor, in the style of the core `abbr` extension, rather
than a pass over rendered HTML, because on the element tree

* text and markup are already apart: attribute values are never text, code spans are
  `AtomicString`s, raw HTML sits in the stash; rewriting HTML would need a tokenizer that
  gets all of that right again;
* a link can point at the target's Markdown source (`../suitors/foxconn.md`); MkDocs' own
  `relpath` treeprocessor, which runs right after us, turns it into the right URL for
  `use_directory_urls: true` or `false` and validates it under `--strict`. A host that
  knows the built URL (`PageContext.built_href`, the MkDocs plugin) saves that pass its
  work (3 % of a build) for every link it can vouch for (see `_BuiltHrefs`);
* it runs in any Python-Markdown host, not only MkDocs (Material's successor, Zensical,
  runs Markdown extensions but not MkDocs plugins).

Nothing here imports MkDocs: the host tells the extension, page by page, which entities
exist and where their pages are (`PageContext`), and reads back the mentions it found.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .matching import Match, Matcher
from .urls import source_href, split_url

LINK_CLASS = "entity-link"
NO_CROSSLINK_CLASS = "no-crosslink"

#: Elements whose text a reader never sees as text: raw text (script, style, textarea, xmp,
#: iframe, noembed, noframes, noscript, plaintext, title) and inert content (template). An
#: unclosed one really does take the rest of the page in a browser.
HIDDEN_TAGS = frozenset(
    {"script", "style", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"}
    | {"plaintext", "title", "template"}
)
#: Elements whose text is never linked, with the reason given in the unlinked report.
SKIPPED_TAGS = (
    frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp"})
    # Titles and controls: a link there would be a link inside a heading or a button.
    | {"summary", "label", "button", "option", "svg", "math"}
    | HIDDEN_TAGS
)
#: Raw tags that, left open, still cover the blocks after theirs: browsers reopen an `<a>`
#: in each following paragraph (so a link there would nest), and hidden elements run on.
#: Any other tag left open ends with its block.
_PAGE_WIDE_TAGS = HIDDEN_TAGS | {"a"}
SKIPPED_CLASSES = frozenset({NO_CROSSLINK_CLASS, "admonition-title", "headerlink"})

#: Elements whose text is a unit for the "sentence around a mention" shown in backlinks.
_BLOCK_TAGS = frozenset({"p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption", "div"})
_STASH_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")
_STASH_INDEX = re.compile(r"(?<=wzxhzdk:)\d+")
_ESCAPED_CHARACTER = re.compile("\x02([0-9]+)\x03")
_ENTITY_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z0-9]+);")
#: Where the mention starts and ends while its sentence is cut out of a block's text
#: (private-use characters; any in the page's own text are dropped first).
_MARK_START, _MARK_END = "\ue000", "\ue001"
_SENTENCE_END = re.compile(f'(?<=[.!?])\\s+(?=[{_MARK_START}]?["“(\\[A-Z0-9])')
CONTEXT_MAX_LENGTH = 240
#: How much text around a mention is read to find its sentence: a sentence is cut to
#: CONTEXT_MAX_LENGTH anyway, so a long block is never read whole for each mention.
_CONTEXT_WINDOW = 4 * CONTEXT_MAX_LENGTH
#: The href of a link whose built URL is set after the host's link pass: a URL scheme, so
#: that pass (and the check for unparsable links) takes it for an external link.
_BUILT_HREF_SCHEME = "explainer-built:"
#: Treeprocessors that may run between the linker and `_BuiltHrefs`, by class: a link with
#: a built href is left alone by them, or gets from them what the host computed (MkDocs'
#: `relpath`). Another one (Material's `preview` reads `.md` hrefs) turns the shortcut off,
#: so it sees the links it always saw.
_LINK_NEUTRAL_PROCESSORS = frozenset(
    {
        "mkdocs.structure.pages._RelativePathTreeprocessor",
        "mkdocs.structure.pages._ExtractTitleTreeprocessor",
        "markdown.treeprocessors.UnescapeTreeprocessor",
        "site_plugins.brokenlinks._UnparsableLinksTreeprocessor",
    }
)


@dataclass(frozen=True)
class LinkTarget:
    """Where an entity's page is, and what a link preview shows about the entity."""

    id: str
    src_uri: str
    summary: str = ""
    name: str = ""
    kind: str = ""
    status: str = ""
    """The current status of a compared entity ('' for others)."""
    anchor: str = ""
    """The entity's section on a page that describes several entities ('' for the page)."""


@dataclass(frozen=True)
class Mention:
    """One mention of an entity on a page, linked or left alone (and why)."""

    entity_id: str
    text: str
    linked: bool
    context: str = ""
    reason: str = ""
    context_mark: tuple[int, int] = (0, 0)
    """Where the mention sits in `context` (start, end): the quote marks it."""


@dataclass
class PageContext:
    """What the linker needs to know about the page being rendered."""

    src_uri: str
    matcher: Matcher
    targets: Mapping[str, LinkTarget]
    link_all: bool = False
    collect_unlinked: bool = False
    collect_context: bool = True
    """Whether linked mentions carry their sentence (`Mention.context`): only the
    "Mentioned on" section reads it, and finding it is a third of the linker's time."""
    ids_by_src_uri: Mapping[str, str] = field(default_factory=dict)
    """The entity of each page that describes one entity (for hand-written links)."""
    own_ids: frozenset[str] | None = None
    """The entities this page describes: never linked here (found from `targets` if None)."""
    built_href: Callable[[LinkTarget], str | None] | None = None
    """The href the host's own link pass would make of the `.md` href to a target (its
    built URL relative to this page), when the host can tell without that pass; None, for
    a target or from this function, leaves the `.md` href to the pass, with its checks."""
    _folder: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.ids_by_src_uri:
            self.ids_by_src_uri = {t.src_uri: t.id for t in self.targets.values() if not t.anchor}
        if self.own_ids is None:
            self.own_ids = frozenset(
                t.id for t in self.targets.values() if t.src_uri == self.src_uri
            )
        self._folder = posixpath.dirname(self.src_uri)

    def href(self, entity_id: str) -> str:
        """The Markdown-source path of the entity's page, relative to this page."""
        target = self.targets[entity_id]
        return source_href(target.src_uri, target.anchor, self._folder)

    def entity_for_href(self, href: str) -> str | None:
        """The entity whose page a hand-written link points to, if any."""
        parts = split_url(href)
        if parts is None or parts.scheme or parts.netloc or not parts.path:
            return None
        path = posixpath.normpath(
            posixpath.join(posixpath.dirname(self.src_uri), unquote(parts.path))
        )
        return self.ids_by_src_uri.get(path)


@dataclass
class _TextSlot:
    """A run of text in the tree: `element.text`, or `element.tail` inside `parent`."""

    element: etree.Element
    parent: etree.Element | None
    block: etree.Element
    skipped_by: str = ""

    @property
    def is_tail(self) -> bool:
        return self.parent is not None

    @property
    def text(self) -> str:
        return (self.element.tail if self.is_tail else self.element.text) or ""


def link_tree(
    root: etree.Element,
    page: PageContext,
    raw_html: Sequence[str | etree.Element] = (),
    built_links: list[tuple[etree.Element, str]] | None = None,
) -> list[Mention]:
    """Link mentions in `root` in place; return every mention found, in document order.

    `raw_html` is the Markdown instance's HTML stash: inline raw tags (`<kbd>`, `<a>`) sit
    in the text as placeholders, and text between a stashed `<kbd>` and `</kbd>` is skipped.

    With `built_links`, a link whose built href `page.built_href` gives gets a placeholder
    href and is listed there with the built one, to be set after the host's link pass.
    """
    mentions: list[Mention] = []
    linked: set[str] = set()
    own_ids = page.own_ids or frozenset()
    raw_tags = _RawTagTracker(raw_html, root)
    # A block's text, read once however many mentions it holds: links we insert keep
    # their words in place, so it does not change while the block is being linked.
    blocks: dict[int, _BlockText] = {}

    def linked_mention(entity_id: str, surface: str, slot: _TextSlot, start: int) -> Mention:
        if not page.collect_context:
            return Mention(entity_id, surface, True)
        if id(slot.block) not in blocks:
            blocks[id(slot.block)] = _BlockText.read(slot.block)
        context, mark = blocks[id(slot.block)].sentence(slot, start, start + len(surface), raw_html)
        return Mention(entity_id, surface, True, context, "", mark)

    # Listed before any change, so the links we insert are not taken for hand-made ones.
    for slot in list(_text_slots(root)):
        text = slot.text
        # Followed in every run, skipped or not: a raw `<a>` opened inside a heading or a
        # link and left open still covers the text after it.
        skipped_spans = raw_tags.skipped_spans(text, slot.block)
        if slot.skipped_by == "manual-link":
            entity_id = page.entity_for_href(slot.element.get("href", ""))
            if entity_id is not None and entity_id not in own_ids:
                linked.add(entity_id)
                mentions.append(linked_mention(entity_id, slot.text, slot, 0))
            continue
        if slot.skipped_by and not page.collect_unlinked:
            continue
        if isinstance(text, AtomicString) and not slot.skipped_by:
            continue
        to_link = []
        for match in page.matcher.find(text):
            surface = text[match.start : match.end]
            reason = slot.skipped_by or _reason_at(skipped_spans, match)
            if reason is None:  # inside a placeholder: not a mention at all
                continue
            if not reason and match.key in own_ids:
                reason = "the entity's own page"
            elif not reason and match.key in linked and not page.link_all:
                reason = "already linked on this page"
            if reason:
                if page.collect_unlinked:
                    mentions.append(Mention(match.key, surface, False, "", reason))
                continue
            linked.add(match.key)
            to_link.append(match)
            mentions.append(linked_mention(match.key, surface, slot, match.start))
        if to_link:
            _replace_with_links(slot, to_link, page, built_links)
    return mentions


class _RawTagTracker:
    """Follows stashed inline HTML tags across text runs, to skip text inside `<kbd>…</kbd>`."""

    _TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(/?)>\s*$")

    def __init__(self, raw_html: Sequence[str | etree.Element], root: etree.Element) -> None:
        self.raw_html = raw_html
        self.root = root
        #: Open skipped tags: (name, the block they were opened in).
        self.open: list[tuple[str, etree.Element]] = []
        self._parents: dict[etree.Element, etree.Element] | None = None
        #: Blocks a raw end tag of their own (`</p>`) has closed early, by id.
        self._closed_early: set[int] = set()

    def _parent(self, node: etree.Element) -> etree.Element | None:
        if self._parents is None:  # built on first need: open raw tags are rare
            self._parents = {child: parent for parent in self.root.iter() for child in parent}
        return self._parents.get(node)

    def _inside(self, block: etree.Element, opener: etree.Element) -> bool:
        """Whether `block` is `opener` or nested in it (browsers nest it in the open tag)."""
        node: etree.Element | None = block
        while node is not None:
            if node is opener:
                return True
            node = self._parent(node)
        return False

    def skipped_spans(self, text: str, block: etree.Element) -> list[tuple[int, int, str]]:
        """(start, end, reason) of the parts of `text` no link may touch.

        Text inside a skipped raw tag has a reason; a placeholder itself has '' (it is not
        text a reader sees: "\x0242\x03" stands for an escaped `*`, and a name like "42"
        must not match it).
        """
        # A `<kbd>` left open ends with its block (and the blocks inside it): the rest of
        # the page is linked again.
        while (
            self.open
            and self.open[-1][0] not in (_PAGE_WIDE_TAGS)
            and not self._inside(block, self.open[-1][1])
        ):
            self.open.pop()
        if "\x02" not in text and not self.open:
            return []
        spans = []
        position = 0
        for placeholder in _STASH_PLACEHOLDER.finditer(text):
            if self.open:
                spans.append((position, placeholder.start(), f"inside <{self.open[-1][0]}>"))
            spans.append((placeholder.start(), placeholder.end(), ""))
            self._follow(placeholder.group(), block)
            position = placeholder.end()
        if self.open:
            spans.append((position, len(text), f"inside <{self.open[-1][0]}>"))
        return spans

    def _follow(self, placeholder: str, block: etree.Element) -> None:
        index = _STASH_INDEX.search(placeholder)
        if index is None or int(index.group()) >= len(self.raw_html):
            return
        tag = self._TAG.match(str(self.raw_html[int(index.group())]).strip())
        if tag is None or tag.group(4):
            return
        closing, name, attributes = tag.group(1), tag.group(2).lower(), tag.group(3)
        if closing:
            if self.open and self.open[-1][0] == name:
                self.open.pop()
            elif name == block.tag:
                self._closed_early.add(id(block))
        elif self.open or name in SKIPPED_TAGS or NO_CROSSLINK_CLASS in attributes:
            # After a raw `</p>` the browser opens the tag outside the paragraph, so it
            # does not end with it: it covers the blocks that follow, up to its end tag.
            opened_in = block
            if id(block) in self._closed_early:
                opened_in = self._parent(block) or self.root
            self.open.append((name, opened_in))


def _reason_at(spans: list[tuple[int, int, str]], match: Match) -> str | None:
    """Why `match` is skipped ('' if it is not; None if it is no mention at all)."""
    for start, end, reason in spans:
        if match.start < end and start < match.end:
            return reason or None
    return ""


def _skip_reason(element: etree.Element) -> str:
    if element.tag in SKIPPED_TAGS:
        return f"inside <{element.tag}>"
    classes = set((element.get("class") or "").split())
    hit = classes & SKIPPED_CLASSES
    return f"inside .{sorted(hit)[0]}" if hit else ""


def _text_slots(root: etree.Element) -> Iterator[_TextSlot]:
    """Every text run under `root` in document order, marked with why it must not change.

    Iterative, so deeply nested input cannot exhaust Python's recursion limit.
    """
    # Each entry: (element, parent for a tail or None for entry, block, skipped_by).
    stack: list[tuple[etree.Element, etree.Element | None, etree.Element, str]] = [
        (root, None, root, "")
    ]
    while stack:
        element, parent, block, skipped_by = stack.pop()
        if parent is not None:
            # Blank runs (the line breaks between blocks) are most runs and hold no name.
            if element.tail and not element.tail.isspace():
                yield _TextSlot(element, parent, block, skipped_by)
            continue
        inner_skip = skipped_by or _skip_reason(element)
        inner_block = element if element.tag in _BLOCK_TAGS else block
        if element.tag == "a" and not skipped_by and element.get("href"):
            yield _TextSlot(element, None, inner_block, "manual-link")
        elif element.text and not element.text.isspace():
            yield _TextSlot(element, None, inner_block, inner_skip)
        for child in reversed(element):
            stack.append((child, element, inner_block, inner_skip))
            stack.append((child, None, inner_block, inner_skip))


def _replace_with_links(
    slot: _TextSlot,
    matches: list[Match],
    page: PageContext,
    built_links: list[tuple[etree.Element, str]] | None,
) -> None:
    text = slot.text
    links = []
    for index, match in enumerate(matches):
        target = page.targets[match.key]
        built = page.built_href(target) if built_links is not None and page.built_href else None
        href = page.href(match.key) if built is None else _BUILT_HREF_SCHEME + built
        # The href first, as before: attributes are written in the order they were set.
        link = etree.Element("a", {"href": href, "class": LINK_CLASS})
        if built is not None and built_links is not None:
            built_links.append((link, built))
        link.set("data-entity", target.id)
        # Markdown's serializer leaves anything that looks like an entity reference alone,
        # so '&lt;' typed in a summary would show as '<': escape every '&'.
        for attribute, value in (
            ("title", target.summary),
            ("data-entity-name", target.name),
            ("data-entity-kind", target.kind),
            ("data-entity-status", target.status),
        ):
            if value:
                link.set(attribute, value.replace("&", "&amp;"))
        link.text = AtomicString(text[match.start : match.end])
        following_end = matches[index + 1].start if index + 1 < len(matches) else len(text)
        link.tail = text[match.end : following_end]
        links.append(link)
    prefix = text[: matches[0].start]
    if slot.parent is None:
        slot.element.text = prefix
        for offset, link in enumerate(links):
            slot.element.insert(offset, link)
    else:
        slot.element.tail = prefix
        position = list(slot.parent).index(slot.element) + 1
        for offset, link in enumerate(links):
            slot.parent.insert(position + offset, link)


@dataclass
class _BlockText:
    """The text of a block as Markdown holds it, and where each text run starts in it."""

    text: str
    starts: dict[tuple[int, bool], int]
    """(id(element), is_tail) -> offset of that run in `text`."""

    @classmethod
    def read(cls, block: etree.Element) -> _BlockText:
        """Footnote markers are left out: they are not part of the sentence."""
        parts: list[str] = []
        starts: dict[tuple[int, bool], int] = {}
        length = 0
        stack: list[tuple[etree.Element, bool]] = [(block, False)]
        while stack:
            node, is_tail = stack.pop()
            if not is_tail and node.tag == "sup" and (node.get("id") or "").startswith("fnref"):
                stack.append((node, True))
                continue
            run = (node.tail if is_tail else node.text) or ""
            if _MARK_START in run or _MARK_END in run:
                # Kept the same length, so offsets into the run stay valid.
                run = run.replace(_MARK_START, " ").replace(_MARK_END, " ")
            starts[(id(node), is_tail)] = length
            parts.append(run)
            length += len(run)
            if is_tail:
                continue
            if node is not block:
                stack.append((node, True))
            for child in reversed(node):
                stack.append((child, False))
        return cls("".join(parts), starts)

    def sentence(
        self,
        slot: _TextSlot,
        start: int,
        end: int,
        raw_html: Sequence[str | etree.Element],
    ) -> tuple[str, tuple[int, int]]:
        """The sentence holding `slot.text[start:end]` as the page shows it, and where the
        mention is in it; ('', (0, 0)) when the block is the mention alone."""
        offset = self.starts.get((id(slot.element), slot.is_tail))
        if offset is None:
            return "", (0, 0)
        low = max(0, offset + start - _CONTEXT_WINDOW)
        high = offset + end + _CONTEXT_WINDOW
        before = self.text[low : offset + start]
        after = self.text[offset + end : high]
        # The window may cut a placeholder in two: drop the halves, they are not text.
        head, cut, rest = before.partition("\x03")
        if cut and "\x02" not in head:
            before = rest
        body, cut, tail = after.rpartition("\x02")
        if cut and "\x03" not in tail:
            after = body
        mention = self.text[offset + start : offset + end]
        window = before + _MARK_START + mention + _MARK_END + after
        shown = " ".join(_as_shown(window, raw_html).split())
        return _sentence_around_mark(shown)


def _as_shown(text: str, raw_html: Sequence[str | etree.Element]) -> str:
    """Markdown's placeholders resolved as the page shows them: an escaped character is the
    character, a stashed entity reference (`&amp;`) stays one, stashed tags are dropped."""

    def resolve(match: re.Match[str]) -> str:
        escaped = _ESCAPED_CHARACTER.fullmatch(match.group())
        if escaped:
            return chr(int(escaped.group(1)))
        index = _STASH_INDEX.search(match.group())
        if index is None or int(index.group()) >= len(raw_html):
            return ""
        stashed = str(raw_html[int(index.group())])
        return stashed if _ENTITY_REFERENCE.fullmatch(stashed) else ""

    marked = _STASH_PLACEHOLDER.sub(resolve, text)
    # A placeholder cut by the window leaves a lone marker: it is not text.
    return marked.replace("\x02", "").replace("\x03", "")


def _sentence_around_mark(text: str) -> tuple[str, tuple[int, int]]:
    """The sentence of `text` holding the marked mention, whole words only, and where the
    mention is in it."""
    position = text.find(_MARK_START)
    close = text.find(_MARK_END)
    if position < 0 or close < 0:
        return "", (0, 0)
    # A bare name (a table header, a list of names) says nothing more than the link does.
    if not text[:position].strip() and not text[close + 1 :].strip():
        return "", (0, 0)
    start = 0
    end = len(text)
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.end() > position:
            end = boundary.start()
            break
        start = boundary.end()
    sentence = text[start:end]
    position -= start
    if len(sentence) > CONTEXT_MAX_LENGTH:
        low = max(0, position - CONTEXT_MAX_LENGTH // 2)
        high = low + CONTEXT_MAX_LENGTH
        # Cut at spaces, so no word is shown in part; the mention itself is never cut.
        if low:
            space = sentence.find(" ", low, position)
            low = space + 1 if space >= 0 else position
        mark_end = sentence.find(_MARK_END)
        if high < len(sentence):
            space = sentence.rfind(" ", mark_end, high)
            high = space if space >= 0 else sentence.find(" ", mark_end)
            high = high if high >= 0 else len(sentence)
        sentence = (
            ("… " if low else "")
            + sentence[low:high].strip()
            + (" …" if high < len(sentence) else "")
        )
    mark_start = sentence.find(_MARK_START)
    sentence = sentence.replace(_MARK_START, "")
    mark_end = sentence.find(_MARK_END)
    return sentence.replace(_MARK_END, ""), (mark_start, mark_end)


class CrossLinkTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: CrossLinkExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = self.extension.page
        self.extension.built_links = []
        if page is None:
            self.extension.mentions = []
            return
        built_links = (
            self.extension.built_links
            if page.built_href is not None and self._only_link_neutral_processors_follow()
            else None
        )
        self.extension.mentions = link_tree(
            root, page, self.md.htmlStash.rawHtmlBlocks, built_links
        )

    def _only_link_neutral_processors_follow(self) -> bool:
        """Whether every treeprocessor between this one and `_BuiltHrefs` is link-neutral."""
        processors = list(self.md.treeprocessors)
        if self not in processors or self.extension.built_hrefs not in processors:
            return False
        between = processors[
            processors.index(self) + 1 : processors.index(self.extension.built_hrefs)
        ]
        return all(
            f"{type(p).__module__}.{type(p).__qualname__}" in _LINK_NEUTRAL_PROCESSORS
            for p in between
        )


class _BuiltHrefs(Treeprocessor):
    """Sets the built hrefs of the page's links once the host's link pass is over.

    That pass (MkDocs' `relpath`) resolves and checks every `.md` link, 3 % of a build
    with a few dozen entity links a page; a link the host vouches for skips it.
    """

    def __init__(self, md: Markdown, extension: CrossLinkExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        for link, href in self.extension.built_links:
            link.set("href", href)
        self.extension.built_links = []


class CrossLinkExtension(Extension):
    """Python-Markdown extension that cross-links the page set in `page` before `convert()`.

    The host sets `page` before each page is converted (None leaves a page unlinked) and
    reads `mentions` afterwards.
    """

    #: Below the inline (20), footnotes (50) and toc (5) processors so their output is final,
    #: above MkDocs' `relpath` (0) so it rewrites and validates our `.md` hrefs.
    PRIORITY = 1
    #: Right after MkDocs' `relpath` and Markdown's `unescape` (both 0).
    BUILT_HREFS_PRIORITY = -0.5

    def __init__(self) -> None:
        super().__init__()
        self.page: PageContext | None = None
        self.mentions: list[Mention] = []
        #: The page's links with a placeholder href, and their built href.
        self.built_links: list[tuple[etree.Element, str]] = []
        self.built_hrefs: _BuiltHrefs | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(CrossLinkTreeprocessor(md, self), "crosslink", self.PRIORITY)
        self.built_hrefs = _BuiltHrefs(md, self)
        md.treeprocessors.register(
            self.built_hrefs, "crosslink-built-hrefs", self.BUILT_HREFS_PRIORITY
        )
