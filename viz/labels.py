"""Flows that keep clear of nodes, and flow labels that keep clear of everything.

dot puts a flow's label beside its line and neato (which re-routes flows between lanes) at its
middle, neither looking at the rest: labels land on nodes and other flows cross them; and once
lanes slide into their order, a flow dot routed may run through a node. On the laid-out DOT
(every node placed, most flows routed), `clear_crossings` drops the route of any flow that
crosses a node other than its own two, so that viz/route.py routes it again around them; then
`place_labels` puts each label at the first spot along its flow, beside it, whose box touches
no node, no flow and no label already placed.
"""

import itertools
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from viz.text import width as text_width

_STATEMENT = re.compile(r"^(\t+)([^\t\n\[\]{}]+?)\t\[(.*?)\];$", re.M | re.S)
_POS = re.compile(r'\bpos="([^"]*)"')
_LP = re.compile(r'\blp="[^"]*",?\s*')
_ROUTE = re.compile(r'\b(?:pos|lp|xlp)="[^"]*",?\s*')
_SIZE = re.compile(r"\b(width|height)=\"?([\d.]+)")
_LABEL = re.compile(r"\blabel=<(.*?)>,?\s*(?=\w+=|$)", re.S)
_POINT = re.compile(r"(-?[\d.]+),(-?[\d.]+)")
_TAGS = re.compile(r"<[^>]+>")

FONT_PT = 10.0  # flows' label size (viz/flowchart.py)
PAD = 3.0  # points kept free around a label
# Where along a flow to try, from the middle out, and on which side.
ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.15, 0.85)


