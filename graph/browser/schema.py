"""The graph schema of contract section 2 in one picture, coloured as Neo4j Browser colours it.

The colours are read from style.grass, so the picture in the guide and the graph in the
Browser always agree.
"""

import re
from functools import cache
from importlib import resources

import graphviz

# (from label, relationship type and its properties, to label), as in contract section 2.
SCHEMA: tuple[tuple[str, str, str], ...] = (
    ("Unit", "PART_OF", "Unit"),
    ("Post", "IN_UNIT", "Unit"),
    ("Person", "IN_UNIT", "Unit"),
    ("Person", "HOLDS {role: A|B}", "Post"),
    ("Process", "IN_UNIT", "Unit"),
    ("Node", "IN_PROCESS", "Process"),
    ("Node", "NEXT {condition}", "Node"),
    ("Post", "PERFORMS", "Node"),
    ("Node", "HAS_DUTY", "Duty"),
    ("Duty", "CONFLICTS_WITH {severity, reason}", "Duty"),
    ("Risk", "AT", "Node"),
    ("Risk", "PRONE_POST", "Post"),
    ("Control", "MITIGATES", "Risk"),
    ("Control", "OWNED_BY", "Post"),
    ("Person", "SUPERVISES {level}", "Process"),
    ("Mitigation", "FOR", "Person"),
    ("Mitigation", "COVERS", "Duty"),
    ("Mitigation", "MONITORED_BY", "Person"),
)

LABELS_ZH = {
    "Unit": "单位",
    "Post": "岗位",
    "Person": "人员",
    "Process": "流程",
    "Node": "环节",
    "Duty": "职责",
    "Risk": "风险点",
    "Control": "防控措施",
    "Mitigation": "补偿措施",
}

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
    dot.attr("node", shape="circle", style="filled", fontname="Noto Sans CJK SC", fontsize="11")
    dot.attr("edge", fontname="Noto Sans CJK SC", fontsize="9", color="#8A8F99")
    for label, zh in LABELS_ZH.items():
        rule = rules.get(f"node.{label}", {})
        dot.node(
            label,
            f"{zh}\n{label}",
            fillcolor=rule.get("color", "#A5ABB6"),
            color=rule.get("border-color", "#9AA1AC"),
            fontcolor=rule.get("text-color-internal", "#FFFFFF"),
        )
    for source, rel, target in SCHEMA:
        dot.edge(source, target, label=rel)
    svg: bytes = dot.pipe(format="svg")
    return svg
