"""Property: any valid workbook imports to exactly the rows it holds, even over an earlier import."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from graph.rows import (
    Assignment,
    Conflict,
    Control,
    Flow,
    Node,
    Person,
    Post,
    Process,
    Risk,
    Unit,
    Workbook,
)
from graph.schema import wipe
from graph.writer import apply_workbook

DB = "neo4j"
UNITS = ("U1", "U2")
DUTIES = ("出纳", "稽核", "记账", "保管", "审批", "采购", "验收")


@st.composite
def workbooks(draw: st.DrawFn) -> Workbook:
    units = [Unit(id=u, name=f"{u}所") for u in UNITS]
    posts = [
        Post(id=f"{u}-P{i}", name=f"岗位{i}", unit_id=u, key=draw(st.booleans()))
        for u in UNITS
        for i in range(draw(st.integers(0, 4)))
    ]
    people = [
        Person(
            id=f"{u}-E{i}",
            name=f"人员{i}",
            unit_id=u,
            status=draw(st.sampled_from(["active", "leave", "left"])),
        )
        for u in UNITS
        for i in range(draw(st.integers(0, 4)))
    ]
    post_ids = [p.id for p in posts]
    pairs = {
        (p.id, q)
        for p in people
        for q in draw(st.lists(st.sampled_from(post_ids), unique=True) if post_ids else st.just([]))
    }
    assignments = [
        Assignment(person_id=a, post_id=b, role=draw(st.sampled_from("AB"))) for a, b in sorted(pairs)
    ]
    processes = [
        Process(id=f"{u}-X{i}", name=f"流程{i}", unit_id=u)
        for u in UNITS
        for i in range(draw(st.integers(0, 3)))
    ]
    nodes, flows, risks, controls = [], [], [], []
    for process in processes:
        ids = [f"{process.id}-N{i}" for i in range(draw(st.integers(1, 5)))]
        for node_id in ids:
            performers = (
                draw(st.lists(st.sampled_from(post_ids), unique=True, max_size=2)) if post_ids else []
            )
            nodes.append(
                Node(
                    id=node_id,
                    process_id=process.id,
                    name="环节",
                    post_id=performers,
                    duty=draw(st.none() | st.sampled_from(DUTIES)),
                    min_people=draw(st.integers(1, 3)),
                )
            )
        edges = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), unique=True, max_size=6))
        flows += [Flow(from_id=a, to_id=b, condition=draw(st.none() | st.just("同意"))) for a, b in edges]
        for node_id in draw(st.lists(st.sampled_from(ids), max_size=3)):
            risk = Risk(id=f"{node_id}-R{len(risks)}", node_id=node_id, behavior="风险", level="medium")
            risks.append(risk)
            if draw(st.booleans()):
                owner = draw(st.sampled_from(post_ids)) if post_ids and draw(st.booleans()) else None
                controls.append(
                    Control(id=f"{risk.id}-C", risk_id=risk.id, measure="措施", owner_post_id=owner)
                )
    rule_pairs = draw(st.lists(st.tuples(st.sampled_from(DUTIES), st.sampled_from(DUTIES)), max_size=4))
    rules = {frozenset(p) for p in rule_pairs if p[0] != p[1]}
    conflicts = [Conflict(duty_a=min(r), duty_b=max(r)) for r in rules]
    return Workbook(
        units=units,
        posts=posts,
        people=people,
        assignments=assignments,
        processes=processes,
        nodes=nodes,
        flows=flows,
        risks=risks,
        controls=controls,
        conflicts=conflicts,
    )


def _graph(db: Driver) -> dict[str, set[tuple[object, ...]]]:
    queries = {
        "posts": "MATCH (p:Post)-[:IN_UNIT]->(u) RETURN p.id, u.id, p.key",
        "people": "MATCH (p:Person)-[:IN_UNIT]->(u) RETURN p.id, u.id, p.status",
        "assignments": "MATCH (p:Person)-[h:HOLDS]->(q) RETURN p.id, q.id, h.role",
        "processes": "MATCH (p:Process)-[:IN_UNIT]->(u) RETURN p.id, u.id",
        "nodes": "MATCH (n:Node)-[:IN_PROCESS]->(p) RETURN n.id, p.id, n.min_people",
        "performs": "MATCH (q:Post)-[:PERFORMS]->(n) RETURN q.id, n.id",
        "duties": "MATCH (n:Node)-[:HAS_DUTY]->(d) RETURN n.id, d.name",
        "flows": "MATCH (a:Node)-[f:NEXT]->(b) RETURN a.id, b.id, f.condition",
        "risks": "MATCH (r:Risk)-[:AT]->(n) RETURN r.id, n.id",
        "controls": "MATCH (c:Control)-[:MITIGATES]->(r) OPTIONAL MATCH (c)-[:OWNED_BY]->(q) "
        "RETURN c.id, r.id, q.id",
        "conflicts": "MATCH (a)-[:CONFLICTS_WITH]->(b) RETURN a.name, b.name",
        "all": "MATCH (n) WHERE NOT n:Duty RETURN elementId(n)",
    }
    with db.session() as s:
        return {k: {tuple(r.values()) for r in s.run(q)} for k, q in queries.items()}  # type: ignore[arg-type]


def _expected(wb: Workbook, rules: set[frozenset[str]]) -> dict[str, set[tuple[object, ...]]]:
    return {
        "posts": {(p.id, p.unit_id, p.key) for p in wb.posts},
        "people": {(p.id, p.unit_id, p.status) for p in wb.people},
        "assignments": {(a.person_id, a.post_id, a.role) for a in wb.assignments},
        "processes": {(p.id, p.unit_id) for p in wb.processes},
        "nodes": {(n.id, n.process_id, n.min_people) for n in wb.nodes},
        "performs": {(q, n.id) for n in wb.nodes for q in n.post_id},
        "duties": {(n.id, n.duty) for n in wb.nodes if n.duty},
        "flows": {(f.from_id, f.to_id, f.condition) for f in wb.flows},
        "risks": {(r.id, r.node_id) for r in wb.risks},
        "controls": {(c.id, c.risk_id, c.owner_post_id) for c in wb.controls},
        "conflicts": {tuple(sorted(r)) for r in rules},
    }


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=workbooks(), second=workbooks())
def test_a_workbook_imports_to_exactly_its_rows(db: Driver, first: Workbook, second: Workbook) -> None:
    wipe(db, DB)
    apply_workbook(db, DB, first)
    apply_workbook(db, DB, second)  # the same units: a snapshot replaces the first entirely
    graph = _graph(db)
    rules = {frozenset((c.duty_a, c.duty_b)) for c in [*first.conflicts, *second.conflicts]}
    expected = _expected(second, rules)
    graph["conflicts"] = {tuple(sorted(c)) for c in graph["conflicts"]}  # type: ignore[arg-type]
    assert {k: graph[k] for k in expected} == expected
    rows = len(second.units) + len(second.posts) + len(second.people) + len(second.processes)
    assert len(graph["all"]) == rows + len(second.nodes) + len(second.risks) + len(second.controls)
