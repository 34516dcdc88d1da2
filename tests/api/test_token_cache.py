"""The API's cache of verified tokens: a revoked token stops working within
POWERMAP_TOKEN_CACHE_SECONDS, and a token that failed is never taken for a valid one."""

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.main import create_app
from graph.settings import Settings
from graph.tokens import Role, TokenCache, create_token, revoke_token
from tests.api.conftest import bearer

DB = "neo4j"


@pytest.fixture
def ttl_client(db: Driver, neo4j_settings: Settings, request: pytest.FixtureRequest) -> Iterator[TestClient]:
    settings = neo4j_settings.model_copy(update={"powermap_token_cache_seconds": request.param})
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize("ttl_client", [1.5], indirect=True)
def test_a_revoked_token_stops_working_once_its_time_in_the_cache_is_over(
    ttl_client: TestClient, db: Driver
) -> None:
    token = create_token(db, DB, Role.analyst, "revoked")
    # The token is verified (and kept for 1.5 s) between `before` and `after`.
    before = time.monotonic()
    assert ttl_client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    after = time.monotonic()
    assert revoke_token(db, DB, token.split("_")[1])
    answer = ttl_client.get("/api/v1/me", headers=bearer(token)).status_code
    if time.monotonic() < before + 1.5:  # a very slow machine may be past it already
        assert answer == 200, "the cached token is still trusted within its time"
    time.sleep(max(0.0, after + 1.6 - time.monotonic()))
    assert ttl_client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    assert ttl_client.post("/api/v1/sod/check", json={}, headers=bearer(token)).status_code == 401


@pytest.mark.parametrize("ttl_client", [0], indirect=True)
def test_without_a_cache_revocation_is_immediate(ttl_client: TestClient, db: Driver) -> None:
    token = create_token(db, DB, Role.viewer, "revoked")
    assert ttl_client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    revoke_token(db, DB, token.split("_")[1])
    assert ttl_client.get("/api/v1/me", headers=bearer(token)).status_code == 401


@pytest.mark.parametrize("ttl_client", [600], indirect=True)
def test_a_token_that_failed_is_never_taken_for_valid(ttl_client: TestClient, db: Driver) -> None:
    token = create_token(db, DB, Role.admin, "real")
    token_id = token.split("_")[1]
    assert ttl_client.get("/api/v1/me", headers=bearer(token)).status_code == 200  # now cached
    # Same id, another secret: the cache is keyed by the whole token, so the database says no.
    forged = f"pm_{token_id}_{'x' * 43}"
    for _ in range(2):
        assert ttl_client.get("/api/v1/me", headers=bearer(forged)).status_code == 401
    unknown = "pm_000000000000_secret"
    for _ in range(2):
        assert ttl_client.get("/api/v1/me", headers=bearer(unknown)).status_code == 401
    # A role is never raised by the cache either: a viewer stays a viewer.
    viewer = create_token(db, DB, Role.viewer, "viewer")
    for _ in range(2):
        assert ttl_client.post("/api/v1/sod/check", json={}, headers=bearer(viewer)).status_code == 403


def test_the_cache_keeps_only_valid_tokens_and_only_for_its_time(db: Driver) -> None:
    cache = TokenCache(seconds=1.0)
    token = create_token(db, DB, Role.viewer, "cached")
    assert cache.get(token) is None
    before = time.monotonic()
    info = cache.verify(db, DB, token)
    after = time.monotonic()
    assert info is not None and info.role is Role.viewer
    kept = cache.get(token)
    if time.monotonic() < before + 1.0:  # a very slow machine may be past it already
        assert kept == info
    for bad in ("pm_000000000000_x", token + "x", token[:-1], "not a token", ""):
        assert cache.verify(db, DB, bad) is None
        assert cache.get(bad) is None
    time.sleep(max(0.0, after + 1.05 - time.monotonic()))
    assert cache.get(token) is None
    assert TokenCache(seconds=0).verify(db, DB, token) == info
    off = TokenCache(seconds=0)
    off.verify(db, DB, token)
    assert off.get(token) is None