class Box(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float

    def overlaps(self, other: "Box") -> bool:
        return self.x1 < other.x2 and other.x1 < self.x2 and self.y1 < other.y2 and other.y1 < self.y2

    def grown(self, by: float) -> "Box":
        return Box(self.x1 - by, self.y1 - by, self.x2 + by, self.y2 + by)

    def crosses(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """Whether the segment a-b enters the box (Liang-Barsky clipping)."""
        (x0, y0), (x1, y1) = a, b
        dx, dy = x1 - x0, y1 - y0
        low, high = 0.0, 1.0
        for p, q in ((-dx, x0 - self.x1), (dx, self.x2 - x0), (-dy, y0 - self.y1), (dy, self.y2 - y0)):
            if p == 0:
                if q < 0:
                    return False
                continue
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low > high:
                return False
        return True


def _ends(head: str) -> list[str]:
    return [e.strip().strip('"') for e in head.split(" -> ")]


def _nodes(dot: str) -> dict[str, Box]:
    boxes = {}
    for m in _STATEMENT.finditer(dot):
        ends = _ends(m.group(2))
        pos = _POS.search(m.group(3))
        size = dict(_SIZE.findall(m.group(3)))
        drawn = "style=invis" not in m.group(3)
        if len(ends) == 1 and pos and "width" in size and "height" in size and drawn:
            x, y = (float(v) for v in pos.group(1).split(",")[:2])
            w, h = float(size["width"]) * 36, float(size["height"]) * 36
            boxes[ends[0]] = Box(x - w, y - h, x + w, y + h)
    return boxes


def polyline(pos: str, steps: int = 8) -> list[tuple[float, float]]:
    """The points of a flow's spline (`pos`: optional s,/e, end points, then 1 + 3n controls)."""
    controls = " ".join(t for t in pos.split() if t[:2] not in ("e,", "s,"))
    points = [(float(x), float(y)) for x, y in _POINT.findall(controls)]
    line: list[tuple[float, float]] = points[:1]
    for k in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[k : k + 4]
        for i in range(1, steps + 1):
            t = i / steps
            u = 1 - t
            line.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return line


def _segments(line: list[tuple[float, float]]) -> Iterable[tuple[tuple[float, float], tuple[float, float]]]:
    return itertools.pairwise(line)


def clear_crossings(dot: str) -> str:
    """`dot` with the route removed from every flow that runs through a node not its own."""
    boxes = _nodes(dot)

    def statement(m: re.Match[str]) -> str:
        indent, head, attrs = m.groups()
        ends = _ends(head)
        pos = _POS.search(attrs)
        if len(ends) != 2 or pos is None or "style=invis" in attrs:
            return m.group(0)
        own = {ends[0], ends[1], f"{ends[0]}note", f"{ends[1]}note"}
        line = polyline(pos.group(1))
        others = [box.grown(-2) for name, box in boxes.items() if name not in own]
        hit = any(box.crosses(a, b) for box in others for a, b in _segments(line))
        if not hit:
            return m.group(0)
        kept = _ROUTE.sub("", attrs).strip().rstrip(",")
        return f"{indent}{head}\t[{kept}];"

    return _STATEMENT.sub(statement, dot)


def _label_size(label: str) -> tuple[float, float]:
    lines = [_TAGS.sub("", part) for part in re.split(r"<BR\s*/?>", label)]
    width = max(text_width(line) for line in lines) * FONT_PT / 2 + 4
    return width, len(lines) * (FONT_PT + 3) + 2


def place_labels(dot: str) -> str:
    """`dot` with each flow label's `lp` moved where it covers nothing."""
    boxes = list(_nodes(dot).values())
    lines: dict[str, list[tuple[float, float]]] = {}
    for m in _STATEMENT.finditer(dot):
        pos = _POS.search(m.group(3))
        if len(_ends(m.group(2))) == 2 and pos and "style=invis" not in m.group(3):
            lines[m.group(0)] = polyline(pos.group(1))
    placed: list[Box] = []

    def free(box: Box) -> bool:
        grown = box.grown(PAD)
        return (
            not any(grown.overlaps(b) for b in boxes)
            and not any(grown.overlaps(b) for b in placed)
            and not any(grown.crosses(a, b) for line in lines.values() for a, b in _segments(line))
        )

    def statement(m: re.Match[str]) -> str:
        indent, head, attrs = m.groups()
        label = _LABEL.search(attrs)
        line = lines.get(m.group(0))
        if label is None or not line or not _TAGS.sub("", label.group(1)).strip():
            return m.group(0)
        w, h = _label_size(label.group(1))
        spot = _spot(line, w, h, free)
        if spot is None:
            return m.group(0)
        x, y = spot
        placed.append(Box(x - w / 2, y - h / 2, x + w / 2, y + h / 2))
        kept = _LP.sub("", attrs).strip().rstrip(",")
        return f'{indent}{head}\t[{kept}, lp="{x:.2f},{y:.2f}"];'

    return _STATEMENT.sub(statement, dot)


def _spot(
    line: list[tuple[float, float]], w: float, h: float, free: Callable[[Box], bool]
) -> tuple[float, float] | None:
    for gap in (PAD + 1, PAD + 10, PAD + 24):
        for t in ALONG:
            x, y = line[min(len(line) - 1, int(t * (len(line) - 1)))]
            beside = ((x + w / 2 + gap, y), (x - w / 2 - gap, y), (x, y + h / 2 + gap), (x, y - h / 2 - gap))
            for cx, cy in beside:
                if free(Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)):
                    return cx, cy
    return None


def problems(laid: str) -> list[str]:
    """What a reader would trip over in a laid-out chart (the tests assert none): a node outside
    its lane, a flow through a node not its own, a flow label on a node or crossed by a flow."""
    found = []
    lanes = {
        int(k): Box(*(float(v) for v in bb.split(",")))
        for k, bb in re.findall(r'subgraph cluster_L(\d+) \{\s*graph\s+\[[^\]]*?bb="([^"]+)"', laid)
    }
    nodes = _nodes(laid)
    for name, box in nodes.items():
        lane = re.match(r"L(\d+)n", name)
        if lane and (k := int(lane.group(1))) in lanes and not _inside(box, lanes[k]):
            found.append(f"node {name} outside lane {k}")
    flows = []
    for m in _STATEMENT.finditer(laid):
        ends, attrs = _ends(m.group(2)), m.group(3)
        if len(ends) == 2 and "style=invis" not in attrs:
            pos = _POS.search(attrs)
            flows.append((ends, polyline(pos.group(1)) if pos else [], attrs))
    for ends, line, attrs in flows:
        if not line:
            found.append(f"flow {ends} has no route")
            continue
        own = {*ends, *(f"{e}note" for e in ends)}
        for name, box in nodes.items():
            if name not in own and any(box.grown(-2).crosses(a, b) for a, b in _segments(line)):
                found.append(f"flow {ends} runs through {name}")
        label, lp = _LABEL.search(attrs), re.search(r'\blp="([\d.-]+),([\d.-]+)"', attrs)
        if label and lp and _TAGS.sub("", label.group(1)).strip():
            w, h = _label_size(label.group(1))
            x, y = float(lp.group(1)), float(lp.group(2))
            box = Box(x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            if any(box.overlaps(n) for n in nodes.values()):
                found.append(f"label of {ends} on a node")
            if any(box.crosses(a, b) for _, other, _ in flows for a, b in _segments(other)):
                found.append(f"label of {ends} crossed by a flow")
    return found


def _inside(box: Box, lane: Box) -> bool:
    grown = lane.grown(0.5)
    return grown.x1 <= box.x1 and box.x2 <= grown.x2 and grown.y1 <= box.y1 and box.y2 <= grown.y2
