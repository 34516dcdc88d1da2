"""Flowcharts against a real Neo4j: lanes, marks, every node in SVG and in the PDF's text."""

import json
import re
import subprocess
from datetime import date
from html import unescape
from pathlib import Path

import graphviz
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from graph.process_read import (
    FlowView,
    NodeView,
    PerformingPost,
    ProcessNotFoundError,
    ProcessView,
    read_process,
)
from graph.rating import rate
from graph.rows import Process, Unit, Workbook
from graph.settings import RiskModel, Settings
from graph.vocab import DEFAULT_FONT
from tests.build import load
from tests.db import read_value, unrate
from tests.viz.workbooks import RATED_UNIT, big_process, demo_station
from viz.flowchart import EmptyProcessError, build_flowchart, lanes
from viz.render import lay_out, render_process

DAY = date(2025, 6, 1)

FONT = DEFAULT_FONT


@pytest.fixture
def demo(db: Driver, neo4j_settings: Settings) -> str:
    """城南供电所 imported; its 营销班's 电费退补审批 rated, 高压业扩报装 not yet."""
    database = neo4j_settings.neo4j_database
    load(db, database, demo_station())
    unrate(db, database)  # the import rated everything: keep 高压业扩报装 as a store before rating
    rate(db, database, RiskModel(), unit=RATED_UNIT)
    return database


def _laid_out(view: ProcessView, **kwargs: object) -> dict:  # type: ignore[type-arg]
    """dot's layout, lanes pinned, as neato -n2 JSON: what the user finally sees."""
    laid = lay_out(build_flowchart(view, today=DAY, font=FONT, **kwargs))  # type: ignore[arg-type]
    return json.loads(graphviz.pipe("neato", "json", laid.encode(), neato_no_op=2))  # type: ignore[no-any-return]


def _clusters(layout: dict) -> list[tuple[float, set[str]]]:  # type: ignore[type-arg]
    """Each lane: its left edge and the process node ids drawn in it."""
    objects = layout["objects"]
    return [
        (float(o["bb"].split(",")[0]), {objects[i].get("id") for i in o.get("nodes", [])} - {None})
        for o in objects
        if o["name"].startswith("cluster_L")
    ]


def test_every_node_in_its_performers_lane_and_every_flow_drawn(demo: str, db: Driver) -> None:
    view = read_process(db, demo, "CN-YK")
    layout = _laid_out(view)
    lanes_drawn = _clusters(layout)
    performers = {n.id: {p.id for p in n.posts} for n in view.nodes}
    lane_posts = list(lanes(view))
    assert len(lanes_drawn) == len(lane_posts) == 5
    for post_id, (_, members) in zip(lane_posts, lanes_drawn, strict=True):
        assert members, post_id
        assert all(post_id in performers[nid] for nid in members)
    assert set().union(*(m for _, m in lanes_drawn)) == performers.keys()
    # Lanes left to right in the order their posts first act: 客户经理 starts the process.
    lefts = [left for left, _ in lanes_drawn]
    assert lefts == sorted(lefts)
    assert lane_posts[0] == "CN-P1"
    objects = layout["objects"]
    drawn_flows = {
        (objects[e["tail"]].get("id"), objects[e["head"]].get("id"))
        for e in layout["edges"]
        if e.get("style") != "invis"
    }
    assert {(f.from_id, f.to_id) for f in view.flows} <= drawn_flows
    conditions = {unescape(re.sub(r"<[^>]+>", "", e.get("label", ""))) for e in layout["edges"]}
    assert {"是", "否：资料不全", "否：退回重新勘查"} <= conditions


def test_node_with_two_posts_sits_in_first_lane_and_is_marked_in_the_other(demo: str, db: Driver) -> None:
    view = read_process(db, demo, "CN-YK")
    layout = _laid_out(view)
    objects = layout["objects"]
    survey = next(o for o in objects if o.get("id") == "YK05")
    assert "会同：配电运检班班长" in survey["label"]
    lane_of = dict(zip(lanes(view), _clusters(layout), strict=True))
    assert "YK05" in lane_of["CN-P2"][1]
    p3 = next(
        o
        for o in objects
        if o["name"].startswith("cluster_L") and "YK09" in {objects[i].get("id") for i in o["nodes"]}
    )
    markers = [objects[i]["label"] for i in p3["nodes"] if "会同办理" in objects[i].get("label", "")]
    assert len(markers) == 1 and "现场勘查" in markers[0]


