"""Imports remembered (contract section 6): what an import changes, in business terms.

Inside the import's own transaction, before it writes, `read_before` reads the current state of
what the import may change (one read query per kind, each batched over the workbook's ids);
`diff` compares it with the workbook in Python; `record` writes an `Import` node and its changes,
in the same transaction, so an import and its memory commit or roll back together.

Storage (cheap enough for a province-scale first import, where everything is "added"): one
`Change` node per kind and chunk of up to 5,000 changes, `-[:IN_IMPORT]->` the import, each field
(`person_id`, `post_id`, `role`, `from`, `to`, ...) a list with one entry per change; `explode`
turns a node back into change dicts. In Cypher: `UNWIND range(0, c.count - 1) AS k RETURN
c.kind, c.person_id[k], c.post_id[k]`.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.connection import Row, Tx, rows_of, write_batches
from graph.history.common import dumps, new_id, now_iso
from graph.queries import query
from graph.rows import Workbook

# The change kinds of contract section 6, in the order reports list them.
KINDS = (
    "assignment_added",
    "assignment_removed",
    "status_changed",
    "post_added",
    "post_removed",
    "key_changed",
    "performer_added",
    "performer_removed",
    "risk_added",
    "risk_removed",
    "control_added",
    "control_removed",
    "rule_added",
)


@dataclass
class Before:
    """The graph's state, before an import, of everything the import may change."""

    units: list[str]  # units whose contents the import replaces (empty for a BPMN import)
    processes: list[str]  # processes the import replaces item by item (a BPMN import)
    people: dict[str, Row] = field(default_factory=dict)
    posts: dict[str, Row] = field(default_factory=dict)
    assignments: set[tuple[str, str, str]] = field(default_factory=set)
    performers: dict[tuple[str, str], Row] = field(default_factory=dict)
    risks: dict[str, Row] = field(default_factory=dict)
    controls: dict[str, Row] = field(default_factory=dict)
    rules: set[frozenset[str]] = field(default_factory=set)


def _items(tx: Tx, name: str, fields: tuple[str, ...], **params: Any) -> Iterable[Row]:
    """The rows of a `before_*` query, which returns one record per unit holding a list per item
    (a record costs more to decode than a list: this keeps the read cheap at province scale)."""
    for record in rows_of(tx, query(name), params):
        for item in record["items"]:
            yield {**dict(zip(fields, item, strict=True)), "unit_id": record["unit_id"]}


