"""Processes, flowcharts and the matrix over the sample station."""

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.ingest import import_path
from graph.settings import Settings
from graph.tokens import Role
from tests.api.conftest import bearer
from tests.build import LIMITS, RISK
from tests.db import check_nodes
from tests.test_sample import CSV_DIR


@pytest.fixture
def sample(db: Driver, neo4j_settings: Settings) -> None:
    assert import_path(db, neo4j_settings.neo4j_database, CSV_DIR, model=RISK, limits=LIMITS).ok


def test_list_is_paginated(client: TestClient, tokens: dict[Role, str], sample: None) -> None:
    headers = bearer(tokens[Role.viewer])
    everything = client.get("/api/v1/processes", headers=headers).json()
    assert everything["total"] == 11 and len(everything["items"]) == 11
    second = client.get("/api/v1/processes?limit=4&offset=4", headers=headers).json()
    assert [p["id"] for p in second["items"]] == [p["id"] for p in everything["items"][4:8]]
    assert client.get("/api/v1/processes?limit=100000", headers=headers).status_code == 422
    assert client.get("/api/v1/processes?unit=NOPE", headers=headers).json()["total"] == 0


def test_one_process_has_nodes_flows_risks_and_controls(
    client: TestClient, tokens: dict[Role, str], sample: None
) -> None:
    body = client.get("/api/v1/processes/CG-P01", headers=bearer(tokens[Role.viewer])).json()
    assert body["name"] == "高压业扩报装"
    assert len(body["nodes"]) == 17 and len(body["flows"]) >= 16
    risks = [r for n in body["nodes"] for r in n["risks"]]
    assert len(risks) == 33
    assert any(c["independent"] for r in risks for c in r["controls"])


@pytest.mark.parametrize(
    ("fmt", "magic", "media"),
    [
        ("svg", b"<?xml", "image/svg+xml"),
        ("png", b"\x89PNG", "image/png"),
        ("pdf", b"%PDF", "application/pdf"),
    ],
)
def test_flowchart_in_each_format(
    client: TestClient, tokens: dict[Role, str], sample: None, fmt: str, magic: bytes, media: str
) -> None:
    response = client.get(f"/api/v1/processes/CG-P09/flowchart.{fmt}", headers=bearer(tokens[Role.viewer]))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert response.content.startswith(magic)


def test_unknown_process_and_unknown_format(
    client: TestClient, tokens: dict[Role, str], sample: None
) -> None:
    headers = bearer(tokens[Role.viewer])
    missing = client.get("/api/v1/processes/NOPE", headers=headers)
    assert missing.status_code == 404 and "NOPE" in missing.json()["detail"]
    assert client.get("/api/v1/processes/NOPE/flowchart.svg", headers=headers).status_code == 404
    assert client.get("/api/v1/processes/CG-P09/flowchart.gif", headers=headers).status_code == 422


def test_matrix_rows_are_key_posts(
    client: TestClient, tokens: dict[Role, str], sample: None, db: Driver
) -> None:
    body = client.get("/api/v1/matrix?unit=CG", headers=bearer(tokens[Role.viewer])).json()
    key_posts = {post for post, key in check_nodes(db, "neo4j", "Post", ("id", "key")) if key}
    assert body["cells"] and {p["id"] for p in body["posts"]} <= key_posts
    assert "CG-P01" in {p["id"] for p in body["processes"]}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/processes",
        "/api/v1/processes/CG-P01",
        "/api/v1/processes/CG-P01/flowchart.svg",
        "/api/v1/matrix",
    ],
)
def test_viewer_routes_need_a_token(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 401


def test_flowchart_marks_performers_holding_an_unmitigated_conflict(
    client: TestClient, tokens: dict[Role, str], sample: None
) -> None:
    # 朱大伟 (CG-PER-20), 物资管理员, both keeps and books the stock: his nodes carry 「不相容」.
    svg = client.get("/api/v1/processes/CG-P06/flowchart.svg", headers=bearer(tokens[Role.viewer])).text
    assert svg.count("不相容") >= 2, "the legend names it once; each marked node once more"
