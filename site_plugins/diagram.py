"""The relationship diagram: the subject in the middle, each compared entity around it.

Drawn at build time as inline SVG, so readers need no JavaScript and no CDN. Pure: names
and labels in, an SVG string out; the same input always gives the same bytes.

Layout: cards sit in one row above and one row below the subject, so the picture stays
narrow (a 400-unit viewBox for up to four entries) and its text stays legible when a
375-pixel phone scales it down. Each edge runs from the subject to a card; its label sits
on the edge, in the band between the subject and that row, on a background that hides the
line behind the words. Text widths are estimated from character counts (no font metrics
at build time), with generous margins.

Colours come from CSS classes (site_plugins/assets/explainer.css, using Material's
colour variables so light and dark schemes both work); presentation attributes give a
legible fallback when the stylesheet is missing.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

CLASS = "explainer-diagram__svg"

# Geometry, in viewBox units. Font sizes are chosen so that at a 375 px viewport (about
# 340 px of content width, a scale of ~0.85 for a 400-unit-wide drawing) no text is
# smaller than 11 px.
COLUMN_WIDTH = 200
MIN_WIDTH = 400
CARD_MARGIN = 10
MARGIN = 8
NAME_SIZE = 16
NOTE_SIZE = 13
LABEL_SIZE = 13
SUBJECT_SIZE = 18
LINE_GAP = 1.3
#: Space between a card and its label, and the length of the edge's slanted run.
LABEL_GAP = 10
KNEE_RUN = 28
#: Average glyph width as a share of the font size (sans-serif; bold is wider).
GLYPH = 0.56
GLYPH_BOLD = 0.62


@dataclass(frozen=True)
class Node:
    """One compared entity: its name, the label of its edge, an optional note (status)."""

    name: str
    label: str = ""
    note: str = ""


@dataclass(frozen=True)
class _Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def cx(self) -> float:
        return self.x + self.width / 2

    @property
    def cy(self) -> float:
        return self.y + self.height / 2


def columns_for(count: int) -> int:
    """Cards per row: one row above and one below the subject, one card wide when <= 2."""
    return 1 if count <= 2 else math.ceil(count / 2)


def wrap(text: str, size: float, width: float, glyph: float = GLYPH) -> list[str]:
    """`text` broken into lines that fit `width` at font `size` (estimated)."""
    chars = max(4, int(width / (size * glyph)))
    return textwrap.wrap(" ".join(text.split()), chars, break_on_hyphens=False) or [""]


def _text_width(lines: Sequence[str], size: float, glyph: float = GLYPH) -> float:
    return max((len(line) for line in lines), default=0) * size * glyph


def _lines_height(count: int, size: float) -> float:
    return count * size * LINE_GAP


def _text(
    lines: Sequence[str], x: float, top: float, size: float, css: str, bold: bool = False
) -> str:
    """A centred multi-line <text> whose first baseline sits one line below `top`."""
    weight = ' font-weight="bold"' if bold else ""
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{top + size * (1 + LINE_GAP * i) - size * 0.15:.1f}">'
        f"{escape(line)}</tspan>"
        for i, line in enumerate(lines)
    )
    return (
        f'<text class="{css}" text-anchor="middle" font-size="{size}"{weight}'
        f' fill="currentColor">{spans}</text>'
    )


def render_diagram(
    subject: str,
    nodes: Sequence[Node],
    *,
    title: str,
    description: str,
    id_prefix: str = "explainer-diagram",
) -> str:
    """Inline SVG of `subject` linked to every node; `title`/`description` name it for AT."""
    count = len(nodes)
    cols = columns_for(count)
    width = max(MIN_WIDTH, cols * COLUMN_WIDTH)
    card_width = min(COLUMN_WIDTH, width / cols) - 2 * CARD_MARGIN
    top_nodes = list(nodes[:cols]) if count > 1 else list(nodes)
    bottom_nodes = list(nodes[cols:]) if count > 1 else []

    def card_lines(node: Node) -> tuple[list[str], list[str]]:
        name = wrap(node.name, NAME_SIZE, card_width - 16, GLYPH_BOLD)
        note = wrap(node.note, NOTE_SIZE, card_width - 16) if node.note else []
        return name, note

    def card_height(node: Node) -> float:
        name, note = card_lines(node)
        return 16 + _lines_height(len(name), NAME_SIZE) + _lines_height(len(note), NOTE_SIZE)

    label_width = min(COLUMN_WIDTH, width / max(cols, 1)) - 16

    def label_lines(node: Node) -> list[str]:
        return wrap(node.label, LABEL_SIZE, label_width - 12) if node.label else []

    def band_height(row: Sequence[Node]) -> float:
        lines = max((len(label_lines(n)) for n in row), default=0)
        label_h = _lines_height(lines, LABEL_SIZE) + 8 + LABEL_GAP if lines else 0
        return label_h + KNEE_RUN

    subject_lines = wrap(subject, SUBJECT_SIZE, width - 80, GLYPH_BOLD)
    subject_w = min(
        width - 40, max(140.0, _text_width(subject_lines, SUBJECT_SIZE, GLYPH_BOLD) + 40)
    )
    subject_h = 20 + _lines_height(len(subject_lines), SUBJECT_SIZE)

    y = float(MARGIN)
    top_h = max((card_height(n) for n in top_nodes), default=0.0)
    top_row_y = y
    if top_nodes:
        y += top_h + band_height(top_nodes)
    subject_box = _Box((width - subject_w) / 2, y, subject_w, subject_h)
    y += subject_h
    bottom_h = max((card_height(n) for n in bottom_nodes), default=0.0)
    if bottom_nodes:
        y += band_height(bottom_nodes)
    bottom_row_y = y
    height = y + (bottom_h if bottom_nodes else 0) + MARGIN

    def row_boxes(row: Sequence[Node], top: float, row_h: float) -> list[_Box]:
        # Centre a short row (e.g. 2 cards under a row of 3) under the full grid.
        offset = (width - len(row) * (card_width + 2 * CARD_MARGIN)) / 2
        return [
            _Box(offset + i * (card_width + 2 * CARD_MARGIN) + CARD_MARGIN, top, card_width, row_h)
            for i in range(len(row))
        ]

    placed = list(zip(top_nodes, row_boxes(top_nodes, top_row_y, top_h), strict=True))
    placed += zip(bottom_nodes, row_boxes(bottom_nodes, bottom_row_y, bottom_h), strict=True)

    edges: list[str] = []
    labels: list[str] = []
    sb = subject_box
    for node, box in placed:
        above = box.cy < sb.cy
        toward = 1 if above else -1  # direction from the card to the subject, in y
        card_edge = box.y + box.height if above else box.y
        subject_edge = sb.y if above else sb.y + sb.height
        lines = label_lines(node)
        text_h = _lines_height(len(lines), LABEL_SIZE)
        # The edge leaves the card straight (through its label), then turns to the subject:
        # labels of neighbouring cards then never share the same stretch of band.
        knee = subject_edge - toward * KNEE_RUN
        attach_x = sb.cx + (box.cx - sb.cx) * 0.5
        attach_x = min(max(attach_x, sb.x + 12), sb.x + sb.width - 12)
        edges.append(
            f'<polyline class="explainer-diagram__edge" fill="none" stroke="currentColor" '
            f'stroke-width="1.5" points="{box.cx:.1f},{card_edge:.1f} {box.cx:.1f},{knee:.1f} '
            f'{attach_x:.1f},{subject_edge:.1f}"/>'
        )
        if not lines:
            continue
        bg_w = min(label_width, _text_width(lines, LABEL_SIZE) + 12)
        bg_h = text_h + 8
        bg_y = card_edge + LABEL_GAP if above else card_edge - LABEL_GAP - bg_h
        labels.append(
            f'<rect class="explainer-diagram__label-bg" x="{box.cx - bg_w / 2:.1f}" '
            f'y="{bg_y:.1f}" width="{bg_w:.1f}" height="{bg_h:.1f}" rx="4" fill="#fff"/>'
            + _text(lines, box.cx, bg_y + 4, LABEL_SIZE, "explainer-diagram__label")
        )

    cards: list[str] = []
    for node, box in placed:
        name, note = card_lines(node)
        cards.append(
            f'<g class="explainer-diagram__node"><rect x="{box.x:.1f}" y="{box.y:.1f}" '
            f'width="{box.width:.1f}" height="{box.height:.1f}" rx="8" fill="#fff" '
            'stroke="currentColor" stroke-width="1.5"/>'
            + _text(name, box.cx, box.y + 8, NAME_SIZE, "explainer-diagram__name", bold=True)
            + (
                _text(
                    note,
                    box.cx,
                    box.y + 8 + _lines_height(len(name), NAME_SIZE),
                    NOTE_SIZE,
                    "explainer-diagram__note",
                )
                if note
                else ""
            )
            + "</g>"
        )
    subject_svg = (
        f'<g class="explainer-diagram__subject"><rect x="{sb.x:.1f}" y="{sb.y:.1f}" '
        f'width="{sb.width:.1f}" height="{sb.height:.1f}" rx="10" fill="#fff" '
        'stroke="currentColor" stroke-width="2.5"/>'
        + _text(subject_lines, sb.cx, sb.y + 10, SUBJECT_SIZE, "explainer-diagram__name", True)
        + "</g>"
    )
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{CLASS}" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" aria-labelledby="{title_id} {desc_id}" '
        'font-family="sans-serif">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>'
        + "".join(edges)
        + subject_svg
        + "".join(cards)
        + "".join(labels)
        + "</svg>"
    )


def describe_diagram(subject: str, nodes: Sequence[Node]) -> str:
    """A one-paragraph text version of the diagram, for its <desc>."""
    if not nodes:
        return f"{subject}, with no entries to connect."
    parts = [f"{n.name}: {n.label}" if n.label else n.name for n in nodes]
    return f"{subject} in the middle, linked to " + "; ".join(parts) + "."
