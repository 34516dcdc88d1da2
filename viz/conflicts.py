"""Which nodes a chart marks 「不相容」: a node whose own duty is one of a conflicting pair that
the node's performer holds, unmitigated. Not every node a conflicted person performs: a trainee
reading the badge learns which step, by its own duty, makes the conflict.

Only the people who perform the process's nodes (those holding its performing posts) can bring a
conflict to one of its nodes, so only their conflicts are computed: a chart costs the same in a
province as in one station."""

from datetime import date

from neo4j import Driver

from graph.checks import models as m
from graph.checks.run import CHECKS, fetch, parameters
from graph.connection import in_read
from graph.process_read import ProcessView


def performers(view: ProcessView) -> frozenset[str]:
    """The ids of everyone holding a post that performs a node of the process, A or B."""
    return frozenset(h.id for node in view.nodes for post in node.posts for h in post.holders)


def conflicted_nodes(
    driver: Driver, database: str, view: ProcessView, today: date | None = None
) -> frozenset[str]:
    """The ids of the process's nodes that bring a duty into an unmitigated sod_conflict (its `via`)."""
    people = performers(view)
    if not people:
        return frozenset()
    params = parameters(threshold=None, today=today, people=people)
    findings = in_read(driver, database, lambda tx: fetch(tx, CHECKS["sod_conflict"], params))
    nodes = {node.id for node in view.nodes}
    return frozenset(
        path.node_id
        for f in findings
        if isinstance(f, m.SodConflictFinding) and not f.mitigated
        for path in f.via
        if path.duty in f.duties and path.node_id in nodes
    )
