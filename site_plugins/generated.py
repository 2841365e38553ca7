"""The seam for generated pages: what a generator is given, and what it gives back.

A generator turns the site's front matter (the entity catalogue and the dated events) into
pages and files: the comparison page and its JSON (comparison.py), the timeline and its
JSON (timeline.py). Each is a `Generator`: it checks its options, says which paths it
will write (so they can be checked against each other and the site before anything is
built), generates its outputs from a `Site`, and names files outside `docs/` that
`mkdocs serve` must watch. Nothing here imports MkDocs' plugin API: the MkDocs plugin is
one host, and another host (a build script, a Markdown extension) can run the same
generators.

Adding a generated page: one module with a `Generator` subclass (`PageGenerator` for a
page and its JSON export), its options class in config.py, one line in
`core.generators`, and its entry under `explainer:` in mkdocs.yml.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Protocol
from urllib.parse import unquote, urljoin, urlsplit

from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data

from .entities import Catalog
from .events import Event
from .frontmatter import FrontMatterError, Problem
from .markup import href_from

#: Files MkDocs and the theme write on their own, after plugins have run.
RESERVED_PATHS = frozenset(
    {"sitemap.xml", "sitemap.xml.gz", "404.html", "search/search_index.json", "index.html"}
)
#: What a generated path may hold: no spaces, quotes, `%`, `#`, `?` or backslashes.
_SAFE_PATH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*/?")


#: Front matter of every generated page: hosts that cannot tell generated pages apart by
#: path (Zensical) know from it that the page shows front-matter values (see safelinks.py).
GENERATED_MARK = {"generated_by": "explainer"}


class OptionError(Exception):
    """A generator option in mkdocs.yml is wrong; the message names it."""


@dataclass(frozen=True)
class Output:
    """A page (Markdown, `src_uri` ends in `.md`) or a file that a generator adds."""

    src_uri: str
    content: str
    option: str
    """The mkdocs.yml option that chose the path, like `timeline.json_path`."""


@dataclass(frozen=True)
class Site:
    """What generators read; built once per build by the host."""

    catalog: Catalog
    events: Sequence[Event]
    src_uris: Collection[str]
    """Every file of the site: relative links in front matter must point at one."""
    url_for: Callable[[str], str | None]
    """The built URL (relative to the site root) of a source path; None if not a file."""
    docs_dir: str
    config_dir: str
    """The folder of mkdocs.yml: paths in messages are shown relative to it."""
    site_url: str | None = None
    template_dirs: Sequence[str] = ()
    excluded_pages: Sequence[tuple[str, str]] = field(default=())
    """`(src_uri, text)` of pages left out of the build (exclude_docs, drafts)."""

    def link(self, url: str | None) -> str | None:
        """A docs-relative path made the built page's URL; absolute when site_url is set."""
        if url is None:
            return None
        parts = urlsplit(url)
        if not parts.scheme and not parts.netloc and parts.path:
            built = self.url_for(posixpath.normpath(unquote(parts.path)))
            if built is not None:
                url = built + (f"#{parts.fragment}" if parts.fragment else "")
        elif not parts.scheme and not parts.netloc:
            return url
        return urljoin(self.site_url, url) if self.site_url and not parts.scheme else url


class Generator(ABC):
    """One generated page (and its files), configured by one section of the options."""

    #: The section of the plugin's options that configures it (`comparison`, `timeline`).
    option: ClassVar[str]

    @property
    @abstractmethod
    def enabled(self) -> bool: ...

    @abstractmethod
    def check_options(self, kinds: Sequence[str]) -> list[str]:
        """Problems with its options, as `option: message` lines (empty when fine)."""

    @abstractmethod
    def paths(self) -> list[tuple[str, str]]:
        """`(option, path)` of every page and file it writes, before it writes them."""

    @abstractmethod
    def generate(self, site: Site) -> list[Output]:
        """Its pages and files; `FrontMatterError` for bad front matter, `OptionError`."""

    def watched(self, docs_dir: str) -> list[str]:
        """Files outside `docs_dir` that it reads (`mkdocs serve` watches docs_dir itself)."""
        return []

    def reads(self, docs_dir: str) -> list[str]:
        """Every file it reads, in `docs_dir` or not (a page too, when an option names one):
        a preview that keeps its last output must know when to generate again."""
        return self.watched(docs_dir)


