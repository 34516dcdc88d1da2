"""Contract section 6 against the independent statement (tests/oracle.py), on a real Neo4j:
imports remembered, scans, drift and the ledger over random stations and random edits."""

from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from graph.connection import in_read
from graph.history.changes import import_changes
from graph.history.drift import drift
from graph.history.ledger import LedgerError, accept_item, list_items, update_item
from graph.history.scans import run_scan
from graph.rows import Assignment, Conflict, Control, Node, Person, Post, Process, Risk, Unit, Workbook
from graph.schema import wipe
from graph.settings import Settings
from tests import oracle
from tests.build import load

THRESHOLD = 3
DUTIES = ("d1", "d2", "d3")


@st.composite
def stations(draw: st.DrawFn) -> Workbook:
    units = [Unit(id="S", name="站"), Unit(id="S-T", name="班", parent_id="S", kind="team")]
    unit = st.sampled_from(["S", "S-T"])
    n_posts, n_people = draw(st.integers(2, 5)), draw(st.integers(2, 6))
    posts = [
        Post(id=f"Q{i}", name=f"岗{i}", unit_id=draw(unit), key=draw(st.booleans())) for i in range(n_posts)
    ]
    status: st.SearchStrategy[Literal["active", "leave", "left"]] = st.sampled_from(
        ["active", "active", "leave", "left"]
    )
    people = [
        Person(id=f"M{i}", name=f"人{i}", unit_id=draw(unit), status=draw(status)) for i in range(n_people)
    ]
    roles: tuple[Literal["A", "B"], ...] = ("A", "B")
    triples = [(p.id, q.id, r) for p in people for q in posts for r in roles]
    chosen = draw(st.lists(st.sampled_from(triples), max_size=10, unique=True))
    assignments = [Assignment(person_id=p, post_id=q, role=r) for p, q, r in chosen]
    processes = [
        Process(id=f"F{i}", name=f"流程{i}", unit_id=draw(unit)) for i in range(draw(st.integers(1, 2)))
    ]
    nodes, risks, controls = [], [], []
    for proc in processes:
        for j in range(draw(st.integers(1, 4))):
            nid = f"{proc.id}-N{j}"
            performers = draw(st.lists(st.sampled_from([q.id for q in posts]), max_size=2, unique=True))
            nodes.append(
                Node(
                    id=nid,
                    process_id=proc.id,
                    name=f"环节{nid}",
                    post_id=performers,
                    duty=draw(st.sampled_from([None, *DUTIES])),
                    min_people=draw(st.integers(1, 2)),
                )
            )
            if draw(st.booleans()):
                rid = f"{nid}-R"
                risks.append(Risk(id=rid, node_id=nid, behavior="风险", level="high"))
                for k in range(draw(st.integers(0, 2))):
                    owner = draw(st.sampled_from([None, *[q.id for q in posts]]))
                    controls.append(
                        Control(id=f"{rid}-C{k}", risk_id=rid, measure="措施", owner_post_id=owner)
                    )
    return Workbook(
        units=units,
        posts=posts,
        people=people,
        assignments=assignments,
        processes=processes,
        nodes=nodes,
        risks=risks,
        controls=controls,
        conflicts=[Conflict(duty_a="d1", duty_b="d2")],
    )


@st.composite
def edits(draw: st.DrawFn, wb: Workbook) -> Workbook:
    """Assignments dropped and added, statuses changed, controls removed."""
    kept = [a for a in wb.assignments if draw(st.booleans()) or draw(st.booleans())]
    extra = [
        Assignment(person_id=p.id, post_id=q.id, role=draw(st.sampled_from(["A", "B"])))
        for p in wb.people
        for q in wb.posts
        if draw(st.integers(0, 9)) == 0
    ]
    assignments = list({(a.person_id, a.post_id, a.role): a for a in kept + extra}.values())
    people = [
        p.model_copy(update={"status": draw(st.sampled_from(["active", "leave", "left"]))})
        if draw(st.booleans())
        else p
        for p in wb.people
    ]
    controls = [c for c in wb.controls if draw(st.booleans())]
    return wb.model_copy(update={"assignments": assignments, "people": people, "controls": controls})


def _scan(db: Driver, s: Settings, unit: str | None = None, now: datetime | None = None) -> dict[str, Any]:
    return run_scan(db, s.neo4j_database, threshold=THRESHOLD, due_days=30, unit=unit, now=now)


