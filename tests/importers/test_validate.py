"""Contract rule 1: every problem is reported (table, row, column, value, message), nothing written.

The rules are pure functions of a workbook and the ids the graph holds (`importers.validate.parse`
and `check` with `GraphIds`): tested here without a database. One test makes sure that a refused
import leaves the graph exactly as it was.
"""

from pathlib import Path

import pytest
from neo4j import Driver

from api.ingest import import_path
from graph.rows import Workbook
from importers.validate import GraphIds, check, parse
from importers.workbook import read_path
from tests.build import LIMITS, RISK, load
from tests.db import checksum, counts
from tests.workbooks import station, tables, write_csv_dir

DB = "neo4j"
Reported = tuple[str, int | None, str | None, str | None, str]


def holding(workbook: Workbook) -> GraphIds:
    """The ids a graph holds once `workbook` is imported, each with the unit owning it."""
    unit_of_process = {p.id: p.unit_id for p in workbook.processes}
    unit_of_node = {n.id: unit_of_process[n.process_id] for n in workbook.nodes}
    unit_of_risk = {r.id: unit_of_node[r.node_id] for r in workbook.risks}
    owners: dict[str, dict[str, str | None]] = {
        "units": {u.id: u.id for u in workbook.units},
        "posts": {p.id: p.unit_id for p in workbook.posts},
        "people": {p.id: p.unit_id for p in workbook.people},
        "processes": dict(unit_of_process),
        "nodes": dict(unit_of_node),
        "risks": dict(unit_of_risk),
        "controls": {c.id: unit_of_risk[c.risk_id] for c in workbook.controls},
    }
    return GraphIds(owners)


# What the graph holds in most tests below: another unit, B, imported earlier.
UNIT_B = holding(station("B"))


def problems(tmp_path: Path, tables: dict[str, list[list[str]]], graph: GraphIds = UNIT_B) -> list[Reported]:
    """Every problem of the CSV workbook `tables`, of its cells and against `graph`."""
    parsed, found = parse(read_path(write_csv_dir(tmp_path / "wb", tables)))
    found += check(parsed, graph)
    return [(p.table, p.row, p.column, p.value, p.message) for p in found]


def test_the_base_workbook_has_no_problem(tmp_path: Path) -> None:
    parsed, found = parse(read_path(write_csv_dir(tmp_path / "wb", tables())))
    assert found == [] and check(parsed, UNIT_B) == []
    assert len(parsed.workbook.nodes) == 3


