"""viz/conflicts.py: 「不相容」 marks the nodes whose own duty is in a conflict their performer
holds, unmitigated: not every node a conflicted person performs. Only the process's performers
are checked, and the marks are those of the whole-graph check."""

from neo4j import Driver

from api.ingest import import_path
from graph.checks.models import SodConflictFinding
from graph.checks.run import run_checks
from graph.process_read import list_processes, read_process
from graph.settings import Settings
from tests.build import LIMITS, RISK, load
from tests.test_sample import CSV_DIR
from tests.workbooks import Station
from viz.conflicts import conflicted_nodes, performers


def station() -> Station:
    return (
        Station()
        .unit("U1")
        .post("CASH", "U1")
        .post("BOOK", "U1")
        .person("x", "U1", name="张三")
        .hold("x", "CASH", "A")
        .hold("x", "BOOK", "B")
        .process("F", "U1")
        .node("pay", "F", ("CASH",), duty="收款")
        .node("count", "F", ("CASH",), duty="盘点")  # the same performer, a duty in no conflict
        .node("post", "F", ("BOOK",), duty="记账")
        .node("free", "F", ("BOOK",))  # no duty at all
        .conflict("收款", "记账")
    )


def marks(db: Driver, process_id: str) -> frozenset[str]:
    return conflicted_nodes(db, "neo4j", read_process(db, "neo4j", process_id))


def test_only_the_nodes_that_bring_a_conflicting_duty(db: Driver) -> None:
    load(db, "neo4j", station().workbook)
    assert marks(db, "F") == {"pay", "post"}


def test_a_mitigated_conflict_marks_nothing(db: Driver) -> None:
    load(db, "neo4j", station().mitigation("x", "收款", "记账", measure="所长每日复核").workbook)
    assert marks(db, "F") == frozenset()


def test_no_conflict_marks_nothing(db: Driver) -> None:
    s = station()
    s.workbook.assignments.pop()  # x no longer holds BOOK: 收款 and 记账 are two people's
    load(db, "neo4j", s.workbook)
    assert marks(db, "F") == frozenset()


def test_a_performer_from_another_unit_and_a_conflict_held_through_another_process(db: Driver) -> None:
    # y of unit U2 performs F's 收款 through CASH, and holds 记账 through a post of U2's process G.
    s = (
        station()
        .unit("U2")
        .post("LEDGER", "U2")
        .person("y", "U2", name="李四")
        .hold("y", "CASH", "B")
        .hold("y", "LEDGER", "A")
        .process("G", "U2")
        .node("g-post", "G", ("LEDGER",), duty="记账")
    )
    s.workbook.assignments[:] = [a for a in s.workbook.assignments if a.person_id != "x"]
    load(db, "neo4j", s.workbook)
    assert performers(read_process(db, "neo4j", "F")) == {"y"}
    assert marks(db, "F") == {"pay"} and marks(db, "G") == {"g-post"}


def test_marks_equal_those_of_the_whole_graph_check(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    assert import_path(db, database, CSV_DIR, model=RISK, limits=LIMITS).ok
    # The rule in plain Python over the whole graph's findings: a node in the `via` of an
    # unmitigated conflict, for a duty of that conflict.
    report = run_checks(db, database, threshold=3, checks=["sod_conflict"])
    everywhere = {
        path.node_id
        for f in report.findings
        if isinstance(f, SodConflictFinding) and not f.mitigated
        for path in f.via
        if path.duty in f.duties
    }
    marked = 0
    for process in list_processes(db, database):
        view = read_process(db, database, process.id)
        found = conflicted_nodes(db, database, view)
        assert found == everywhere & {n.id for n in view.nodes}, process.id
        marked += len(found)
    assert marked == len(everywhere) > 0, "every marked node belongs to some process"
