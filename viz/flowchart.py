"""One process as a Graphviz Digraph: a swimlane per performing post, shapes by kind, the risk overlay.

Layout: the flow runs top to bottom, lanes are columns, left to right in the order their posts
first act along the flow. A node performed by several posts sits in the lane of the one that
acts first, says 「会同：…」, and leaves a dashed 「会同办理」 marker on the same row of every
other performing lane, so each lane shows all its work. Nodes with no performing post sit in a
grey lane 「未指定执行岗位」.
"""

import html
import itertools
from collections import deque
from datetime import date

import graphviz

from graph.process_read import FlowView, NodeView, PerformingPost, ProcessView, RiskView
from viz.style import (
    CONFLICT,
    KIND_NAMES,
    LANE_FILL,
    NOTE_FILL,
    REWORK,
    STATUS_NAMES,
    TWO_PERSON,
    UNCONTROLLED,
    Band,
    band_of_light,
    band_of_score,
)
from viz.text import html_lines

UNASSIGNED = ""
# Above this many nodes a chart is a long scroll: narrower labels and tighter spacing keep it
# readable at full size (it is never shrunk: text stays 12 pt).
BIG = 60
# In a big chart a flow that jumps further than this many steps of the reading order is drawn as a
# pair of connectors (转至 / 接自) instead of a line across the whole chart.
JUMP = 8

# kind -> (shape, style, peripheries)
SHAPES = {
    "start": ("box", "rounded,filled", 1),
    "end": ("box", "rounded,filled", 1),
    "task": ("box", "filled", 1),
    "decision": ("diamond", "filled", 1),
    "event": ("circle", "filled", 1),
    "subprocess": ("box", "filled", 2),
}


class EmptyProcessError(ValueError):
    """The process has no nodes: there is nothing to draw."""


def flow_order(view: ProcessView) -> list[str]:
    """Node ids in reading order: breadth first from the start nodes (kind start, else no incoming
    flow), then whatever no start reaches, by id."""
    ids = [n.id for n in view.nodes]
    targets = {f.to_id for f in view.flows}
    successors: dict[str, list[str]] = {i: [] for i in ids}
    for f in view.flows:
        successors[f.from_id].append(f.to_id)
    starts = [n.id for n in view.nodes if n.kind == "start"] or [i for i in ids if i not in targets]
    seen: dict[str, None] = {}
    for root in [*starts, *ids]:
        queue = deque([root])
        while queue:
            current = queue.popleft()
            if current not in seen:
                seen[current] = None
                queue.extend(successors[current])
    return list(seen)


def lanes(view: ProcessView) -> dict[str, list[str]]:
    """Lane (post id, or UNASSIGNED) -> its node ids, lanes in the order their posts first act
    (the unassigned lane where its first node comes)."""
    order = flow_order(view)
    by_id = {n.id: n for n in view.nodes}
    rank: dict[str, int] = {}
    for nid in order:
        for post in sorted(by_id[nid].posts, key=lambda p: p.id):
            rank.setdefault(post.id, len(rank))
        if not by_id[nid].posts:  # the unassigned lane takes its place in the flow too
            rank.setdefault(UNASSIGNED, len(rank))
    result: dict[str, list[str]] = {}
    for nid in order:
        result.setdefault(_primary(by_id[nid], rank), []).append(nid)
    return dict(sorted(result.items(), key=lambda item: rank[item[0]]))


def _primary(node: NodeView, rank: dict[str, int]) -> str:
    return min((p.id for p in node.posts), key=lambda pid: rank[pid], default=UNASSIGNED)


