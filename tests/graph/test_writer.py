"""The writer against a real Neo4j: exact graph, snapshot per unit, idempotence, atomicity."""

import threading

import pytest
from neo4j import Driver
from neo4j.exceptions import Neo4jError

from graph.rows import Workbook
from graph.writer import ImportRejected, apply_workbook
from tests.station import checksum, counts, ids, station

DB = "neo4j"


def test_a_station_lands_exactly(db: Driver) -> None:
    result = apply_workbook(db, DB, station("A"))
    assert result.rows["nodes"] == 5
    with db.session() as s:
        holds = {
            (r["p"], r["q"], r["role"])
            for r in s.run("MATCH (p:Person)-[h:HOLDS]->(q:Post) RETURN p.id AS p, q.id AS q, h.role AS role")
        }
        performs = {
            (r["p"], r["n"])
            for r in s.run("MATCH (p:Post)-[:PERFORMS]->(n:Node) RETURN p.id AS p, n.id AS n")
        }
        risk = s.run("MATCH (r:Risk {id: 'A-R2'}) RETURN r.score AS score, r.level AS level").single()
        conflict = s.run(
            "MATCH (:Duty {name: '出纳'})-[c:CONFLICTS_WITH]-(:Duty {name: '报销审核'}) RETURN c"
        ).single()
        status = s.run("MATCH (p:Person {id: 'A-E2'}) RETURN p.status AS s").single()
        mitigation = s.run(
            "MATCH (m:Mitigation)-[:FOR]->(:Person {id: 'A-E3'}) MATCH (m)-[:COVERS]->(d:Duty) "
            "RETURN m.valid_until AS until, collect(d.name) AS duties"
        ).single()
    assert holds == {
        ("A-E1", "A-P1", "A"),
        ("A-E2", "A-P1", "B"),
        ("A-E3", "A-P2", "A"),
        ("A-E3", "A-P3", "A"),
    }
    assert performs == {("A-P1", "A-YK-2"), ("A-P3", "A-BX-1"), ("A-P2", "A-BX-2"), ("A-P3", "A-BX-2")}
    assert (risk["score"], risk["level"]) == (12, None)
    assert conflict["c"]["severity"] == "critical"
    assert status["s"] == "leave"
    assert str(mitigation["until"]) == "2030-12-31" and sorted(mitigation["duties"]) == ["出纳", "报销审核"]


def test_import_twice_gives_the_same_graph(db: Driver) -> None:
    apply_workbook(db, DB, station("A"))
    first = (counts(db), checksum(db))
    apply_workbook(db, DB, station("A"))
    assert (counts(db), checksum(db)) == first


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
    apply_workbook(db, DB, station("B"))
    other = checksum(db)
    apply_workbook(db, DB, station("A"))
    result = apply_workbook(db, DB, _without_person_and_process(station("A")))
    assert ids(db, "Person") == {"A-E1", "A-E3", "B-E1", "B-E2", "B-E3"}
    assert ids(db, "Process") == {"A-YK", "B-YK", "B-BX"}
    assert not ids(db, "Node") & {"A-BX-1", "A-BX-2"}
    assert "A-R2" not in ids(db, "Risk") and "A-C2" not in ids(db, "Control")
    assert result.stale == {"controls": 1, "risks": 1, "nodes": 2, "processes": 1, "people": 1}
    with db.session() as s:
        orphans = s.run("MATCH (n) WHERE NOT n:Duty AND NOT (n)--() RETURN count(n) AS c").single()["c"]
        supervises = s.run("MATCH (:Person {id: 'A-E1'})-[r:SUPERVISES]->() RETURN count(r) AS c").single()[
            "c"
        ]
        rules = s.run("MATCH ()-[r:CONFLICTS_WITH]->() RETURN count(r) AS c").single()["c"]
    assert orphans == 0 and supervises == 0
    assert rules == 1, "an import never deletes conflict rules"
    # Unit B is exactly as it was: removing A again leaves B's checksum.
    with db.session() as s:
        s.run("MATCH (n) WHERE n.id STARTS WITH 'A' DETACH DELETE n").consume()
        s.run("MATCH (m:Mitigation) WHERE NOT (m)-[:FOR]->() DETACH DELETE m").consume()
    assert checksum(db) == other


def test_a_workbook_built_in_code_is_validated_too(db: Driver) -> None:
    wb = station("A")
    wb.nodes[1] = wb.nodes[1].model_copy(update={"post_id": ["NOPE"]})
    before = counts(db)
    with pytest.raises(ImportRejected) as rejected:
        apply_workbook(db, DB, wb)
    assert [p.value for p in rejected.value.problems] == ["NOPE"]
    assert counts(db) == before


def test_killed_transaction_leaves_nothing_partial(db: Driver) -> None:
    apply_workbook(db, DB, station("B"))
    apply_workbook(db, DB, station("A"))
    before = (counts(db), checksum(db))
    killed = threading.Event()

    def kill(table: str, rows: int) -> None:
        # Called between batches, after the stale rows of unit A were already deleted.
        if table == "nodes" and not killed.is_set():
            with db.session(database="system") as admin:
                for tx in admin.run("SHOW TRANSACTIONS YIELD transactionId, currentQuery, status").data():
                    if "SHOW TRANSACTIONS" not in (tx["currentQuery"] or ""):
                        admin.run("TERMINATE TRANSACTION $id", id=tx["transactionId"]).consume()
            killed.set()

    with pytest.raises(Neo4jError):
        apply_workbook(db, DB, _without_person_and_process(station("A")), progress=kill, batch_size=1)
    assert killed.is_set()
    assert (counts(db), checksum(db)) == before
