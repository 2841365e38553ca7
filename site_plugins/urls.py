"""URLs typed by editors: which may become links, and paths between pages of the site."""

from __future__ import annotations

import functools
import html
import posixpath
import re
from urllib.parse import SplitResult, quote, urlsplit

#: The only schemes a front-matter URL may use; anything else is shown as text.
LINK_SCHEMES = ("http", "https")


#: What browsers remove from a URL before parsing it (the URL standard): tabs and line
#: breaks anywhere, C0 controls and spaces at either end.
_REMOVED_ANYWHERE = re.compile("[\t\n\r]")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
#: Other characters no URL typed by an editor needs; some hide or reorder what is shown.
_NEVER_IN_URL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def as_browser_reads(url: str) -> str:
    """`url` as a browser parses it: whitespace the URL standard drops, dropped."""
    return _REMOVED_ANYWHERE.sub("", url).strip(_C0_OR_SPACE)


def split_url(url: str) -> SplitResult | None:
    """`urlsplit(url)`, or None for a URL it cannot split (a malformed `[IPv6]` host)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def url_problem(url: str) -> str:
    """Why `url` may not become a link ('' when it may): http(s), or a path in the site."""
    if _NEVER_IN_URL.search(as_browser_reads(url)):
        return f"{url!r} contains a control or invisible character: retype the URL"
    # Browsers decode character references in attributes before reading the scheme, so
    # `javascript&colon;` must be judged as `javascript:`.
    for candidate in (as_browser_reads(url), as_browser_reads(html.unescape(url))):
        if "\\" in candidate:
            # Browsers read `\\host/x` as `//host/x`: another site, with no scheme to check.
            return f"{url!r} contains a backslash: write paths with `/`"
        parts = split_url(candidate)
        if parts is None:
            return f"{url!r} is not a valid URL: check the host name (an IPv6 host is [ … ])"
        if parts.scheme:
            if parts.scheme.lower() not in LINK_SCHEMES:
                return (
                    f"{url!r} is not a web link: only http:// and https:// links, or paths to "
                    "pages of this site (like `sources.md#autoblog`), are allowed"
                )
            if not parts.netloc:
                return f"{url!r} has no host name after `{parts.scheme}://`"
        elif parts.netloc:
            return f"{url!r} has no scheme: start it with https://"
        elif candidate.startswith("/"):
            return (
                f"{url!r} starts with `/`: write paths relative to the docs folder, "
                "like `sources.md#autoblog`"
            )
    return ""


def is_link_safe(url: str) -> bool:
    return not url_problem(url)


@functools.lru_cache(maxsize=65536)
def relative_path(target: str, base: str) -> str:
    """`posixpath.relpath(target, base or ".")` for two paths under the same root.

    `relpath` makes both paths absolute with `os.getcwd()`, two system calls per link;
    that was a tenth of the plugin's cost on a 2,000-page build (benchmarks/RESULTS.md).
    Cached: a site has few folders, so the same pairs come back on every page.
    """
    target_parts = [part for part in posixpath.normpath(target).split("/") if part != "."]
    base_parts = [part for part in posixpath.normpath(base or ".").split("/") if part != "."]
    common = 0
    for target_part, base_part in zip(target_parts, base_parts, strict=False):
        if target_part != base_part:
            break
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + target_parts[common:]) or "."


@functools.lru_cache(maxsize=65536)
def source_href(target: str, anchor: str, base: str) -> str:
    """The href from a page in folder `base` to the Markdown source `target` (`#anchor`).

    Cached across pages: with `link: first` a page links each entity once, so only the
    pages of one folder share an href, and every link used to quote its path anew.
    """
    # A file named `a#b.md`, `q?.md`, `100%.md` or `my page.md`: as a URL, quoted.
    href = quote(relative_path(target, base), safe="/")
    return f"{href}#{anchor}" if anchor else href