def read_before(tx: Tx, wb: Workbook, whole_units: bool) -> Before:
    """The state the import is about to change; `whole_units` for a workbook (snapshot per unit),
    False for a BPMN import (item by item).

    Each query reads the imported units' contents by unit, plus the items the workbook names that
    lie outside them (an id belongs to one unit, so those inside are read through their unit)."""
    units = [u.id for u in wb.units] if whole_units else []
    inside = set(units)
    processes = [] if whole_units else [p.id for p in wb.processes]
    process_unit = {p.id: p.unit_id for p in wb.processes}
    person_unit = {p.id: p.unit_id for p in wb.people}
    post_unit = {p.id: p.unit_id for p in wb.posts}
    node_unit = {n.id: process_unit.get(n.process_id) for n in wb.nodes}
    risk_unit = {r.id: node_unit.get(r.node_id) for r in wb.risks}

    def outside(ids: Iterable[str], unit_of: Mapping[str, str | None]) -> list[str]:
        return sorted({i for i in ids if unit_of.get(i) not in inside})

    people = outside([p.id for p in wb.people] + [a.person_id for a in wb.assignments], person_unit)
    posts = outside(
        [p.id for p in wb.posts]
        + [a.post_id for a in wb.assignments]
        + [q for n in wb.nodes for q in n.post_id],
        post_unit,
    )
    nodes = [
        n.id for n in wb.nodes if node_unit.get(n.id) not in inside and n.process_id not in set(processes)
    ]
    before = Before(units=units, processes=processes)
    for r in _items(tx, "history/before_people", ("id", "name", "status"), units=units, people=people):
        before.people[r["id"]] = r
    for r in _items(tx, "history/before_posts", ("id", "name", "key"), units=units, posts=posts):
        before.posts[r["id"]] = r
    for r in rows_of(
        tx, query("history/before_assignments"), {"units": units, "people": people, "posts": posts}
    ):
        before.assignments.update((a, b, c) for a, b, c in r["items"])
    for r in _items(
        tx,
        "history/before_performers",
        ("post_id", "node_id", "node_name"),
        units=units,
        processes=processes,
        nodes=nodes,
    ):
        before.performers[(r["post_id"], r["node_id"])] = r
    risks = outside([x.id for x in wb.risks], risk_unit)
    for r in _items(tx, "history/before_risks", ("id", "node_id", "behavior"), units=units, risks=risks):
        before.risks[r["id"]] = r
    control_unit = {c.id: risk_unit.get(c.risk_id) for c in wb.controls}
    controls = outside([x.id for x in wb.controls], control_unit)
    for r in _items(
        tx, "history/before_controls", ("id", "risk_id", "measure"), units=units, controls=controls
    ):
        before.controls[r["id"]] = r
    rules = [{"duty_a": c.duty_a, "duty_b": c.duty_b} for c in wb.conflicts]
    if rules:
        for r in rows_of(tx, query("history/before_rules"), {"rules": rules}):
            before.rules.add(frozenset((r["duty_a"], r["duty_b"])))
    return before


