"""Contract section 3 stated in plain Python over a workbook's rows: the independent statement that
scans, drift, the ledger and the what-if are compared with.

`findings(wb, today, threshold)` gives every finding's id (graph/checks/identity.py) mapped to its
check; `apply(wb, events)` gives the workbook as it would be had a what-if's events been imported.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from graph.checks.identity import finding_id
from graph.rows import Assignment, Control, Workbook


def _subtree(wb: Workbook, unit: str | None) -> set[str] | None:
    if unit is None:
        return None
    inside, grew = {unit}, True
    while grew:
        more = {u.id for u in wb.units if u.parent_id in inside} - inside
        grew, inside = bool(more), inside | more
    return inside


def findings(wb: Workbook, today: date, threshold: int = 3, unit: str | None = None) -> dict[str, str]:
    """finding_id -> check, for every finding of the seven checks within `unit` (all when None)."""
    scope = _subtree(wb, unit)

    def inside(u: str | None) -> bool:
        return scope is None or u in scope

    active = {p.id for p in wb.people if p.status == "active"}
    person_unit = {p.id: p.unit_id for p in wb.people}
    process_unit = {p.id: p.unit_id for p in wb.processes}
    nodes = {n.id: n for n in wb.nodes}
    holds = {(a.person_id, a.post_id, a.role) for a in wb.assignments}
    performs = {(post, n.id) for n in wb.nodes for post in n.post_id}
    rules = {frozenset((c.duty_a, c.duty_b)) for c in wb.conflicts if c.duty_a != c.duty_b}
    out: dict[str, str] = {}

    def add(check: str, **fields: Any) -> None:
        out[finding_id(check, fields)] = check

    for post in wb.posts:
        if post.key and inside(post.unit_id):
            a = {p for p, q, r in holds if q == post.id and r == "A" and p in active}
            b = {p for p, q, r in holds if q == post.id and r == "B" and p in active}
            for kind, found in (("vacant", not a), ("no_backup", not b), ("self_backup", bool(b) and b <= a)):
                if found:
                    add("ab_gap", post_id=post.id, kind=kind)
        if inside(post.unit_id):
            duties = {nodes[n].duty for q, n in performs if q == post.id and nodes[n].duty}
            for rule in rules:
                if rule <= duties:
                    add("sod_post", post_id=post.id, duties=sorted(rule))
    for person in active:
        if not inside(person_unit[person]):
            continue
        held = {q for p, q, _ in holds if p == person}
        duties = {nodes[n].duty for q, n in performs if q in held and nodes[n].duty}
        for rule in rules:
            if rule <= duties:
                add("sod_conflict", person_id=person, duties=sorted(rule))
        if len({q for p, q, r in holds if p == person and r == "A"}) >= threshold:
            add("concentration", person_id=person)
    for risk in wb.risks:
        node = nodes[risk.node_id]
        if not inside(process_unit[node.process_id]):
            continue
        performers = {q for q, n in performs if n == node.id}
        controls = [c for c in wb.controls if c.risk_id == risk.id]
        if not any(c.owner_post_id and c.owner_post_id not in performers for c in controls):
            add("uncontrolled", risk_id=risk.id)
    for node in wb.nodes:
        if not inside(process_unit[node.process_id]):
            continue
        if node.min_people >= 2:
            people = {p for p, q, _ in holds if p in active and (q, node.id) in performs}
            if len(people) < node.min_people:
                add("two_person", node_id=node.id)
        if node.discretion and not any(
            s.process_id == node.process_id and s.level == 3 and s.person_id in active for s in wb.supervisors
        ):
            add("unsupervised_discretion", node_id=node.id)
    return out


def apply(wb: Workbook, events: Iterable[Mapping[str, Any]]) -> Workbook:
    """The workbook after contract section 7's events, applied in order."""
    people = {p.id: p for p in wb.people}
    assignments = list(wb.assignments)
    controls = list(wb.controls)
    statuses = {"leave": "leave", "depart": "left", "return": "active"}
    for e in events:
        kind = e["type"]
        if kind in statuses:
            people[e["person_id"]] = people[e["person_id"]].model_copy(update={"status": statuses[kind]})
        if kind in ("unassign", "transfer"):
            target = e["post_id"] if kind == "unassign" else None
            assignments = [
                a
                for a in assignments
                if not (a.person_id == e["person_id"] and (target is None or a.post_id == target))
            ]
        if kind in ("assign", "transfer"):
            new = Assignment(person_id=e["person_id"], post_id=e["post_id"], role=e["role"])
            if new not in assignments:
                assignments.append(new)
        if kind == "add_control":
            controls.append(
                Control(
                    id=f"whatif-{len(controls)}",
                    risk_id=e["risk_id"],
                    measure="what-if",
                    owner_post_id=e["owner_post_id"],
                )
            )
    return wb.model_copy(
        update={"people": list(people.values()), "assignments": assignments, "controls": controls}
    )
