"""The one entry point the command line and the HTTP API both call to draw a process."""

import re
from datetime import date
from typing import Literal

import graphviz
from neo4j import Driver

from graph.process_read import read_process
from viz.conflicts import conflicted_nodes
from viz.flowchart import build_flowchart
from viz.labels import clear_crossings, place_labels
from viz.layout import pin_lanes
from viz.route import route_between_lanes

Format = Literal["svg", "png", "pdf"]
MEDIA_TYPES: dict[Format, str] = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf"}
# PNG resolution: 144 dpi, or fewer for a big chart: a side stays inside cairo's limit (32767 px; past
# it cairo shrinks the chart behind our back and the text becomes unreadable), and the bitmap inside
# 50 megapixels, which cairo paints in about 3 s.
_PNG_DPI = 144
_PNG_SIDE = 32000
_PNG_PIXELS = 50e6
_BB = re.compile(r'\bbb="[\d.-]+,[\d.-]+,([\d.-]+),([\d.-]+)"')


def render_process(
    driver: Driver,
    database: str,
    process_id: str,
    fmt: Format,
    *,
    notes: bool = True,
    font: str,
    today: date | None = None,
) -> bytes:
    """The flowchart of one process as SVG, PNG or PDF bytes, its nodes in an unmitigated
    conflict of their performers marked 「不相容」 (the same marks from the CLI and over HTTP).

    Raises ProcessNotFoundError (unknown id) or EmptyProcessError (no nodes)."""
    view = read_process(driver, database, process_id)
    conflicted = conflicted_nodes(driver, database, view, today)
    chart = build_flowchart(view, notes=notes, conflicted=conflicted, font=font, today=today)
    laid = lay_out(chart)
    if fmt == "png":
        laid = laid.replace("\tgraph [", f"\tgraph [dpi={_png_dpi(laid)},\n\t\t", 1)
    # cairo for every format: it embeds the CJK font in PDF and lays out text with pango.
    renderer = None if fmt == "svg" else "cairo"
    drawn: bytes = graphviz.pipe("neato", fmt, laid.encode(), renderer=renderer, neato_no_op=2)
    return drawn


def _png_dpi(laid: str) -> int:
    box = _BB.search(laid)
    if box is None:
        return _PNG_DPI
    width, height = (float(v) / 72 + 1 for v in box.groups())  # inches, with the pad
    return int(min(_PNG_DPI, _PNG_SIDE / max(width, height), (_PNG_PIXELS / (width * height)) ** 0.5))


def lay_out(chart: graphviz.Digraph) -> str:
    """DOT with every node placed and every flow routed, lanes in order: `neato -n2` only draws it."""
    try:
        laid = chart.pipe(format="dot", engine="dot", encoding="utf-8")
    except graphviz.CalledProcessError:
        # dot's ranker sometimes gives up ("trouble in init_rank") on lanes joined by edges that
        # do not constrain the ranking; ranking by every edge always works, rework loops then
        # merely bend the layout.
        source = chart.source.replace("constraint=false", "constraint=true")
        laid = graphviz.pipe("dot", "dot", source.encode()).decode()
    return place_labels(route_between_lanes(clear_crossings(pin_lanes(laid))))
