"""Random small stations, imported as workbooks: the Cypher checks agree with contract section 3
stated in plain Python over the workbook's rows."""

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from graph.checks import run_checks
from graph.rows import Severity, Status, SupervisorLevel, Workbook
from graph.schema import wipe
from graph.vocab import Level
from tests.build import load
from tests.keys import key as finding_key
from tests.workbooks import Station

DB = "neo4j"
TODAY = date(2026, 6, 1)
UNITS = ("U1", "U2")
DUTIES = ("审批", "付款", "验收")  # few, so that people often hold both duties of a rule
THRESHOLD = 2  # low, so that small stations reach it
SEVERITIES: tuple[Severity, ...] = ("critical", "high", "medium", "low")
STATUSES: tuple[Status, ...] = ("active", "active", "leave", "left")
LEVELS: tuple[SupervisorLevel, ...] = (1, 2, 3)
RISK_LEVELS: tuple[Level, ...] = ("high", "medium", "low")


@st.composite
def stations(draw: st.DrawFn) -> Workbook:
    s = Station()
    for unit in UNITS:
        s.unit(unit)
    posts = [f"P{i}" for i in range(draw(st.integers(1, 3)))]
    for post in posts:
        s.post(post, draw(st.sampled_from(UNITS)), key=draw(st.booleans()))
    people = [f"x{i}" for i in range(draw(st.integers(1, 3)))]
    for person in people:
        s.person(
            person,
            draw(st.sampled_from(UNITS)),
            status=draw(st.sampled_from(STATUSES)),
        )
    holds = draw(
        st.sets(st.tuples(st.sampled_from(people), st.sampled_from(posts), st.sampled_from("AB")), max_size=8)
    )
    for person, post, role in sorted(holds):
        s.hold(person, post, "A" if role == "A" else "B")
    processes = [f"F{i}" for i in range(draw(st.integers(1, 2)))]
    for process in processes:
        s.process(process, draw(st.sampled_from(UNITS)))
    nodes = [f"n{i}" for i in range(draw(st.integers(2, 6)))]
    for node in nodes:
        s.node(
            node,
            draw(st.sampled_from(processes)),
            post_ids=tuple(draw(st.lists(st.sampled_from(posts), unique=True, min_size=1, max_size=2))),
            duty=draw(st.sampled_from((None, *DUTIES))),
            discretion=draw(st.booleans()),
            min_people=draw(st.integers(1, 3)),
        )
    for i in range(draw(st.integers(0, 4))):
        s.risk(f"r{i}", draw(st.sampled_from(nodes)), level=draw(st.sampled_from(RISK_LEVELS)))
    if s.workbook.risks:
        for i in range(draw(st.integers(0, 5))):
            risk = draw(st.sampled_from([r.id for r in s.workbook.risks]))
            s.control(f"c{i}", risk, owner_post_id=draw(st.none() | st.sampled_from(posts)))
    # A workbook states a rule, a supervisor of a process and a person's mitigation of a pair once.
    pairs = st.tuples(st.sampled_from(DUTIES), st.sampled_from(DUTIES)).filter(lambda p: p[0] != p[1])
    for a, b in draw(st.lists(pairs, min_size=1, max_size=3, unique_by=frozenset)):
        s.conflict(a, b, severity=draw(st.sampled_from(SEVERITIES)))
    supervisors = st.tuples(st.sampled_from(people), st.sampled_from(processes))
    for person, process in draw(st.sets(supervisors, max_size=3)):
        s.supervisor(person, process, draw(st.sampled_from(LEVELS)))
    # Mostly for pairs that are rules, so that they meet the conflicts they are meant for.
    rules = [(c.duty_b, c.duty_a) for c in s.workbook.conflicts]
    mitigated: set[tuple[str, frozenset[str]]] = set()
    for _ in range(draw(st.integers(0, 3))):
        a, b = draw(st.sampled_from(rules) | pairs)
        person = draw(st.sampled_from(people))
        if (person, frozenset((a, b))) in mitigated:
            continue
        mitigated.add((person, frozenset((a, b))))
        offset = draw(st.sampled_from((None, -1, 0, 1)))
        until = None if offset is None else TODAY + timedelta(days=offset)
        s.mitigation(person, a, b, valid_until=until)
    return s.workbook


