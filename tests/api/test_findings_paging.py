"""`GET /api/v1/findings` pages (contract section 5): every finding exactly once through the cursor,
the summary counting all of them on every page, bad cursors refused, big answers gzipped."""

import base64
import json
from pathlib import Path

from fastapi.testclient import TestClient
from neo4j import Driver

from api.ingest import import_path
from graph.settings import Settings
from graph.tokens import Role
from tests.api.conftest import bearer
from tests.build import LIMITS, RISK

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "城关供电所"


def test_every_finding_exactly_once_through_the_cursor(
    client: TestClient, tokens: dict[Role, str], db: Driver, neo4j_settings: Settings
) -> None:
    assert import_path(db, neo4j_settings.neo4j_database, SAMPLE, model=RISK, limits=LIMITS).ok
    headers = bearer(tokens[Role.viewer])
    whole = client.get("/api/v1/findings", headers=headers).json()
    assert whole["next"] is None
    assert len(whole["findings"]) == sum(whole["summary"].values()) > 10

    seen: list[str] = []
    url = "/api/v1/findings?limit=4"
    pages = 0
    while url:
        body = client.get(url, headers=headers).json()
        assert body["summary"] == whole["summary"]
        assert len(body["findings"]) <= 4
        seen += [f["finding_id"] for f in body["findings"]]
        pages += 1
        url = f"/api/v1/findings?limit=4&cursor={body['next']}" if body["next"] else ""
    assert seen == [f["finding_id"] for f in whole["findings"]]
    assert pages == -(-len(seen) // 4)


def test_bad_cursors_and_limits_are_422(client: TestClient, tokens: dict[Role, str]) -> None:
    headers = bearer(tokens[Role.viewer])

    def cursor(value: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    for bad in (
        "not-base64-json",
        cursor([0, 0]),
        cursor([99, 0, ["x", "y"]]),
        cursor([0, 0, ["x"]]),  # ab_gap's identity has two fields
        cursor([1, 0, ["x", "y"]]),  # sod_conflict's second field is a duty pair
    ):
        answer = client.get(f"/api/v1/findings?cursor={bad}", headers=headers)
        assert answer.status_code == 422, (bad, answer.text)
    for limit in (0, 5001):
        assert client.get(f"/api/v1/findings?limit={limit}", headers=headers).status_code == 422


def test_big_answers_are_gzipped(
    client: TestClient, tokens: dict[Role, str], db: Driver, neo4j_settings: Settings
) -> None:
    assert import_path(db, neo4j_settings.neo4j_database, SAMPLE, model=RISK, limits=LIMITS).ok
    headers = {**bearer(tokens[Role.viewer]), "Accept-Encoding": "gzip"}
    answer = client.get("/api/v1/findings", headers=headers)
    assert answer.headers.get("content-encoding") == "gzip"
    small = client.get("/health", headers={"Accept-Encoding": "gzip"})
    assert small.headers.get("content-encoding") is None
