"""An API client over the real database, and a token of each role."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.main import create_app
from graph.settings import Settings
from graph.tokens import Role, create_token


@pytest.fixture
def client(db: Driver, neo4j_settings: Settings) -> Iterator[TestClient]:
    """A client whose app owns its own driver (the lifespan runs); the graph starts empty."""
    with TestClient(create_app(neo4j_settings), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def tokens(db: Driver, neo4j_settings: Settings) -> dict[Role, str]:
    return {role: create_token(db, neo4j_settings.neo4j_database, role, f"test-{role}") for role in Role}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