def _changes(db: Driver, s: Settings, import_id: str) -> list[dict[str, Any]]:
    return in_read(db, s.neo4j_database, lambda tx: import_changes(tx, import_id))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), wb=stations())
def test_loop_agrees_with_the_oracle(
    db: Driver, neo4j_settings: Settings, data: st.DataObject, wb: Workbook
) -> None:
    s = neo4j_settings
    database = s.neo4j_database
    wipe(db, database)  # each example starts from an empty graph
    today = date.today()
    unit = data.draw(st.sampled_from([None, "S", "S-T"]))
    load(db, database, wb)
    first = _scan(db, s, unit)
    before = oracle.findings(wb, today, THRESHOLD, unit)
    assert {f["finding_id"] for f in first["new"]} == set(before)
    assert first["resolved"] == []

    edited = data.draw(edits(wb))
    counts = load(db, database, edited)
    assert counts.import_id
    recorded = _changes(db, s, counts.import_id)
    old = {(a.person_id, a.post_id, a.role) for a in wb.assignments}
    new = {(a.person_id, a.post_id, a.role) for a in edited.assignments}
    got = {c["kind"]: set() for c in recorded}  # type: dict[str, set[Any]]
    for c in recorded:
        key = (c.get("person_id"), c.get("post_id"), c.get("role"))
        got.setdefault(c["kind"], set()).add(key)
    assert got.get("assignment_added", set()) == new - old
    assert got.get("assignment_removed", set()) == old - new
    old_status = {p.id: p.status for p in wb.people}
    status_changes = {(c["person_id"], c["from"], c["to"]) for c in recorded if c["kind"] == "status_changed"}
    assert status_changes == {
        (p.id, old_status[p.id], p.status) for p in edited.people if p.status != old_status[p.id]
    }
    old_controls = {(c.id, c.risk_id) for c in wb.controls}
    new_controls = {(c.id, c.risk_id) for c in edited.controls}
    assert {(c["control_id"], c["risk_id"]) for c in recorded if c["kind"] == "control_removed"} == (
        old_controls - new_controls
    )

    second = _scan(db, s, unit)
    after = oracle.findings(edited, today, THRESHOLD, unit)
    assert {f["finding_id"] for f in second["new"]} == set(after) - set(before)
    assert {f["finding_id"] for f in second["resolved"]} == set(before) - set(after)
    assert second["previous_scan_id"] == first["scan_id"]

    result = drift(db, database, unit=unit)
    assert result["from"]["scan_id"] == first["scan_id"] and result["to"]["scan_id"] == second["scan_id"]
    assert {f["finding_id"] for f in result["new"]} == set(after) - set(before)
    assert {f["finding_id"] for f in result["resolved"]} == set(before) - set(after)
    assert {c["import_id"] for c in result["changes"]} <= {counts.import_id}
    if unit is None:
        assert len(result["changes"]) == len(recorded)

    items = {i["finding_id"]: i for i in list_items(db, database, unit=unit)}
    assert {f for f, i in items.items() if i["status"] == "open"} == set(after)
    assert {f for f, i in items.items() if i["status"] == "closed"} == set(before) - set(after)
    assert all(i["reopened"] == 0 for i in items.values())


# -- fixed stories -------------------------------------------------------------------------------


def _station(backup: bool = True) -> Workbook:
    """A key post with A and (optionally) B, and a risk with an independent control."""
    return Workbook(
        units=[Unit(id="U", name="站")],
        posts=[Post(id="P1", name="出纳", unit_id="U", key=True), Post(id="P2", name="会计", unit_id="U")],
        people=[Person(id="A1", name="甲", unit_id="U"), Person(id="B1", name="乙", unit_id="U")],
        assignments=[
            Assignment(person_id="A1", post_id="P1", role="A"),
            *([Assignment(person_id="B1", post_id="P1", role="B")] if backup else []),
        ],
        processes=[Process(id="F", name="报销", unit_id="U")],
        nodes=[Node(id="N1", process_id="F", name="付款", post_id=["P1"])],
        risks=[Risk(id="R1", node_id="N1", behavior="虚报", level="high")],
        controls=[Control(id="C1", risk_id="R1", measure="复核", owner_post_id="P2")],
    )


def _no_backup_id() -> str:
    return next(f for f, c in oracle.findings(_station(False), date.today()).items() if c == "ab_gap")