def expected(s: Workbook, unit: str | None) -> dict[str, set[tuple[Any, ...]]]:
    """Contract section 3, as written there, over the station's rows."""
    active = {p.id for p in s.people if p.status == "active"}
    person_unit = {p.id: p.unit_id for p in s.people}
    process_unit = {p.id: p.unit_id for p in s.processes}
    node = {n.id: n for n in s.nodes}
    holds = {(h.person_id, h.post_id, h.role) for h in s.assignments}
    performs = {(post, n.id) for n in s.nodes for post in n.post_id}
    rules = {frozenset((c.duty_a, c.duty_b)) for c in s.conflicts}

    def in_unit(u: str) -> bool:
        return unit is None or u == unit

    def person_in_unit(person: str) -> bool:
        # A person's findings belong to the person's own unit (one meaning of --unit).
        return in_unit(person_unit[person])

    def duties_of(posts: set[str]) -> set[str]:
        return {d for q, n in performs if q in posts and (d := node[n].duty)}

    def node_in_unit(n: str) -> bool:
        return in_unit(process_unit[node[n].process_id])

    out: dict[str, set[tuple[Any, ...]]] = {name: set() for name in ("ab_gap", "sod_conflict", "sod_post")}
    out |= {
        name: set() for name in ("uncontrolled", "two_person", "concentration", "unsupervised_discretion")
    }
    for post in s.posts:
        if not (post.key and in_unit(post.unit_id)):
            continue
        a = {p for p, q, r in holds if q == post.id and r == "A" and p in active}
        b = {p for p, q, r in holds if q == post.id and r == "B" and p in active}
        for kind, holds_true in (
            ("vacant", not a),
            ("no_backup", not b),
            ("self_backup", bool(b) and b <= a),
        ):
            if holds_true:
                out["ab_gap"].add((post.id, kind))
    for person in sorted(active):
        if not person_in_unit(person):
            continue
        duties = duties_of({q for p, q, _ in holds if p == person})
        for rule in rules:
            if rule <= duties:
                valid = any(
                    m.person_id == person
                    and {m.duty_a, m.duty_b} == rule
                    and (m.valid_until is None or m.valid_until >= TODAY)
                    for m in s.mitigations
                )
                via = frozenset(
                    (node[n].duty, q, role, n)
                    for p, q, role in holds
                    if p == person
                    for post, n in performs
                    if post == q and node[n].duty in rule
                )
                out["sod_conflict"].add((person, *sorted(rule), valid, via))
        a_posts = {q for p, q, r in holds if p == person and r == "A"}
        if len(a_posts) >= THRESHOLD:
            out["concentration"].add((person, len(a_posts)))
    for post in s.posts:
        if in_unit(post.unit_id):
            duties = duties_of({post.id})
            for rule in rules:
                if rule <= duties:
                    post_via = frozenset(
                        (node[n].duty, n) for q, n in performs if q == post.id and node[n].duty in rule
                    )
                    out["sod_post"].add((post.id, *sorted(rule), post_via))
    for risk in s.risks:
        if not node_in_unit(risk.node_id):
            continue
        performers = {q for q, n in performs if n == risk.node_id}
        owners = [c.owner_post_id for c in s.controls if c.risk_id == risk.id]
        if any(o is not None and o not in performers for o in owners):
            continue
        reason = (
            "no_control"
            if not owners
            else "self_control"
            if any(o in performers for o in owners)
            else "unowned"
        )
        out["uncontrolled"].add((risk.id, reason))
    for n in s.nodes:
        if not node_in_unit(n.id):
            continue
        if n.min_people >= 2:
            people = {p for p, q, _ in holds if (q, n.id) in performs and p in active}
            if len(people) < n.min_people:
                out["two_person"].add((n.id, len(people), n.min_people))
        supervised = any(
            v.process_id == n.process_id and v.level == 3 and v.person_id in active for v in s.supervisors
        )
        if n.discretion and not supervised:
            out["unsupervised_discretion"].add((n.id,))
    return out


def actual(driver: Driver, unit: str | None) -> dict[str, set[tuple[Any, ...]]]:
    report = run_checks(driver, DB, unit=unit, today=TODAY, threshold=THRESHOLD)
    out: dict[str, set[tuple[Any, ...]]] = {name: set() for name in report.summary}
    for f in report.findings:
        key = finding_key(f)
        # The explanation belongs to the comparison too: whether it is mitigated, and the paths.
        if f.check == "sod_conflict":
            key = (*key, f.mitigated, frozenset((v.duty, v.post_id, v.role, v.node_id) for v in f.via))
        elif f.check == "sod_post":
            key = (*key, frozenset((v.duty, v.node_id) for v in f.via))
        assert key not in out[f.check], f"{f.check}: one finding per key, {key} twice"
        out[f.check].add(key)
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(station=stations(), unit=st.sampled_from((None, *UNITS)))
def test_cypher_agrees_with_the_contract(driver: Driver, station: Workbook, unit: str | None) -> None:
    wipe(driver, DB)
    load(driver, DB, station)
    assert actual(driver, unit) == expected(station, unit)