def diff(before: Before, wb: Workbook) -> list[Row]:
    """The import's changes: what the graph will hold after writing `wb`, compared with `before`.

    Each change is a dict with `kind`, the ids of contract section 6, `unit_id` (the unit the change
    lies in, None for a conflict rule) and the names a reader needs.
    """
    whole = bool(before.units)
    units = set(before.units)
    out: list[Row] = []
    person_name = {k: v["name"] for k, v in before.people.items()} | {p.id: p.name for p in wb.people}
    person_unit = {k: v["unit_id"] for k, v in before.people.items()} | {p.id: p.unit_id for p in wb.people}
    post_name = {k: v["name"] for k, v in before.posts.items()} | {p.id: p.name for p in wb.posts}
    post_unit = {k: v["unit_id"] for k, v in before.posts.items()} | {p.id: p.unit_id for p in wb.posts}
    process_unit = {p.id: p.unit_id for p in wb.processes}
    node_name = {n: r["node_name"] for (_, n), r in before.performers.items()} | {
        n.id: n.name for n in wb.nodes
    }
    node_unit = {n: r["unit_id"] for (_, n), r in before.performers.items()}
    node_unit |= {n.id: process_unit.get(n.process_id) or node_unit.get(n.id) for n in wb.nodes}

    # People: statuses. (People who come and go show as their assignments.)
    wb_people = {p.id: p for p in wb.people}
    stale_people = {k for k, v in before.people.items() if whole and v["unit_id"] in units} - set(wb_people)
    for pid, p in sorted(wb_people.items()):
        old = before.people.get(pid)
        if old is not None and old["status"] != p.status:
            out.append(
                {
                    "kind": "status_changed",
                    "person_id": pid,
                    "from": old["status"],
                    "to": p.status,
                    "unit_id": p.unit_id,
                    "person_name": p.name,
                }
            )

    # Posts: added, removed, key changed.
    wb_posts = {p.id: p for p in wb.posts}
    stale_posts = {k for k, v in before.posts.items() if whole and v["unit_id"] in units} - set(wb_posts)
    for qid, q in sorted(wb_posts.items()):
        old = before.posts.get(qid)
        if old is None:
            out.append({"kind": "post_added", "post_id": qid, "unit_id": q.unit_id, "post_name": q.name})
        elif bool(old["key"]) != q.key:
            out.append(
                {
                    "kind": "key_changed",
                    "post_id": qid,
                    "from": bool(old["key"]),
                    "to": q.key,
                    "unit_id": q.unit_id,
                    "post_name": q.name,
                }
            )
    for qid in sorted(stale_posts):
        old = before.posts[qid]
        out.append(
            {"kind": "post_removed", "post_id": qid, "unit_id": old["unit_id"], "post_name": old["name"]}
        )

    # Assignments: a workbook import replaces every HOLDS of its people and posts.
    if whole:
        touched_people = set(wb_people) | stale_people
        touched_posts = set(wb_posts) | stale_posts
        kept = {a for a in before.assignments if a[0] not in touched_people and a[1] not in touched_posts}
        after = kept | {(a.person_id, a.post_id, a.role) for a in wb.assignments}
    else:
        after = before.assignments | {(a.person_id, a.post_id, a.role) for a in wb.assignments}
    for kind, items in (
        ("assignment_added", after - before.assignments),
        ("assignment_removed", before.assignments - after),
    ):
        for person, post, role in sorted(items):
            out.append(
                {
                    "kind": kind,
                    "person_id": person,
                    "post_id": post,
                    "role": role,
                    "unit_id": post_unit.get(post) or person_unit.get(person),
                    "person_name": person_name.get(person),
                    "post_name": post_name.get(post),
                }
            )

    # Performers: every listed node's PERFORMS are the workbook's; a snapshot drops the others.
    # (`before` read exactly the nodes whose PERFORMS the import replaces: those of the units or
    # processes it replaces, and those it lists.)
    performs_after = {(q, n.id) for n in wb.nodes for q in n.post_id}
    for kind, pairs in (
        ("performer_added", performs_after - set(before.performers)),
        ("performer_removed", set(before.performers) - performs_after),
    ):
        for post, node in sorted(pairs):
            out.append(
                {
                    "kind": kind,
                    "post_id": post,
                    "node_id": node,
                    "unit_id": node_unit.get(node),
                    "post_name": post_name.get(post),
                    "node_name": node_name.get(node),
                }
            )

    # Risks and controls.
    wb_risks = {r.id: r for r in wb.risks}
    risk_unit = {k: v["unit_id"] for k, v in before.risks.items()} | {
        r.id: node_unit.get(r.node_id) for r in wb.risks
    }
    for rid, r in sorted(wb_risks.items()):
        if rid not in before.risks:
            out.append(
                {
                    "kind": "risk_added",
                    "risk_id": rid,
                    "node_id": r.node_id,
                    "unit_id": risk_unit[rid],
                    "behavior": r.behavior,
                }
            )
    if whole:
        for rid in sorted(set(before.risks) - set(wb_risks)):
            old = before.risks[rid]
            out.append(
                {
                    "kind": "risk_removed",
                    "risk_id": rid,
                    "node_id": old["node_id"],
                    "unit_id": old["unit_id"],
                    "behavior": old["behavior"],
                }
            )
    wb_controls = {c.id: c for c in wb.controls}
    for cid, c in sorted(wb_controls.items()):
        old = before.controls.get(cid)
        if old is None or old["risk_id"] != c.risk_id:
            if old is not None:
                out.append(_control("control_removed", cid, old["risk_id"], old["unit_id"], old["measure"]))
            out.append(_control("control_added", cid, c.risk_id, risk_unit.get(c.risk_id), c.measure))
    if whole:
        for cid in sorted(set(before.controls) - set(wb_controls)):
            old = before.controls[cid]
            out.append(_control("control_removed", cid, old["risk_id"], old["unit_id"], old["measure"]))

    # Conflict rules: merged into one global set, never deleted.
    seen: set[frozenset[str]] = set()
    for rule in wb.conflicts:
        pair = frozenset((rule.duty_a, rule.duty_b))
        if pair not in before.rules and pair not in seen:
            seen.add(pair)
            out.append({"kind": "rule_added", "duty_a": rule.duty_a, "duty_b": rule.duty_b, "unit_id": None})
    return out


