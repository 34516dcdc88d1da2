"""How every command reaches the graph: settings read once, one driver for the command's lifetime."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from neo4j import Driver

from graph.connection import make_driver
from graph.schema import migrate
from graph.settings import Settings, get_settings


@dataclass(frozen=True)
class Graph:
    driver: Driver
    database: str
    settings: Settings


@contextmanager
def connect(schema: bool = False) -> Iterator[Graph]:
    """The database of `NEO4J_URI`. Failures become messages and exit codes in api/cli.py.

    `schema`: first create any missing constraint and index (idempotent, a few milliseconds), for
    the commands that write: a store made by an older powermap lacks the new labels' indexes, and
    a MERGE without its index turns a province's scan quadratic."""
    settings = get_settings()
    if not settings.neo4j_password.get_secret_value():
        raise ValueError(
            "没有 NEO4J_PASSWORD：先运行 powermap db start，或在 .env 中设置 / "
            "NEO4J_PASSWORD is not set: run `powermap db start` or set it in .env"
        )
    with make_driver(settings) as driver:
        if schema:
            migrate(driver, settings.neo4j_database)
        yield Graph(driver, settings.neo4j_database, settings)
