"""URLs typed by editors: which may become links, and paths between pages of the site."""

from __future__ import annotations

import functools
import html
import posixpath
from urllib.parse import urlsplit

#: The only schemes a front-matter URL may use; anything else is shown as text.
LINK_SCHEMES = ("http", "https")


def url_problem(url: str) -> str:
    """Why `url` may not become a link ('' when it may): http(s), or a path in the site."""
    # Browsers decode character references in attributes before reading the scheme, so
    # `javascript&colon;` must be judged as `javascript:`.
    for candidate in (url, html.unescape(url)):
        if "\\" in candidate:
            # Browsers read `\\host/x` as `//host/x`: another site, with no scheme to check.
            return f"{url!r} contains a backslash: write paths with `/`"
        parts = urlsplit(candidate)
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
