"""A real Neo4j for every test, never a mock.

Which server: `NEO4J_URI` when set in the environment; else the test suite's own local server
(`.neo4j-test/` on the jars `make setup` assembled, ports POWERMAP_TEST_BOLT_PORT/_HTTP_PORT,
default 7688/7475), started when needed and left running for the next run, so the tests never
empty the demo's database; else testcontainers' neo4j:5.26 when a Docker engine answers.
Each test that takes `db` starts from an empty graph (the schema stays).
"""

import os
from collections.abc import Iterator

import pytest
from neo4j import Driver
from pydantic import SecretStr

from api.commands.db import server_to_start
from graph.connection import make_driver
from graph.localdb import LocalDbError, LocalServer
from graph.schema import migrate, wipe
from graph.settings import Settings


def _docker_answers() -> bool:
    try:
        import docker  # type: ignore[import-untyped]

        docker.from_env().ping()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[tuple[Settings, LocalServer | None]]:
    """The settings to reach the tests' Neo4j, and the local server when it is one."""
    base = Settings()
    if os.environ.get("NEO4J_URI"):
        yield base, None
        return
    server = server_to_start(base, test=True)
    if server.is_assembled():
        try:
            settings, _ = server.start(base)
        except LocalDbError as exc:
            pytest.exit(f"the tests' local Neo4j would not start:\n{exc}", returncode=3)
        yield settings, server
        return
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer("neo4j:5.26") as container:
            yield (
                base.model_copy(
                    update={
                        "neo4j_uri": container.get_connection_url(),
                        "neo4j_user": "neo4j",
                        "neo4j_password": SecretStr(container.password),
                    }
                ),
                None,
            )
        return
    pytest.exit("no Neo4j: set NEO4J_URI, run `make setup`, or start a Docker engine", returncode=3)


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_server: tuple[Settings, LocalServer | None]) -> Settings:
    """Settings pointed at the tests' Neo4j; for the local server, its layout too (ports, home)."""
    return neo4j_server[0]


@pytest.fixture(scope="session")
def local_server(neo4j_server: tuple[Settings, LocalServer | None]) -> LocalServer | None:
    """The local server the tests run on (with its Browser conf), None for any other Neo4j."""
    return neo4j_server[1]


@pytest.fixture(scope="session")
def driver(neo4j_settings: Settings) -> Iterator[Driver]:
    with make_driver(neo4j_settings) as drv:
        migrate(drv, neo4j_settings.neo4j_database)
        yield drv


@pytest.fixture
def db(driver: Driver, neo4j_settings: Settings) -> Driver:
    """The driver, over an empty graph."""
    wipe(driver, neo4j_settings.neo4j_database)
    return driver
