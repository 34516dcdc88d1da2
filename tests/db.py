"""What the graph holds, as tests look at it: ad hoc Cypher through graph/connection.py (tests
open no session of their own), and Cartography-style views to compare with sets of tuples:

    assert check_nodes(db, DB, "Post", ("id", "key")) == {("A-P1", True), ("A-P2", False)}
    assert check_rels(db, DB, "Person", "id", "HOLDS", "Post", "id") == {("A-E1", "A-P1")}
"""

import hashlib
from collections.abc import Sequence
from typing import Any, LiteralString

from neo4j import Driver

from graph.connection import Row, in_read, in_write, rows_of
from graph.schema import NODES, RELATIONSHIPS


def read_rows(driver: Driver, database: str, cypher: LiteralString, **params: Any) -> list[Row]:
    """The rows of one ad hoc statement, in a read transaction."""
    return in_read(driver, database, lambda tx: rows_of(tx, cypher, params))


def write_rows(driver: Driver, database: str, cypher: LiteralString, **params: Any) -> list[Row]:
    """The rows of one ad hoc statement, in a write transaction: what an analyst does in Browser."""
    return in_write(driver, database, lambda tx: rows_of(tx, cypher, params))


def read_value(driver: Driver, database: str, cypher: LiteralString, **params: Any) -> Any:
    """The one value of the one row an ad hoc statement returns."""
    (row,) = read_rows(driver, database, cypher, **params)
    (value,) = row.values()
    return value


def check_nodes(driver: Driver, database: str, label: str, props: Sequence[str]) -> set[tuple[Any, ...]]:
    """One tuple per node of `label`: the values of `props`, in order (None when missing)."""
    rows = read_rows(
        driver,
        database,
        "MATCH (n:$($label)) RETURN [p IN $props | n[p]] AS values",
        label=label,
        props=list(props),
    )
    return {tuple(row["values"]) for row in rows}


def check_rels(
    driver: Driver,
    database: str,
    src_label: str,
    src_prop: str,
    rel: str,
    dst_label: str,
    dst_prop: str,
) -> set[tuple[Any, ...]]:
    """One (source value, target value) pair per `rel` relationship between the two labels."""
    rows = read_rows(
        driver,
        database,
        "MATCH (a:$($src))-[:$($rel)]->(b:$($dst)) RETURN a[$src_prop] AS a, b[$dst_prop] AS b",
        src=src_label,
        rel=rel,
        dst=dst_label,
        src_prop=src_prop,
        dst_prop=dst_prop,
    )
    return {(row["a"], row["b"]) for row in rows}


def ids(driver: Driver, database: str, label: str) -> set[str]:
    return {value for (value,) in check_nodes(driver, database, label, ("id",))}


# The contract's graph (section 2) and the light labels a rating adds; powermap's own nodes
# (tokens, the import history, scans, the ledger) are not part of "the graph a workbook makes".
CONTRACT_LABELS = [n.label for n in NODES]
GRAPH_LABELS = [*CONTRACT_LABELS, "Red", "Yellow", "Green"]
GRAPH_TYPES = sorted({r.type for r in RELATIONSHIPS})


def counts(driver: Driver, database: str) -> dict[str, int]:
    """Nodes per label and relationships per type, of the contract's graph (the light labels,
    a view of the rated `light`, left out)."""
    nodes = read_rows(
        driver,
        database,
        "MATCH (n) UNWIND labels(n) AS k WITH k WHERE k IN $labels RETURN k, count(*) AS c",
        labels=CONTRACT_LABELS,
    )
    rels = read_rows(
        driver,
        database,
        "MATCH ()-[r]->() WITH type(r) AS k WHERE k IN $types RETURN k, count(*) AS c",
        types=GRAPH_TYPES,
    )
    return {row["k"]: row["c"] for row in nodes + rels}


def _key(labels: list[str], props: dict[str, object]) -> str:
    return f"{sorted(labels)}:{props.get('id') or props.get('name') or props.get('measure')}"


# When a rating ran, not what it found: two imports of one workbook rate alike at different times.
STAMPS = ("rated_at",)


def graph_lines(driver: Driver, database: str) -> list[str]:
    """Every node and relationship of the contract's graph with all their properties but the
    rating's time stamp, one sorted line each, independent of element ids."""
    nodes = read_rows(
        driver,
        database,
        "MATCH (n) WHERE any(k IN labels(n) WHERE k IN $labels) RETURN labels(n) AS l, properties(n) AS p",
        labels=GRAPH_LABELS,
    )
    rels = read_rows(
        driver,
        database,
        "MATCH (a)-[r]->(b) WHERE type(r) IN $types RETURN labels(a) AS la, properties(a) AS pa, "
        "type(r) AS t, properties(r) AS p, labels(b) AS lb, properties(b) AS pb",
        types=GRAPH_TYPES,
    )

    def props(p: dict[str, object]) -> list[tuple[str, object]]:
        return sorted((k, v) for k, v in p.items() if k not in STAMPS)

    lines = sorted(f"{sorted(n['l'])} {props(n['p'])}" for n in nodes)
    lines += sorted(
        f"{_key(r['la'], r['pa'])} {r['t']} {props(r['p'])} {_key(r['lb'], r['pb'])}" for r in rels
    )
    return lines


def checksum(driver: Driver, database: str) -> str:
    """A hash of `graph_lines`: equal exactly when the two graphs are."""
    return hashlib.sha256("\n".join(graph_lines(driver, database)).encode()).hexdigest()


def unrate(driver: Driver, database: str) -> None:
    """Remove every rating, as in a store no rating has touched. Imports rate what they write
    (contract section 2); tests that start from unrated entities call this after loading."""
    write_rows(
        driver,
        database,
        "MATCH (n) WHERE n.rated_at IS NOT NULL OR n.light IS NOT NULL OR n.residual IS NOT NULL "
        "REMOVE n.exposure, n.light, n.stars, n.residual, n.rated_at, n:Red:Yellow:Green",
    )