def test_risk_overlay_marks(demo: str, db: Driver) -> None:
    view = read_process(db, demo, "CN-YK")
    source = build_flowchart(view, conflicted=frozenset({"YK08"}), today=DAY, font=FONT).source
    bodies = re.findall(r"^\t+L\d+n\d+ \[(.*?)\]$", source, re.S | re.M)
    stmts = {re.search(r"\bid=(\w+)", body).group(1): body for body in bodies}  # type: ignore[union-attr]
    assert len(stmts) == 12
    # Uncontrolled: self-controlled (YK05: owner performs it), unowned (YK06), no control (YK09).
    for nid in ("YK05", "YK06", "YK09"):
        assert "⚠ 无独立防控" in stmts[nid] and "penwidth=3" in stmts[nid], nid
    for nid in ("YK02", "YK08", "YK11", "YK01"):
        assert "无独立防控" not in stmts[nid], nid
    assert "双人" in stmts["YK05"] and "双人" in stmts["YK11"] and "双人" not in stmts["YK02"]
    assert "不相容" in stmts["YK08"] and all("不相容" not in s for k, s in stmts.items() if k != "YK08")
    assert "风险点 2" in stmts["YK05"] and "风险点" not in stmts["YK01"]
    # Inherent fill before rating: YK05 holds a 4x5=20 risk (red), YK02 a medium one (yellow).
    assert "#F8B4B4" in stmts["YK05"] and "#FFE08A" in stmts["YK02"] and "#FFFFFF" in stmts["YK01"]
    assert "尚未评级" in source and "未评级" in source
    assert "营业厅收费员" in source and "李娜、周杰" in source and "刘洋（休假）" in source


def test_rated_process_uses_the_rating(demo: str, db: Driver) -> None:
    source = build_flowchart(read_process(db, demo, "CN-TB"), today=DAY, font=FONT).source
    stars = read_value(db, demo, "MATCH (p:Process {id: 'CN-TB'}) RETURN p.stars")
    assert stars >= 1, "电费退补审批 carries residual risk"
    assert f"风险星级：{'★' * stars}{'☆' * (3 - stars)}" in source
    # TB-R2 has no control: its residual risk is its inherent 16.
    assert "风险评级（红黄绿灯）" in source and "剩余 16" in source
    assert "固有" not in source.split("图例")[0]


def test_notes_are_optional(demo: str, db: Driver) -> None:
    view = read_process(db, demo, "CN-YK")
    assert "营销系统强制校验必填资料" in build_flowchart(view, today=DAY, font=FONT).source
    assert "营销系统强制校验必填资料" not in build_flowchart(view, notes=False, today=DAY, font=FONT).source


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_svg_holds_every_node_name(demo: str, db: Driver) -> None:
    svg = render_process(db, demo, "CN-YK", "svg", today=DAY, font=FONT).decode()
    text = _plain(unescape("".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))))
    for node in read_process(db, demo, "CN-YK").nodes:
        assert _plain(node.name) in text, node.name


def test_pdf_text_holds_every_node_name_so_the_cjk_font_is_embedded(
    demo: str, db: Driver, tmp_path: Path
) -> None:
    pdf = render_process(db, demo, "CN-YK", "pdf", today=DAY, font=FONT)
    assert pdf.startswith(b"%PDF")
    text = _plain(
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    )
    for node in read_process(db, demo, "CN-YK").nodes:
        assert _plain(node.name) in text, node.name
    pdf_path = tmp_path / "yk.pdf"
    pdf_path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, check=True, text=True).stdout
    # name, type (may be several words), encoding, then the columns emb sub uni object ID.
    cjk = [line.split() for line in fonts.splitlines()[2:] if "NotoSansCJK" in line]
    assert cjk, fonts
    assert all(columns[-5] == "yes" for columns in cjk), f"the CJK font is embedded:\n{fonts}"


def test_png_is_a_png(demo: str, db: Driver) -> None:
    assert render_process(db, demo, "CN-TB", "png", today=DAY, font=FONT).startswith(b"\x89PNG\r\n\x1a\n")