def build_flowchart(
    view: ProcessView,
    *,
    notes: bool = True,
    conflicted: frozenset[str] = frozenset(),
    font: str,
    today: date | None = None,
) -> graphviz.Digraph:
    """The chart of one process. `conflicted` holds the ids of the nodes whose own duty is one of
    an unmitigated conflicting pair held by their performer (viz/conflicts.py): marked 「不相容」."""
    if not view.nodes:
        raise EmptyProcessError(f"流程 {view.id}（{view.name}）没有环节，无法绘图 / process has no nodes")
    big = len(view.nodes) > BIG
    width = 14 if big else 18
    rated = any(n.light for n in view.nodes)
    g = graphviz.Digraph(name=view.id)
    g.attr(
        rankdir="TB",
        newrank="true",
        compound="true",
        fontname=font,
        labelloc="t",
        label=_title(view, rated, today or date.today()),
        nodesep="0.25" if big else "0.35",
        ranksep="0.35" if big else "0.5",
        pad="0.3",
        bgcolor="white",
        # dot's default, said aloud for the second pass (neato -n2) that re-routes flows between lanes.
        splines="true",
    )
    g.attr("node", fontname=font, fontsize="12", margin="0.08,0.05", penwidth="1.2")
    g.attr("edge", fontname=font, fontsize="10", color="#404040", arrowsize="0.7")

    by_id = {n.id: n for n in view.nodes}
    layout = lanes(view)
    # Drawn names start with their lane (`L<k>`): viz/layout.py puts the lanes in order by them.
    index = {nid: k for k, nids in enumerate(layout.values()) for nid in nids}
    serial = {nid: i for i, nid in enumerate(flow_order(view))}
    name = {nid: f"L{index[nid]}n{serial[nid]}" for nid in by_id}
    lane_of = {nid: lane for lane, nids in layout.items() for nid in nids}
    posts = {p.id: p for n in view.nodes for p in n.posts}
    extra: dict[str, list[str]] = {}  # lane -> node ids it helps perform
    for n in view.nodes:
        for p in n.posts:
            if p.id != lane_of[n.id]:
                extra.setdefault(p.id, []).append(n.id)

    position = {nid: i for i, nid in enumerate(flow_order(view))}
    flows = sorted(view.flows, key=lambda f: (position[f.from_id], position[f.to_id]))
    jumps = {j for j, f in enumerate(flows) if big and abs(position[f.to_id] - position[f.from_id]) > JUMP}
    heads = []
    for k, (lane, nids) in enumerate(layout.items()):
        head = f"L{k}head"
        heads.append(head)
        with g.subgraph(name=f"cluster_L{k}") as c:
            unassigned = lane == UNASSIGNED
            c.attr(
                label="",
                style="filled,dashed" if unassigned else "filled",
                fillcolor=LANE_FILL[k % 2],
                color="#9AA5B1",
            )
            c.node(head, label=_lane_title(posts.get(lane)), shape="plaintext")
            for nid in nids:
                node = by_id[nid]
                _draw_node(c, name[nid], node, lane, width, conflicted)
                if notes and node.risks:
                    note = f"{name[nid]}note"
                    c.node(note, label=_note(node.risks, width + 10), shape="note", style="filled",
                           margin="0.14,0.08", fillcolor=NOTE_FILL, fontsize="10",
                           color="#B8A24A")  # fmt: skip
                    c.edge(name[nid], note, style="dashed", arrowhead="none", color="#B8A24A")
                    g.body.append(_same_rank(name[nid], note))
            for nid in extra.get(lane, []):
                marker = f"L{k}w{serial[nid]}"
                c.node(marker, label=f"<会同办理：<BR/>{html_lines(by_id[nid].name, width)}>",
                       shape="box", style="rounded,dashed", color="#606060", fontcolor="#404040",
                       fontsize="10")  # fmt: skip
                g.edge(
                    name[nid], marker, style="dashed", arrowhead="none", color="#606060", constraint="false"
                )
                g.body.append(_same_rank(name[nid], marker))
            for j, f in enumerate(flows):
                if j in jumps and lane_of[f.from_id] == lane:
                    c.node(f"L{k}j{j}out", label=_connector("转至", by_id[f.to_id].name, f.condition, width),
                           **_connector_style(position, f))  # fmt: skip
                if j in jumps and lane_of[f.to_id] == lane:
                    c.node(f"L{k}j{j}in", label=_connector("接自", by_id[f.from_id].name, f.condition, width),
                           **_connector_style(position, f))  # fmt: skip
    # Lane titles on the top row, left to right in lane order.
    g.body.append(_same_rank(*heads, rank="min"))
    for a, b in itertools.pairwise(heads):
        g.edge(a, b, style="invis")
    for head, nids in zip(heads, layout.values(), strict=True):
        g.edge(head, name[nids[0]], style="invis", weight="10")

    index_of = {nid: k for k, nids in enumerate(layout.values()) for nid in nids}
    for j, f in enumerate(flows):
        back = position[f.to_id] <= position[f.from_id]
        # A flow back to an earlier step must not lift that step above the ones before it.
        attrs = (
            {"style": "dashed", "color": REWORK, "fontcolor": REWORK, "constraint": "false"} if back else {}
        )
        if j in jumps:
            attrs.pop("constraint", None)
            g.edge(name[f.from_id], f"L{index_of[f.from_id]}j{j}out", **attrs)
            g.edge(f"L{index_of[f.to_id]}j{j}in", name[f.to_id], **attrs)
            continue
        label = f"<{html_lines(f.condition, 12)}>" if f.condition else ""
        g.edge(name[f.from_id], name[f.to_id], label=label, **attrs)
    return g