class PageSettings(Protocol):
    """The options every generated page has (config.ComparisonConfig, TimelineConfig)."""

    enabled: bool
    path: str
    intro: str | None
    json_path: str | None


class PageGenerator(Generator):
    """A generator of one page and, optionally, its JSON export (`option.path`,
    `option.json_path`), with an optional intro file (`option.intro`)."""

    def __init__(self, config: PageSettings) -> None:
        self.config = config

    @property
    def enabled(self) -> bool:
        return bool(self.config.enabled)

    @property
    def src_uri(self) -> str:
        return page_src_uri(self.config.path)

    def path_problems(self) -> list[str]:
        return page_path_problems(self.config)

    def paths(self) -> list[tuple[str, str]]:
        paths = [(f"{self.option}.path", self.src_uri)]
        if self.config.json_path:
            paths.append((f"{self.option}.json_path", self.config.json_path.lstrip("/")))
        return paths

    def watched(self, docs_dir: str) -> list[str]:
        return watched_intro(self.config.intro, docs_dir)

    def reads(self, docs_dir: str) -> list[str]:
        intro = self.config.intro
        return [os.path.abspath(os.path.join(docs_dir, intro))] if intro else []

    def outputs(self, page: str, data: str | None) -> list[Output]:
        """The page's Markdown and, when an export is configured, its JSON."""
        outputs = [Output(self.src_uri, page, f"{self.option}.path")]
        if self.config.json_path and data is not None:
            name = self.config.json_path.lstrip("/")
            outputs.append(Output(name, data, f"{self.option}.json_path"))
        return outputs


def page_src_uri(path: str) -> str:
    """The generated page's source path for a configured `path` (`a/b/` -> `a/b.md`)."""
    path = path.strip().strip("/")
    if not path:
        return "index.md"
    return path if path.endswith(".md") else f"{path}.md"


def path_problem(path: str, *, suffix: str | None = None) -> str:
    """Why a generated page or file cannot live at `path` ('' when it can).

    `suffix` is the extension the content needs (`.json` for an export); a page's path is
    a folder-style path (`comparison/`) or a `.md` name.
    """
    if not path.strip("/"):
        return "is empty: give it a name, like `comparison/`"
    parts = path.strip("/").split("/")
    if any(part.startswith(".") for part in parts):
        # MkDocs skips files whose path has a part starting with '.', so the page would
        # silently vanish; '..' would point outside the site.
        return "must be a plain path inside the site: no `..`, no parts starting with `.`"
    if not _SAFE_PATH.fullmatch(path.lstrip("/")):
        return (
            "may hold only letters, digits, `-`, `_`, `.` and `/` (no spaces, `%`, `#`, `?`, "
            "quotes or backslashes), so its address is the same everywhere"
        )
    name = parts[-1]
    if suffix is not None:
        if not name.endswith(suffix) or name == suffix:
            return f"must be a file name ending in `{suffix}`, like `data{suffix}`"
    elif "." in name and not name.endswith(".md"):
        return (
            f"looks like a file name ({name!r}); a page's path is a folder-style path like "
            "`timeline/`"
        )
    return ""


def page_path_problems(config: PageSettings) -> list[str]:
    """`option: message` lines for a page path or an export name that cannot be used."""
    problems = []
    if problem := path_problem(config.path):
        problems.append(f"path: {config.path!r} {problem}")
    if config.json_path is not None and (problem := path_problem(config.json_path, suffix=".json")):
        problems.append(f"json_path: {config.json_path!r} {problem}")
    return problems


def option_problems(generators: Sequence[Generator], kinds: Sequence[str]) -> list[str]:
    """Every generator's option problems, as `section.option: message` lines."""
    return [
        f"{generator.option}.{problem}"
        for generator in generators
        for problem in generator.check_options(kinds)
    ]