def test_two_scans_without_an_import_find_nothing_new_and_ids_are_stable(
    db: Driver, neo4j_settings: Settings
) -> None:
    load(db, neo4j_settings.neo4j_database, _station(False))
    first = _scan(db, neo4j_settings)
    second = _scan(db, neo4j_settings)
    assert first["new"] and second["new"] == [] and second["resolved"] == []
    assert set(first["summary"]) == set(second["summary"])
    result = drift(db, neo4j_settings.neo4j_database)
    assert result["new"] == result["resolved"] == result["changed"] == result["changes"] == []
    assert second["ledger"] == {"opened": 0, "closed": 0, "reopened": 0, "lapsed": 0}


def test_a_finding_that_comes_back_reopens_its_item(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    fid = _no_backup_id()
    load(db, database, _station(False))
    _scan(db, neo4j_settings)
    load(db, database, _station(True))
    assert fid in {f["finding_id"] for f in _scan(db, neo4j_settings)["resolved"]}
    (closed,) = list_items(db, database, check="ab_gap")
    assert closed["status"] == "closed" and closed["closed_at"]
    load(db, database, _station(False))
    _scan(db, neo4j_settings)
    (item,) = list_items(db, database, check="ab_gap")
    assert item["status"] == "open" and item["reopened"] == 1 and item["closed_at"] is None
    assert [h["action"] for h in item["history"]] == ["opened", "closed", "reopened"]
    assert all(h["who"] == "scan" for h in item["history"])
    assert item["owner_id"] is None  # no supervisor in this station


def test_an_accepted_item_lapses_at_the_first_scan_after_its_end_date(
    db: Driver, neo4j_settings: Settings
) -> None:
    database = neo4j_settings.neo4j_database
    load(db, database, _station(False))
    _scan(db, neo4j_settings)
    fid = _no_backup_id()
    until = date.today() + timedelta(days=10)
    accepted = accept_item(db, database, fid, who="admin-token", reason="人手不足，年底补员", until=until)
    assert accepted["status"] == "accepted"
    _scan(db, neo4j_settings, now=datetime.now(UTC) + timedelta(days=5))
    (item,) = list_items(db, database, check="ab_gap")
    assert item["status"] == "accepted"
    _scan(db, neo4j_settings, now=datetime.now(UTC) + timedelta(days=11))
    (item,) = list_items(db, database, check="ab_gap")
    assert item["status"] == "open"
    assert [h["action"] for h in item["history"]] == ["opened", "accepted", "lapsed"]
    assert item["history"][1]["who"] == "admin-token"


def test_nobody_closes_a_scan_born_item_by_hand(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    load(db, database, _station(False))
    _scan(db, neo4j_settings)
    fid = _no_backup_id()
    try:
        update_item(db, database, fid, who="x", status="closed", note="已整改")
    except LedgerError:
        pass
    else:
        raise AssertionError("a scan-born item was closed by hand")
    item = update_item(db, database, fid, who="analyst", owner_id="B1", note="已约谈")
    assert item["status"] == "open" and item["owner_id"] == "B1"
    assert [h["action"] for h in item["history"]] == ["opened", "owner", "note"]
    (overdue,) = list_items(db, database, status="overdue", today=date.today() + timedelta(days=31))
    assert overdue["finding_id"] == fid


def test_an_import_records_source_units_and_changes(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    load(db, database, _station(True))
    edited = _station(False).model_copy(
        update={
            "people": [
                Person(id="A1", name="甲", unit_id="U", status="leave"),
                Person(id="B1", name="乙", unit_id="U"),
            ],
            "controls": [],
            "posts": [
                Post(id="P1", name="出纳", unit_id="U", key=False),
                Post(id="P2", name="会计", unit_id="U"),
            ],
            "conflicts": [Conflict(duty_a="x", duty_b="y")],
        }
    )
    counts = load(db, database, edited)
    assert counts.changes == {
        "assignment_removed": 1,
        "status_changed": 1,
        "key_changed": 1,
        "control_removed": 1,
        "rule_added": 1,
    }
    kinds = {c["kind"]: c for c in _changes(db, neo4j_settings, counts.import_id or "")}
    assert kinds["assignment_removed"]["person_id"] == "B1" and kinds["assignment_removed"]["role"] == "B"
    assert (kinds["key_changed"]["from"], kinds["key_changed"]["to"]) == (True, False)
    assert kinds["control_removed"]["risk_id"] == "R1"
    assert load(db, database, edited).changes == {}  # the same workbook again changes nothing