def _connector(word: str, other: str, condition: str | None, width: int) -> str:
    """The label of one end of a long jump: where the flow goes to, or comes from."""
    when = f"（{html.escape(condition)}）" if condition else ""
    return f"<{word}{when}：<BR/>{html_lines(other, width)}>"


def _connector_style(position: dict[str, int], flow: FlowView) -> dict[str, str]:
    back = position[flow.to_id] <= position[flow.from_id]
    colour = REWORK if back else "#404040"
    return {"shape": "cds", "style": "dashed" if back else "solid", "color": colour, "fontcolor": colour,
            "fontsize": "10", "margin": "0.1,0.03"}  # fmt: skip


def _same_rank(*names: str, rank: str = "same") -> str:
    quoted = "; ".join(graphviz.quoting.quote(n) for n in names)
    return f"\t{{rank={rank}; {quoted}}}\n"


def _node_band(node: NodeView) -> Band:
    """The rating's traffic light when present, else the highest inherent band of its risks."""
    light = band_of_light(node.light)
    if light is not None:
        return light
    bands = [band_of_score(r.score, r.level) for r in node.risks]
    return next((b for b in (Band.RED, Band.YELLOW, Band.GREEN) if b in bands), Band.NONE)


def _draw_node(
    c: graphviz.Digraph, drawn: str, node: NodeView, lane: str, width: int, conflicted: frozenset[str]
) -> None:
    shape, style, peripheries = SHAPES.get(node.kind or "task", SHAPES["task"])
    uncontrolled = any(r.uncontrolled for r in node.risks)
    badges: list[tuple[str, str]] = []
    if node.risks:
        badges.append((f"风险点 {len(node.risks)}", _node_band(node).strong))
    if (node.min_people or 1) >= 2:
        badges.append(("双人", TWO_PERSON))
    if node.id in conflicted:
        badges.append(("不相容", CONFLICT))
    if node.discretion:
        badges.append(("自由裁量", "#5F6B7A"))
    rows = [f"<TR><TD>{html_lines(node.name, width if shape == 'box' else width - 4)}</TD></TR>"]
    if badges:
        cells = "".join(
            f'<TD BGCOLOR="{colour}"><FONT COLOR="white" POINT-SIZE="9"> {text} </FONT></TD>'
            for text, colour in badges
        )
        rows.append(
            f'<TR><TD><TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1"><TR>{cells}</TR></TABLE></TD></TR>'
        )
    if uncontrolled:
        rows.append(
            f'<TR><TD><FONT COLOR="{UNCONTROLLED}" POINT-SIZE="10"><B>⚠ 无独立防控</B></FONT></TD></TR>'
        )
    others = [p.name for p in node.posts if p.id != lane]
    if others:
        rows.append(f'<TR><TD><FONT POINT-SIZE="9">会同：{html.escape("、".join(others))}</FONT></TD></TR>')
    label = f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">{"".join(rows)}</TABLE>>'
    c.node(
        drawn,
        id=node.id,
        label=label,
        shape=shape,
        style=style,
        peripheries=str(peripheries),
        fillcolor=_node_band(node).fill,
        color=UNCONTROLLED if uncontrolled else "#303030",
        penwidth="3" if uncontrolled else "1.2",
    )


def _holder_names(post: PerformingPost, role: str) -> str:
    names = [
        html.escape(h.name) + (f"（{STATUS_NAMES[h.status]}）" if h.status in STATUS_NAMES else "")
        for h in sorted(post.holders, key=lambda h: h.id)
        if h.role == role
    ]
    return "、".join(names) if names else f'<FONT COLOR="{UNCONTROLLED}">空缺</FONT>'