CASES = {
    "missing required column": (
        {"people": [["id", "unit_id"], ["A-E1", "A"]]},
        ("people.csv", 1, "name（姓名）", None, "missing required column"),
    ),
    "missing required value": (
        {"people": [["id", "name", "unit_id"], ["A-E1", "", "A"]]},
        ("people.csv", 2, "name", None, "required"),
    ),
    "duplicate id": (
        {
            "posts": [
                ["id", "name", "unit_id"],
                ["A-P1", "出纳", "A"],
                ["A-P2", "会计", "A"],
                ["A-P1", "稽核", "A"],
            ]
        },
        ("posts.csv", 4, "id", "A-P1", "duplicate"),
    ),
    "unknown reference": (
        {"assignments": [["person_id", "post_id", "role"], ["A-E1", "A-P9", "A"]]},
        ("assignments.csv", 2, "post_id", "A-P9", "neither in the workbook nor in the graph"),
    ),
    "bad enum": (
        {"assignments": [["person_id", "post_id", "role"], ["A-E1", "A-P1", "C角"]]},
        ("assignments.csv", 2, "role", "C角", "must be one of A, B"),
    ),
    "bad boolean": (
        {
            "posts": [
                ["id", "name", "unit_id", "key"],
                ["A-P1", "出纳", "A", "maybe"],
                ["A-P2", "会计", "A", ""],
            ]
        },
        ("posts.csv", 2, "key", "maybe", "must be yes or no"),
    ),
    "bad integer": (
        {"nodes": [*tables()["nodes"][:3], ["A-Y1", "A-Y", "派车", "task", "A-P2", "两"]]},
        ("nodes.csv", 4, "min_people", "两", "must be a whole number"),
    ),
    "integer out of range": (
        {"nodes": [*tables()["nodes"][:3], ["A-Y1", "A-Y", "派车", "task", "A-P2", "0"]]},
        ("nodes.csv", 4, "min_people", "0", "must be >= 1"),
    ),
    "flow across processes": (
        {"flows": [["from_id", "to_id"], ["A-X1", "A-X2"], ["A-X2", "A-Y1"]]},
        ("flows.csv", 3, "to_id", "A-Y1", "a flow cannot join two processes"),
    ),
    "id owned by another unit": (
        {
            "posts": [
                ["id", "name", "unit_id"],
                ["A-P1", "出纳", "A"],
                ["A-P2", "会计", "A"],
                ["B-P1", "班长", "A"],
            ]
        },
        ("posts.csv", 4, "id", "B-P1", "already owned by unit B"),
    ),
    "risk without level or scores": (
        {"risks": [["id", "node_id", "behavior", "likelihood"], ["A-R1", "A-X2", "虚假报销", "3"]]},
        ("risks.csv", 2, None, None, "needs level, or both likelihood and impact"),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_problem_kind_is_reported(tmp_path: Path, case: str) -> None:
    edit, (table, row, column, value, text) = CASES[case]
    found = problems(tmp_path, {**tables(), **edit})
    assert len(found) == 1, found
    got = found[0]
    assert got[:4] == (table, row, column, value)
    assert text in got[4] and any("\u4e00" <= ch <= "\u9fff" for ch in got[4]), "Chinese and English"


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        {
            **tables(),
            "people": [
                ["id", "name", "unit_id", "status"],
                ["A-E1", "张伟", "A", "gone"],
                ["A-E2", "李", "Z", ""],
            ],
            "flows": [["from_id", "to_id"], ["A-X1", "A-X9"]],
        },
    )
    assert {(p[0], p[1], p[2]) for p in found} == {
        ("people.csv", 2, "status"),
        ("people.csv", 3, "unit_id"),
        ("flows.csv", 2, "to_id"),
    }


def test_a_reference_to_something_the_snapshot_deletes_is_a_problem(tmp_path: Path) -> None:
    parsed, _ = parse(read_path(write_csv_dir(tmp_path / "one", tables())))
    imported = holding(parsed.workbook)  # unit A as the base workbook left it
    edit = {
        "posts": [["id", "name", "unit_id"], ["A-P1", "出纳", "A"]],
        "nodes": [["id", "process_id", "name", "post_id"], ["A-X1", "A-X", "审核", "A-P2"]],
        "flows": [["from_id", "to_id"]],
        "risks": [["id", "node_id", "behavior", "level"]],
        "processes": [["id", "name", "unit_id"], ["A-X", "费用报销", "A"]],
    }
    found = problems(tmp_path, {**tables(), **edit}, imported)
    assert [(p[2], p[3]) for p in found] == [("post_id", "A-P2")]
    assert "the import would delete it" in found[0][4]


def test_unknown_columns_and_sheets_are_warnings(tmp_path: Path) -> None:
    edit = {"units": [["id", "name", "备注"], ["A", "城关供电所", "x"]], "extra": [["a"], ["b"]]}
    parsed, found = parse(read_path(write_csv_dir(tmp_path / "wb", {**tables(), **edit})))
    assert found == [] and check(parsed, UNIT_B) == []
    warnings = parsed.warnings
    assert any("备注" in w for w in warnings) and any("extra.csv" in w for w in warnings)


def test_no_units_table_is_a_problem(tmp_path: Path) -> None:
    edit = tables()
    del edit["units"]
    assert any("units table is required" in p[4] for p in problems(tmp_path, edit))


def test_a_person_may_back_up_their_own_post_but_not_twice_in_one_role(tmp_path: Path) -> None:
    both = {"assignments": [["person_id", "post_id", "role"], ["A-E1", "A-P1", "A"], ["A-E1", "A-P1", "B"]]}
    assert problems(tmp_path / "ok", {**tables(), **both}) == []
    twice = {
        "assignments": [["person_id", "post_id", "role"], ["A-E1", "A-P1", "A"], ["A-E1", "A-P1", "A角"]]
    }
    assert [(p[1], p[2], p[3]) for p in problems(tmp_path / "bad", {**tables(), **twice})] == [
        (3, "role", "A")
    ]


def test_a_refused_import_writes_nothing(db: Driver, tmp_path: Path) -> None:
    """Problems of cells, across tables and against the graph: the graph stays as it was."""
    load(db, DB, station("B"))
    before = (counts(db, DB), checksum(db, DB))
    bad = {
        **tables(),
        "people": [["id", "name", "unit_id", "status"], ["A-E1", "张伟", "A", "gone"]],
        "posts": [
            ["id", "name", "unit_id"],
            ["A-P1", "出纳", "A"],
            ["A-P2", "会计", "A"],
            ["B-P1", "班长", "A"],
        ],
    }
    result = import_path(db, DB, write_csv_dir(tmp_path / "wb", bad), model=RISK, limits=LIMITS)
    assert not result.ok
    assert {(p.table, p.column) for p in result.problems} == {("people.csv", "status"), ("posts.csv", "id")}
    assert (counts(db, DB), checksum(db, DB)) == before
