"""The history routes (contract section 6): roles, errors and the ledger's rules over HTTP; never a 500."""

from datetime import date, timedelta

from fastapi.testclient import TestClient
from neo4j import Driver

from graph.rows import Assignment, Person, Post, Unit, Workbook
from graph.settings import Settings
from graph.tokens import Role
from tests.api.conftest import bearer
from tests.build import load
from tests.graph.test_tasks import first_task, station


def _station(db: Driver, s: Settings) -> None:
    load(
        db,
        s.neo4j_database,
        Workbook(
            units=[Unit(id="U", name="站")],
            posts=[Post(id="P1", name="出纳", unit_id="U", key=True)],
            people=[Person(id="A1", name="甲", unit_id="U")],
            assignments=[Assignment(person_id="A1", post_id="P1", role="A")],
        ),
    )


def test_roles_and_errors(
    client: TestClient, tokens: dict[Role, str], db: Driver, neo4j_settings: Settings
) -> None:
    viewer, analyst, admin = (bearer(tokens[r]) for r in (Role.viewer, Role.analyst, Role.admin))
    assert client.post("/api/v1/scans").status_code == 401
    assert client.get("/api/v1/ledger").status_code == 401
    assert client.post("/api/v1/scans", headers=viewer).status_code == 403
    assert client.get("/api/v1/drift", headers=viewer).status_code == 404  # no scans yet
    _station(db, neo4j_settings)
    assert client.post("/api/v1/scans?unit=NOPE", headers=analyst).status_code == 404
    scan = client.post("/api/v1/scans", headers=analyst)
    assert scan.status_code == 200, scan.text
    body = scan.json()
    assert set(body) >= {"scan_id", "at", "summary", "new", "resolved"}
    fid = body["new"][0]["finding_id"]

    drift = client.get("/api/v1/drift", headers=viewer)
    assert drift.status_code == 200
    assert drift.json()["from"] is None and drift.json()["to"]["scan_id"] == body["scan_id"]
    assert client.get("/api/v1/drift?from=scan-nope", headers=viewer).status_code == 404
    assert client.get("/api/v1/drift?to=bad%20id", headers=viewer).status_code == 422

    ledger = client.get("/api/v1/ledger?status=open", headers=viewer).json()["items"]
    assert {i["finding_id"] for i in ledger} == {f["finding_id"] for f in body["new"]}
    assert set(ledger[0]) >= {
        "finding_id",
        "check",
        "status",
        "opened_at",
        "closed_at",
        "reopened",
        "owner_id",
        "due",
        "history",
        "finding",
    }
    assert client.get("/api/v1/ledger?status=nonsense", headers=viewer).status_code == 422

    url = f"/api/v1/ledger/{fid}"
    assert client.patch(url, json={"note": "x"}, headers=viewer).status_code == 403
    assert client.patch(url, json={"status": "closed", "note": "整改了"}, headers=analyst).status_code == 422
    assert client.patch(url, json={"owner_id": "NOBODY"}, headers=analyst).status_code == 422
    assert client.patch(url, json={"surprise": 1}, headers=analyst).status_code == 422
    assert (
        client.patch("/api/v1/ledger/no-such-finding", json={"note": "x"}, headers=analyst).status_code == 404
    )
    patched = client.patch(url, json={"owner_id": "A1", "note": "已约谈"}, headers=analyst)
    assert patched.status_code == 200 and patched.json()["owner_id"] == "A1"
    assert patched.json()["history"][-1]["who"] == "test-analyst"

    until = (date.today() + timedelta(days=30)).isoformat()
    accept = {"reason": "人手不足", "until": until}
    assert client.post(f"{url}/accept", json=accept, headers=analyst).status_code == 403
    past = {"reason": "x", "until": (date.today() - timedelta(days=1)).isoformat()}
    assert client.post(f"{url}/accept", json=past, headers=admin).status_code == 422
    accepted = client.post(f"{url}/accept", json=accept, headers=admin)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert client.get("/api/v1/scans", headers=viewer).json()["scans"][0]["scan_id"] == body["scan_id"]


def test_task_result_route(
    client: TestClient, tokens: dict[Role, str], db: Driver, neo4j_settings: Settings
) -> None:
    load(db, neo4j_settings.neo4j_database, station(2))
    _, tid = first_task(db, neo4j_settings.neo4j_database)
    url = f"/api/v1/tasks/{tid}/result"
    analyst, viewer = bearer(tokens[Role.analyst]), bearer(tokens[Role.viewer])
    assert client.post(url, json={"result": "ok"}).status_code == 401
    assert client.post(url, json={"result": "ok"}, headers=viewer).status_code == 403
    assert client.post(url, json={"result": "maybe"}, headers=analyst).status_code == 422
    assert client.post(url, json={"result": "problem"}, headers=analyst).status_code == 422
    missing = "/api/v1/tasks/task-202502-0123456789abcdef/result"
    assert client.post(missing, json={"result": "ok"}, headers=analyst).status_code == 404
    ok = client.post(url, json={"result": "problem", "note": "未落实"}, headers=analyst)
    assert ok.status_code == 200 and ok.json()["ledger_item"]["check"] == "inspection"
