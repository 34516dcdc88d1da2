"""Contract rule 1: every problem is reported (table, row, column, value, message) and nothing is written."""

from pathlib import Path

import pytest
from neo4j import Driver

from api.ingest import import_path
from graph.writer import apply_workbook
from tests.station import checksum, counts, station, write_csv_dir

DB = "neo4j"


def tables() -> dict[str, list[list[str]]]:
    return {
        "units": [["id", "name"], ["A", "城关供电所"]],
        "posts": [
            ["id", "name", "unit_id", "key"],
            ["A-P1", "出纳", "A", "yes"],
            ["A-P2", "会计", "A", "no"],
        ],
        "people": [["id", "name", "unit_id", "status"], ["A-E1", "张伟", "A", "active"]],
        "assignments": [["person_id", "post_id", "role"], ["A-E1", "A-P1", "A"]],
        "processes": [["id", "name", "unit_id"], ["A-X", "费用报销", "A"], ["A-Y", "车辆管理", "A"]],
        "nodes": [
            ["id", "process_id", "name", "kind", "post_id", "min_people"],
            ["A-X1", "A-X", "审核", "task", "A-P2", "1"],
            ["A-X2", "A-X", "付款", "task", "A-P1", "2"],
            ["A-Y1", "A-Y", "派车", "task", "A-P2", ""],
        ],
        "flows": [["from_id", "to_id"], ["A-X1", "A-X2"]],
        "risks": [["id", "node_id", "behavior", "level"], ["A-R1", "A-X2", "虚假报销", "high"]],
    }


def _run(
    db: Driver, tmp_path: Path, edit: dict[str, list[list[str]]]
) -> list[tuple[str, int | None, str | None, str | None, str]]:
    apply_workbook(db, DB, station("B"))
    before = (counts(db), checksum(db))
    result = import_path(db, DB, write_csv_dir(tmp_path / "wb", {**tables(), **edit}))
    assert not result.ok
    assert (counts(db), checksum(db)) == before, "a rejected import writes nothing"
    return [(p.table, p.row, p.column, p.value, p.message) for p in result.problems]


def test_the_base_workbook_imports(db: Driver, tmp_path: Path) -> None:
    result = import_path(db, DB, write_csv_dir(tmp_path / "wb", tables()))
    assert result.ok, result.problems
    assert result.counts is not None and result.counts.rows["nodes"] == 3


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
def test_each_problem_kind_is_reported_and_nothing_written(db: Driver, tmp_path: Path, case: str) -> None:
    edit, (table, row, column, value, text) = CASES[case]
    problems = _run(db, tmp_path, edit)
    assert len(problems) == 1, problems
    got = problems[0]
    assert got[:4] == (table, row, column, value)
    assert text in got[4] and any("\u4e00" <= ch <= "\u9fff" for ch in got[4]), "Chinese and English"


def test_every_problem_is_reported_not_only_the_first(db: Driver, tmp_path: Path) -> None:
    problems = _run(
        db,
        tmp_path,
        {
            "people": [
                ["id", "name", "unit_id", "status"],
                ["A-E1", "张伟", "A", "gone"],
                ["A-E2", "李", "Z", ""],
            ],
            "flows": [["from_id", "to_id"], ["A-X1", "A-X9"]],
        },
    )
    assert {(p[0], p[1], p[2]) for p in problems} == {
        ("people.csv", 2, "status"),
        ("people.csv", 3, "unit_id"),
        ("flows.csv", 2, "to_id"),
    }


def test_a_reference_to_something_the_snapshot_deletes_is_a_problem(db: Driver, tmp_path: Path) -> None:
    assert import_path(db, DB, write_csv_dir(tmp_path / "one", tables())).ok
    edit = {
        "posts": [["id", "name", "unit_id"], ["A-P1", "出纳", "A"]],
        "nodes": [["id", "process_id", "name", "post_id"], ["A-X1", "A-X", "审核", "A-P2"]],
        "flows": [["from_id", "to_id"]],
        "risks": [["id", "node_id", "behavior", "level"]],
        "processes": [["id", "name", "unit_id"], ["A-X", "费用报销", "A"]],
    }
    result = import_path(db, DB, write_csv_dir(tmp_path / "two", {**tables(), **edit}))
    assert [(p.column, p.value) for p in result.problems] == [("post_id", "A-P2")]
    assert "the import would delete it" in result.problems[0].message


def test_unknown_columns_and_sheets_are_warnings(db: Driver, tmp_path: Path) -> None:
    edit = {"units": [["id", "name", "备注"], ["A", "城关供电所", "x"]], "extra": [["a"], ["b"]]}
    result = import_path(db, DB, write_csv_dir(tmp_path / "wb", {**tables(), **edit}))
    assert result.ok
    assert any("备注" in w for w in result.warnings) and any("extra.csv" in w for w in result.warnings)


def test_no_units_table_is_a_problem(db: Driver, tmp_path: Path) -> None:
    edit = tables()
    del edit["units"]
    result = import_path(db, DB, write_csv_dir(tmp_path / "wb", edit))
    assert any("units table is required" in p.message for p in result.problems)
    assert counts(db) == {}


def test_a_person_may_back_up_their_own_post_but_not_twice_in_one_role(db: Driver, tmp_path: Path) -> None:
    both = {"assignments": [["person_id", "post_id", "role"], ["A-E1", "A-P1", "A"], ["A-E1", "A-P1", "B"]]}
    assert import_path(db, DB, write_csv_dir(tmp_path / "ok", {**tables(), **both})).ok
    twice = {
        "assignments": [["person_id", "post_id", "role"], ["A-E1", "A-P1", "A"], ["A-E1", "A-P1", "A角"]]
    }
    result = import_path(db, DB, write_csv_dir(tmp_path / "bad", {**tables(), **twice}))
    assert [(p.row, p.column, p.value) for p in result.problems] == [(3, "role", "A")]
