"""How every command reaches the graph: settings read once, one driver for the command's lifetime."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from neo4j import Driver

from graph.connection import make_driver
from graph.settings import Settings, get_settings


@dataclass(frozen=True)
class Graph:
    driver: Driver
    database: str
    settings: Settings


@contextmanager
def connect() -> Iterator[Graph]:
    """The database of `NEO4J_URI`. Failures become messages and exit codes in api/cli.py."""
    settings = get_settings()
    if not settings.neo4j_password.get_secret_value():
        raise ValueError(
            "没有 NEO4J_PASSWORD：先运行 powermap db start，或在 .env 中设置 / "
            "NEO4J_PASSWORD is not set: run `powermap db start` or set it in .env"
        )
    with make_driver(settings) as driver:
        yield Graph(driver, settings.neo4j_database, settings)
