"""The relationship diagram: valid SVG, every name in it, escaped text, a layout whose boxes
never overlap, and text that stays legible on a phone."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as etree

import pytest

from site_plugins.diagram import (
    LABEL_SIZE,
    MIN_WIDTH,
    Node,
    columns_for,
    describe_diagram,
    render_diagram,
)

SVG = "{http://www.w3.org/2000/svg}"
#: Content width of a 375 px phone viewport, after Material's page margins.
PHONE_CONTENT_WIDTH = 343
#: The smallest text we accept on that phone, in CSS pixels: the body's small print (0.64rem).
MIN_PHONE_FONT = 12.8

NAMES = ["Foxconn", "KKR", "Renault", "Honda", "General Motors", "Tata Motors", "Geely"]
LABELS = [
    "open to collaborating; floated buying Renault's stake",
    "weighing an equity or debt investment",
    "long-time partner; its Nissan stake is in play",
    "merger talks ended",
    "rumoured",
    "",
    "a very long label that goes on and on about a relation in more words than fit",
]


def nodes(count: int) -> list[Node]:
    return [Node(NAMES[i], LABELS[i], "Considering" if i % 2 else "") for i in range(count)]


def draw(items: list[Node], subject: str = "Nissan") -> etree.Element:
    svg = render_diagram(
        subject, items, title="How they relate", description=describe_diagram(subject, items)
    )
    return etree.fromstring(svg)


def texts(root: etree.Element) -> list[str]:
    """Each <text> element's words, its tspans joined with spaces."""
    return [" ".join(t.text or "" for t in text) for text in root.iter(f"{SVG}text")]


def boxes(root: etree.Element) -> list[tuple[float, float, float, float]]:
    return [
        (
            float(r.get("x", 0)),
            float(r.get("y", 0)),
            float(r.get("width", 0)),
            float(r.get("height", 0)),
        )
        for r in root.iter(f"{SVG}rect")
    ]


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@pytest.mark.parametrize("count", range(0, 8))
def test_parses_names_everyone_and_boxes_never_overlap(count: int) -> None:
    items = nodes(count)
    root = draw(items)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert root.find(f"{SVG}title").get("id") == title_id  # type: ignore[union-attr]
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.get("id") == desc_id
    words = texts(root)
    assert "Nissan" in words
    for item in items:
        assert item.name in words
        assert item.name in (desc.text or "")
        if item.label:
            assert item.label in words
            assert item.label in (desc.text or "")
    drawn = boxes(root)
    assert len(drawn) == 1 + count + sum(1 for i in items if i.label)
    for a, b in itertools.combinations(drawn, 2):
        assert not overlap(a, b), (a, b)
    width, height = map(float, root.get("viewBox", "").split()[2:])
    for x, y, w, h in drawn:
        assert x >= 0 and x + w <= width and y >= 0 and y + h <= height
    assert len(root.findall(f"{SVG}polyline")) == count


@pytest.mark.parametrize("count", range(1, 5))
def test_up_to_four_entries_stay_legible_on_a_phone(count: int) -> None:
    root = draw(nodes(count))
    width = float(root.get("viewBox", "").split()[2])
    assert width == MIN_WIDTH
    scale = PHONE_CONTENT_WIDTH / width
    sizes = [float(t.get("font-size", 0)) for t in root.iter(f"{SVG}text")]
    assert min(sizes) * scale >= MIN_PHONE_FONT
    assert LABEL_SIZE * scale >= MIN_PHONE_FONT


def test_entries_sit_around_the_subject() -> None:
    root = draw(nodes(4))
    rects = boxes(root)
    subject, cards = rects[0], rects[1:5]
    above = [c for c in cards if c[1] + c[3] <= subject[1]]
    below = [c for c in cards if c[1] >= subject[1] + subject[3]]
    assert len(above) == 2 and len(below) == 2
    centre = subject[0] + subject[2] / 2
    assert any(c[0] + c[2] <= centre for c in cards) and any(c[0] >= centre for c in cards)


def test_text_is_escaped() -> None:
    hostile = Node("<script>alert(1)</script>", 'a "quote" & <b>', "</text><svg onload=x>")
    svg = render_diagram("A & B", [hostile], title="<t>", description="<d>")
    root = etree.fromstring(svg)
    # Long names wrap across tspans: compare without the line breaks.
    words = "".join(" ".join(texts(root)).split())
    assert "<script>alert(1)</script>" in words and "A&B" in words
    assert root.find(f"{SVG}title").text == "<t>"  # type: ignore[union-attr]
    assert not any(e.tag.endswith("script") for e in root.iter())
    assert not any(name.startswith("on") for e in root.iter() for name in e.attrib)


def test_same_input_same_bytes() -> None:
    assert render_diagram("N", nodes(5), title="t", description="d") == render_diagram(
        "N", nodes(5), title="t", description="d"
    )


def test_columns() -> None:
    assert [columns_for(n) for n in range(0, 8)] == [1, 1, 1, 2, 2, 3, 3, 4]


def test_colours_follow_the_theme() -> None:
    svg = render_diagram("N", nodes(2), title="t", description="d")
    # Text and lines take the page's colour (light or dark scheme) through currentColor.
    root = etree.fromstring(svg)
    assert all(t.get("fill") == "currentColor" for t in root.iter(f"{SVG}text"))
    assert all(p.get("stroke") == "currentColor" for p in root.iter(f"{SVG}polyline"))
