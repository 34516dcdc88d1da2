"""viz/conflicts.py: 「不相容」 marks the nodes whose own duty is in a conflict their performer
holds, unmitigated: not every node a conflicted person performs."""

from neo4j import Driver

from tests.build import load
from tests.workbooks import Station
from viz.conflicts import conflicted_nodes


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


def test_only_the_nodes_that_bring_a_conflicting_duty(db: Driver) -> None:
    load(db, "neo4j", station().workbook)
    assert conflicted_nodes(db, "neo4j") == {"pay", "post"}


def test_a_mitigated_conflict_marks_nothing(db: Driver) -> None:
    load(db, "neo4j", station().mitigation("x", "收款", "记账", measure="所长每日复核").workbook)
    assert conflicted_nodes(db, "neo4j") == frozenset()


def test_no_conflict_marks_nothing(db: Driver) -> None:
    s = station()
    s.workbook.assignments.pop()  # x no longer holds BOOK: 收款 and 记账 are two people's
    load(db, "neo4j", s.workbook)
    assert conflicted_nodes(db, "neo4j") == frozenset()
