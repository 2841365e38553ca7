"""Ties between compared entries, declared in front matter (diagram option `ties_field`):
drawn as labelled lines in the built diagram; an item that names no compared entry is a
front-matter error naming the file, the field and the fix."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError

from site_plugins.diagram import Node, Tie, arrange, parse_tie, render_diagram

from .conftest import copy_project

SVG = "{http://www.w3.org/2000/svg}"


def _comparison(config: dict[str, Any]) -> dict[str, Any]:
    """The `comparison:` options of the explainer plugin in a loaded mkdocs.yml."""
    options = next(p["explainer"] for p in config["plugins"] if isinstance(p, dict))
    comparison: dict[str, Any] = options["comparison"]
    return comparison


def _with_ties(config_file: Path, ties: dict[str, list[str]]) -> str:
    """Declare a `ties` list field, name it the diagram's ties_field, give pages ties.

    Returns the comparison page's path."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    comparison = _comparison(config)
    if not any(field["key"] == "ties" for field in comparison["fields"]):
        comparison["fields"].append({"key": "ties", "label": "Ties to the others", "type": "list"})
    comparison["diagram"]["ties_field"] = "ties"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    kind = comparison["kind"]
    for src_uri, items in ties.items():
        page = config_file.parent / "docs" / src_uri
        _, front, body = page.read_text(encoding="utf-8").split("---\n", 2)
        meta: dict[str, Any] = yaml.safe_load(front)
        meta[kind]["ties"] = items
        page.write_text(f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{body}", "utf-8")
    return str(comparison["path"])


def _suitors(config_file: Path) -> list[tuple[str, str]]:
    """(src_uri, name) of the compared pages of the copy, in file order."""
    found = []
    for page in sorted((config_file.parent / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        if text.startswith("---\n") and "\nsuitor:" in text.split("\n---\n", 1)[0]:
            meta = yaml.safe_load(text.split("---\n", 2)[1])
            name = meta["entity"]["name"]
            found.append((page.relative_to(config_file.parent / "docs").as_posix(), name))
    assert len(found) >= 2, found
    return found


def _diagram(site_dir: Path, path: str) -> etree.Element:
    html = (site_dir / path / "index.html").read_text(encoding="utf-8")
    match = re.search(
        r'<svg xmlns="http://www.w3.org/2000/svg" class="explainer-diagram__svg".*?</svg>',
        html,
        re.S,
    )
    assert match, "no diagram on the comparison page"
    return etree.fromstring(match.group(0))


def test_a_declared_tie_is_drawn_and_described(
    tmp_path: Path, build_copy: Callable[..., Path]
) -> None:
    config_file = copy_project(tmp_path / "project")
    (src_uri, name), (_, other) = _suitors(config_file)[:2]
    _with_ties(config_file, {src_uri: [f"{other}: shared a test tie"]})
    out = build_copy(config_file)
    path = yaml.safe_load(config_file.read_text("utf-8"))["plugins"][1]["explainer"]["comparison"][
        "path"
    ]
    root = _diagram(out, path)
    assert len(root.findall(f".//{SVG}polyline[@class='explainer-diagram__tie']")) == 1
    words = [" ".join(t.text or "" for t in text) for text in root.iter(f"{SVG}text")]
    assert "shared a test tie" in words
    desc = root.find(f"{SVG}desc")
    assert desc is not None and f"{name} and {other}: shared a test tie" in (desc.text or "")


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("Nobody Inc: a tie", "names 'Nobody Inc', which is not compared here; use one of:"),
        ("no label here", "is not '<name>: <label>'"),
    ],
)
def test_a_tie_naming_no_compared_entry_is_an_error_naming_the_file(
    tmp_path: Path,
    build_copy: Callable[..., Path],
    item: str,
    expected: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    config_file = copy_project(tmp_path / "project")
    src_uri, _ = _suitors(config_file)[0]
    _with_ties(config_file, {src_uri: [item]})
    with pytest.raises((Abort, PluginError)) as failure:
        build_copy(config_file)
    message = str(failure.value) + caplog.text
    assert f"docs/{src_uri}" in message
    assert "suitor.ties" in message
    assert expected in message
    assert "Traceback" not in message


def test_parse_tie() -> None:
    names = ["Foxconn", "Renault", "KKR"]
    assert parse_tie("Foxconn", "Renault:  its  stake ", names) == Tie(
        "Foxconn", "Renault", "its stake"
    )
    with pytest.raises(ValueError, match="ties Foxconn to itself"):
        parse_tie("Foxconn", "Foxconn: x", names)
    with pytest.raises(ValueError, match="use one of: Renault, KKR"):
        parse_tie("Foxconn", "Honda: x", names)


def test_tied_entries_share_a_row() -> None:
    nodes = [Node(n) for n in ("A", "B", "C", "D")]
    top, bottom = arrange(nodes, [Tie("A", "C", "x")], 2)
    assert [n.name for n in top] == ["A", "C"] and [n.name for n in bottom] == ["B", "D"]
    assert arrange(nodes, [], 2) == (nodes[:2], nodes[2:])


def test_ended_entries_are_dashed_and_ties_drawn_as_brackets() -> None:
    nodes = [Node("A", "a", "Live"), Node("B", "b", "Ended", ended=True), Node("C"), Node("D")]
    root = etree.fromstring(
        render_diagram("S", nodes, title="t", description="d", ties=[Tie("A", "D", "t")])
    )
    groups = {g.get("class"): g for g in root.iter(f"{SVG}g")}
    ended = [g for cls, g in groups.items() if cls and cls.endswith("--ended")]
    assert len(ended) == 1
    rect = ended[0].find(f"{SVG}rect")
    assert rect is not None and rect.get("stroke-dasharray")
    assert sum(1 for r in root.iter(f"{SVG}rect") if r.get("stroke-dasharray")) == 1
    brackets = root.findall(f".//{SVG}polyline[@class='explainer-diagram__tie']")
    assert len(brackets) == 1 and len(brackets[0].get("points", "").split()) == 4
