"""The foundation: a real Neo4j 5.26 with the schema of contract section 2, as graph/schema.py
declares it."""

import pytest
from neo4j import Driver
from neo4j.exceptions import ConstraintError

from graph.connection import server_version
from graph.schema import NODES, OWN_NODES, RELATIONSHIPS, migrate, schema_statements, wipe
from graph.settings import Settings
from tests.db import read_rows, read_value, write_rows

DB = "neo4j"
# Every label that has a key: unique on it (contract section 2: `id`, and `Duty.name`).
UNIQUE_KEYS = sorted((n.label, n.key) for n in (*NODES, *OWN_NODES) if n.key)
INDEXED = sorted((n.label, p) for n in (*NODES, *OWN_NODES) for p in n.indexed)


def _uniqueness(driver: Driver) -> set[tuple[str, str]]:
    rows = read_rows(
        driver,
        DB,
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties AS props",
    )
    return {(r["label"], r["props"][0]) for r in rows if len(r["props"]) == 1}


def _indexes(driver: Driver) -> set[tuple[str, str]]:
    rows = read_rows(
        driver,
        DB,
        "SHOW INDEXES YIELD type, labelsOrTypes, properties WHERE type = 'RANGE' "
        "RETURN labelsOrTypes[0] AS label, properties AS props",
    )
    return {(r["label"], r["props"][0]) for r in rows if len(r["props"]) == 1}


def test_the_declarations_are_the_contracts() -> None:
    assert {n.label for n in NODES} == {
        "Unit", "Post", "Person", "Process", "Node", "Duty", "Risk", "Control", "Mitigation",
    }  # fmt: skip
    assert ("Duty", "name") in UNIQUE_KEYS and ("Unit", "id") in UNIQUE_KEYS
    assert len(RELATIONSHIPS) == 18
    labels = {n.label for n in NODES}
    assert all(r.source in labels and r.target in labels for r in RELATIONSHIPS)


def test_schema_statements_are_idempotent_creates() -> None:
    statements = schema_statements()
    assert len(statements) == len(UNIQUE_KEYS) + len(INDEXED)
    assert all(s.startswith("CREATE ") and "IF NOT EXISTS" in s for s in statements)


def test_server_is_neo4j_5_26(driver: Driver, neo4j_settings: Settings) -> None:
    assert server_version(driver, neo4j_settings.neo4j_database).startswith("5.26.")


def test_every_declared_constraint_and_index_exists(driver: Driver) -> None:
    assert _uniqueness(driver) >= set(UNIQUE_KEYS)
    assert _indexes(driver) >= set(INDEXED)


def test_migrate_is_idempotent(driver: Driver, neo4j_settings: Settings) -> None:
    before = (_uniqueness(driver), _indexes(driver))
    migrate(driver, neo4j_settings.neo4j_database)
    migrate(driver, neo4j_settings.neo4j_database)
    assert (_uniqueness(driver), _indexes(driver)) == before


@pytest.mark.parametrize(("label", "key"), UNIQUE_KEYS)
def test_constraint_refuses_a_duplicate(db: Driver, label: str, key: str) -> None:
    create = "CREATE (n:$($label)) SET n[$key] = 'x'"
    write_rows(db, DB, create, label=label, key=key)
    with pytest.raises(ConstraintError):
        write_rows(db, DB, create, label=label, key=key)


def test_wipe_deletes_data_and_keeps_schema(driver: Driver, neo4j_settings: Settings) -> None:
    write_rows(driver, DB, "CREATE (:Unit {id: 'u1'})-[:X]->(:Post {id: 'p1'})")
    wipe(driver, neo4j_settings.neo4j_database)
    assert read_value(driver, DB, "MATCH (n) RETURN count(n)") == 0
    assert _uniqueness(driver) >= set(UNIQUE_KEYS)
