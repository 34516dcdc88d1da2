"""`powermap rate` against the real database: hand-computed numbers written back, and the
sample station rated as its integrity team would expect."""

from datetime import date
from typing import Any

import pytest
from neo4j import Driver

from api.ingest import import_path
from graph.checks.run import unmitigated_conflicts
from graph.connection import in_read
from graph.rating import Ratings, compute, conflict_severities, rate, write
from graph.rows import Control, Flow, Node, NodeKind, Post, Process, Risk, Unit, Workbook
from graph.settings import RiskModel, Settings
from tests.build import LIMITS, RISK, load
from tests.db import read_rows, unrate
from tests.test_sample import CSV_DIR
from tests.workbooks import chain_station

MODEL = RiskModel()
# The sample's mitigations run until 2025-12-31 (expired) and 2030-12-31 (valid) on this day.
SAMPLE_DAY = date(2026, 6, 1)


def props(db: Driver, label: str) -> dict[str, dict[str, Any]]:
    rows = read_rows(db, "neo4j", "MATCH (n:$($label)) RETURN n.id AS id, properties(n) AS p", label=label)
    return {r["id"]: r["p"] for r in rows}


def test_chain_with_a_loop_is_written_back_as_computed_by_hand(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    load(db, database, chain_station())
    when = write(db, database, compute(db, database, MODEL, {}), unit=None)

    nodes = props(db, "Node")
    assert {k: v["exposure"] for k, v in nodes.items()} == {"U1-s": 0, "U1-a": 16, "U1-b": 12.5, "U1-e": 6.25}
    assert {k: v["light"] for k, v in nodes.items()} == {
        "U1-s": "green",
        "U1-a": "yellow",
        "U1-b": "yellow",
        "U1-e": "green",
    }
    assert {k: v["residual"] for k, v in props(db, "Risk").items()} == {"U1-R1": 16, "U1-R2": 4.5}
    process = props(db, "Process")["U1-YK"]
    assert (process["exposure"], process["residual"], process["stars"]) == (34.75, 20.5, 1)
    posts = props(db, "Post")
    assert (posts["U1-P1"]["exposure"], posts["U1-P1"]["light"]) == (28.5, "green")
    assert posts["U1-P2"]["exposure"] == 0
    people = props(db, "Person")
    assert people["U1-E1"]["exposure"] == 28.5
    assert people["U1-E2"]["exposure"] == 28.5 * 0.5
    assert props(db, "Unit")["U1"]["exposure"] == 34.75
    assert all(
        "rated_at" not in v
        for label in ("Node", "Risk", "Process", "Post", "Person")
        for v in props(db, label).values()
    ), "stamped once per unit"
    assert props(db, "Unit")["U1"]["rated_at"] == when


def test_a_conflict_penalty_raises_the_persons_exposure(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    load(db, database, chain_station())
    write(db, database, compute(db, database, MODEL, {"U1-E1": ["critical", "low"]}), unit=None)
    assert props(db, "Person")["U1-E1"]["exposure"] == 28.5 + 30 + 5
    assert props(db, "Person")["U1-E1"]["light"] == "yellow"


def test_unit_scope_writes_only_that_units_entities(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    load(db, database, chain_station("U1"))
    load(db, database, chain_station("U2"))
    unrate(db, database)  # the imports rated both units; then `rate --unit U2` writes U2's alone
    write(db, database, compute(db, database, MODEL, {}), unit="U2")
    for label, rating in (
        ("Node", "light"),
        ("Process", "stars"),
        ("Post", "light"),
        ("Person", "light"),
        ("Unit", "rated_at"),
        ("Risk", "residual"),
    ):
        rated = {k for k, v in props(db, label).items() if rating in v}
        assert rated and all(k.startswith("U2") for k in rated), label


@pytest.mark.parametrize("kind", ["预防", "检查"])  # as a workbook spells them
def test_an_independent_control_lowers_the_rating(db: Driver, neo4j_settings: Settings, kind: str) -> None:
    database = neo4j_settings.neo4j_database
    base = chain_station()
    load(db, database, base)
    before = compute(db, database, MODEL, {})
    guarded = base.model_copy(
        update={
            "controls": [
                *base.controls,
                Control.model_validate(
                    {
                        "id": "U1-C9",
                        "risk_id": "U1-R1",
                        "measure": "双人复核",
                        "kind": kind,
                        "owner_post_id": "U1-P2",
                    }
                ),
            ]
        }
    )
    load(db, database, guarded)
    after = compute(db, database, MODEL, {})

    def exposure(r: Ratings) -> dict[str, float]:
        return {n.id: n.exposure for p in r.processes for n in p.nodes}

    assert exposure(after)["U1-a"] < exposure(before)["U1-a"]
    assert all(exposure(after)[n] <= exposure(before)[n] for n in exposure(before))


def test_sample_station_ratings_point_at_its_planted_problems(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    assert import_path(db, database, CSV_DIR, model=RISK, limits=LIMITS).ok
    ratings, _ = rate(db, database, MODEL)

    top = max(ratings.processes, key=lambda p: p.exposure)
    assert (top.name, top.stars) == ("高压业扩报装", 3)
    assert max(p.residual for p in ratings.processes if p.id != top.id) < top.residual / 2

    people = sorted(ratings.people, key=lambda p: -p.exposure)
    rank = {p.id: i for i, p in enumerate(people)}
    conflicted = unmitigated_conflicts(db, database, today=SAMPLE_DAY)
    assert set(conflicted) == {"CG-PER-13", "CG-PER-15", "CG-PER-20", "CG-PER-23"}, "the planted conflicts"
    for person in conflicted:
        assert people[rank[person]].light != "green", person
        assert rank[person] < len(people) / 2, person
    assert people[rank["CG-PER-23"]].light == "red", "一人多职 (A holder of three posts) stands out"
    assert props(db, "Process")[top.id]["stars"] == 3, "written back"


def test_branch_and_checkpoint_by_hand(db: Driver, neo4j_settings: Settings) -> None:
    """s -> d (decision, risk 10) -> x | y -> c (risk 10 with an independent detective control) -> e."""
    unit = "U3"

    def node(i: str, kind: NodeKind = "task") -> Node:
        return Node(id=f"{unit}-{i}", process_id=f"{unit}-P", name=i, kind=kind, post_id=[f"{unit}-A"])

    def flow(a: str, b: str) -> Flow:
        return Flow(from_id=f"{unit}-{a}", to_id=f"{unit}-{b}")

    workbook = Workbook(
        units=[Unit(id=unit, name="分支所")],
        posts=[
            Post(id=f"{unit}-A", name="执行岗", unit_id=unit),
            Post(id=f"{unit}-B", name="稽查岗", unit_id=unit),
        ],
        processes=[Process(id=f"{unit}-P", name="分支流程", unit_id=unit)],
        nodes=[node("s", "start"), node("d", "decision"), node("x"), node("y"), node("c"), node("e", "end")],
        flows=[
            flow("s", "d"),
            flow("d", "x"),
            flow("d", "y"),
            flow("x", "c"),
            flow("y", "c"),
            flow("c", "e"),
        ],
        risks=[
            Risk(id=f"{unit}-R1", node_id=f"{unit}-d", behavior="审批随意", likelihood=2, impact=5),
            Risk(id=f"{unit}-R2", node_id=f"{unit}-c", behavior="核对走过场", likelihood=2, impact=5),
        ],
        controls=[
            Control(
                id=f"{unit}-C1",
                risk_id=f"{unit}-R2",
                measure="稽查抽检",
                kind="detective",
                owner_post_id=f"{unit}-B",
            )
        ],
    )
    database = neo4j_settings.neo4j_database
    load(db, database, workbook)
    write(db, database, compute(db, database, MODEL, {}), unit=None)
    got = {k: v["exposure"] for k, v in props(db, "Node").items()}
    # d: 10; x, y: 0.5 x 10 = 5 each; c: own 10 x 0.7 = 7, arriving 0.5 x (5 + 5) = 5 -> 12;
    # c stops min(7, 5 x 0.3) = 1.5 and sends 7 + 5 - 1.5 = 10.5; e: 0.5 x 10.5 = 5.25.
    assert got == pytest.approx({"U3-s": 0, "U3-d": 10, "U3-x": 5, "U3-y": 5, "U3-c": 12, "U3-e": 5.25})


@pytest.mark.parametrize("day", [SAMPLE_DAY, date(2031, 1, 1)])  # the later day: every mitigation expired
def test_the_lean_conflict_query_equals_the_sod_conflict_check(
    db: Driver, neo4j_settings: Settings, day: date
) -> None:
    """rating/conflicts (the penalty's input) judges as the check does: the same people, the same
    severities, B roles one level milder, mitigated conflicts left out."""
    database = neo4j_settings.neo4j_database
    assert import_path(db, database, CSV_DIR, model=RISK, limits=LIMITS).ok
    people = [r["id"] for r in read_rows(db, database, "MATCH (x:Person) RETURN x.id AS id")]
    lean = in_read(db, database, lambda tx: conflict_severities(tx, people, day))
    check = unmitigated_conflicts(db, database, today=day)
    assert check, "the sample has unmitigated conflicts"
    assert {k: sorted(v) for k, v in lean.items()} == {k: sorted(v) for k, v in check.items()}
