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
from tests.build import load
from tests.db import GRAPH_LABELS, check_nodes, check_rels, read_rows, read_value

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
    nodes: list[Node] = []
    flows: list[Flow] = []
    risks: list[Risk] = []
    controls: list[Control] = []
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
                owner = draw(st.sampled_from(post_ids)) if bool(post_ids) and draw(st.booleans()) else None
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
    def with_unit(label: str, props: tuple[str, ...]) -> set[tuple[object, ...]]:
        """The nodes' `props`, with the unit of each in second place."""
        unit = {n: u for n, u in check_rels(db, DB, label, "id", "IN_UNIT", "Unit", "id")}
        return {(values[0], unit.get(values[0]), *values[1:]) for values in check_nodes(db, DB, label, props)}

    process = dict(check_rels(db, DB, "Node", "id", "IN_PROCESS", "Process", "id"))
    owner = dict(check_rels(db, DB, "Control", "id", "OWNED_BY", "Post", "id"))
    roles = read_rows(db, DB, "MATCH (p:Person)-[h:HOLDS]->(q:Post) RETURN p.id AS p, q.id AS q, h.role AS r")
    flows = read_rows(
        db, DB, "MATCH (a:Node)-[f:NEXT]->(b:Node) RETURN a.id AS a, b.id AS b, f.condition AS c"
    )
    return {
        "posts": with_unit("Post", ("id", "key")),
        "people": with_unit("Person", ("id", "status")),
        "assignments": {(r["p"], r["q"], r["r"]) for r in roles},
        "processes": with_unit("Process", ("id",)),
        "nodes": {(n, process.get(n), m) for n, m in check_nodes(db, DB, "Node", ("id", "min_people"))},
        "performs": check_rels(db, DB, "Post", "id", "PERFORMS", "Node", "id"),
        "duties": check_rels(db, DB, "Node", "id", "HAS_DUTY", "Duty", "name"),
        "flows": {(f["a"], f["b"], f["c"]) for f in flows},
        "risks": check_rels(db, DB, "Risk", "id", "AT", "Node", "id"),
        "controls": {
            (c, r, owner.get(c)) for c, r in check_rels(db, DB, "Control", "id", "MITIGATES", "Risk", "id")
        },
        "conflicts": {
            tuple(sorted(pair))
            for pair in check_rels(db, DB, "Duty", "name", "CONFLICTS_WITH", "Duty", "name")
        },
    }


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
    load(db, DB, first)
    load(db, DB, second)  # the same units: a snapshot replaces the first entirely
    rules = {frozenset((c.duty_a, c.duty_b)) for c in [*first.conflicts, *second.conflicts]}
    assert _graph(db) == _expected(second, rules)
    rows = len(second.units) + len(second.posts) + len(second.people) + len(second.processes)
    # The contract's graph: the import's own history nodes (Import, Change) are not rows.
    everything = read_value(
        db,
        DB,
        "MATCH (n) WHERE NOT n:Duty AND any(k IN labels(n) WHERE k IN $labels) RETURN count(n)",
        labels=GRAPH_LABELS,
    )
    assert everything == rows + len(second.nodes) + len(second.risks) + len(second.controls)
