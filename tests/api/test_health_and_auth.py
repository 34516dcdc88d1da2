"""`/health` is open; every other route needs a token of a high enough role."""

import pytest
from fastapi.testclient import TestClient

from graph.tokens import Role
from tests.api.conftest import bearer


@pytest.mark.parametrize("path", ["/health", "/api/v1/health"])
def test_health_reports_the_neo4j_version_without_a_token(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["neo4j"].startswith("5.26.")


def test_no_token_is_401(client: TestClient) -> None:
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert "令牌" in response.json()["detail"]


@pytest.mark.parametrize(
    "token",
    ["nonsense", "pm_abc_def", "pm__x", "pm_x_", "Basic abc", "pm_' OR 1=1 //_x"],
)
def test_unknown_or_malformed_token_is_401(client: TestClient, tokens: dict[Role, str], token: str) -> None:
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_right_id_wrong_secret_is_401(client: TestClient, tokens: dict[Role, str]) -> None:
    prefix, token_id, secret = tokens[Role.admin].split("_", 2)
    forged = f"{prefix}_{token_id}_{secret[:-1]}{'A' if secret[-1] != 'A' else 'B'}"
    assert client.get("/api/v1/me", headers=bearer(forged)).status_code == 401


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_itself(client: TestClient, tokens: dict[Role, str], role: Role) -> None:
    response = client.get("/api/v1/me", headers=bearer(tokens[role]))
    assert response.status_code == 200
    assert response.json()["role"] == role.value
    assert response.json()["name"] == f"test-{role}"
    assert "hash" not in response.json()


def test_roles_include_the_ones_before() -> None:
    assert Role.admin.includes(Role.analyst) and Role.analyst.includes(Role.viewer)
    assert not Role.viewer.includes(Role.analyst)
    assert not Role.analyst.includes(Role.admin)


def test_openapi_document_is_served(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "powermap API"
    assert "/health" in spec["paths"]
    assert client.get("/docs").status_code == 200
