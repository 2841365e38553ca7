"""Property tests on front matter: generated entity, suitor and page values, any YAML type,
any Unicode, spliced with markup and Markdown that would be live if it got through.

For each example a tiny site (three pages, one Markdown field) is built, and either

* the build stops, with a message that names the page the value was put in and no
  Python traceback; or
* the site is built, and nothing generated became markup: no element or attribute the
  canaries ask for, no link or image to the canaries' host or a script URL, no script the
  theme does not put on every page.

Whole builds are slow: the dev profile's examples (tests/conftest.py) are about a build a
second here; CI=true runs more.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from .conftest import build_site
from .test_bad_input import COMPANY, mkdocs_log, write_site
from .test_hostile_input import html_pages, parse, script_signatures
from .test_hostile_values import MARKDOWN_FIELD_CONFIG

FUZZED = "suitors/acme.md"
#: Pieces that are live markup, a live attribute or a live link if they ever get through.
CANARIES = [
    "<i id=fuzzcanary>",
    "</i>",
    '" data-fuzzcanary="1',
    "' data-fuzzcanary='1",
    "<script>fuzzcanary()</script>",
    "[x](javascript:fuzzcanary())",
    "[x](\\\\fuzzcanary.example/x)",
    "![x](//fuzzcanary.example/x.png)",
    "<img src=//fuzzcanary.example/y.png>",
    "{: data-fuzzcanary=1 }",
    "&lt;i id=fuzzcanary&gt;",
    "&#60;i id=fuzzcanary&#62;",
    "\x02",
    "\x03",
    "\x0242\x03",
    "\x02wzxhzdk:0\x03",
    "*",
    "_",
    "`",
    "\\",
    "[^1]",
    "\u202e",
    "\u00a0",
    "e\u0301",
    "\x1b[2J",
    "{{ 7 * 7 }}",
]

#: Text with a canary in it, always: values without one prove nothing.
texts = st.tuples(
    st.text(max_size=8),
    st.sampled_from(CANARIES),
    st.text(max_size=8),
    st.lists(st.sampled_from(CANARIES), max_size=2).map("".join),
).map("".join)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=datetime.date(1, 1, 1)),
    texts,
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
#: Scalars typed raw into the YAML, as an editor would, to reach PyYAML's own parsers.
raw_scalars = st.sampled_from(
    [
        "0000-01-01",
        "2025-02-30",
        "2025-01-01 00:00:00 +99:00",
        "0x_",
        "1" * 5000,
        "1e999",
        ".nan",
        "yes",
        "~",
        "2025-02",
        "'<i id=fuzzcanary>'",
        "http://[::1/x",
    ]
)

#: Where a generated value goes (section, key); free-text fields, where a value is most
#: likely accepted and printed, are listed more than once so they are drawn more often.
TARGETS = [
    *[("entity", key) for key in ("name", "aliases", "summary", "summary", "kind")],
    *[("suitor", key) for key in ("offers", "offers", "deal", "status", "public", "home")],
    *[("suitor", key) for key in ("as_of", "sources")],
    *[("source", key) for key in ("title", "title", "url")],
    *[("page", key) for key in ("title", "subtitle", "description", "author", "tags")],
    *[("page", key) for key in ("status", "crosslinks", "custom", "custom", "")],
]


def _plain_suitor() -> dict[str, Any]:
    return {
        "entity": {
            "name": "Acme Motors",
            "aliases": ["Acme"],
            "kind": "suitor",
            "summary": "A carmaker that might buy a stake.",
        },
        "suitor": {
            "status": "in talks",
            "deal": ["stake purchase"],
            "public": True,
            "home": "https://acme.example/",
            "as_of": datetime.date(2025, 2, 28),
            "sources": [{"title": "Acme press release", "url": "https://acme.example/press"}],
            "offers": "Money and *factories*.",
        },
    }


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    """The suitor page's front matter with a few values replaced by generated ones."""
    data = _plain_suitor()
    # Mostly one value, mostly text: a second wrong value would only stop the build sooner.
    for _ in range(draw(st.sampled_from((1, 1, 1, 2)))):
        section, key = draw(st.sampled_from(TARGETS))
        value = draw(st.one_of(texts, texts, st.lists(texts, max_size=3), values))
        if section == "page":
            data[key or draw(st.text(min_size=1, max_size=8))] = value
        elif section == "source":
            # Into the first source, unless an earlier draw replaced the list itself.
            sources = data["suitor"].get("sources")
            if isinstance(sources, list) and sources and isinstance(sources[0], dict):
                sources[0][key] = value
        elif isinstance(data.get(section), dict):
            data[section][key] = value
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if draw(st.booleans()):
        # A value typed raw (not as PyYAML would write it), in a key of its own.
        text += f"fuzzed_raw: {draw(raw_scalars)}\n"
    return text