def test_big_process_renders_legibly(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    load(db, database, big_process(200))
    svg = render_process(db, database, "BIG-F", "svg", today=DAY, font=FONT).decode()
    # Never shrunk to fit: drawn at scale 1, node text at 12 pt.
    assert re.search(r'transform="scale\(1 1\)', svg)
    assert 'font-size="12.00"' in svg
    assert len(re.findall(r'class="node"', svg)) >= 200
    png = render_process(db, database, "BIG-F", "png", today=DAY, font=FONT)
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert max(width, height) < 32767  # inside cairo's limit: not scaled down behind our back


def test_big_chart_every_flow_routed_long_jumps_as_connectors(db: Driver, neo4j_settings: Settings) -> None:
    load(db, neo4j_settings.neo4j_database, big_process(200))
    view = read_process(db, neo4j_settings.neo4j_database, "BIG-F")
    laid = lay_out(build_flowchart(view, today=DAY, font=FONT))
    edges = re.findall(r"^\t+(\S+ -> \S+)\t\[(.*?)\];$", laid, re.M | re.S)
    assert edges and all("pos=" in attrs for _, attrs in edges)  # neato -n2 has nothing left to route
    layout = json.loads(graphviz.pipe("neato", "json", laid.encode(), neato_no_op=2))
    labels = [o.get("label", "") for o in layout["objects"]]
    assert any("转至" in text for text in labels) and any("接自" in text for text in labels)
    # Lane titles sit on the top row, each against its lane's left edge.
    for left, _ in _clusters(layout):
        heads = [o for o in layout["objects"] if o["name"].endswith("head") and "pos" in o]
        assert any(abs(float(h["pos"].split(",")[0]) - float(h["width"]) * 36 - left) < 6 for h in heads)


def test_unknown_and_empty_processes_are_clear_errors(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    load(
        db,
        database,
        Workbook(
            units=[Unit(id="E", name="空所")], processes=[Process(id="E-1", name="空流程", unit_id="E")]
        ),
    )
    with pytest.raises(ProcessNotFoundError, match="NOPE"):
        render_process(db, database, "NOPE", "svg", font=FONT)
    with pytest.raises(EmptyProcessError, match="E-1"):
        render_process(db, database, "E-1", "svg", font=FONT)


# --- properties over random processes (no database: the builder is a pure function) ---


@st.composite
def processes(draw: st.DrawFn) -> ProcessView:
    posts = [PerformingPost(id=f"P{k}", name=f"岗位{k}") for k in range(draw(st.integers(1, 5)))]
    count = draw(st.integers(1, 14))
    nodes = [
        NodeView(
            id=f"N{i}",
            name=draw(st.text(alphabet="审核批准收费现场勘查 ab12，。", min_size=1, max_size=30)),
            kind=draw(st.sampled_from(["start", "task", "decision", "event", "subprocess", "end"])),
            posts=draw(st.lists(st.sampled_from(posts), max_size=2, unique_by=lambda p: p.id)),
        )
        for i in range(count)
    ]
    pairs = st.tuples(st.integers(0, count - 1), st.integers(0, count - 1))
    edges = draw(st.lists(pairs, max_size=2 * count, unique=True))
    flows = [
        FlowView(from_id=f"N{a}", to_id=f"N{b}", condition=draw(st.sampled_from([None, "是", "否"])))
        for a, b in edges
    ]
    return ProcessView(id="X", name="随机流程", nodes=nodes, flows=flows)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(processes())
def test_every_node_drawn_once_in_a_lane_of_its_posts_and_lanes_in_order(view: ProcessView) -> None:
    layout = _laid_out(view, notes=False)
    drawn = _clusters(layout)
    lefts = [left for left, _ in drawn]
    assert lefts == sorted(lefts)
    members = [m for _, m in drawn]
    assert sorted(nid for m in members for nid in m) == sorted(n.id for n in view.nodes)
    by_id = {n.id: n for n in view.nodes}
    for lane, nids in zip(lanes(view), members, strict=True):
        for nid in nids:
            posts = {p.id for p in by_id[nid].posts}
            assert lane in posts if posts else lane == ""
