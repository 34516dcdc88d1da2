"""All of powermap's I/O with Neo4j: the driver, sessions, transactions, reads, batched writes.

Sessions are opened here and nowhere else, so every one gets the same settings: warnings off
(queries name labels and relationship types that an empty or partial graph does not have yet),
the right access mode (reads are routed to readers in a cluster), and transactions that the
driver retries on transient errors, deadlocks included, for up to `retry_seconds`.
"""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, LiteralString, TypeVar

from neo4j import (
    READ_ACCESS,
    WRITE_ACCESS,
    Driver,
    GraphDatabase,
    ManagedTransaction,
    NotificationMinimumSeverity,
    Session,
    Transaction,
)
from neo4j.exceptions import TransientError

from graph.queries import query
from graph.settings import Settings

Row = dict[str, Any]
Tx = Transaction | ManagedTransaction
T = TypeVar("T")

# Rows per `UNWIND $rows` statement: large enough to amortise a round trip, small enough to keep
# one statement's memory bounded on the server.
BATCH_SIZE = 5000


def make_driver(
    settings: Settings,
    retry_seconds: float = 10.0,
    connect_seconds: float = 3.0,
    acquire_seconds: float = 60.0,
) -> Driver:
    """A driver for `NEO4J_URI`: `bolt://` for one server, `neo4j://` to route in a cluster.

    `retry_seconds` bounds how long a transaction is retried on transient errors (deadlocks, a
    server that went away); `connect_seconds` how long one connection attempt may take, and
    `acquire_seconds` how long a session waits for a connection of the pool (a new one
    included). The API keeps all three short: a quick 503 serves a caller better than a hang.
    """
    return GraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_timeout=connect_seconds,
        connection_acquisition_timeout=acquire_seconds,
        max_transaction_retry_time=retry_seconds,
    )


@contextmanager
def _session(driver: Driver, database: str, access: str) -> Iterator[Session]:
    with driver.session(
        database=database,
        default_access_mode=access,
        notifications_min_severity=NotificationMinimumSeverity.OFF,
    ) as session:
        yield session


def in_read(driver: Driver, database: str, work: Callable[[ManagedTransaction], T]) -> T:
    """`work` in one read transaction (one consistent snapshot), retried on transient errors."""
    with _session(driver, database, READ_ACCESS) as session:
        return session.execute_read(work)


def in_write(driver: Driver, database: str, work: Callable[[ManagedTransaction], T]) -> T:
    """`work` in one write transaction, committed when it returns, all of it retried on transient
    errors (deadlocks included): `work` must not have effects outside the transaction."""
    with _session(driver, database, WRITE_ACCESS) as session:
        return session.execute_write(work)


@contextmanager
def rolled_back(driver: Driver, database: str) -> Iterator[Transaction]:
    """A write transaction that is always rolled back: to ask "what if" with the real queries."""
    with _session(driver, database, WRITE_ACCESS) as session:
        tx = session.begin_transaction()
        try:
            yield tx
        finally:
            tx.rollback()


def rows_of(tx: Tx | Session, cypher: LiteralString, params: dict[str, Any]) -> list[Row]:
    """The rows of one statement as plain dicts (in a transaction, or auto-committed by a session).

    Zipping keys with values skips Record.data()'s recursive walk over nested lists, which costs
    seconds on province-scale reads. Graph objects (nodes, paths) stay driver objects.
    """
    result = tx.run(cypher, params)
    keys = result.keys()
    return [dict(zip(keys, record, strict=True)) for record in result]


def read(driver: Driver, database: str, name: str, /, **params: Any) -> list[Row]:
    """Rows of query `name` in a read transaction."""
    cypher = query(name)
    return in_read(driver, database, lambda tx: rows_of(tx, cypher, params))


def write(driver: Driver, database: str, name: str, /, **params: Any) -> list[Row]:
    """Rows of query `name` in a write transaction."""
    cypher = query(name)
    return in_write(driver, database, lambda tx: rows_of(tx, cypher, params))


class Counts:
    """What a unit of work changed, summed over its statements."""

    def __init__(self) -> None:
        self.nodes_created = 0
        self.nodes_deleted = 0
        self.relationships_created = 0
        self.relationships_deleted = 0

    def add(self, tx: Tx, cypher: LiteralString, params: dict[str, Any]) -> int:
        """Run one statement; returns the nodes it deleted."""
        c = tx.run(cypher, params).consume().counters
        self.nodes_created += c.nodes_created
        self.nodes_deleted += c.nodes_deleted
        self.relationships_created += c.relationships_created
        self.relationships_deleted += c.relationships_deleted
        return c.nodes_deleted


def write_batches(
    tx: Tx,
    cypher: LiteralString,
    rows: Sequence[Row],
    counts: Counts | None = None,
    on_batch: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
    **params: Any,
) -> None:
    """`cypher` (which reads `$rows`) once per batch of rows, inside the caller's transaction."""
    counts = counts or Counts()
    for start in range(0, len(rows), batch_size):
        batch = rows[start : start + batch_size]
        counts.add(tx, cypher, {**params, "rows": batch})
        if on_batch:
            on_batch(len(batch))


def autocommit(driver: Driver, database: str, cypher: LiteralString, attempts: int = 5) -> None:
    """A statement that must run outside an explicit transaction: schema changes, and
    `CALL { ... } IN TRANSACTIONS`. Retried on transient errors, as the managed ones are;
    every statement run this way is idempotent."""
    for attempt in range(attempts):
        try:
            with _session(driver, database, WRITE_ACCESS) as session:
                session.run(cypher).consume()
            return
        except TransientError:
            if attempt == attempts - 1:
                raise


def server_version(driver: Driver, database: str) -> str:
    """The Neo4j version, asked with a query: proof that the database answers.

    One attempt, no retries: callers poll or report, they should not hang in a retry loop.
    """
    return str(read_once(driver, database, "db/server_version")[0]["version"])


def read_once(driver: Driver, database: str, name: str, /, **params: Any) -> list[Row]:
    """Rows of query `name` in one auto-commit read transaction: one round trip to the server
    (a managed transaction adds BEGIN's and COMMIT's), and no retries, as `server_version`: for
    the API's per-request reads, whose caller answers 503 at once rather than hold the request."""
    with _session(driver, database, READ_ACCESS) as session:
        return rows_of(session, query(name), params)