def _build(root: Path, front_matter: str) -> tuple[Path | None, str]:
    """The site folder (None if the build stopped) and what MkDocs logged."""
    pages = {
        "index.md": "# Home\n\nAcme Motors and Beta Cars.\n",
        # Raw HTML on the page fills Markdown's stash, which placeholders could point at.
        FUZZED: f"---\n{front_matter}---\n# Acme\n\nAcme Motors meets <b>Beta Cars</b>.\n",
        "companies/beta.md": COMPANY,
    }
    config_file = write_site(root, pages, MARKDOWN_FIELD_CONFIG)
    with mkdocs_log() as messages:
        try:
            build_site(config_file, root / "site")
        except Abort:
            return None, "\n".join(messages)
    return root / "site", "\n".join(messages)


def _plain_scripts() -> dict[str, set[tuple[str, str]]]:
    with tempfile.TemporaryDirectory() as folder:
        site, output = _build(Path(folder), yaml.safe_dump(_plain_suitor(), sort_keys=False))
        assert site is not None, output
        return {name: script_signatures(parse(path)) for name, path in html_pages(site)}


_PLAIN_SCRIPTS: dict[str, set[tuple[str, str]]] = {}


def _assert_nothing_became_markup(site: Path) -> None:
    if not _PLAIN_SCRIPTS:
        _PLAIN_SCRIPTS.update(_plain_scripts())
    for name, path in html_pages(site):
        page = parse(path)
        extra = script_signatures(page) - _PLAIN_SCRIPTS.get(name, set())
        assert not extra, f"{name}: a script the theme did not put there: {extra}"
        for element in page.elements:
            assert element.attrs.get("id") != "fuzzcanary", f"{name}: live <{element.tag}>"
            for attr, value in element.attrs.items():
                assert "fuzzcanary" not in attr, f"{name}: live attribute {attr}"
                assert not attr.startswith("on"), f"{name}: event handler {attr}"
                if attr in ("href", "src", "srcset", "action", "formaction", "poster"):
                    cleaned = "".join(ch for ch in value if ch > " ").lower()
                    assert not cleaned.startswith(("javascript:", "data:", "vbscript:")), value
                    assert "fuzzcanary.example" not in value, f"{name}: {attr}={value!r}"


@settings(max_examples=max(10, settings.default.max_examples))
@given(front_matters())
def test_fuzzed_front_matter_fails_naming_the_page_or_stays_inert(front_matter: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site, output = _build(Path(folder), front_matter)
        assert "Traceback" not in output
        if site is None:
            assert f"docs/{FUZZED}" in output, output
            # Printed to a terminal: no escape sequence from the value acts there.
            assert "\x1b" not in output
        else:
            _assert_nothing_became_markup(site)


def test_the_plain_front_matter_builds() -> None:
    """The control: without generated values, the fuzzed page builds."""
    with tempfile.TemporaryDirectory() as folder:
        site, output = _build(Path(folder), yaml.safe_dump(_plain_suitor(), sort_keys=False))
        assert site is not None, output
        assert "Acme Motors" in parse(site / "compare" / "index.html").text