def _lane_title(post: PerformingPost | None) -> str:
    if post is None:
        return '<<FONT COLOR="#606060"><B>未指定执行岗位</B></FONT>>'
    key = '<FONT COLOR="#C00000" POINT-SIZE="10"> ★关键岗位</FONT>' if post.key else ""
    return (
        f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD><FONT POINT-SIZE="14"><B>{html.escape(post.name)}</B></FONT>{key}</TD></TR>'
        f'<TR><TD><FONT POINT-SIZE="10">A角：{_holder_names(post, "A")}</FONT></TD></TR>'
        f'<TR><TD><FONT POINT-SIZE="10">B角：{_holder_names(post, "B")}</FONT></TD></TR></TABLE>>'
    )


def _score_text(risk: RiskView) -> str:
    band = band_of_score(risk.current_score, risk.level)
    which = "剩余" if risk.residual is not None else "固有"
    score = f"{risk.current_score:g}" if risk.current_score is not None else "—"
    return f'<FONT COLOR="{band.strong}">（{which} {score}）</FONT>'


def _note(risks: list[RiskView], width: int) -> str:
    rows = []
    for risk in risks:
        rows.append(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><B>风险：</B>{html_lines(risk.behavior, width)}'
            f"{_score_text(risk)}</TD></TR>"
        )
        for control in risk.controls:
            kind = KIND_NAMES.get(control.kind or "", "措施")
            owner = control.owner_post_name or "无责任岗位"
            flag = "" if control.independent else f'<FONT COLOR="{UNCONTROLLED}">（非独立）</FONT>'
            rows.append(
                f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">· {kind}：{html_lines(control.measure, width)}'
                f"<BR/>　<I>责任：{html.escape(owner)}</I>{flag}</TD></TR>"
            )
        if not risk.controls:
            rows.append(f'<TR><TD ALIGN="LEFT"><FONT COLOR="{UNCONTROLLED}">· 无防控措施</FONT></TD></TR>')
    return f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">{"".join(rows)}</TABLE>>'


def _stars(stars: int | None) -> str:
    if stars is None:
        return "未评级"
    # The risk model rates a process 0 to 3 stars (graph/risk_model.py: stars).
    stars = max(0, min(3, stars))
    return "★" * stars + "☆" * (3 - stars)


def _title(view: ProcessView, rated: bool, today: date) -> str:
    def cell(text: str) -> str:
        return f'<TD BORDER="1" COLOR="#9AA5B1">{text}</TD>'

    cells = [
        cell(f"单位：{html.escape(view.unit_name or '—')}"),
        cell(f"流程：{html.escape(view.name)}（{html.escape(view.id)}）"),
        cell(f"专业：{html.escape(view.domain or '—')}"),
        cell(f"风险星级：{_stars(view.stars)}"),
        cell(f"制图日期：{today.isoformat()}"),
    ]
    return (
        f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="4">'
        f'<TR><TD COLSPAN="5"><FONT POINT-SIZE="22"><B>{html.escape(view.name)} · 权力运行流程图</B>'
        f"</FONT></TD></TR>"
        f"<TR>{''.join(cells)}</TR>"
        f'<TR><TD COLSPAN="5">{_legend(rated)}</TD></TR></TABLE>>'
    )


def _legend(rated: bool) -> str:
    basis = "风险评级（红黄绿灯）" if rated else "固有风险等级（尚未评级）"
    swatches = "".join(
        f'<TD BGCOLOR="{b.fill}" BORDER="1" COLOR="#808080"><FONT POINT-SIZE="9">{b.label}</FONT></TD>'
        for b in Band
    )
    marks = "".join(
        f'<TD BGCOLOR="{colour}"><FONT COLOR="white" POINT-SIZE="9"> {text} </FONT></TD>'
        for text, colour in (("风险点 n", "#606060"), ("双人", TWO_PERSON), ("不相容", CONFLICT))
    )
    return (
        f'<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="2"><TR>'
        f'<TD><FONT POINT-SIZE="9">图例　填色＝{basis}：</FONT></TD>{swatches}'
        f'<TD><FONT POINT-SIZE="9" COLOR="{UNCONTROLLED}"><B>红色粗框 ⚠ 无独立防控</B></FONT></TD>{marks}'
        f'<TD><FONT POINT-SIZE="9">圆角框 开始/结束 · 方框 任务 · 菱形 判断 · 圆 事件 · 双线框 子流程 · '
        f'<FONT COLOR="{REWORK}">虚线 退回</FONT> · 便签 风险点与防控措施</FONT></TD>'
        f"</TR></TABLE>"
    )
