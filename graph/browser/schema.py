"""The graph schema of contract section 2 (as graph/schema.py declares it) in one picture,
coloured as Neo4j Browser colours it.

The colours are read from style.grass, so the picture in the guide and the graph in the
Browser always agree.
"""

import re
from functools import cache
from importlib import resources

import graphviz

from graph.schema import NODES, RELATIONSHIPS
from graph.vocab import DEFAULT_FONT

_RULE = re.compile(r"([\w.]+)\s*\{([^}]*)\}")


def style_text() -> str:
    return resources.files("graph.browser").joinpath("style.grass").read_text(encoding="utf-8")


def grass_rules(text: str) -> dict[str, dict[str, str]]:
    """`selector -> {property: value}` of a GraSS text; quotes around values dropped."""
    rules: dict[str, dict[str, str]] = {}
    for selector, body in _RULE.findall(text):
        props = (p.split(":", 1) for p in body.split(";") if ":" in p)
        rules[selector] = {k.strip(): v.strip().strip("'") for k, v in props}
    return rules


@cache
def schema_svg() -> bytes:
    rules = grass_rules(style_text())
    dot = graphviz.Digraph("schema", graph_attr={"rankdir": "TB", "bgcolor": "transparent"})
    dot.attr("node", shape="circle", style="filled", fontname=DEFAULT_FONT, fontsize="11")
    dot.attr("edge", fontname=DEFAULT_FONT, fontsize="9", color="#8A8F99")
    for node in NODES:
        rule = rules.get(f"node.{node.label}", {})
        dot.node(
            node.label,
            f"{node.zh}\n{node.label}",
            fillcolor=rule.get("color", "#A5ABB6"),
            color=rule.get("border-color", "#9AA1AC"),
            fontcolor=rule.get("text-color-internal", "#FFFFFF"),
        )
    for rel in RELATIONSHIPS:
        dot.edge(rel.source, rel.target, label=rel.caption())
    svg: bytes = dot.pipe(format="svg")
    return svg
