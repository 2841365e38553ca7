"""Front-matter values as inline Markdown that is safe to put on a generated page.

Front matter is untrusted text. Plain values are HTML-escaped and their Markdown
punctuation is written as character references, so they render literally; values meant as
Markdown (a `markdown: true` field, an event's `what`) keep their Markdown but have `<`,
`>`, `&` and attribute-list braces escaped. Only http(s) links and paths inside the site
become links (urls.py); safelinks.py checks again on the element tree.

Relative URLs in front matter are relative to the docs folder (`sources.md#autoblog`);
on a page they are rewritten relative to that page, so MkDocs checks them under --strict.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup

from .urls import is_link_safe, relative_path

NO_MARKUP = Markup("")

# Characters that start inline Markdown syntax in Python-Markdown and common extensions
# (emphasis, code, links, attr_list, pymdownx tilde/caret/mark/critic, tables, escapes).
_MARKDOWN_CHARS = "\\`*_[]{}|~^=+!"
_PLAIN_TABLE = {ord(ch): f"&#{ord(ch)};" for ch in _MARKDOWN_CHARS}
# Control characters, including Python-Markdown's own placeholder markers (STX/ETX).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """One line of text: control characters dropped, whitespace runs made single spaces."""
    return " ".join(_CONTROL.sub("", text).split())


def plain(text: object) -> Markup:
    """`text` as inline Markdown that renders literally: no HTML, no Markdown syntax."""
    escaped = html.escape(clean(str(text)), quote=False)
    return Markup(escaped.translate(_PLAIN_TABLE))


def inline_markdown(text: object) -> Markup:
    """`text` as inline Markdown with raw HTML (and attribute lists) made literal."""
    escaped = html.escape(clean(str(text)), quote=False)
    return Markup(escaped.replace("{", "&#123;").replace("}", "&#125;"))


# The target of an inline Markdown link or image: `](target` up to a space or `)`.
_LINK_TARGET = re.compile(r"(\]\()(<[^>]*>|[^)\s]+)")


def event_markdown(text: str, page_src_uri: str) -> Markup:
    """A sentence of front-matter Markdown for a page: HTML made literal, and links
    to site paths (written relative to the docs folder) re-based for that page."""

    def rebase(match: re.Match[str]) -> str:
        url = match.group(2).strip("<>")
        if not is_link_safe(url):
            return match.group(0)  # left for safelinks to turn into text
        return match.group(1) + href_from(html.unescape(url), page_src_uri)

    return Markup(_LINK_TARGET.sub(rebase, inline_markdown(text)))


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def link_from(url: str, page_src_uri: str) -> str:
    """`url` as written on the page at `page_src_uri`: docs-relative paths re-based."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return url
    path = relative_path(posixpath.normpath(parts.path), posixpath.dirname(page_src_uri))
    return parts._replace(path=path).geturl()


def href_from(url: str, page_src_uri: str) -> str:
    """`link_from`, quoted so that it can sit in a Markdown link or an attribute."""
    return quote(link_from(url, page_src_uri), safe="/:#?=&%@!$'*+,;~-._")


def markdown_link(text: Markup, url: str | None, page_src_uri: str) -> Markup:
    """A Markdown link to `url` (re-based, made safe to embed), or just `text` if unsafe."""
    if not url or not is_link_safe(url):
        return text
    return Markup(f"[{text}]({href_from(url, page_src_uri)})")


def template_environment(template_dirs: Sequence[str] = ()) -> jinja2.Environment:
    """Jinja environment for the page: the theme's `custom_dir` first, then ours."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dirs:
        loaders.append(jinja2.FileSystemLoader(list(template_dirs)))
    loaders.append(jinja2.PackageLoader("site_plugins", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        # The template writes HTML inside Markdown: anything not already Markup is escaped.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plain"] = plain
    env.filters["inline_markdown"] = inline_markdown
    return env


def page_front_matter(values: Mapping[str, str | list[str] | None]) -> str:
    """A generated page's front matter, from its values."""
    # JSON strings are valid YAML scalars, and need no further quoting rules.
    lines = [f"{key}: {json.dumps(value)}" for key, value in values.items() if value]
    return "---\n" + "\n".join(lines) + "\n---\n\n"
