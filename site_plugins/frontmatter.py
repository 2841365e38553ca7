"""Read a page's YAML front matter strictly, and report problems in editors' terms.

MkDocs' own reader (`mkdocs.utils.meta.get_data`) silently drops front matter it cannot
parse; an editor would then see a page without its entity and no hint why. We parse the
same block with the same delimiters, but a syntax error becomes a `FrontMatterError` that
names the file and the line.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

# The same delimiters as MkDocs' YAML_RE, so both readers agree on what front matter is.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a page's front matter."""

    src_uri: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.src_uri}: {self.field}" if self.field else self.src_uri
        # Printed to terminals and CI logs: a value typed by an editor (a key, a file name)
        # must not carry an escape sequence that rewrites what the reader sees.
        return printable(f"{where}: {self.message}")


#: Characters a terminal or log viewer may act on, or that hide or reorder text: C0 and C1
#: controls (ESC starts terminal escape sequences), and bidirectional and invisible format
#: characters. Line breaks are kept: messages list one problem per line.
_UNPRINTABLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff]"
)


def printable(text: str) -> str:
    """`text` with every unprintable character shown as a Python escape (`\\x1b`)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class FrontMatterError(Exception):
    """One or more problems found in front matter; `str()` lists them one per line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def front_matter_text(text: str) -> str:
    """The front matter block of a page as typed ('' when it has none)."""
    match = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    return match.group(1) if match else ""


def read_front_matter(text: str, src_uri: str) -> dict[str, Any]:
    """Return the front matter of `text` as a mapping ({} when the page has none)."""
    text = text.replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    too_deep = FrontMatterError(
        [Problem(src_uri, "", "front matter is nested too deeply to read; flatten it")]
    )
    try:
        data, invalid = _load(match.group(1))  # a SafeLoader
    except RecursionError:
        raise too_deep from None
    except yaml.YAMLError as error:
        if "nesting depth" in str(error):  # libyaml's own limit
            raise too_deep from None
        mark = getattr(error, "problem_mark", None)
        # +2: the mark counts from 0 inside the block, which starts after the '---' line.
        line = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        if not isinstance(error, yaml.constructor.ConstructorError):
            problem += "; check that line's indentation, and quote text that contains ': '"
        raise FrontMatterError(
            [Problem(src_uri, "", f"front matter is not valid YAML{line}: {problem}")]
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            [Problem(src_uri, "", f"front matter must be a mapping of keys, not {describe(data)}")]
        )
    if invalid:
        # MkDocs would publish this page's front matter as text: in any key, it is an error.
        raise FrontMatterError([_invalid_value_problem(src_uri, *value) for value in invalid])
    return data


# libyaml's parser when PyYAML was built with it (as MkDocs does): it reads 10x faster.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader, minus the ways it fails an editor silently or with a traceback.

    * A key written twice would silently keep the last value: it is an error instead.
    * A scalar that looks like a date or a number but is not one (`2025-02-30`, the year 0,
      a number with more digits than Python converts) raises a bare `ValueError` in PyYAML.
      MkDocs' own reader then drops the whole front matter and publishes it as page text;
      here each one is noted (`invalid`) and reported with its field and line.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        #: (node, what it looked like) for every scalar PyYAML could not convert.
        self.invalid: list[tuple[yaml.ScalarNode, str]] = []
        #: Where each node sits: id(node) -> (id(parent node), key or 1-based item number).
        self.parents: dict[int, tuple[int, str]] = {}

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            self.parents[id(value_node)] = (id(node), str(key))
            try:
                earlier = seen.setdefault(key, key_node)
            except TypeError:
                continue  # unhashable: PyYAML's own check reports it
            if earlier is not key_node:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"the key {key!r} appears twice (first at line {earlier.start_mark.line + 2});"
                    " keep one",
                    key_node.start_mark,
                )
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> list[Any]:
        for number, item in enumerate(node.value, start=1):
            self.parents[id(item)] = (id(node), f"item {number}")
        items: list[Any] = super().construct_sequence(node, deep=deep)
        return items

    def field_of(self, node: yaml.Node) -> str:
        """The dotted field a node belongs to (`suitor.as_of`, `tags.item 2`)."""
        parts = []
        key = id(node)
        while key in self.parents:
            key, part = self.parents[key]
            parts.append(part)
        return ".".join(reversed(parts))

    def _noted_if_invalid(self, node: yaml.ScalarNode, construct: Any, looks_like: str) -> Any:
        try:
            return construct(self, node)
        except (ValueError, OverflowError):
            self.invalid.append((node, looks_like))
            return self.construct_scalar(node)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        return self._noted_if_invalid(node, yaml.SafeLoader.construct_yaml_timestamp, "a date")

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        return self._noted_if_invalid(node, yaml.SafeLoader.construct_yaml_int, "a number")

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Any:
        return self._noted_if_invalid(node, yaml.SafeLoader.construct_yaml_float, "a number")


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _StrictLoader.construct_yaml_float)


def _load(block: str) -> tuple[Any, list[tuple[str, int, str, str]]]:
    """The YAML data, and (field, line, text, looks-like) for each value PyYAML rejects."""
    loader = _StrictLoader(block)
    try:
        data = loader.get_single_data()
        invalid = [
            (loader.field_of(node), node.start_mark.line + 2, str(node.value), looks_like)
            for node, looks_like in loader.invalid
        ]
    finally:
        loader.dispose()
    return data, invalid


def _invalid_value_problem(src_uri: str, field: str, line: int, text: str, looks: str) -> Problem:
    fix = (
        "write a real date as YYYY-MM-DD (years 1 to 9999)"
        if looks == "a date"
        else "write a number Python can read"
    )
    return Problem(
        src_uri,
        field,
        f"{clipped(text)!r} (line {line}) looks like {looks} but is not one"
        f"{' in the calendar' if looks == 'a date' else ''}; {fix}, or put the value in"
        " quotes to keep it as text",
    )


def describe(value: object) -> str:
    """Name a YAML value's type the way an editor would."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({clipped(value)!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, datetime.date):
        return f"a date ({value.isoformat()})"
    return type(value).__name__


def clipped(text: str, limit: int = 40) -> str:
    """`text`, cut to `limit` characters with '…' when longer: enough to find it."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean `x`?)' for the closest choice, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""
