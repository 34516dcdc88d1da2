"""Flows between lanes, routed window by window.

`neato -n2` routes splines around every node of the chart at once, and its visibility graph grows
with the cube of the obstacles' corners: 40 s for a 200-node chart. A flow only has to avoid the
nodes between its two ends, so each flow is routed in a small graph of those nodes alone (all the
windows in one neato run); the chart is then drawn with every route given and neato routes nothing.
"""

import re
from typing import NamedTuple

import graphviz

MARGIN = 36.0  # points above and below a flow's two ends whose nodes it must still avoid
_STATEMENT = re.compile(r"^(\t+)([^\t\n\[\]{}]+?)\t\[(.*?)\];$", re.M | re.S)
_DEFAULTS = re.compile(r"^\t(?:node|edge) \[.*?\];$", re.M | re.S)
_POS = re.compile(r'\bpos="([\d.-]+),([\d.-]+)"')
_HEIGHT = re.compile(r'\bheight="?([\d.]+)')
_ROUTE = re.compile(r'\b(pos|lp)="([^"]*)"')
_POINT = re.compile(r"(-?[\d.]+),(-?[\d.]+)")
_WINDOW = re.compile(r"^digraph w(\d+) \{", re.M)


class _Node(NamedTuple):
    x: float
    y: float
    half: float  # half its height, in points
    statement: str


def route_between_lanes(pinned: str) -> str:
    """`pinned` is DOT for `neato -n2` in which some flows have no `pos`; returns it with those
    flows routed. Invisible flows without a route served only dot's ranking: they are dropped."""
    nodes: dict[str, _Node] = {}
    todo: list[tuple[str, str, str]] = []  # (tail, head, statement) of the flows to route
    for m in _STATEMENT.finditer(pinned):
        head, attrs = m.group(2).strip(), m.group(3)
        ends = [e.strip().strip('"') for e in head.split(" -> ")]
        if len(ends) == 1 and (pos := _POS.search(attrs)) and (height := _HEIGHT.search(attrs)):
            x, y = float(pos.group(1)), float(pos.group(2))
            nodes[ends[0]] = _Node(x, y, float(height.group(1)) * 36, m.group(0))
        elif len(ends) == 2 and "pos=" not in attrs and "style=invis" not in attrs:
            todo.append((ends[0], ends[1], m.group(0)))
    routes = _routes(todo, nodes, "\n".join(_DEFAULTS.findall(pinned)))

    def statement(m: re.Match[str]) -> str:
        indent, head, attrs = m.groups()
        if " -> " not in head or "pos=" in attrs:
            return m.group(0)
        if "style=invis" in attrs:
            return ""
        route = routes.get(m.group(0))
        if route is None:  # neato found no route in the window: the drawing pass routes it
            return m.group(0)
        kept = attrs.rstrip().rstrip(",")
        return f"{indent}{head}\t[{kept + ', ' if kept else ''}{route}];"

    return _STATEMENT.sub(statement, pinned)


def _routes(todo: list[tuple[str, str, str]], nodes: dict[str, _Node], defaults: str) -> dict[str, str]:
    """Flow statement -> its `pos` (and `lp`) attributes, from one neato run over all windows."""
    if not todo:
        return {}
    left = min(n.x for n in nodes.values()) - 200
    right = max(n.x for n in nodes.values()) + 200
    windows = []
    for k, (tail, head, edge) in enumerate(todo):
        low = min(nodes[tail].y, nodes[head].y) - MARGIN
        high = max(nodes[tail].y, nodes[head].y) + MARGIN
        inside = [n for n in nodes.values() if n.y + n.half >= low and n.y - n.half <= high]
        walls = _walls(min(n.y - n.half for n in inside), max(n.y + n.half for n in inside), left, right)
        statements = "".join(n.statement for n in inside)
        windows.append(
            f"digraph w{k} {{\n\tgraph [splines=true];\n{defaults}\n{statements}{walls}\n{edge}\n}}\n"
        )
    out = graphviz.pipe("neato", "dot", "".join(windows).encode(), neato_no_op=2, quiet=True)
    text = out.decode().replace("\\\n", "")
    starts = list(_WINDOW.finditer(text))
    routes = {}
    for m, end in zip(starts, [*starts[1:], None], strict=True):
        tail, _, edge = todo[int(m.group(1))]
        body = text[m.end() : end.start() if end else len(text)]
        found = {s.group(2).strip().strip('"'): s.group(3) for s in _STATEMENT.finditer(body)}
        route = _ROUTE.findall(next((a for h, a in found.items() if " -> " in h), ""))
        moved = _POS.search(found.get(tail, ""))
        if route and moved:
            # neato moved the window to the origin: the tail node says by how much.
            dx, dy = nodes[tail].x - float(moved.group(1)), nodes[tail].y - float(moved.group(2))
            routes[edge] = ", ".join(f'{name}="{_shift(value, dx, dy)}"' for name, value in route)
    return routes


def _shift(value: str, dx: float, dy: float) -> str:
    return _POINT.sub(lambda p: f"{float(p.group(1)) + dx:.2f},{float(p.group(2)) + dy:.2f}", value)


def _walls(bottom: float, top: float, left: float, right: float) -> str:
    """Two invisible boxes just outside the window, so no route leaves it for nodes it cannot see."""
    width = (right - left) / 72
    return "".join(
        f'\twall{k}\t[shape=box, style=invis, label="", width={width:.2f}, height=0.1, '
        f'pos="{(left + right) / 2:.2f},{y:.2f}"];\n'
        for k, y in enumerate((bottom - 24, top + 24))
    )
