"""Links on a page that Python cannot parse: an error naming the page, not a traceback.

`urllib.parse.urlsplit` raises `ValueError` for some URLs (a malformed `[IPv6]` host, as in
`http://[::1/x`), and MkDocs' own link rewriter calls it on every link and image of every
page: one such link typed in a page stopped the build with a Python traceback. This
treeprocessor runs just before MkDocs' rewriter, notes each such URL (`broken`) and makes
it parsable so the rewriter gets through; the host then stops the build with the list.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .urls import split_url

#: The attributes MkDocs' link rewriter reads, by element.
_REWRITTEN = {"a": "href", "img": "src"}


def defuse_unparsable_links(root: etree.Element) -> list[str]:
    """The unparsable URLs under `root`, each replaced by a parsable stand-in."""
    broken = []
    for element in root.iter():
        attribute = _REWRITTEN.get(element.tag)
        value = element.get(attribute) if attribute else None
        if attribute is None or value is None or split_url(value) is not None:
            continue
        broken.append(value)
        element.set(attribute, value.replace("[", "%5B").replace("]", "%5D"))
        if split_url(element.get(attribute, "")) is None:
            del element.attrib[attribute]
    return list(dict.fromkeys(broken))


class _UnparsableLinksTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: UnparsableLinksExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        self.extension.broken = defuse_unparsable_links(root)


class UnparsableLinksExtension(Extension):
    """After each conversion, `broken` lists the page's unparsable link URLs."""

    #: Before MkDocs' link rewriter (0), after cross-linking (1), whose links are parsable.
    PRIORITY = 0.5

    def __init__(self) -> None:
        super().__init__()
        self.broken: list[str] = []

    def extendMarkdown(self, md: Markdown) -> None:
        processor = _UnparsableLinksTreeprocessor(md, self)
        md.treeprocessors.register(processor, "explainer-unparsable-links", self.PRIORITY)


def unparsable_links_message(urls: list[str]) -> str:
    shown = ", ".join(repr(url) for url in urls)
    return (
        f"link{'s' if len(urls) > 1 else ''} {shown} cannot be read as a URL: check the host"
        " name (an IPv6 host is written in [ ] and closed), or remove the link"
    )
