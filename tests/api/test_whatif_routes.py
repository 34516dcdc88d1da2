"""People move over HTTP: POST /whatif, GET /posts/{id}/stand-ins, GET /chokepoints,
GET /findings/{id}/fixes. Roles, 404s naming the ids, 422s, never a 500, nothing written."""

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from graph.settings import Settings
from graph.tokens import Role
from tests.api.conftest import bearer
from tests.build import load
from tests.graph.whatif_station import fingerprint, station

LEAVE = {"events": [{"type": "leave", "person_id": "a"}]}


@pytest.fixture
def city(db: Driver, neo4j_settings: Settings) -> str:
    load(db, neo4j_settings.neo4j_database, station())
    return neo4j_settings.neo4j_database


def test_whatif_answers_the_contract_shape(
    client: TestClient, tokens: dict[Role, str], city: str, db: Driver
) -> None:
    before = fingerprint(db, city)
    r = client.post("/api/v1/whatif", json=LEAVE, headers=bearer(tokens[Role.analyst]))
    assert r.status_code == 200, r.text
    body = r.json()
    assert {"new", "resolved", "exposure", "acting", "message"} <= set(body)
    assert [f["check"] for f in body["new"]] == ["ab_gap"]
    assert all(f["finding_id"] and f["message"] for f in body["new"])
    assert body["acting"][0]["post_id"] == "P1"
    assert body["acting"][0]["acting"] == [{"person_id": "b", "name": "王丽"}]
    assert "王丽" in body["message"]
    assert fingerprint(db, city) == before


def test_whatif_roles(client: TestClient, tokens: dict[Role, str], city: str) -> None:
    assert client.post("/api/v1/whatif", json=LEAVE).status_code == 401
    assert client.post("/api/v1/whatif", json=LEAVE, headers=bearer("nope")).status_code == 401
    assert client.post("/api/v1/whatif", json=LEAVE, headers=bearer(tokens[Role.viewer])).status_code == 403
    assert client.post("/api/v1/whatif", json=LEAVE, headers=bearer(tokens[Role.admin])).status_code == 200


def test_whatif_unknown_ids_are_404_naming_them(
    client: TestClient, tokens: dict[Role, str], city: str, db: Driver
) -> None:
    before = fingerprint(db, city)
    events = [
        {"type": "depart", "person_id": "b"},
        {"type": "assign", "person_id": "c", "post_id": "P1", "role": "A"},
        {"type": "transfer", "person_id": "ghost", "post_id": "P9", "role": "B"},
    ]
    r = client.post("/api/v1/whatif", json={"events": events}, headers=bearer(tokens[Role.analyst]))
    assert r.status_code == 404
    assert "ghost" in r.json()["detail"] and "P9" in r.json()["detail"]
    assert fingerprint(db, city) == before


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"events": []},
        {"events": [{"type": "vanish", "person_id": "a"}]},
        {"events": [{"type": "assign", "person_id": "a", "post_id": "P2", "role": "C"}]},
        {"events": [{"type": "leave"}]},
        {"events": [{"type": "leave", "person_id": ""}]},
        {"events": "leave a"},
    ],
)
def test_whatif_bad_bodies_are_422(
    client: TestClient, tokens: dict[Role, str], city: str, body: object
) -> None:
    r = client.post("/api/v1/whatif", json=body, headers=bearer(tokens[Role.analyst]))
    assert r.status_code == 422, r.text


def test_stand_ins(client: TestClient, tokens: dict[Role, str], city: str) -> None:
    url = "/api/v1/posts/P1/stand-ins?role=B&limit=2"
    assert client.get(url).status_code == 401
    assert client.get(url, headers=bearer(tokens[Role.viewer])).status_code == 403
    r = client.get(url, headers=bearer(tokens[Role.analyst]))
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["candidates"]) == 2
    assert {"person_id", "name", "new", "exposure_after"} <= set(body["candidates"][0])
    assert body["message"]
    r = client.get("/api/v1/posts/NOPE/stand-ins?role=A", headers=bearer(tokens[Role.analyst]))
    assert r.status_code == 404 and "NOPE" in r.json()["detail"]
    for bad in ("role=C", "role=A&limit=0", "limit=x"):
        assert (
            client.get(f"/api/v1/posts/P1/stand-ins?{bad}", headers=bearer(tokens[Role.analyst])).status_code
            == 422
        )


def test_chokepoints(client: TestClient, tokens: dict[Role, str], city: str) -> None:
    assert client.get("/api/v1/chokepoints").status_code == 401
    r = client.get("/api/v1/chokepoints?limit=3", headers=bearer(tokens[Role.viewer]))
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body) == 3
    assert {"person_id", "name", "score", "new", "message"} <= set(body[0])
    assert [c["score"] for c in body] == sorted((c["score"] for c in body), reverse=True)
    r = client.get("/api/v1/chokepoints?unit=T", headers=bearer(tokens[Role.viewer]))
    assert {c["person_id"] for c in r.json()} == {"c", "d", "f"}
    assert client.get("/api/v1/chokepoints?unit=ZZ", headers=bearer(tokens[Role.viewer])).status_code == 404
    assert client.get("/api/v1/chokepoints?limit=0", headers=bearer(tokens[Role.viewer])).status_code == 422


def test_fixes(client: TestClient, tokens: dict[Role, str], city: str, db: Driver) -> None:
    findings = client.get("/api/v1/findings?check=uncontrolled", headers=bearer(tokens[Role.viewer])).json()
    [uncontrolled] = [f for f in findings["findings"] if f["risk_id"] == "r1"]
    url = f"/api/v1/findings/{uncontrolled['finding_id']}/fixes"
    assert client.get(url).status_code == 401
    assert client.get(url, headers=bearer(tokens[Role.viewer])).status_code == 403
    before = fingerprint(db, city)
    r = client.get(url, headers=bearer(tokens[Role.analyst]))
    assert r.status_code == 200, r.text
    fixes = r.json()["fixes"]
    assert fixes and fixes[0]["events"][0]["type"] == "add_control"
    assert {"events", "new", "message", "worse"} <= set(fixes[0])
    # A suggested fix, applied through the what-if, removes the finding.
    applied = client.post(
        "/api/v1/whatif", json={"events": fixes[0]["events"]}, headers=bearer(tokens[Role.analyst])
    )
    assert uncontrolled["finding_id"] in {f["finding_id"] for f in applied.json()["resolved"]}
    assert fingerprint(db, city) == before
    r = client.get("/api/v1/findings/ab-gap-0123/fixes", headers=bearer(tokens[Role.analyst]))
    assert r.status_code == 404 and "ab-gap-0123" in r.json()["detail"]
    assert client.get("/api/v1/findings/a%20b/fixes", headers=bearer(tokens[Role.analyst])).status_code == 422
