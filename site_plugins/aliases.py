"""An entity's aliases on its page: under the title for readers, in it for search."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

_TITLE = re.compile(r"(<h1[^>]*>)(.*?)(<a class=\"headerlink\"[^>]*>.*?</a>)?(</h1>)", re.S)


def add_aliases(html: str, aliases: Sequence[str]) -> str:
    """The page's HTML with its entity's aliases under the title (unchanged without one).

    Sighted readers see "Also known as …" under the title; screen readers hear the aliases
    as part of the title instead (the line is hidden from them, so they hear it once). Search
    indexes the title's text: an alias finds the entity's page before pages that mention it.
    """
    names = ", ".join(escape(alias, quote=False) for alias in aliases)
    hidden = f'<span class="explainer-sr-only"> (also known as {names})</span>'
    line = f'\n<p class="explainer-aliases" aria-hidden="true">Also known as {names}.</p>'

    def extend(title: re.Match[str]) -> str:
        opening, text, permalink, closing = title.groups()
        return f"{opening}{text}{hidden}{permalink or ''}{closing}{line}"

    return _TITLE.sub(extend, html, count=1)
