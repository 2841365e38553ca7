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
        return f"{where}: {self.message}"


class FrontMatterError(Exception):
    """One or more problems found in front matter; `str()` lists them one per line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


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
        data = yaml.load(match.group(1), Loader=_StrictLoader)  # a SafeLoader
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
    return data


# libyaml's parser when PyYAML was built with it (as MkDocs does): it reads 10x faster.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader, minus the ways it fails an editor silently or with a traceback.

    * A key written twice would silently keep the last value: it is an error instead.
    * A scalar that looks like a date or a number but is not one (`2025-02-30`, a number
      with more digits than Python converts) raises a bare `ValueError` in PyYAML; it is
      kept as text, so the field's own check says what is wrong with it and where.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _value in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
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

    def _as_text_if_invalid(self, node: yaml.ScalarNode, construct: Any) -> Any:
        try:
            return construct(self, node)
        except ValueError:
            return self.construct_scalar(node)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        return self._as_text_if_invalid(node, yaml.SafeLoader.construct_yaml_timestamp)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        return self._as_text_if_invalid(node, yaml.SafeLoader.construct_yaml_int)


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)


def describe(value: object) -> str:
    """Name a YAML value's type the way an editor would."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({value!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, datetime.date):
        return f"a date ({value.isoformat()})"
    return type(value).__name__


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean `x`?)' for the closest choice, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""
