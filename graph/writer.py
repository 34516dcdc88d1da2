"""Write a validated workbook: one transaction, snapshot per unit, atomic, idempotent (contract section 1).

In one transaction: lock the units the import touches (an import touching the same units waits
for this one to end, then applies its own full snapshot), read which of the workbook's ids the
graph already holds, let the caller validate against them (nothing is written when it says no),
delete what the imported units no longer list, then merge every table in `UNWIND $rows` batches.
Any failure, the server going away included, rolls the whole import back; transient errors
(deadlocks) retry all of it.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction

from graph import rating
from graph.connection import BATCH_SIZE, Counts, Row, Tx, in_read, in_write, write_batches
from graph.history import changes as history
from graph.queries import query
from graph.rows import Workbook
from graph.settings import RiskModel

Progress = Callable[[str, int], None]
# table -> id -> the unit owning it (None when it hangs under no unit): what the graph already holds.
ExistingIds = dict[str, dict[str, str | None]]
# Says whether the workbook may be written, given the ids the graph holds; called inside the
# import's own transaction, so nothing can change between the check and the write.
Validator = Callable[[ExistingIds], bool]


class Scope(StrEnum):
    """What an import replaces: whole units (a workbook) or the items it names (a BPMN file)."""

    UNITS = "units"
    ITEMS = "items"


@dataclass
class ImportCounts:
    rows: dict[str, int]  # rows written per table
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    stale: dict[str, int] = field(default_factory=dict)  # graph nodes deleted per table, as no longer listed
    # Contract section 6: the Import node recorded with this import, and its changes per kind.
    import_id: str | None = None
    changes: dict[str, int] = field(default_factory=dict)


def touched_units(workbook: Workbook) -> list[str]:
    """The units an import writes into, sorted: those it lists and those its rows hang under."""
    units = {u.id for u in workbook.units}
    units |= {r.unit_id for rows in (workbook.posts, workbook.people, workbook.processes) for r in rows}
    return sorted(units)


def lock_units(tx: Tx, workbook: Workbook) -> None:
    """Hold the write lock of every unit the import touches until its transaction ends."""
    listed = [u.id for u in workbook.units]
    tx.run(query("import/lock_units"), {"units": touched_units(workbook), "listed": listed}).consume()


def mitigation_id(person_id: str, duty_a: str, duty_b: str, measure: str) -> str:
    """A mitigation's identity: its person, its (unordered) duty pair and its measure."""
    key = json.dumps([person_id, sorted((duty_a, duty_b)), measure], ensure_ascii=False)
    return "M-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def read_existing_ids(tx: Tx, workbook: Workbook) -> ExistingIds:
    """Which of the ids the workbook defines or names the graph already holds, with their units."""
    existing: ExistingIds = {}
    for record in tx.run(query("import/existing_ids"), workbook.referenced_ids()):
        existing.setdefault(record["table"], {})[record["id"]] = record["unit_id"]
    return existing


class _Writer:
    def __init__(self, tx: Tx, progress: Progress | None, batch_size: int) -> None:
        self.tx = tx
        self.progress = progress
        self.batch_size = batch_size
        self.changes = Counts()
        self.counts = ImportCounts(rows={})

    def run(self, cypher: LiteralString, **params: Any) -> int:
        """Run one statement; returns the nodes it deleted."""
        return self.changes.add(self.tx, cypher, params)

    def rows(self, table: str, cypher: LiteralString, rows: list[Row], counted: bool = True) -> None:
        progress = self.progress
        write_batches(
            self.tx,
            cypher,
            rows,
            self.changes,
            on_batch=(lambda n: progress(table, n)) if progress else None,
            batch_size=self.batch_size,
        )
        if counted:
            self.counts.rows[table] = len(rows)

    def stale(self, table: str, cypher: LiteralString, **params: Any) -> None:
        deleted = self.run(cypher, **params)
        if deleted:
            self.counts.stale[table] = self.counts.stale.get(table, 0) + deleted

    def finish(self) -> ImportCounts:
        c = self.changes
        self.counts.nodes_created, self.counts.nodes_deleted = c.nodes_created, c.nodes_deleted
        self.counts.relationships_created = c.relationships_created
        self.counts.relationships_deleted = c.relationships_deleted
        return self.counts


