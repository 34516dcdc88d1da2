"""The foundation: a real Neo4j 5.26 with the schema of contract section 2."""

import pytest
from neo4j import Driver
from neo4j.exceptions import ConstraintError

from graph.connection import server_version
from graph.schema import migrate, wipe
from graph.settings import Settings

UNIQUE_KEYS = {
    ("Unit", "id"),
    ("Post", "id"),
    ("Person", "id"),
    ("Process", "id"),
    ("Node", "id"),
    ("Risk", "id"),
    ("Control", "id"),
    ("Duty", "name"),
}


def _uniqueness(driver: Driver) -> set[tuple[str, str]]:
    records, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties AS props"
    )
    return {(r["label"], r["props"][0]) for r in records if len(r["props"]) == 1}


def test_server_is_neo4j_5_26(driver: Driver, neo4j_settings: Settings) -> None:
    assert server_version(driver, neo4j_settings.neo4j_database).startswith("5.26.")


def test_every_contract_constraint_exists(driver: Driver) -> None:
    assert _uniqueness(driver) >= UNIQUE_KEYS


def test_migrate_is_idempotent(driver: Driver, neo4j_settings: Settings) -> None:
    before = _uniqueness(driver)
    migrate(driver, neo4j_settings.neo4j_database)
    migrate(driver, neo4j_settings.neo4j_database)
    assert _uniqueness(driver) == before


@pytest.mark.parametrize(("label", "key"), sorted(UNIQUE_KEYS))
def test_constraint_refuses_a_duplicate(db: Driver, label: str, key: str) -> None:
    create = f"CREATE (:{label} {{{key}: 'x'}})"
    db.execute_query(create)  # type: ignore[arg-type]
    with pytest.raises(ConstraintError):
        db.execute_query(create)  # type: ignore[arg-type]


def test_wipe_deletes_data_and_keeps_schema(driver: Driver, neo4j_settings: Settings) -> None:
    driver.execute_query("CREATE (:Unit {id: 'u1'})-[:X]->(:Post {id: 'p1'})")
    wipe(driver, neo4j_settings.neo4j_database)
    records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
    assert records[0]["n"] == 0
    assert _uniqueness(driver) >= UNIQUE_KEYS
