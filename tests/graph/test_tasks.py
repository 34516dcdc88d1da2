"""Monthly supervision task lists (contract section 6): twelve-month rotation over every control of a
★★★ process, task results, and the one manual close allowed (an inspection item, with a note)."""

from datetime import date

import pytest
from neo4j import Driver

from graph.connection import in_read, rows_of
from graph.history.ledger import list_items, update_item
from graph.history.tasks import month_after, record_result, rotation, task_lists
from graph.rating import rate
from graph.rows import Control, Node, Person, Post, Process, Risk, Supervisor, Unit, Workbook
from graph.settings import RiskModel, Settings
from tests.build import load

__all__ = ["station"]


def station(controls: int) -> Workbook:
    """One process with many high risks: ★★★ after `rate`; a level-3 and a level-2 supervisor."""
    risks = [Risk(id=f"R{i}", node_id=f"N{i % 3}", behavior="风险", likelihood=5, impact=5) for i in range(8)]
    return Workbook(
        units=[Unit(id="U", name="站")],
        posts=[Post(id="Q1", name="经办", unit_id="U"), Post(id="Q2", name="复核", unit_id="U")],
        people=[Person(id="S3", name="专责", unit_id="U"), Person(id="S2", name="书记", unit_id="U")],
        processes=[Process(id="F", name="报销", unit_id="U")],
        nodes=[Node(id=f"N{i}", process_id="F", name=f"环节{i}", post_id=["Q1"]) for i in range(3)],
        risks=risks,
        controls=[
            Control(id=f"C{i:02d}", risk_id=f"R{i % 8}", measure=f"措施{i}", owner_post_id="Q1")
            for i in range(controls)
        ],
        supervisors=[
            Supervisor(person_id="S3", process_id="F", level=3),
            Supervisor(person_id="S2", process_id="F", level=2),
        ],
    )


def first_task(db: Driver, database: str) -> tuple[str, str]:
    """(month, task_id) of the first month of 2025 whose list has a task."""
    for k in range(12):
        month = month_after("2025-01", k)
        (section,) = task_lists(db, database, month=month)["sections"]
        if section["tasks"]:
            return month, str(section["tasks"][0]["task_id"])
    raise AssertionError("no task in twelve months")


@pytest.mark.parametrize("n", [0, 1, 5, 12, 13, 30])
@pytest.mark.parametrize("start", [0, 7, 11])
def test_rotation_covers_every_control_in_twelve_months(n: int, start: int) -> None:
    ids = [f"C{i}" for i in range(n)]
    listed = [c for m in range(1, 13) for c in rotation(ids, m, start)]
    assert sorted(listed) == sorted(ids)  # each exactly once a year


@pytest.mark.parametrize("start", ["2025-01", "2025-07"])
def test_twelve_lists_cover_every_control_of_a_three_star_process(
    db: Driver, neo4j_settings: Settings, start: str
) -> None:
    database = neo4j_settings.neo4j_database
    load(db, database, station(17))
    rate(db, database, RiskModel())
    stars = in_read(
        db, database, lambda tx: rows_of(tx, "MATCH (p:Process {id: 'F'}) RETURN p.stars AS s", {})
    )
    assert stars[0]["s"] == 3
    seen: set[str] = set()
    for k in range(12):
        lists = task_lists(db, database, month=month_after(start, k))
        (section,) = lists["sections"]
        assert section["supervisor_id"] == "S3" and section["issued_by"] == ["书记"]
        exposures = [t["exposure"] for t in section["tasks"]]
        assert exposures == sorted(exposures, reverse=True)
        seen |= {t["control_id"] for t in section["tasks"]}
    assert seen == {f"C{i:02d}" for i in range(17)}


def test_a_problem_opens_an_inspection_item_an_analyst_closes_with_a_note(
    db: Driver, neo4j_settings: Settings
) -> None:
    database = neo4j_settings.neo4j_database
    load(db, database, station(3))
    month, tid = first_task(db, database)
    done = record_result(
        db, database, tid, result="problem", note="抽查3笔均无复核签字", who="a", due_days=30
    )
    item = done["ledger_item"]
    assert item["check"] == "inspection" and item["status"] == "open" and item["owner_id"] == "S3"
    with pytest.raises(ValueError):
        update_item(db, database, item["finding_id"], who="a", status="closed")  # no note
    closed = update_item(db, database, item["finding_id"], who="a", status="closed", note="已补签并培训")
    assert closed["status"] == "closed"
    assert [i["status"] for i in list_items(db, database, check="inspection")] == ["closed"]
    again = task_lists(db, database, month=month)["sections"][0]["tasks"]
    assert {t["task_id"]: t["result"] for t in again}[tid] == "problem"
    assert date.today()  # lists are regenerated without losing results
