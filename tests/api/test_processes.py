"""Processes, flowcharts and the matrix over the sample station."""

from collections import Counter

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.ingest import import_path
from graph.settings import Settings
from graph.tokens import Role
from tests.api.conftest import bearer
from tests.api.pages import walk
from tests.build import LIMITS, RISK, load
from tests.db import check_nodes
from tests.test_sample import CSV_DIR
from tests.workbooks import Station


@pytest.fixture
def sample(db: Driver, neo4j_settings: Settings) -> None:
    assert import_path(db, neo4j_settings.neo4j_database, CSV_DIR, model=RISK, limits=LIMITS).ok


def test_list_is_paged_in_id_order_each_process_once(
    client: TestClient, tokens: dict[Role, str], sample: None, db: Driver
) -> None:
    headers = bearer(tokens[Role.viewer])
    ids = sorted(pid for (pid,) in check_nodes(db, "neo4j", "Process", ("id",)))
    everything = client.get("/api/v1/processes", headers=headers).json()
    assert everything["total"] == 11 and [p["id"] for p in everything["items"]] == ids
    assert everything["next"] is None
    for limit in range(1, 13):
        pages = walk(client, headers, "/api/v1/processes", f"limit={limit}")
        assert [p["id"] for page in pages for p in page["items"]] == ids
        assert all(page["total"] == 11 and page["limit"] == limit for page in pages)
        assert len(pages) == -(-11 // limit)
    second = client.get("/api/v1/processes?limit=4&offset=4", headers=headers).json()
    assert [p["id"] for p in second["items"]] == ids[4:8] and second["offset"] == 4
    after = client.get(f"/api/v1/processes?limit=2&offset=1&cursor={second['next']}", headers=headers).json()
    assert [p["id"] for p in after["items"]] == ids[9:11] and after["next"] is None
    team = client.get("/api/v1/processes?unit=CG-YW", headers=headers).json()
    assert team["total"] == len(team["items"]) < 11 and {p["unit_id"] for p in team["items"]} == {"CG-YW"}
    assert client.get("/api/v1/processes?limit=100000", headers=headers).status_code == 422
    assert client.get("/api/v1/processes?offset=99999999999999999999", headers=headers).status_code == 422
    assert client.get("/api/v1/processes?unit=NOPE", headers=headers).json()["total"] == 0
    for bad in ("not-a-cursor", "WzEsMl0", "W10"):  # not JSON; [1,2]; []
        answer = client.get(f"/api/v1/processes?cursor={bad}", headers=headers)
        assert answer.status_code == 422 and "cursor" in answer.json()["detail"], bad


def _processes(ids: list[str]) -> Station:
    s = Station().unit("U1").post("P", "U1")
    for pid in ids:
        s.process(pid, "U1").node(f"{pid}-N", pid, ("P",))
    return s


def test_a_cursor_survives_imports_between_pages(
    client: TestClient, tokens: dict[Role, str], db: Driver
) -> None:
    """The unit flips between two versions before every page: a process of both exists throughout
    and comes exactly once; one of a single version at most once."""
    one = [f"F{i:02d}" for i in range(0, 30) if i % 3]
    two = [f"F{i:02d}" for i in range(0, 30) if i % 5]
    versions = [_processes(one).workbook, _processes(two).workbook]
    load(db, "neo4j", versions[0])
    flips = iter(range(1, 100))

    def flip(_: int) -> None:
        load(db, "neo4j", versions[next(flips) % 2])

    pages = walk(client, bearer(tokens[Role.viewer]), "/api/v1/processes", "limit=3", between=flip)
    seen = Counter(p["id"] for page in pages for p in page["items"])
    assert len(pages) > 5 and all(count == 1 for count in seen.values())
    assert set(one) & set(two) <= set(seen) <= set(one) | set(two)


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