def planned_paths(generators: Sequence[Generator]) -> list[tuple[str, str]]:
    """`(option, path)` of every page and file the generators will write."""
    return [pair for generator in generators for pair in generator.paths()]


def built(src_uri: str, use_directory_urls: bool) -> File:
    """Where MkDocs (and Zensical) build a source path: `.dest_uri` and `.url`."""
    return File(src_uri, None, "", use_directory_urls)


def path_clashes(
    planned: Iterable[tuple[str, str]],
    use_directory_urls: bool,
    taken: Callable[[str], str | None],
) -> list[str]:
    """`clashes` of the planned paths, each at the address it will be built at."""
    return clashes(
        ((option, path, built(path, use_directory_urls).dest_uri) for option, path in planned),
        taken,
    )


def generate_all(generators: Sequence[Generator], site: Site) -> list[Output]:
    """Every generator's outputs; `FrontMatterError` lists the problems of all of them."""
    outputs: list[Output] = []
    problems: list[Problem] = []
    for generator in generators:
        try:
            outputs += generator.generate(site)
        except FrontMatterError as error:
            problems += error.problems
    if problems:
        raise FrontMatterError(problems)
    return outputs


def json_text(data: object) -> str:
    """A JSON export as published: indented, UTF-8 as is, a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def clashes(
    outputs: Iterable[tuple[str, str, str]], taken: Callable[[str], str | None]
) -> list[str]:
    """Messages for generated outputs that would share an address.

    `outputs` are `(option, src_uri, dest_uri)`; `taken(dest_uri)` names a site file already
    built at that address (None when free). Outputs are also checked against each other and
    against the files MkDocs and the theme write later (`RESERVED_PATHS`).
    """
    problems = []
    seen: dict[str, str] = {}
    for option, src_uri, dest_uri in outputs:
        if dest_uri in seen:
            problems.append(
                f"{option}: {src_uri!r} is built at {dest_uri!r}, like {seen[dest_uri]}; "
                "give one of them another path"
            )
            continue
        seen[dest_uri] = option
        if dest_uri in RESERVED_PATHS:
            problems.append(
                f"{option}: {src_uri!r} would be built at {dest_uri!r}, a file MkDocs or the "
                "theme writes; choose another path"
            )
        elif (owner := taken(dest_uri)) is not None:
            problems.append(
                f"{option}: {src_uri!r} would be built at {dest_uri!r}, where {owner} is "
                "already built; rename or remove that file, or set another path"
            )
    return problems


def read_intro(intro: str | None, option: str, site: Site) -> str:
    """The Markdown of an intro file under docs_dir, without its front matter."""
    if not intro:
        return ""
    path = os.path.join(site.docs_dir, intro)
    shown = os.path.relpath(path, site.config_dir)
    try:
        with open(path, encoding="utf-8-sig") as file:
            text = file.read()
    except FileNotFoundError:
        raise OptionError(
            f"{option}: {shown} does not exist; write the introduction there, or remove the option"
        ) from None
    except UnicodeDecodeError:
        raise OptionError(
            f"{option}: {shown} is not UTF-8 text; save it with UTF-8 encoding"
        ) from None
    except OSError as error:
        raise OptionError(f"{option}: cannot read {shown}: {error.strerror}") from None
    # The intro may carry front matter like any page; it is not part of the text.
    body, _meta = get_data(text)
    return body


def watched_intro(intro: str | None, docs_dir: str) -> list[str]:
    """The intro file, when it lies outside docs_dir (MkDocs watches docs_dir itself)."""
    if not intro:
        return []
    docs = os.path.abspath(docs_dir)
    path = os.path.abspath(os.path.join(docs, intro))
    return [] if os.path.commonpath([path, docs]) == docs else [path]


def json_href(json_path: str, page_src_uri: str) -> str:
    """The export's address relative to the generated page that links to it."""
    return href_from(posixpath.normpath(json_path.lstrip("/")), page_src_uri)
