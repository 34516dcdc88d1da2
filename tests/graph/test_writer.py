"""The writer against a real Neo4j: exact graph, snapshot per unit, idempotence, atomicity."""

import threading

import pytest
from neo4j import Driver
from neo4j.exceptions import Neo4jError

from api.ingest import import_workbook
from graph.rows import Workbook
from graph.writer import ExistingIds, write_workbook
from tests.build import RISK, load
from tests.db import check_nodes, check_rels, checksum, counts, ids, read_rows, read_value, write_rows
from tests.workbooks import station

DB = "neo4j"


def test_a_station_lands_exactly(db: Driver) -> None:
    assert load(db, DB, station("A")).rows["nodes"] == 5
    assert check_rels(db, DB, "Person", "id", "HOLDS", "Post", "id") == {
        ("A-E1", "A-P1"),
        ("A-E2", "A-P1"),
        ("A-E3", "A-P2"),
        ("A-E3", "A-P3"),
    }
    holds = read_rows(db, DB, "MATCH (p:Person)-[h:HOLDS]->(q:Post) RETURN p.id AS p, q.id AS q, h.role AS r")
    assert {(h["p"], h["q"], h["r"]) for h in holds} == {
        ("A-E1", "A-P1", "A"),
        ("A-E2", "A-P1", "B"),
        ("A-E3", "A-P2", "A"),
        ("A-E3", "A-P3", "A"),
    }
    assert check_rels(db, DB, "Post", "id", "PERFORMS", "Node", "id") == {
        ("A-P1", "A-YK-2"),
        ("A-P3", "A-BX-1"),
        ("A-P2", "A-BX-2"),
        ("A-P3", "A-BX-2"),
    }
    assert check_nodes(db, DB, "Post", ("id", "key")) == {("A-P1", True), ("A-P2", False), ("A-P3", False)}
    assert check_nodes(db, DB, "Person", ("id", "status")) == {
        ("A-E1", "active"),
        ("A-E2", "leave"),
        ("A-E3", "active"),
    }
    assert check_nodes(db, DB, "Node", ("id", "kind", "min_people")) == {
        ("A-YK-1", "start", 1),
        ("A-YK-2", "task", 1),
        ("A-YK-3", "end", 1),
        ("A-BX-1", "task", 1),
        ("A-BX-2", "task", 2),
    }
    assert check_rels(db, DB, "Node", "id", "HAS_DUTY", "Duty", "name") == {
        ("A-YK-2", "业扩受理"),
        ("A-BX-1", "报销审核"),
        ("A-BX-2", "出纳"),
    }
    assert check_nodes(db, DB, "Risk", ("id", "score", "level")) == {("A-R1", 16, "high"), ("A-R2", 12, None)}
    assert check_rels(db, DB, "Risk", "id", "PRONE_POST", "Post", "id") == {("A-R1", "A-P1")}
    assert check_rels(db, DB, "Control", "id", "OWNED_BY", "Post", "id") == {("A-C1", "A-P3")}
    assert check_nodes(db, DB, "Control", ("id", "kind")) == {("A-C1", "preventive"), ("A-C2", None)}
    rule = read_value(
        db, DB, "MATCH (:Duty {name: '出纳'})-[c:CONFLICTS_WITH]-(:Duty {name: '报销审核'}) RETURN c.severity"
    )
    assert rule == "critical"
    supervises = read_rows(
        db, DB, "MATCH (p:Person)-[s:SUPERVISES]->(q:Process) RETURN p.id AS p, q.id AS q, s.level AS l"
    )
    assert [(s["p"], s["q"], s["l"]) for s in supervises] == [("A-E1", "A-BX", 2)]
    (mitigation,) = read_rows(
        db,
        DB,
        "MATCH (m:Mitigation)-[:FOR]->(:Person {id: 'A-E3'}) MATCH (m)-[:COVERS]->(d:Duty) "
        "RETURN m.valid_until AS until, collect(d.name) AS duties",
    )
    assert str(mitigation["until"]) == "2030-12-31" and sorted(mitigation["duties"]) == ["出纳", "报销审核"]


def test_import_twice_gives_the_same_graph(db: Driver) -> None:
    load(db, DB, station("A"))
    first = (counts(db, DB), checksum(db, DB))
    load(db, DB, station("A"))
    assert (counts(db, DB), checksum(db, DB)) == first