def _write(w: _Writer, wb: Workbook, scope: Scope) -> None:
    units = [u.id for u in wb.units]
    processes = [p.id for p in wb.processes]
    nodes = [n.id for n in wb.nodes]
    if scope is Scope.UNITS:
        # Children before parents, so each query still finds what it deletes through its unit.
        w.stale(
            "controls", query("import/delete_stale_controls"), units=units, keep=[c.id for c in wb.controls]
        )
        w.stale("risks", query("import/delete_stale_risks"), units=units, keep=[r.id for r in wb.risks])
        w.stale("nodes", query("import/delete_stale_nodes"), units=units, keep=nodes)
        w.stale("processes", query("import/delete_stale_processes"), units=units, keep=processes)
        w.stale("posts", query("import/delete_stale_posts"), units=units, keep=[p.id for p in wb.posts])
        w.run(query("import/delete_mitigations"), units=units)  # all recreated below: not stale
        w.stale("people", query("import/delete_stale_people"), units=units, keep=[p.id for p in wb.people])
    else:
        w.stale("nodes", query("import/delete_stale_process_nodes"), processes=processes, keep=nodes)

    w.rows(
        "units",
        query("import/upsert_units"),
        [{"id": u.id, "props": {"name": u.name, "kind": u.kind}} for u in wb.units],
    )
    w.rows(
        "units",
        query("import/link_units"),
        [{"id": u.id, "parent_id": u.parent_id} for u in wb.units if u.parent_id],
        counted=False,
    )
    w.rows(
        "posts",
        query("import/upsert_posts"),
        [{"id": p.id, "unit_id": p.unit_id, "props": {"name": p.name, "key": p.key}} for p in wb.posts],
    )
    w.rows(
        "people",
        query("import/upsert_people"),
        [
            {"id": p.id, "unit_id": p.unit_id, "props": {"name": p.name, "status": p.status}}
            for p in wb.people
        ],
    )
    if scope is Scope.UNITS:
        w.run(
            query("import/delete_assignments"),
            people=[p.id for p in wb.people],
            posts=[p.id for p in wb.posts],
        )
    w.rows("assignments", query("import/create_assignments"), [a.model_dump() for a in wb.assignments])
    w.rows(
        "processes",
        query("import/upsert_processes"),
        [
            {"id": p.id, "unit_id": p.unit_id, "props": {"name": p.name, "domain": p.domain}}
            for p in wb.processes
        ],
    )
    w.rows(
        "nodes",
        query("import/upsert_nodes"),
        [
            {
                "id": n.id,
                "process_id": n.process_id,
                "props": {
                    "name": n.name,
                    "kind": n.kind,
                    "discretion": n.discretion,
                    "min_people": n.min_people,
                },
            }
            for n in wb.nodes
        ],
    )
    w.rows(
        "nodes",
        query("import/create_performs"),
        [{"post_id": p, "node_id": n.id} for n in wb.nodes for p in n.post_id],
        counted=False,
    )
    w.rows(
        "nodes",
        query("import/create_duties"),
        [{"node_id": n.id, "duty": n.duty} for n in wb.nodes if n.duty],
        counted=False,
    )
    w.rows("flows", query("import/create_flows"), [f.model_dump() for f in wb.flows])
    w.rows(
        "risks",
        query("import/upsert_risks"),
        [
            {
                "id": r.id,
                "node_id": r.node_id,
                "prone_post_id": r.prone_post_id,
                "props": {
                    "behavior": r.behavior,
                    "level": r.level,
                    "likelihood": r.likelihood,
                    "impact": r.impact,
                    "score": r.score,
                },
            }
            for r in wb.risks
        ],
    )
    w.rows(
        "controls",
        query("import/upsert_controls"),
        [
            {
                "id": c.id,
                "risk_id": c.risk_id,
                "owner_post_id": c.owner_post_id,
                "props": {"measure": c.measure, "kind": c.kind},
            }
            for c in wb.controls
        ],
    )
    w.rows("conflicts", query("import/merge_conflicts"), [k.model_dump() for k in wb.conflicts])
    if scope is Scope.UNITS:
        w.run(query("import/delete_supervisors"), processes=processes)
    w.rows("supervisors", query("import/create_supervisors"), [s.model_dump() for s in wb.supervisors])
    w.rows(
        "mitigations",
        query("import/create_mitigations"),
        [
            {**m.model_dump(), "id": mitigation_id(m.person_id, m.duty_a, m.duty_b, m.measure)}
            for m in wb.mitigations
        ],
    )


def write_in(
    tx: Tx,
    workbook: Workbook,
    validate: Validator,
    scope: Scope = Scope.UNITS,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    source: str | None = None,
    *,
    model: RiskModel,
) -> ImportCounts | None:
    """Validate against the graph and write, inside the caller's transaction; None when `validate`
    refused (nothing written). The import and its changes are remembered in the same transaction
    (graph/history/changes.py); `source` is the file name it came from. A refusal leaves the
    caller to roll back (locking may have created a new unit). So are the ratings of
    everything the import can change, under `model` (contract section 2: never stale)."""
    lock_units(tx, workbook)
    if not validate(read_existing_ids(tx, workbook)):
        return None
    before = history.read_before(tx, workbook, whole_units=scope is Scope.UNITS)
    units = sorted({u.id for u in workbook.units} | {p.unit_id for p in workbook.processes})
    # What the ratings depend on before the writes: the import may take it away from the units.
    rated_before, rules_before = rating.affected_in(tx, units), rating.rules_in(tx)
    writer = _Writer(tx, progress, batch_size)
    _write(writer, workbook, scope)
    counts = writer.finish()
    found = history.diff(before, workbook)
    counts.import_id, _ = history.record(tx, found, [u.id for u in workbook.units], source)
    counts.changes = history.summarize(found)
    # The rules are global: when they change, so may every person's conflict penalty.
    people = rating.scope_in(tx, None)["people"] if rating.rules_in(tx) != rules_before else []
    people += [m.person_id for m in workbook.mitigations]
    ratings = rating.rate_units_in(tx, units, model, before=rated_before, people=people)
    rating.write_in(tx, ratings, datetime.now(UTC), units)
    return counts


class _Refused(Exception):
    """The validator said no: the import's transaction is rolled back."""


def write_workbook(
    driver: Driver,
    database: str,
    workbook: Workbook,
    validate: Validator,
    scope: Scope = Scope.UNITS,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    source: str | None = None,
    *,
    model: RiskModel,
) -> ImportCounts | None:
    """Import a workbook in one transaction; None when `validate` refused (nothing written)."""

    def work(tx: ManagedTransaction) -> ImportCounts:
        counts = write_in(tx, workbook, validate, scope, progress, batch_size, source, model=model)
        if counts is None:
            raise _Refused  # roll back: the lock may have created a unit the workbook introduces
        return counts

    try:
        return in_write(driver, database, work)
    except _Refused:
        return None


def existing_ids(driver: Driver, database: str, workbook: Workbook) -> ExistingIds:
    """The ids a workbook names that the graph holds, in a read transaction: to report problems
    against the graph beside a workbook's bad cells."""
    return in_read(driver, database, lambda tx: read_existing_ids(tx, workbook))
