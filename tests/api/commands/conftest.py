"""`powermap` commands run in-process against the test database."""

from collections.abc import Iterator

import pytest

from graph.settings import Settings, get_settings


@pytest.fixture
def cli_env(neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The environment a user sets: `powermap` talks to the test database, whatever `.env` says."""
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.neo4j_user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value())
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.neo4j_database)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