def _control(kind: str, cid: str, risk_id: str | None, unit: str | None, measure: str | None) -> Row:
    return {"kind": kind, "control_id": cid, "risk_id": risk_id, "unit_id": unit, "measure": measure}


def summarize(changes: Iterable[Row]) -> dict[str, int]:
    counts = dict.fromkeys(KINDS, 0)
    for c in changes:
        counts[c["kind"]] += 1
    return {k: v for k, v in counts.items() if v}


# Changes per `Change` node: one node holds up to this many changes of one kind, as parallel lists.
CHUNK = 5000
# Fields every change of a batch shares, stored once on its node.
_SHARED = ("kind", "import_id", "at")


def batches(changes: list[Row], import_id: str, at: str) -> list[Row]:
    """The `Change` nodes of an import: per kind, chunks of up to CHUNK changes, each field a list
    (Neo4j lists hold no nulls: a missing string is stored as "", read back as None)."""
    by_kind: dict[str, list[Row]] = {}
    for c in changes:
        by_kind.setdefault(c["kind"], []).append(c)
    nodes: list[Row] = []
    for kind in KINDS:
        found = by_kind.get(kind, [])
        for start in range(0, len(found), CHUNK):
            chunk = found[start : start + CHUNK]
            fields = sorted({k for c in chunk for k, v in c.items() if v is not None} - set(_SHARED))
            seq = len(nodes)
            node: Row = {
                "id": f"{import_id}:{seq}",
                "kind": kind,
                "import_id": import_id,
                "at": at,
                "seq": seq,
                "count": len(chunk),
            }
            for name in fields:
                node[name] = ["" if c.get(name) is None else c[name] for c in chunk]
            nodes.append(node)
    return nodes


def explode(node: Row) -> list[Row]:
    """The changes one `Change` node holds, as dicts of contract section 6 (and names)."""
    lists = {k: v for k, v in node.items() if isinstance(v, list)}
    out: list[Row] = []
    for i in range(int(node["count"])):
        change: Row = {"kind": node["kind"]}
        for name, values in lists.items():
            value = values[i]
            change[name] = None if value == "" else value
        change.setdefault("unit_id", None)
        change["import_id"] = node["import_id"]
        change["at"] = node["at"]
        out.append(change)
    return out


def record(tx: Tx, changes: list[Row], units: list[str], source: str | None) -> tuple[str, str]:
    """Write the `Import` node and its `Change` nodes in the caller's transaction: (import_id, at)."""
    at = now_iso()
    import_id = new_id("import", at)
    summary = summarize(changes)
    rows_of(
        tx,
        query("history/record_import"),
        {
            "id": import_id,
            "at": at,
            "source": source,
            "units": units,
            "summary": dumps(summary),
            "changes": len(changes),
        },
    )
    nodes: list[dict[str, Any]] = batches(changes, import_id, at)
    write_batches(tx, query("history/record_changes"), nodes, batch_size=1, import_id=import_id)
    return import_id, at


def import_changes(tx: Tx, import_id: str) -> list[Row]:
    """Every change an import recorded, in order."""
    rows = rows_of(tx, query("history/import_changes"), {"import_id": import_id})
    return [c for r in rows for c in explode(r["change"])]


def changes_between(tx: Tx, after: str | None, until: str, units: list[str] | None) -> list[Row]:
    """The changes of the imports after `after` (None: from the beginning) up to `until`, within
    `units` (None: all; a conflict rule belongs to no unit and is always in)."""
    keep = None if units is None else set(units)
    rows = rows_of(tx, query("history/changes_between"), {"after": after, "until": until})
    return [
        c
        for r in rows
        for c in explode(r["change"])
        if keep is None or c["unit_id"] is None or c["unit_id"] in keep
    ]
