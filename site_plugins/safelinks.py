"""A Markdown treeprocessor that keeps untrusted Markdown from producing active links.

The comparison page renders front-matter values declared `markdown: true` through
Markdown. Escaping `<`, `>` and `&` stops raw HTML, but Markdown's own syntax can still
make `[text](javascript:...)` or `![x](data:...)`. While `active`, this processor turns
every link whose URL is not http(s) or a relative path, and every image that is not one
of the site's own files, into a <span> of its text, and drops event-handler attributes
(which `attr_list` could otherwise set), on the element tree, after inline processing and
before MkDocs rewrites relative links.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX

from .urls import as_browser_reads, is_link_safe, split_url

#: Marks an element whose content comes from front matter, on any page.
UNTRUSTED_ATTRIBUTE = "data-untrusted"
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "xlink:href", "poster")
#: Attributes whose URL the browser loads by itself: only the site's own files may go there,
#: or a value typed into front matter could make every reader's browser call another host.
LOADED_ATTRIBUTES = ("src", "srcset", "poster")


#: A character escaped with a backslash, as Python-Markdown holds it until its `unescape`
#: treeprocessor (priority 0, after this one) puts the character back.
_ESCAPED_CHARACTER = re.compile(f"{STX}([0-9]+){ETX}")


def final_url(value: str) -> str:
    """The URL the page will carry: backslash escapes resolved as Markdown will resolve them.

    Judged before that, `[x](\\\\host/x)` holds a placeholder, not the `\\` that makes
    it a link to another site.
    """
    return _ESCAPED_CHARACTER.sub(lambda m: chr(int(m.group(1))), value)


def _is_own_file(url: str) -> bool:
    parts = split_url(as_browser_reads(url))
    return is_link_safe(url) and parts is not None and not parts.scheme and not parts.netloc


def _is_unsafe_url(url: str, *, loaded: bool) -> bool:
    # A placeholder left after resolving escapes is stashed HTML: no URL of ours holds one.
    if STX in url or ETX in url:
        return True
    return not (_is_own_file(url) if loaded else is_link_safe(url))


def _srcset_urls(value: str) -> list[str]:
    """The URL of each `srcset` candidate ('a.png 1x, b.png 2x'): each one is loaded."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def neutralise(root: etree.Element) -> int:
    """Strip unsafe URLs and `on*` attributes under `root`; return how many were removed."""
    removed = 0
    for element in root.iter():
        for name in list(element.attrib):
            value = final_url(element.attrib[name])
            lowered = name.lower()
            urls = _srcset_urls(value) if lowered == "srcset" else [value]
            unsafe = lowered.startswith("on") or (
                lowered in URL_ATTRIBUTES
                and any(_is_unsafe_url(url, loaded=lowered in LOADED_ATTRIBUTES) for url in urls)
            )
            if unsafe:
                del element.attrib[name]
                removed += 1
        # A link without a safe target is its text; an image without one, its alt text.
        # (MkDocs' link rewriter also requires every <a> to have an href.)
        if element.tag == "a" and "href" not in element.attrib:
            element.tag = "span"
        elif element.tag == "img" and "src" not in element.attrib:
            element.tag = "span"
            element.text = element.attrib.pop("alt", "")
            element.attrib.pop("title", None)
    return removed


class SafeLinksTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: SafeLinksExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        if self.extension.active:
            neutralise(root)
            return
        # A block of front-matter text added to an editor's page (an entity's history).
        for element in list(root.iter()):
            if UNTRUSTED_ATTRIBUTE in element.attrib:
                del element.attrib[UNTRUSTED_ATTRIBUTE]
                neutralise(element)


class SafeLinksExtension(Extension):
    """Set `active` before converting a page whose Markdown comes from untrusted text."""

    #: After inline patterns (20) and attr_list (8); before cross-linking (1) and MkDocs'
    #: relative-link rewriting (0), which must only see the links that survive.
    PRIORITY = 5

    def __init__(self) -> None:
        super().__init__()
        self.active = False

    def extendMarkdown(self, md: Markdown) -> None:
        processor = SafeLinksTreeprocessor(md, self)
        md.treeprocessors.register(processor, "explainer-safelinks", self.PRIORITY)
