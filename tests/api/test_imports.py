"""`POST /api/v1/imports`: the same import as the CLI, behind the admin role."""

import io
import zipfile

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from graph.tokens import Role
from tests.api.conftest import bearer
from tests.db import read_value
from tests.test_sample import BPMN, CSV_DIR, XLSX


def counts(db: Driver) -> tuple[int, int]:
    nodes = read_value(db, "neo4j", "MATCH (n) WHERE NOT n:ApiToken RETURN count(n)")
    rels = read_value(db, "neo4j", "MATCH ()-[r]->() RETURN count(r)")
    return nodes, rels


def test_admin_uploads_the_sample_xlsx_then_its_bpmn(
    client: TestClient, tokens: dict[Role, str], db: Driver
) -> None:
    response = client.post(
        "/api/v1/imports",
        headers=bearer(tokens[Role.admin]),
        files={"file": ("城关供电所.xlsx", XLSX.read_bytes())},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["rows"]["processes"] == 11 and body["nodes_created"] > 300
    bpmn = client.post(
        "/api/v1/imports",
        headers=bearer(tokens[Role.admin]),
        files={"file": (BPMN.name, BPMN.read_bytes())},
        data={"unit": "CG", "prefix": "LV"},
    )
    assert bpmn.status_code == 200, bpmn.text
    assert read_value(db, "neo4j", "MATCH (p:Process) WHERE p.id STARTS WITH 'LV:' RETURN count(p)") == 1


def test_a_zip_of_csv_files_imports(client: TestClient, tokens: dict[Role, str]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in CSV_DIR.iterdir():
            archive.write(path, path.name)
    response = client.post(
        "/api/v1/imports",
        headers=bearer(tokens[Role.admin]),
        files={"file": ("station.zip", buffer.getvalue())},
    )
    assert response.status_code == 200, response.text
    assert response.json()["rows"]["people"] == 28


@pytest.mark.parametrize(("role", "status"), [(None, 401), (Role.viewer, 403), (Role.analyst, 403)])
def test_below_admin_cannot_import(
    client: TestClient, tokens: dict[Role, str], db: Driver, role: Role | None, status: int
) -> None:
    headers = bearer(tokens[role]) if role else {}
    before = counts(db)
    response = client.post("/api/v1/imports", headers=headers, files={"file": ("x.xlsx", XLSX.read_bytes())})
    assert response.status_code == status
    assert counts(db) == before


def test_a_bad_workbook_is_422_with_every_problem_and_writes_nothing(
    client: TestClient, tokens: dict[Role, str], db: Driver
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("units.csv", "id,name\nU1,一所\nU1,重复\n")
        archive.writestr("posts.csv", "id,name,unit_id,key\nP1,岗位,U1,也许\nP2,岗位,U9,是\n")
    before = counts(db)
    response = client.post(
        "/api/v1/imports", headers=bearer(tokens[Role.admin]), files={"file": ("bad.zip", buffer.getvalue())}
    )
    assert response.status_code == 422
    body = response.json()
    assert "未导入" in body["detail"]
    where = {(p["table"], p["row"], p["column"]) for p in body["problems"]}
    assert ("units.csv", 3, "id") in where
    assert ("posts.csv", 2, "key") in where
    assert ("posts.csv", 3, "unit_id") in where
    assert counts(db) == before


def test_unsupported_file_type_and_too_large_upload(
    client: TestClient, tokens: dict[Role, str], db: Driver
) -> None:
    unsupported = client.post(
        "/api/v1/imports", headers=bearer(tokens[Role.admin]), files={"file": ("notes.txt", b"hello")}
    )
    assert unsupported.status_code == 422
    assert "不支持" in unsupported.json()["problems"][0]["message"]
    limit = client.app.state.settings.powermap_max_upload_bytes  # type: ignore[attr-defined]
    too_big = client.post(
        "/api/v1/imports",
        headers=bearer(tokens[Role.admin]),
        files={"file": ("big.xlsx", b"0" * (limit + 1))},
    )
    assert too_big.status_code == 413
    assert counts(db) == (0, 0)


@pytest.mark.parametrize("bad", ["CG' OR 1=1 //", "a}b", "x" * 200, "UNION MATCH (n)"])
def test_an_injected_unit_is_422_and_writes_nothing(
    client: TestClient, tokens: dict[Role, str], db: Driver, bad: str
) -> None:
    response = client.post(
        "/api/v1/imports",
        headers=bearer(tokens[Role.admin]),
        files={"file": (BPMN.name, BPMN.read_bytes())},
        data={"unit": bad},
    )
    assert response.status_code == 422
    assert counts(db) == (0, 0)
