"""Built URLs of entity pages, for the cross-linker's links, as MkDocs would make them.

MkDocs' link pass (`relpath`) resolves every `.md` link of a page to the target's URL and
checks it; with a few dozen entity links a page that was 3 % of a build. For a target
that pass would accept silently, the plugin gives the linker the very URL MkDocs would
make (`mkdocs.utils.get_relative_url` of the two pages' URLs, as `relpath` does), so the
output is the same byte for byte. Every other target keeps its `.md` link, and MkDocs
resolves and reports it as before: a page another plugin removed or excluded after ours
read the site (not found: a warning, fatal under --strict; excluded: an info line), and an
entity's section on a shared page, whose anchor MkDocs checks once the target is rendered.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from .linking import LinkTarget


def built_href_for(page: File, files: Files) -> Callable[[LinkTarget], str | None]:
    """The href MkDocs' link pass would give a link on `page` to a target's page, or None
    when that pass must see the link (it has something to check or to report)."""
    by_src_uri = files.src_uris

    def built_href(target: LinkTarget) -> str | None:
        if target.anchor:
            return None
        file = by_src_uri.get(target.src_uri)
        if file is None or file.inclusion.is_excluded():
            return None
        return get_relative_url(file.url, page.url)

    return built_href
