"""Every front-matter value that can reach a page, made inert before the theme prints it.

MkDocs' Jinja does not autoescape, and Material prints front-matter keys into the page as
they are: `title` into `<title>` and the header, `description` and `author` into meta tags,
`subtitle` into the navigation, `status` into a class name, `icon` into a template path,
`template` picks the page's template, `hide` and `search` steer the theme and the search
index (see material/templates: `page.meta.*`, `nav_item.meta.*`). A theme override may
print any other key. So each key gets a policy:

* text the theme prints (`title`, `subtitle`, `description`, `author`): text, a number or
  a date, HTML-escaped; anything else is an error;
* words the theme puts into markup or a path (`status`, `icon`, `template`, `hide`,
  `search`, `tags`, `location`): checked against what the theme accepts, then escaped;
* the plugin's own switch `crosslinks`: true or false, not the text "false";
* every other key: its text (keys and values, however nested) HTML-escaped, numbers,
  dates and yes/no kept as they are.

In every key, text with control, bidirectional or invisible characters is an error
(characters.py). Nothing here imports MkDocs: the plugin calls `inert_page_meta` with
`page.meta` and turns a `FrontMatterError` into a build error.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from .characters import character_problem
from .frontmatter import FrontMatterError, Problem, clipped, describe
from .urls import url_problem

#: Keys a theme prints as text; a number or a date is accepted as its text.
TEXT_KEYS = ("title", "subtitle", "description", "author")
#: Material's `hide` values (base.html, partials/footer.html, feedback.html, path.html, tags.html).
HIDE_WORDS = ("navigation", "toc", "footer", "feedback", "path", "tags")
#: `status` becomes part of a class name (`md-status--<status>`): one word.
_STATUS = re.compile(r"[A-Za-z0-9_-]+")
#: `icon` becomes a template path (`.icons/<icon>.svg`): Material's icon names.
_ICON = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)*")
#: `template` is a template file of the theme or of `custom_dir`.
_TEMPLATE = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.html")
_SEARCH_KEYS = {"exclude": "yes or no", "boost": "a number"}
#: Deeper than any theme reads; deeper values would make escaping them recurse too far.
MAX_DEPTH = 20

Check = Callable[[str, Any], tuple[Any, list[str]]]


def inert_page_meta(meta: Mapping[Any, Any], src_uri: str) -> dict[Any, Any]:
    """A copy of `meta` that is safe to print; `FrontMatterError` lists what cannot be."""
    problems: list[Problem] = []
    result: dict[Any, Any] = {}
    for key, value in meta.items():
        field = str(key)
        texts, depth = _texts(value, field)
        if depth > MAX_DEPTH:
            problems.append(
                Problem(src_uri, field, f"is nested more than {MAX_DEPTH} levels deep; flatten it")
            )
            continue
        for where, text in [(field, field), *texts] if isinstance(key, str) else texts:
            if problem := character_problem(text):
                problems.append(Problem(src_uri, where, problem))
        check = _POLICY.get(field, _escaped_anywhere) if isinstance(key, str) else None
        if check is None:
            result[_inert_key(key)] = _escaped_anywhere(field, value)[0]
            continue
        inert, messages = check(field, value)
        problems.extend(Problem(src_uri, field, message) for message in messages)
        if inert is not _DROPPED:
            result[_inert_key(key)] = inert
    if problems:
        raise FrontMatterError(problems)
    return result


_DROPPED = object()


def _texts(value: object, where: str) -> tuple[list[tuple[str, str]], int]:
    """Every string in `value` (keys too), with the field it sits in; and how deep it goes.

    Iterative, and it stops past MAX_DEPTH: front matter can nest as deep as YAML allows.
    """
    found: list[tuple[str, str]] = []
    deepest = 0
    stack: list[tuple[object, str, int]] = [(value, where, 0)]
    while stack:
        item, place, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        if isinstance(item, str):
            found.append((place, item))
        elif isinstance(item, list):
            stack.extend(
                (child, f"{place}.item {n}", depth + 1) for n, child in enumerate(item, start=1)
            )
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((key, place, depth + 1))
                stack.append((child, f"{place}.{key}", depth + 1))
    return found, deepest


def _inert_key(key: object) -> object:
    return escape(key) if isinstance(key, str) else key


def _escaped_anywhere(_field: str, value: Any) -> tuple[Any, list[str]]:
    """Text HTML-escaped wherever it sits; numbers, dates, yes/no and nothing kept."""
    if isinstance(value, str):
        return escape(value), []
    if isinstance(value, list):
        return [_escaped_anywhere(_field, item)[0] for item in value], []
    if isinstance(value, dict):
        return {
            _inert_key(key): _escaped_anywhere(_field, item)[0] for key, item in value.items()
        }, []
    return value, []


def _printed_text(field: str, value: Any) -> tuple[Any, list[str]]:
    if value is None:
        return _DROPPED, []  # an empty `title:` is no title: MkDocs takes the heading
    if isinstance(value, bool) or not isinstance(value, str | int | float | datetime.date):
        return _DROPPED, [f"must be text, not {describe(value)}"]
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    # MkDocs holds a page title as HTML, and themes print all of these unescaped.
    return escape(text), []


def _word(pattern: re.Pattern[str], what: str) -> Check:
    def check(field: str, value: Any) -> tuple[Any, list[str]]:
        if isinstance(value, str) and pattern.fullmatch(value):
            return value, []
        shown = repr(clipped(value)) if isinstance(value, str) else describe(value)
        return _DROPPED, [f"{shown} is not {what}"]

    return check


def _hide(_field: str, value: Any) -> tuple[Any, list[str]]:
    allowed = ", ".join(HIDE_WORDS)
    if not isinstance(value, list):
        return _DROPPED, [f"must be a list of what to hide ({allowed}), not {describe(value)}"]
    wrong = [item for item in value if item not in HIDE_WORDS]
    if wrong:
        shown = repr(clipped(wrong[0])) if isinstance(wrong[0], str) else describe(wrong[0])
        return _DROPPED, [f"{shown} cannot be hidden; the theme hides: {allowed}"]
    return list(value), []


def _search(_field: str, value: Any) -> tuple[Any, list[str]]:
    expected = "a mapping with `exclude: true` or `boost: <number>`"
    if not isinstance(value, dict):
        return _DROPPED, [f"must be {expected}, not {describe(value)}"]
    problems = []
    for key, item in value.items():
        if key not in _SEARCH_KEYS:
            shown = repr(clipped(str(key)))
            problems.append(f"has the unknown setting {shown}; it takes {expected}")
        elif (key == "exclude") != isinstance(item, bool) or (
            key == "boost" and not isinstance(item, int | float)
        ):
            problems.append(f"{key} must be {_SEARCH_KEYS[key]}, not {describe(item)}")
    return (_DROPPED, problems) if problems else (dict(value), [])


def _tags(_field: str, value: Any) -> tuple[Any, list[str]]:
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) for item in items):
        bad = next(item for item in items if not isinstance(item, str))
        return _DROPPED, [f"must be a list of text, not a list holding {describe(bad)}"]
    return [escape(item) for item in items], []


def _location(_field: str, value: Any) -> tuple[Any, list[str]]:
    if not isinstance(value, str):
        return _DROPPED, [f"must be a URL, not {describe(value)}"]
    if problem := url_problem(value):
        return _DROPPED, [problem]
    return escape(value), []


def _crosslinks(_field: str, value: Any) -> tuple[Any, list[str]]:
    if isinstance(value, bool):
        return value, []
    hint = " (write it without quotes)" if str(value).lower() in ("true", "false") else ""
    return _DROPPED, [f"must be true or false, not {describe(value)}{hint}"]


_POLICY: dict[str, Check] = {
    **dict.fromkeys(TEXT_KEYS, _printed_text),
    "status": _word(_STATUS, "one word of letters, digits, '-' or '_' (it names a style)"),
    "icon": _word(_ICON, "an icon name like `material/star` (lower-case, '-' and '/')"),
    "template": _word(_TEMPLATE, "a template file name like `main.html`"),
    "hide": _hide,
    "search": _search,
    "tags": _tags,
    "location": _location,
    "crosslinks": _crosslinks,
}
