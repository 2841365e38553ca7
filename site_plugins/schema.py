"""Front-matter schemas: MkDocs config options with messages an editor understands.

Front matter is validated with MkDocs' own `config_options` machinery, as `mkdocs.yml` is.
`validate_mapping` differs from `Config.validate` in one way that matters to editors: it
goes on after the first bad field, so one build reports every problem of a page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mkdocs.config.base import BaseConfigOption, ValidationError

from .characters import character_problem, has_letter_or_digit, normalised, visible_length
from .frontmatter import Problem, describe, did_you_mean

Schema = Sequence[tuple[str, BaseConfigOption[Any]]]


class Text(BaseConfigOption[str]):
    """A non-empty single line of text, with messages an editor understands.

    Control, bidirectional and invisible characters are refused (characters.py); the value
    is returned in NFC with whitespace runs as single spaces, so it compares equal to the
    same words typed another way. Lengths count the characters a reader sees.
    `name=True` is for names: they must hold a letter or a digit.
    """

    def __init__(
        self, *, max_length: int | None = None, min_length: int = 1, name: bool = False
    ) -> None:
        super().__init__()
        self.max_length = max_length
        self.min_length = min_length
        self.name = name

    def run_validation(self, value: object) -> str:
        if value is None:
            raise ValidationError("is required")
        if not isinstance(value, str):
            raise ValidationError(f"must be text, not {describe(value)}")
        if problem := character_problem(value):
            raise ValidationError(problem)
        value = normalised(value)
        length = visible_length(value)
        if length < self.min_length:
            if self.min_length == 1:
                raise ValidationError("must not be empty")
            raise ValidationError(f"{value!r} is too short (at least {self.min_length} characters)")
        if self.name and not has_letter_or_digit(value):
            raise ValidationError(
                f"{value!r} has no letter or digit: a name must contain at least one"
            )
        if self.max_length is not None and length > self.max_length:
            raise ValidationError(
                f"is {length} characters long; keep it to {self.max_length} or fewer"
            )
        return value


class TextList(BaseConfigOption[list[str]]):
    """A list of strings (a single string is accepted as a one-item list)."""

    def __init__(self, item: Text) -> None:
        super().__init__()
        self.item = item
        self.default: list[str] = []

    def run_validation(self, value: object) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise ValidationError(f"must be a list of text, not {describe(value)}")
        items = []
        for index, item in enumerate(value):
            try:
                items.append(self.item.run_validation(item))
            except ValidationError as error:
                raise ValidationError(f"item {index + 1} {error}") from None
        return items


def validate_mapping(
    schema: Schema,
    data: Mapping[Any, Any],
    src_uri: str,
    section: str,
) -> tuple[dict[str, Any], list[Problem]]:
    """Validate every key of `data`; unlike `Config.validate`, go on after a failure."""
    known = [key for key, _ in schema]
    problems = []
    for key in data:
        if key not in known:
            hint = did_you_mean(str(key), known) or f" (allowed: {', '.join(known)})"
            problems.append(Problem(src_uri, f"{section}.{key}", f"unknown field{hint}"))
    values: dict[str, Any] = {}
    for key, option in schema:
        try:
            values[key] = option.validate(data.get(key))
        except ValidationError as error:
            problems.append(Problem(src_uri, f"{section}.{key}", str(error)))
    return values, problems


def mapping_items(
    data: object, src_uri: str, key: str, *, list_of: str, item: str, allow_empty: bool = True
) -> tuple[list[tuple[int, str, dict[Any, Any]]], list[Problem]]:
    """The mappings of a front-matter list (`events:`, `entities:`, …), numbered from 1.

    Returns `(number, where, mapping)` for each mapping, where is like `events[2]`, and a
    problem for the list itself or for each item that is not a mapping. `list_of` and `item`
    complete the messages: "must be a list of {list_of}", "must be a mapping{item}".
    """
    if not isinstance(data, list) or not (data or allow_empty):
        return [], [Problem(src_uri, key, f"must be a list of {list_of}, not {describe(data)}")]
    items, problems = [], []
    for number, value in enumerate(data, start=1):
        where = f"{key}[{number}]"
        if isinstance(value, dict):
            items.append((number, where, value))
        else:
            problems.append(
                Problem(src_uri, where, f"must be a mapping{item}, not {describe(value)}")
            )
    return items, problems
