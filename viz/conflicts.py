"""Which nodes a chart marks 「不相容」: a node whose own duty is one of a conflicting pair that
the node's performer holds, unmitigated. Not every node a conflicted person performs: a trainee
reading the badge learns which step, by its own duty, makes the conflict."""

from datetime import date

from neo4j import Driver

from graph.checks import models as m
from graph.checks.run import CHECKS, fetch, parameters
from graph.connection import in_read


def conflicted_nodes(driver: Driver, database: str, today: date | None = None) -> frozenset[str]:
    """The ids of the nodes that bring a duty into an unmitigated sod_conflict (its `via`)."""
    params = parameters(threshold=None, today=today)
    findings = in_read(driver, database, lambda tx: fetch(tx, CHECKS["sod_conflict"], params))
    return frozenset(
        path.node_id
        for f in findings
        if isinstance(f, m.SodConflictFinding) and not f.mitigated
        for path in f.via
        if path.duty in f.duties
    )
