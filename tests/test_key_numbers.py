"""Key numbers: figures a page states up front, dated and sourced in its front matter."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT
from .test_comparison import parse
from .test_timeline import build, build_error
from .timeline_site import SOURCE, write_site

MARKER = "<!-- key-numbers -->"


def figure(**changes: Any) -> dict[str, Any]:
    values = {"figure": "9,000", "label": "jobs cut", "as_of": "2025-03-02", "sources": [SOURCE]}
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


def with_numbers(site: Path, *numbers: Any, marker: bool = True) -> None:
    write_site(site.parent, index={"key_numbers": list(numbers)})
    index = site.parent / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    if marker:
        index.write_text(text.replace("# Beta\n", f"# Beta\n\n{MARKER}\n"), encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "project")


def test_key_numbers_show_where_the_page_asks(site: Path) -> None:
    with_numbers(site, figure(), figure(figure="¥97bn", label="headquarters deal"))
    root = parse(build(site) / "index.html")
    [block] = root.find_class("explainer-key-numbers")
    assert block.tag == "section" and block.attrs["aria-label"] == "Key numbers"
    figures = [n.text() for n in block.find_class("explainer-key-numbers__figure")]
    assert figures == ["9,000", "¥97bn"]
    [time] = list(block.find_class("explainer-key-numbers__item")[0].iter("time"))
    assert time.attrs["datetime"] == "2025-03-02"
    [link] = list(block.find_class("explainer-key-numbers__item")[0].iter("a"))
    assert link.attrs["href"] == SOURCE["url"]
    assert link.attrs["aria-label"] == f"Source: {SOURCE['title']}"


def test_hostile_values_stay_text(site: Path) -> None:
    with_numbers(
        site,
        figure(figure="<script>x</script>", label="[a](javascript:alert(1)) *b*"),
    )
    html = (build(site) / "index.html").read_text(encoding="utf-8")
    assert "<script>x</script>" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<em>" not in html


@pytest.mark.parametrize(
    ("numbers", "fragment"),
    [
        ([figure(as_of="2999-01-01")], "key_numbers[1].as_of: 2999-01-01 is in the future"),
        ([figure(sources=None)], "key_numbers[1].sources: is required"),
        ([figure(figure="1" * 30)], "key_numbers[1].figure: is 30 characters long"),
        ([figure(), "12"], "key_numbers[2]: must be a mapping"),
        ("12", "key_numbers: must be a list of figures"),
    ],
)
def test_bad_key_numbers_are_reported(site: Path, numbers: Any, fragment: str) -> None:
    with_numbers(site, *numbers) if isinstance(numbers, list) else write_site(
        site.parent, index={"key_numbers": numbers}
    )
    assert fragment in build_error(site)


def test_key_numbers_need_a_place_on_the_page(site: Path) -> None:
    with_numbers(site, figure(), marker=False)
    assert f"key_numbers: the page does not say where to show them: put a line `{MARKER}`" in (
        build_error(site)
    )


def test_the_home_page_states_its_key_numbers(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r'explainer-key-numbers__figure">([^<]+)<', html)
    assert len(figures) >= 3
    answer = html.index("The answer in one minute")
    assert answer < html.index('class="explainer-key-numbers')  # the answer comes first
    assert MARKER in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
