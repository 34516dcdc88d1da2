""" "A control is independent when its owner post does not perform the risk's node" is written in
three Cypher files for speed (the uncontrolled check, the flowchart's read, the rating's read).
On a graph built to tell them apart, all three must judge every control and risk alike."""

from datetime import date

from neo4j import Driver

from graph.checks import run_checks
from graph.connection import read
from graph.process_read import read_process
from graph.rows import Control, Node, Post, Process, Risk, Unit, Workbook
from graph.settings import Settings
from tests.build import load

# Node N is performed by P1 and P2, node M by P3; P4 performs nothing.
STATION = Workbook(
    units=[Unit(id="U", name="测试所")],
    posts=[Post(id=f"P{i}", name=f"岗位{i}", unit_id="U") for i in range(1, 5)],
    processes=[Process(id="F", name="流程", unit_id="U")],
    nodes=[
        Node(id="N", process_id="F", name="环节N", post_id=["P1", "P2"]),
        Node(id="M", process_id="F", name="环节M", post_id=["P3"]),
    ],
    risks=[Risk(id=f"r{i}", node_id="N", behavior=f"风险{i}", level="high") for i in range(1, 7)]
    + [Risk(id="m1", node_id="M", behavior="风险m1", level="low")],
    controls=[
        Control(id="c1", risk_id="r1", measure="执行岗位自控", owner_post_id="P1"),  # performer: no
        Control(id="c2", risk_id="r2", measure="另一环节的岗位", owner_post_id="P3"),  # yes
        Control(id="c3", risk_id="r3", measure="无责任岗位"),  # unowned: no
        # r4: no control at all
        Control(id="c5a", risk_id="r5", measure="执行岗位", owner_post_id="P2"),  # no
        Control(id="c5b", risk_id="r5", measure="旁观岗位", owner_post_id="P4"),  # yes
        Control(id="c6", risk_id="r6", measure="无执行的岗位", owner_post_id="P4"),  # yes
        Control(id="cm", risk_id="m1", measure="N的执行岗位管M", owner_post_id="P1"),  # yes: P1 does not do M
    ],
)
INDEPENDENT = {"c1": False, "c2": True, "c3": False, "c5a": False, "c5b": True, "c6": True, "cm": True}
UNCONTROLLED = {"r1", "r3", "r4"}


def test_the_three_copies_of_the_independence_rule_agree(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    load(db, database, STATION)

    report = run_checks(db, database, threshold=3, checks=["uncontrolled"], today=date(2026, 6, 1))
    by_check = {f.risk_id for f in report.findings if f.check == "uncontrolled"}

    view = read_process(db, database, "F")
    by_chart = {c.id: c.independent for n in view.nodes for r in n.risks for c in r.controls}
    chart_uncontrolled = {r.id for n in view.nodes for r in n.risks if r.uncontrolled}

    [row] = read(db, database, "rating/processes", processes=["F"])
    # risks: [risk_id, node_id, score, residual, preventive, detective, other]: independent controls by kind.
    by_rating = {risk_id: sum(counts) for risk_id, _, _, _, *counts in row["risks"]}
    expected_rating = {
        r.id: sum(INDEPENDENT[c.id] for c in STATION.controls if c.risk_id == r.id) for r in STATION.risks
    }

    assert by_check == UNCONTROLLED
    assert by_chart == INDEPENDENT
    assert chart_uncontrolled == UNCONTROLLED
    assert by_rating == expected_rating
