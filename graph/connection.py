"""The Neo4j driver, made from settings by whoever owns its lifetime (CLI command, API lifespan, test)."""

from neo4j import READ_ACCESS, Driver, GraphDatabase

from graph.queries import query
from graph.settings import Settings


def make_driver(settings: Settings) -> Driver:
    """A driver for `NEO4J_URI`: `bolt://` for one server, `neo4j://` to route in a cluster."""
    return GraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password),
        connection_timeout=5.0,
        max_transaction_retry_time=10.0,
    )


def server_version(driver: Driver, database: str) -> str:
    """The Neo4j version, asked with a query: proof that the database answers.

    One attempt, no retries: callers poll or report, they should not hang in a retry loop.
    """
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        record = session.run(query("db/server_version")).single(strict=True)
    return str(record["version"])
