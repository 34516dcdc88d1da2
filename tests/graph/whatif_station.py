"""A small station for the people-move tests, and a fingerprint of the whole graph."""

import hashlib
from datetime import date
from typing import Any

from neo4j import Driver, ManagedTransaction

from graph.connection import in_read, rows_of
from graph.rows import (
    Assignment,
    Conflict,
    Control,
    Mitigation,
    Node,
    Person,
    Post,
    Process,
    Risk,
    Supervisor,
    Unit,
    Workbook,
)
from graph.settings import RiskModel
from graph.whatif import Lens

TODAY = date(2026, 6, 1)
THRESHOLD = 2


def lens() -> Lens:
    return Lens(threshold=THRESHOLD, model=RiskModel(), today=TODAY)


def station() -> Workbook:
    """城关: 李强 is A of 业扩受理, 王丽 his B and A of 业扩审批 (a conflict she already carries), a team
    below the station, a two-person node, an uncontrolled risk and a self-controlled one."""
    return Workbook(
        units=[
            Unit(id="S", name="城关供电所", kind="station"),
            Unit(id="T", name="营业班", kind="team", parent_id="S"),
        ],
        posts=[
            Post(id="P1", name="业扩受理岗", unit_id="S", key=True),
            Post(id="P2", name="业扩审批岗", unit_id="S", key=True),
            Post(id="P3", name="收费岗", unit_id="T"),
            Post(id="P4", name="稽查岗", unit_id="T", key=True),
        ],
        people=[
            Person(id="a", name="李强", unit_id="S"),
            Person(id="b", name="王丽", unit_id="S"),
            Person(id="c", name="张三", unit_id="T"),
            Person(id="d", name="赵四", unit_id="T"),
            Person(id="e", name="钱五", unit_id="S", status="leave"),
            Person(id="f", name="孙六", unit_id="T"),
        ],
        assignments=[
            Assignment(person_id="a", post_id="P1", role="A"),
            Assignment(person_id="b", post_id="P1", role="B"),
            Assignment(person_id="b", post_id="P2", role="A"),
            Assignment(person_id="e", post_id="P2", role="B"),
            Assignment(person_id="c", post_id="P3", role="A"),
            Assignment(person_id="d", post_id="P4", role="A"),
            Assignment(person_id="c", post_id="P4", role="B"),
        ],
        processes=[Process(id="F1", name="高压业扩", unit_id="S")],
        nodes=[
            Node(id="n1", process_id="F1", name="受理", post_id=["P1"], duty="业扩受理"),
            Node(id="n2", process_id="F1", name="审批", post_id=["P2"], duty="业扩审批", min_people=2),
            Node(id="n3", process_id="F1", name="收费", post_id=["P3"], duty="收费"),
            Node(id="n4", process_id="F1", name="稽查", post_id=["P4"], duty="稽查", discretion=True),
        ],
        risks=[
            Risk(id="r1", node_id="n2", behavior="违规审批", level="high"),
            Risk(id="r2", node_id="n3", behavior="截留电费", level="medium"),
        ],
        controls=[Control(id="c1", risk_id="r2", measure="自查", owner_post_id="P3")],
        conflicts=[
            Conflict(duty_a="业扩受理", duty_b="业扩审批", severity="high"),
            Conflict(duty_a="收费", duty_b="稽查", severity="critical"),
        ],
        supervisors=[Supervisor(person_id="f", process_id="F1", level=3)],
        mitigations=[
            Mitigation(
                person_id="d", duty_a="收费", duty_b="稽查", measure="月度复核", valid_until=date(2026, 1, 1)
            )
        ],
    )


def fingerprint(driver: Driver, database: str) -> tuple[int, int, str]:
    """Counts of nodes and relationships, and a checksum of every label, property and relationship."""

    def work(tx: ManagedTransaction) -> tuple[int, int, str]:
        nodes = rows_of(
            tx, "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props", {}
        )
        rels = rows_of(
            tx,
            "MATCH (a)-[r]->(b) RETURN elementId(r) AS id, type(r) AS type, properties(r) AS props, "
            "elementId(a) AS a, elementId(b) AS b",
            {},
        )

        def text(row: dict[str, Any]) -> str:
            return repr(sorted((k, repr(v)) for k, v in row.items()))

        digest = hashlib.sha256("\n".join(sorted(text(r) for r in nodes + rels)).encode()).hexdigest()
        return len(nodes), len(rels), digest

    return in_read(driver, database, work)
