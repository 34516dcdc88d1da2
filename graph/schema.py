"""The schema of contract section 2, applied idempotently from one .cypher file."""

from neo4j import Driver

from graph.queries import query, statements


def migrate(driver: Driver, database: str) -> int:
    """Create every constraint and index that is missing; returns how many statements ran."""
    todo = statements("schema/constraints")
    with driver.session(database=database) as session:
        for statement in todo:
            session.run(statement).consume()
    return len(todo)


def wipe(driver: Driver, database: str) -> None:
    """Delete all data; constraints and indexes stay."""
    with driver.session(database=database) as session:
        session.run(query("db/wipe_batch")).consume()
