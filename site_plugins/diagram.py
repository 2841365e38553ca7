"""The relationship diagram: the subject in the middle, each compared entity around it.

Drawn at build time as inline SVG, so readers need no JavaScript and no CDN. Pure: names
and labels in, an SVG string out; the same input always gives the same bytes.

Layout: cards sit in one row above and one row below the subject, so the picture stays
narrow (a 400-unit viewBox for up to four entries) and its text stays legible when a
375-pixel phone scales it down. Each edge runs from the subject to a card; its label sits
on the edge, in the band between the subject and that row, on a background that hides the
line behind the words. Text widths are estimated from character counts (no font metrics
at build time), with generous margins.

Each card names the entry's status in words (the node's note); an entry whose story has
ended (walked away, talks over) is drawn dashed and muted, and says so in its words too.
Ties between entries (`Tie`) are drawn as brackets outside the rows: entries that share
a tie are placed in the same row where they fit, and the bracket runs above the top row
or below the bottom one, its label on it. A tie the rows cannot hold side by side is a
straight line between the two cards.

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
# smaller than the body's small print (12.8 px: Material's 0.64rem).
COLUMN_WIDTH = 200
MIN_WIDTH = 400
CARD_MARGIN = 10
MARGIN = 8
NAME_SIZE = 17
NOTE_SIZE = 15
LABEL_SIZE = 15
SUBJECT_SIZE = 19
#: Dash pattern of an ended entry's card and edge.
ENDED_DASH = "7 5"
#: Vertical room of one bracket level above/below a row, besides its label.
TIE_RISE = 14
LINE_GAP = 1.3
#: Space between a card and its label, and the length of the edge's slanted run.
LABEL_GAP = 10
KNEE_RUN = 28
#: Average glyph width as a share of the font size (sans-serif; bold is wider).
GLYPH = 0.56
GLYPH_BOLD = 0.62


@dataclass(frozen=True)
class Node:
    """One compared entity: its name, the label of its edge, an optional note (status).

    `ended`: its story with the subject is over (walked away, talks ended); drawn dashed
    and muted.
    """

    name: str
    label: str = ""
    note: str = ""
    ended: bool = False


@dataclass(frozen=True)
class Tie:
    """A relation between two entries (by name), with the words that label it."""

    first: str
    second: str
    label: str


def parse_tie(owner: str, item: str, names: Sequence[str]) -> Tie:
    """`owner`'s front-matter item "<entry name>: <label>" as a Tie.

    Raises ValueError with an editor-facing message when the item has no label or names
    no other compared entry.
    """
    name, sep, label = item.partition(":")
    name, label = " ".join(name.split()), " ".join(label.split())
    example = f'"{next((n for n in names if n != owner), "Other name")}: what ties them"'
    if not sep or not name or not label:
        raise ValueError(f"{item!r} is not '<name>: <label>'; write it like {example}")
    if name == owner:
        raise ValueError(f"{item!r} ties {owner} to itself; name another entry")
    if name not in names:
        others = ", ".join(n for n in names if n != owner) or "none"
        raise ValueError(
            f"{item!r} names {name!r}, which is not compared here; use one of: {others}"
        )
    return Tie(owner, name, label)


def _tied_groups(nodes: Sequence[Node], ties: Sequence[Tie]) -> list[list[Node]]:
    """Entries joined by ties, directly or through others; in order of first member."""
    neighbours: dict[str, set[str]] = {n.name: set() for n in nodes}
    for tie in ties:
        if tie.first in neighbours and tie.second in neighbours:
            neighbours[tie.first].add(tie.second)
            neighbours[tie.second].add(tie.first)
    seen: set[str] = set()
    groups: list[list[Node]] = []
    for node in nodes:
        if node.name in seen:
            continue
        found, todo = {node.name}, [node.name]
        while todo:
            for other in neighbours[todo.pop()] - found:
                found.add(other)
                todo.append(other)
        seen |= found
        groups.append([n for n in nodes if n.name in found])
    return groups


def arrange(
    nodes: Sequence[Node], ties: Sequence[Tie], columns: int
) -> tuple[list[Node], list[Node]]:
    """The top row and the bottom row, tied entries sharing a row where one holds them.

    Otherwise entries keep their order: each group of tied entries goes to the top row if
    it fits there, else to the bottom one, else it is split across what room is left.
    """
    if not ties:
        return list(nodes[:columns]), list(nodes[columns:])
    top: list[Node] = []
    bottom: list[Node] = []
    spill: list[Node] = []
    for group in _tied_groups(nodes, ties):
        if len(top) + len(group) <= columns:
            top += group
        elif len(bottom) + len(group) <= columns:
            bottom += group
        else:
            spill += group
    for node in spill:
        (top if len(top) < columns else bottom).append(node)
    return top, bottom


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
    ties: Sequence[Tie] = (),
    id_prefix: str = "explainer-diagram",
) -> str:
    """Inline SVG of `subject` linked to every node, and of the `ties` between nodes.

    `title`/`description` name it for assistive technology.
    """
    count = len(nodes)
    names = {n.name for n in nodes}
    ties = [t for t in ties if t.first in names and t.second in names]
    # Two tied entries share the top row rather than sit on either side of the subject.
    cols = 2 if ties and count == 2 else columns_for(count)
    width = max(MIN_WIDTH, cols * COLUMN_WIDTH)
    card_width = min(COLUMN_WIDTH, width / cols) - 2 * CARD_MARGIN
    top_nodes, bottom_nodes = arrange(nodes, ties, cols) if count > 1 else (list(nodes), [])

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

    def row_xs(row: Sequence[Node]) -> list[float]:
        # Centre a short row (e.g. 2 cards under a row of 3) under the full grid.
        offset = (width - len(row) * (card_width + 2 * CARD_MARGIN)) / 2
        return [offset + i * (card_width + 2 * CARD_MARGIN) + CARD_MARGIN for i in range(len(row))]

    centre_x = {
        n.name: x + card_width / 2
        for row in (top_nodes, bottom_nodes)
        for n, x in zip(row, row_xs(row), strict=True)
    }
    row_of = {n.name: 0 for n in top_nodes} | {n.name: 1 for n in bottom_nodes}

    def tie_lines(tie: Tie) -> list[str]:
        span = abs(centre_x[tie.first] - centre_x[tie.second]) or card_width
        return wrap(tie.label, LABEL_SIZE, min(span - 16, width - 2 * MARGIN) - 12)

    def slot_height(tie: Tie) -> float:
        return _lines_height(len(tie_lines(tie)), LABEL_SIZE) + 8 + TIE_RISE

    same_row = [t for t in ties if row_of[t.first] == row_of[t.second]]
    over = [t for t in same_row if row_of[t.first] == 0]
    under = [t for t in same_row if row_of[t.first] == 1]
    across = [t for t in ties if t not in same_row]

    subject_lines = wrap(subject, SUBJECT_SIZE, width - 80, GLYPH_BOLD)
    subject_w = min(
        width - 40, max(140.0, _text_width(subject_lines, SUBJECT_SIZE, GLYPH_BOLD) + 40)
    )
    subject_h = 20 + _lines_height(len(subject_lines), SUBJECT_SIZE)

    y = float(MARGIN) + sum(slot_height(t) for t in over)
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
    rows_end = y + (bottom_h if bottom_nodes else 0) if bottom_nodes else top_row_y + top_h
    height = max(y + (bottom_h if bottom_nodes else 0), rows_end + sum(map(slot_height, under)))
    height += MARGIN

    def row_boxes(row: Sequence[Node], top: float, row_h: float) -> list[_Box]:
        return [_Box(x, top, card_width, row_h) for x in row_xs(row)]

    placed = list(zip(top_nodes, row_boxes(top_nodes, top_row_y, top_h), strict=True))
    placed += zip(bottom_nodes, row_boxes(bottom_nodes, bottom_row_y, bottom_h), strict=True)
    box_of = {node.name: box for node, box in placed}

    def dash(node: Node) -> str:
        return f' stroke-dasharray="{ENDED_DASH}"' if node.ended else ""

    def ended_class(node: Node, base: str) -> str:
        return f"{base} {base}--ended" if node.ended else base

    def label_box(lines: list[str], cx: float, top: float, css: str) -> str:
        bg_w = min(width - 2 * MARGIN, _text_width(lines, LABEL_SIZE) + 12)
        bg_h = _lines_height(len(lines), LABEL_SIZE) + 8
        return (
            f'<rect class="explainer-diagram__label-bg" x="{cx - bg_w / 2:.1f}" '
            f'y="{top:.1f}" width="{bg_w:.1f}" height="{bg_h:.1f}" rx="4" fill="#fff"/>'
            + _text(lines, cx, top + 4, LABEL_SIZE, css)
        )

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
            f'<polyline class="{ended_class(node, "explainer-diagram__edge")}" fill="none" '
            f'stroke="currentColor" stroke-width="1.5"{dash(node)} '
            f'points="{box.cx:.1f},{card_edge:.1f} {box.cx:.1f},{knee:.1f} '
            f'{attach_x:.1f},{subject_edge:.1f}"/>'
        )
        if not lines:
            continue
        bg_h = text_h + 8
        bg_y = card_edge + LABEL_GAP if above else card_edge - LABEL_GAP - bg_h
        labels.append(label_box(lines, box.cx, bg_y, "explainer-diagram__label"))

    # Ties: brackets stacked outward from their row, each on its own level.
    level_edge = top_row_y
    for tie in over:
        a, b = box_of[tie.first], box_of[tie.second]
        lines = tie_lines(tie)
        bg_h = _lines_height(len(lines), LABEL_SIZE) + 8
        line_y = level_edge - TIE_RISE - bg_h / 2
        edges.append(_tie_path(a.cx, a.y, b.cx, b.y, line_y))
        labels.append(label_box(lines, (a.cx + b.cx) / 2, line_y - bg_h / 2, TIE_LABEL))
        level_edge -= slot_height(tie)
    level_edge = rows_end
    for tie in under:
        a, b = box_of[tie.first], box_of[tie.second]
        lines = tie_lines(tie)
        bg_h = _lines_height(len(lines), LABEL_SIZE) + 8
        line_y = level_edge + TIE_RISE + bg_h / 2
        a_end, b_end = a.y + a.height, b.y + b.height
        edges.append(_tie_path(a.cx, a_end, b.cx, b_end, line_y))
        labels.append(label_box(lines, (a.cx + b.cx) / 2, line_y - bg_h / 2, TIE_LABEL))
        level_edge += slot_height(tie)
    for tie in across:
        a, b = box_of[tie.first], box_of[tie.second]
        lines = tie_lines(tie)
        bg_h = _lines_height(len(lines), LABEL_SIZE) + 8
        edges.append(
            f'<polyline class="explainer-diagram__tie" fill="none" stroke="currentColor" '
            f'stroke-width="2" points="{a.cx:.1f},{a.cy:.1f} {b.cx:.1f},{b.cy:.1f}"/>'
        )
        labels.append(label_box(lines, (a.cx + b.cx) / 2, (a.cy + b.cy) / 2 - bg_h / 2, TIE_LABEL))

    cards: list[str] = []
    for node, box in placed:
        name, note = card_lines(node)
        cards.append(
            f'<g class="{ended_class(node, "explainer-diagram__node")}"><rect x="{box.x:.1f}" '
            f'y="{box.y:.1f}" width="{box.width:.1f}" height="{box.height:.1f}" rx="8" '
            f'fill="#fff" stroke="currentColor" stroke-width="1.5"{dash(node)}/>'
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


TIE_LABEL = "explainer-diagram__label explainer-diagram__tie-label"


def _tie_path(ax: float, ay: float, bx: float, by: float, line_y: float) -> str:
    """A bracket from card edge (ax, ay) out to `line_y`, across, and back to (bx, by)."""
    return (
        f'<polyline class="explainer-diagram__tie" fill="none" stroke="currentColor" '
        f'stroke-width="2" points="{ax:.1f},{ay:.1f} {ax:.1f},{line_y:.1f} '
        f'{bx:.1f},{line_y:.1f} {bx:.1f},{by:.1f}"/>'
    )


def describe_diagram(subject: str, nodes: Sequence[Node], ties: Sequence[Tie] = ()) -> str:
    """A one-paragraph text version of the diagram, for its <desc>."""
    if not nodes:
        return f"{subject}, with no entries to connect."

    def part(n: Node) -> str:
        words = f"{n.name} ({n.note})" if n.note else n.name
        return f"{words}: {n.label}" if n.label else words

    text = f"{subject} in the middle, linked to " + "; ".join(part(n) for n in nodes) + "."
    names = {n.name for n in nodes}
    shown = [t for t in ties if t.first in names and t.second in names]
    if shown:
        text += (
            " Between them: "
            + "; ".join(f"{t.first} and {t.second}: {t.label}" for t in shown)
            + "."
        )
    return text
