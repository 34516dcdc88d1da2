"""The Neo4j driver, made from settings by whoever owns its lifetime (CLI command, API lifespan,
test), and the two ways powermap runs a named query: in a read or in a write transaction."""

from typing import Any

from neo4j import READ_ACCESS, Driver, GraphDatabase, ManagedTransaction

from graph.queries import query
from graph.settings import Settings

Row = dict[str, Any]


def make_driver(settings: Settings, retry_seconds: float = 10.0) -> Driver:
    """A driver for `NEO4J_URI`: `bolt://` for one server, `neo4j://` to route in a cluster.

    `retry_seconds` bounds how long a transaction is retried on transient errors.
    """
    return GraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password),
        connection_timeout=3.0,
        max_transaction_retry_time=retry_seconds,
    )


def server_version(driver: Driver, database: str) -> str:
    """The Neo4j version, asked with a query: proof that the database answers.

    One attempt, no retries: callers poll or report, they should not hang in a retry loop.
    """
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        record = session.run(query("db/server_version")).single(strict=True)
    return str(record["version"])


def _read(driver: Driver, database: str, name: str, params: dict[str, Any], plain: bool) -> list[Row]:
    def work(tx: ManagedTransaction) -> list[Row]:
        result = tx.run(query(name), params)
        if plain:
            keys = result.keys()
            return [dict(zip(keys, record, strict=True)) for record in result]
        return [record.data() for record in result]

    with driver.session(database=database) as session:
        return session.execute_read(work)


def read(driver: Driver, database: str, name: str, /, **params: Any) -> list[Row]:
    """Rows of query `name` in a read transaction (routed to a reader in a cluster)."""
    return _read(driver, database, name, params, plain=False)


def read_values(driver: Driver, database: str, name: str, /, **params: Any) -> list[Row]:
    """Like `read`, for queries that return only values, lists and maps, never nodes, relationships
    or paths: rows are zipped as they come, skipping Record.data()'s recursive walk over every
    nested list, which costs seconds on the rating's province-scale reads."""
    return _read(driver, database, name, params, plain=True)


def write(driver: Driver, database: str, name: str, /, **params: Any) -> list[Row]:
    """Rows of query `name` in a write transaction (retried on transient errors)."""

    def work(tx: ManagedTransaction) -> list[Row]:
        return [record.data() for record in tx.run(query(name), params)]

    with driver.session(database=database) as session:
        return session.execute_write(work)