def _without_person_and_process(wb: Workbook) -> Workbook:
    """Station A without person A-E2 and process A-BX (and what hangs on them)."""
    return Workbook(
        units=wb.units,
        posts=wb.posts,
        people=[p for p in wb.people if p.id != "A-E2"],
        assignments=[a for a in wb.assignments if a.person_id != "A-E2"],
        processes=[p for p in wb.processes if p.id != "A-BX"],
        nodes=[n for n in wb.nodes if n.process_id != "A-BX"],
        flows=[f for f in wb.flows if not f.from_id.startswith("A-BX")],
        risks=[r for r in wb.risks if r.id != "A-R2"],
        controls=[c for c in wb.controls if c.id != "A-C2"],
        conflicts=[],
        supervisors=[],
        mitigations=wb.mitigations,
    )


def test_snapshot_removes_what_the_workbook_no_longer_lists(db: Driver) -> None:
    load(db, DB, station("B"))
    other = checksum(db, DB)
    load(db, DB, station("A"))
    result = load(db, DB, _without_person_and_process(station("A")))
    assert ids(db, DB, "Person") == {"A-E1", "A-E3", "B-E1", "B-E2", "B-E3"}
    assert ids(db, DB, "Process") == {"A-YK", "B-YK", "B-BX"}
    assert not ids(db, DB, "Node") & {"A-BX-1", "A-BX-2"}
    assert "A-R2" not in ids(db, DB, "Risk") and "A-C2" not in ids(db, DB, "Control")
    assert result.stale == {"controls": 1, "risks": 1, "nodes": 2, "processes": 1, "people": 1}
    orphans = read_value(db, DB, "MATCH (n) WHERE NOT n:Duty AND NOT (n)--() RETURN count(n)")
    assert orphans == 0
    assert {p for p, _ in check_rels(db, DB, "Person", "id", "SUPERVISES", "Process", "id")} == {"B-E1"}
    assert check_rels(db, DB, "Duty", "name", "CONFLICTS_WITH", "Duty", "name") == {("出纳", "报销审核")}, (
        "an import never deletes conflict rules"
    )
    # Unit B is exactly as it was: removing A again leaves B's checksum.
    write_rows(db, DB, "MATCH (n) WHERE n.id STARTS WITH 'A' DETACH DELETE n")
    write_rows(db, DB, "MATCH (m:Mitigation) WHERE NOT (m)-[:FOR]->() DETACH DELETE m")
    assert checksum(db, DB) == other


def test_a_workbook_built_in_code_is_validated_too(db: Driver) -> None:
    wb = station("A")
    wb.nodes[1] = wb.nodes[1].model_copy(update={"post_id": ["NOPE"]})
    before = counts(db, DB)
    result = import_workbook(db, DB, wb, model=RISK)
    assert result.counts is None
    assert [p.value for p in result.problems] == ["NOPE"]
    assert counts(db, DB) == before


def test_the_validator_sees_the_ids_the_graph_holds_and_a_refusal_writes_nothing(db: Driver) -> None:
    load(db, DB, station("B"))
    before = (counts(db, DB), checksum(db, DB))
    seen: list[ExistingIds] = []

    def refuse(existing: ExistingIds) -> bool:
        seen.append(existing)
        return False

    assert write_workbook(db, DB, station("B").merged(station("A")), refuse, model=RISK) is None
    (existing,) = seen
    assert existing["posts"] == {"B-P1": "B", "B-P2": "B", "B-P3": "B"}
    assert "A-P1" not in existing.get("posts", {})
    assert (counts(db, DB), checksum(db, DB)) == before


def test_killed_transaction_leaves_nothing_partial(db: Driver) -> None:
    load(db, DB, station("B"))
    load(db, DB, station("A"))
    before = (counts(db, DB), checksum(db, DB))
    killed = threading.Event()

    def kill(table: str, rows: int) -> None:
        # Called between batches, after the stale rows of unit A were already deleted.
        if table == "nodes" and not killed.is_set():
            running = read_rows(db, "system", "SHOW TRANSACTIONS YIELD transactionId, currentQuery")
            for tx in running:
                if "SHOW TRANSACTIONS" not in (tx["currentQuery"] or ""):
                    write_rows(db, "system", "TERMINATE TRANSACTION $id", id=tx["transactionId"])
            killed.set()

    with pytest.raises(Neo4jError):
        write_workbook(
            db,
            DB,
            _without_person_and_process(station("A")),
            lambda _: True,
            progress=kill,
            batch_size=1,
            model=RISK,
        )
    assert killed.is_set()
    assert (counts(db, DB), checksum(db, DB)) == before
