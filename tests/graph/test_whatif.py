"""People move (contract section 7) against a real Neo4j: the what-if equals the oracle and a real
import; nothing is ever written; stand-ins, choke points and fixes keep their promises."""

from itertools import combinations
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from graph.checks import run_checks
from graph.checks.severity import rank
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
from graph.schema import wipe
from graph.settings import Settings
from graph.vocab import SEVERITY_WEIGHT
from graph.whatif import (
    AddControlEvent,
    AssignEvent,
    Event,
    StatusEvent,
    UnassignEvent,
    UnknownFindingError,
    UnknownIdsError,
    choke_points,
    fixes,
    parse_events,
    stand_ins,
    what_if,
)
from tests import oracle
from tests.build import load
from tests.graph.whatif_station import THRESHOLD, TODAY, fingerprint, lens, station

DUTIES = ("审批", "付款", "验收")


@st.composite
def workbooks(draw: st.DrawFn) -> Workbook:
    """1-2 units (a station, and a team below it or a second station), a few of everything."""
    second: Literal["team", "station"] | None = draw(st.sampled_from((None, "team", "station")))
    units = [Unit(id="U1", name="一所", kind="station")]
    if second:
        units.append(Unit(id="U2", name="二", kind=second, parent_id="U1" if second == "team" else None))
    unit_ids = [u.id for u in units]
    posts = [
        Post(id=f"P{i}", name=f"岗{i}", unit_id=draw(st.sampled_from(unit_ids)), key=draw(st.booleans()))
        for i in range(draw(st.integers(1, 4)))
    ]
    post_ids = [p.id for p in posts]
    people = [
        Person(
            id=f"x{i}",
            name=f"人{i}",
            unit_id=draw(st.sampled_from(unit_ids)),
            status=draw(st.sampled_from(("active", "active", "leave", "left"))),
        )
        for i in range(draw(st.integers(1, 4)))
    ]
    person_ids = [p.id for p in people]
    holds = draw(
        st.sets(
            st.tuples(st.sampled_from(person_ids), st.sampled_from(post_ids), st.sampled_from("AB")),
            max_size=8,
        )
    )
    processes = [
        Process(id=f"F{i}", name=f"流程{i}", unit_id=draw(st.sampled_from(unit_ids)))
        for i in range(draw(st.integers(1, 2)))
    ]
    nodes = [
        Node(
            id=f"n{i}",
            process_id=draw(st.sampled_from([p.id for p in processes])),
            name=f"环节{i}",
            post_id=draw(st.lists(st.sampled_from(post_ids), unique=True, min_size=1, max_size=2)),
            duty=draw(st.sampled_from((None, *DUTIES))),
            discretion=draw(st.booleans()),
            min_people=draw(st.integers(1, 3)),
        )
        for i in range(draw(st.integers(1, 5)))
    ]
    risks = [
        Risk(
            id=f"r{i}",
            node_id=draw(st.sampled_from([n.id for n in nodes])),
            behavior="行为",
            level=draw(st.sampled_from(("high", "medium", "low"))),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    controls = (
        [
            Control(
                id=f"c{i}",
                risk_id=draw(st.sampled_from([r.id for r in risks])),
                measure="措施",
                owner_post_id=draw(st.none() | st.sampled_from(post_ids)),
            )
            for i in range(draw(st.integers(0, 3)))
        ]
        if risks
        else []
    )
    # Each unordered pair once (the importer refuses a repeated rule), in either direction.
    rules = draw(
        st.lists(st.sampled_from(list(combinations(DUTIES, 2))), min_size=1, max_size=3, unique=True)
    )
    conflicts = [
        Conflict(
            duty_a=a if flip else b,
            duty_b=b if flip else a,
            severity=draw(st.sampled_from(("critical", "high", "medium", "low"))),
        )
        for a, b in rules
        for flip in [draw(st.booleans())]
    ]
    supervised = draw(
        st.dictionaries(
            st.tuples(st.sampled_from(person_ids), st.sampled_from([p.id for p in processes])),
            st.sampled_from((1, 2, 3)),
            max_size=3,
        )
    )
    supervisors = [
        Supervisor(person_id=p, process_id=f, level=lv)  # type: ignore[arg-type]
        for (p, f), lv in sorted(supervised.items())
    ]
    mitigations = [
        Mitigation(
            person_id=draw(st.sampled_from(person_ids)), duty_a=c.duty_a, duty_b=c.duty_b, measure="补偿"
        )
        for c in conflicts
        if draw(st.booleans())
    ]
    return Workbook(
        units=units,
        posts=posts,
        people=people,
        assignments=[Assignment(person_id=p, post_id=q, role=r) for p, q, r in sorted(holds)],  # type: ignore[arg-type]
        processes=processes,
        nodes=nodes,
        risks=risks,
        controls=controls,
        conflicts=conflicts,
        supervisors=supervisors,
        mitigations=mitigations,
    )


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Workbook, list[dict[str, Any]]]:
    wb = draw(workbooks())
    people = st.sampled_from([p.id for p in wb.people])
    posts = st.sampled_from([p.id for p in wb.posts])
    roles = st.sampled_from("AB")
    kinds = [
        st.fixed_dictionaries({"type": st.sampled_from(("leave", "depart", "return")), "person_id": people}),
        st.fixed_dictionaries(
            {"type": st.just("assign"), "person_id": people, "post_id": posts, "role": roles}
        ),
        st.fixed_dictionaries({"type": st.just("unassign"), "person_id": people, "post_id": posts}),
        st.fixed_dictionaries(
            {"type": st.just("transfer"), "person_id": people, "post_id": posts, "role": roles}
        ),
    ]
    if wb.risks:
        kinds.append(
            st.fixed_dictionaries(
                {
                    "type": st.just("add_control"),
                    "risk_id": st.sampled_from([r.id for r in wb.risks]),
                    "owner_post_id": posts,
                }
            )
        )
    events = draw(st.lists(st.one_of(*kinds), min_size=1, max_size=4))
    return wb, events


def ids(findings: list[Any]) -> set[str]:
    return {f.finding_id for f in findings}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(scenario=scenarios())
def test_what_if_equals_the_oracle_and_a_real_import(
    driver: Driver, neo4j_settings: Settings, scenario: tuple[Workbook, list[dict[str, Any]]]
) -> None:
    wb, raw = scenario
    database = neo4j_settings.neo4j_database
    wipe(driver, database)
    load(driver, database, wb)
    answer = what_if(driver, database, parse_events(raw), lens())

    before = oracle.findings(wb, TODAY, THRESHOLD)
    edited = oracle.apply(wb, raw)
    after = oracle.findings(edited, TODAY, THRESHOLD)
    assert ids(answer.new) == set(after) - set(before)
    assert ids(answer.resolved) == set(before) - set(after)

    # And what `powermap check` says once the edited workbook is really imported.
    load(driver, database, edited)
    real = {f.finding_id for f in run_checks(driver, database, threshold=THRESHOLD, today=TODAY).findings}
    assert ids(answer.new) == real - set(before)
    assert ids(answer.resolved) == set(before) - real


@pytest.fixture
def city(db: Driver, neo4j_settings: Settings) -> str:
    load(db, neo4j_settings.neo4j_database, station())
    return neo4j_settings.neo4j_database


def test_leave_names_who_acts_and_what_they_carry(db: Driver, city: str) -> None:
    answer = what_if(db, city, [StatusEvent(type="leave", person_id="a")], lens())
    assert [(f.check, getattr(f, "kind", None), getattr(f, "post_id", None)) for f in answer.new] == [
        ("ab_gap", "vacant", "P1")
    ]
    [acting] = answer.acting
    assert acting.post_id == "P1"
    assert [p.person_id for p in acting.away] == ["a"]
    assert [p.person_id for p in acting.acting] == ["b"]
    assert acting.message == "李强休假期间由王丽顶岗「业扩受理岗」：王丽将同时承担「业扩受理」与「业扩审批」"
    assert acting.message in answer.message
    assert all(f.finding_id for f in answer.new)


def test_no_acting_is_said(db: Driver, city: str) -> None:
    answer = what_if(db, city, [StatusEvent(type="leave", person_id="e")], lens())
    assert answer.acting == []
    assert "没有关键岗位" in answer.message


def test_nonsense_events_are_answered_with_no_change(db: Driver, city: str) -> None:
    for events in (
        [AssignEvent(person_id="a", post_id="P1", role="A")],  # already held in that role
        [StatusEvent(type="return", person_id="a")],  # already active
        [UnassignEvent(person_id="f", post_id="P1")],  # not held
        [StatusEvent(type="leave", person_id="e")],  # already on leave
    ):
        answer = what_if(db, city, events, lens())
        assert (answer.new, answer.resolved, answer.exposure) == ([], [], []), events


def test_exposure_changes_are_reported(db: Driver, city: str) -> None:
    answer = what_if(db, city, [AssignEvent(person_id="c", post_id="P2", role="B")], lens())
    [change] = answer.exposure
    assert (change.kind, change.id) == ("person", "c")
    assert change.after > change.before
    control = what_if(db, city, [AddControlEvent(risk_id="r1", owner_post_id="P4")], lens())
    assert {e.kind for e in control.exposure} >= {"node", "post"}
    assert all(e.after < e.before for e in control.exposure)


def test_nothing_is_written_even_when_an_event_fails_half_way(db: Driver, city: str) -> None:
    before = fingerprint(db, city)
    what_if(
        db,
        city,
        [StatusEvent(type="leave", person_id="a"), AddControlEvent(risk_id="r1", owner_post_id="P4")],
        lens(),
    )
    events: list[Event] = [
        StatusEvent(type="depart", person_id="b"),
        AssignEvent(person_id="c", post_id="P1", role="A"),
        AssignEvent(person_id="ghost", post_id="P2", role="B"),
        UnassignEvent(person_id="d", post_id="nowhere"),
    ]
    with pytest.raises(UnknownIdsError) as failed:
        what_if(db, city, events, lens())
    assert failed.value.ids == ["ghost", "nowhere"]
    assert "ghost" in str(failed.value) and "nowhere" in str(failed.value)
    stand_ins(db, city, "P1", "A", 10, lens())
    choke_points(db, city, None, None, lens())
    for f in run_checks(db, city, threshold=THRESHOLD, today=TODAY).findings:
        fixes(db, city, f.finding_id, lens())
    assert fingerprint(db, city) == before


def test_stand_ins_are_ordered_and_their_findings_are_the_what_ifs(db: Driver, city: str) -> None:
    answer = stand_ins(db, city, "P1", "B", 10, lens())
    # Active people of S and its team T who do not hold P1.
    assert {c.person_id for c in answer.candidates} == {"c", "d", "f"}
    keys = [
        (sum(1 for f in c.new if f.check == "sod_conflict"), len(c.new), c.exposure_after, c.person_id)
        for c in answer.candidates
    ]
    assert keys == sorted(keys)
    for c in answer.candidates:
        direct = what_if(db, city, [AssignEvent(person_id=c.person_id, post_id="P1", role="B")], lens())
        assert ids(c.new) == ids(direct.new)
        for change in direct.exposure:
            if change.id == c.person_id:
                assert c.exposure_after == pytest.approx(change.after)
    assert len(stand_ins(db, city, "P1", "B", 1, lens()).candidates) == 1
    with pytest.raises(UnknownIdsError):
        stand_ins(db, city, "nope", "A", 10, lens())


def test_choke_points_are_ranked_by_score(db: Driver, city: str) -> None:
    found = choke_points(db, city, None, None, lens())
    assert {c.person_id for c in found} == {"a", "b", "c", "d", "f"}  # the active people
    for c in found:
        assert c.score == sum(SEVERITY_WEIGHT[f.severity] for f in c.new)
        direct = what_if(db, city, [StatusEvent(type="leave", person_id=c.person_id)], lens())
        assert ids(c.new) == ids(direct.new)
    keys = [(-c.score, -len(c.new), c.person_id) for c in found]
    assert keys == sorted(keys)
    assert found[0].score > 0
    assert [c.person_id for c in choke_points(db, city, "T", None, lens())] == sorted(
        ["c", "d", "f"], key=lambda p: next(i for i, c in enumerate(found) if c.person_id == p)
    )
    assert len(choke_points(db, city, None, 2, lens())) == 2


def test_every_fix_removes_its_finding(db: Driver, city: str) -> None:
    report = run_checks(db, city, threshold=THRESHOLD, today=TODAY)
    fixable = {"sod_conflict", "ab_gap", "two_person", "uncontrolled"}
    tried = set()
    for finding in report.findings:
        answer = fixes(db, city, finding.finding_id, lens())
        if finding.check in fixable and finding.check != "two_person":
            assert answer.fixes, finding.message
        for fix in answer.fixes:
            tried.add(finding.check)
            direct = what_if(db, city, fix.events, lens())
            assert finding.finding_id in ids(direct.resolved), fix.message
            assert ids(fix.new) == ids(direct.new)
            assert fix.worse == any(rank(f.severity) < rank(finding.severity) for f in fix.new)
        keys = [(f.worse, len(f.events)) for f in answer.fixes]
        assert keys == sorted(keys)
    assert tried >= {"sod_conflict", "ab_gap", "uncontrolled"}
    with pytest.raises(UnknownFindingError):
        fixes(db, city, "ab-gap-0000", lens())


def test_uncontrolled_fix_is_an_independent_control(db: Driver, city: str) -> None:
    [finding] = [
        f
        for f in run_checks(db, city, threshold=THRESHOLD, today=TODAY).findings
        if getattr(f, "risk_id", "") == "r1"
    ]
    answer = fixes(db, city, finding.finding_id, lens())
    owners = [e.owner_post_id for fix in answer.fixes for e in fix.events if isinstance(e, AddControlEvent)]
    assert owners and "P2" not in owners  # P2 performs n2, where r1 sits
