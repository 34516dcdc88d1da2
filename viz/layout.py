"""Lanes in a fixed order, left to right.

dot orders clusters to reduce crossings and ignores any order asked of it (flat edges between
clusters do not bind). So dot lays the chart out, then every lane slides sideways, with all it
holds, into its place; `neato -n2` then draws the chart with every position pinned, re-routing
only the flows that cross lanes. Drawn names start with their lane: `L<k>...` (see flowchart.py).
"""

import re

GAP = 12.0  # points between two lanes
_LANE = re.compile(r'^"?L(\d+)')
_CLUSTER = re.compile(r"(subgraph cluster_L(\d+) \{\s*graph\s+\[)(.*?)(\];)", re.S)
_STATEMENT = re.compile(r"^(\t+)([^\t\n\[\]{}]+?)\t\[(.*?)\];$", re.M | re.S)
_POINT = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
_POSITIONS = re.compile(r'\b(pos|lp|xlp|bb)="([^"]*)"')
_EDGE_POSITIONS = re.compile(r'\b(pos|lp|xlp)="[^"]*",?\s*')


def pin_lanes(laid: str) -> str:
    """`laid` is dot's `-Tdot` output; returns DOT for `neato -n2` with lane k as the k-th column."""
    text = laid.replace("\\\n", "")  # dot's line continuations inside quoted strings
    boxes = {
        int(k): _numbers(bb)
        for k, bb in re.findall(r'subgraph cluster_L(\d+) \{\s*graph\s+\[[^\]]*?bb="([^"]+)"', text)
    }
    if not boxes:
        return text
    shift: dict[int, float] = {}
    x = min(box[0] for box in boxes.values())
    for k in sorted(boxes):
        shift[k] = x - boxes[k][0]
        x += boxes[k][2] - boxes[k][0] + GAP

    def cluster(m: re.Match[str]) -> str:
        return m.group(1) + _move(m.group(3), shift[int(m.group(2))]) + m.group(4)

    def statement(m: re.Match[str]) -> str:
        indent, head, attrs = m.groups()
        ends = [_LANE.match(part.strip()) for part in head.split(" -> ")]
        lanes = {int(e.group(1)) for e in ends if e}
        if len(ends) == 2 and len(lanes) != 1:
            attrs = _EDGE_POSITIONS.sub("", attrs)  # a flow between lanes: neato routes it anew
        elif lanes:
            k = lanes.pop()
            attrs = _move(attrs, shift[k])
            if head.strip().strip('"') == f"L{k}head":
                attrs = _to_left(attrs, boxes[k][0] + shift[k])
        return f"{indent}{head}\t[{attrs}];"

    return _STATEMENT.sub(statement, _CLUSTER.sub(cluster, text))


def _numbers(text: str) -> list[float]:
    return [float(v) for v in text.split(",")]


def _move(attrs: str, dx: float) -> str:
    """Shift every x of the position attributes by dx."""

    def point(m: re.Match[str]) -> str:
        return f"{float(m.group(1)) + dx:.2f},{m.group(2)}"

    def attribute(m: re.Match[str]) -> str:
        value = m.group(2)
        if m.group(1) == "bb":
            x1, y1, x2, y2 = _numbers(value)
            return f'bb="{x1 + dx:.2f},{y1},{x2 + dx:.2f},{y2}"'
        return f'{m.group(1)}="{_POINT.sub(point, value)}"'

    return _POSITIONS.sub(attribute, attrs)


def _to_left(attrs: str, left: float) -> str:
    """A lane title against its lane's left edge, where a reader looks for it."""
    width = re.search(r'\bwidth="?([\d.]+)', attrs)
    if width is None:
        return attrs
    x = left + float(width.group(1)) * 36 + 4
    return re.sub(r'\bpos="[^,"]+,', f'pos="{x:.2f},', attrs, count=1)
