"""Footnote references without a definition: an error, not literal `[^1]` on the page.

Python-Markdown's `footnotes` extension turns `[^label]` into a numbered link only when the
page defines `[^label]: ...`; otherwise it leaves the brackets as text, and a reader sees
`[^3]` in the middle of a sentence. This treeprocessor runs after the footnotes have been
resolved and collects the labels left over; the host reports them (`missing`).

Code is not looked at (`[^1]` in a code span is meant literally), and a reference written
`\\[^1]` is escaped on purpose, so it is not one either.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

_REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
_CODE_TAGS = frozenset({"code", "pre", "kbd", "samp", "script", "style"})


def missing_footnotes(root: etree.Element) -> list[str]:
    """Labels of `[^label]` references left as text under `root`, in page order, once each."""
    labels: list[str] = []
    stack: list[tuple[etree.Element, bool]] = [(root, False)]
    while stack:
        element, in_code = stack.pop()
        in_code = in_code or element.tag in _CODE_TAGS
        runs = [] if in_code else [element.text]
        for child in reversed(element):
            stack.append((child, in_code))
        # A child's tail is text of this element, outside the child.
        runs += [child.tail for child in element]
        for run in runs:
            if run and not isinstance(run, AtomicString):
                labels += [match.group(1) for match in _REFERENCE.finditer(run)]
    return list(dict.fromkeys(labels))


class _MissingFootnotesTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: MissingFootnotesExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        # Only where footnotes are on: without the extension, `[^1]` is ordinary text.
        uses_footnotes = "footnote" in self.md.treeprocessors
        self.extension.missing = missing_footnotes(root) if uses_footnotes else []


class MissingFootnotesExtension(Extension):
    """After each conversion, `missing` lists the undefined footnote labels of that page."""

    #: After the footnotes (50) and inline (20) processors, before cross-linking (1).
    PRIORITY = 3

    def __init__(self) -> None:
        super().__init__()
        self.missing: list[str] = []

    def extendMarkdown(self, md: Markdown) -> None:
        processor = _MissingFootnotesTreeprocessor(md, self)
        md.treeprocessors.register(processor, "explainer-missing-footnotes", self.PRIORITY)


def missing_footnotes_message(labels: list[str]) -> str:
    """What an editor reads for the undefined labels of one page."""
    shown = ", ".join(f"[^{label}]" for label in labels)
    first = labels[0]
    return (
        f"footnote reference{'s' if len(labels) > 1 else ''} {shown} without a definition"
        f" (readers would see the brackets): add a line `[^{first}]: <the note>` to the page,"
        f" or write `\\[^{first}]` to show the brackets on purpose"
    )
