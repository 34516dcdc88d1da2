"""Write a validated workbook: one transaction, snapshot per unit, atomic, idempotent (contract section 1).

In one transaction: read which of the workbook's ids the graph already holds, validate
(nothing is written when there is a problem), delete what the imported units no longer
list, then merge every table in `UNWIND $rows` batches. Any failure, the server going
away included, rolls the whole import back.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction, NotificationMinimumSeverity, Transaction

from graph.queries import query
from importers.model import Workbook
from importers.validate import GraphIds, Parsed, Problem, Scope, check, referenced_ids

BATCH_SIZE = 5000

Progress = Callable[[str, int], None]
Tx = Transaction | ManagedTransaction


class ImportRejected(Exception):
    """The workbook has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} 个问题 / problems")
        self.problems = problems


@dataclass
class ImportCounts:
    rows: dict[str, int]  # rows written per table
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    stale: dict[str, int] = field(default_factory=dict)  # graph nodes deleted per table, as no longer listed


def read_graph_ids(tx: Tx, workbook: Workbook) -> GraphIds:
    graph = GraphIds()
    for record in tx.run(query("import/existing_ids"), referenced_ids(workbook)):
        graph.owners.setdefault(record["table"], {})[record["id"]] = record["unit_id"]
    return graph


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class _Writer:
    def __init__(self, tx: Tx, progress: Progress | None, batch_size: int) -> None:
        self.tx = tx
        self.progress = progress
        self.batch_size = batch_size
        self.counts = ImportCounts(rows={})

    def run(self, cypher: LiteralString, **params: Any) -> int:
        """Run one statement; returns the nodes it deleted."""
        summary = self.tx.run(cypher, params).consume()
        c = summary.counters
        self.counts.nodes_created += c.nodes_created
        self.counts.nodes_deleted += c.nodes_deleted
        self.counts.relationships_created += c.relationships_created
        self.counts.relationships_deleted += c.relationships_deleted
        return c.nodes_deleted

    def rows(
        self, table: str, cypher: LiteralString, rows: Sequence[dict[str, Any]], counted: bool = True
    ) -> None:
        for batch in _batches(rows, self.batch_size):
            self.run(cypher, rows=batch)
            if self.progress:
                self.progress(table, len(batch))
        if counted:
            self.counts.rows[table] = len(rows)

    def stale(self, table: str, cypher: LiteralString, **params: Any) -> None:
        deleted = self.run(cypher, **params)
        if deleted:
            self.counts.stale[table] = self.counts.stale.get(table, 0) + deleted


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
    w.rows("mitigations", query("import/create_mitigations"), [m.model_dump() for m in wb.mitigations])


def write_in(
    tx: Tx,
    parsed: Parsed,
    scope: Scope = Scope.UNITS,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportCounts:
    """Validate against the graph and write, inside the caller's transaction."""
    problems = check(parsed, read_graph_ids(tx, parsed.workbook), scope)
    if problems:
        raise ImportRejected(problems)
    writer = _Writer(tx, progress, batch_size)
    _write(writer, parsed.workbook, scope)
    return writer.counts


def validate_against_graph(
    driver: Driver, database: str, parsed: Parsed, scope: Scope = Scope.UNITS
) -> list[Problem]:
    """The cross-table and graph problems alone, in a read transaction: to report them beside bad cells."""
    with driver.session(
        database=database, notifications_min_severity=NotificationMinimumSeverity.OFF
    ) as session:
        graph = session.execute_read(read_graph_ids, parsed.workbook)
    return check(parsed, graph, scope)


def apply_workbook(
    driver: Driver,
    database: str,
    workbook: Workbook | Parsed,
    scope: Scope = Scope.UNITS,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportCounts:
    """Import a workbook in one transaction; raises `ImportRejected` (nothing written) on problems."""
    parsed = workbook if isinstance(workbook, Parsed) else Parsed.of(workbook)
    # Warnings about relationship types an empty graph does not have yet are noise here.
    quiet = NotificationMinimumSeverity.OFF
    with (
        driver.session(database=database, notifications_min_severity=quiet) as session,
        session.begin_transaction() as tx,
    ):
        counts = write_in(tx, parsed, scope, progress, batch_size)
        tx.commit()
    return counts
