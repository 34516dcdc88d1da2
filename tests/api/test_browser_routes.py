"""/browser/style.grass and /browser/guide.html: open, and readable cross-origin by the local
Neo4j Browser only; the token-guarded API gets no CORS headers."""

import pytest
from fastapi.testclient import TestClient

from graph.browser.schema import style_text
from graph.settings import Settings

BROWSER_HEADERS = "cache-control,pragma,sentry-trace,baggage"


def preflight(client: TestClient, path: str, origin: str) -> dict[str, str]:
    response = client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": BROWSER_HEADERS,
        },
    )
    return {"status": str(response.status_code), **response.headers}


def test_style_is_served_open_as_the_repository_holds_it(client: TestClient) -> None:
    response = client.get("/browser/style.grass")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == style_text()
    assert "node.Red" in response.text and "caption: '{role}'" in response.text


def test_guide_is_served_open_as_html(client: TestClient) -> None:
    response = client.get("/browser/guide.html")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "<title>powermap 分析指南</title>" in response.text
    assert 'data-query="explore/backups"' in response.text


@pytest.mark.parametrize("path", ["/browser/style.grass", "/browser/guide.html"])
def test_the_local_browser_origins_may_read_them(
    client: TestClient, neo4j_settings: Settings, path: str
) -> None:
    port = neo4j_settings.powermap_http_port
    for origin in (f"http://localhost:{port}", f"http://127.0.0.1:{port}"):
        allowed = preflight(client, path, origin)
        assert allowed["status"] == "200"
        assert allowed["access-control-allow-origin"] == origin
        assert "GET" in allowed["access-control-allow-methods"]
        got = client.get(path, headers={"Origin": origin, "Pragma": "no-cache", "Cache-Control": "no-cache"})
        assert got.headers["access-control-allow-origin"] == origin


@pytest.mark.parametrize("origin", ["http://evil.example", "http://localhost:1", "null"])
def test_other_origins_may_not(client: TestClient, origin: str) -> None:
    assert preflight(client, "/browser/guide.html", origin)["status"] == "400"
    got = client.get("/browser/guide.html", headers={"Origin": origin})
    assert "access-control-allow-origin" not in got.headers


def test_the_api_proper_gets_no_cors(client: TestClient, neo4j_settings: Settings) -> None:
    origin = f"http://localhost:{neo4j_settings.powermap_http_port}"
    assert "access-control-allow-origin" not in client.get("/health", headers={"Origin": origin}).headers
    assert "access-control-allow-origin" not in preflight(client, "/api/v1/me", origin)


def test_origins_are_configurable() -> None:
    settings = Settings(powermap_browser_origins=["https://browser.example"], powermap_http_port=7000)
    assert settings.browser_origins() == ["https://browser.example"]
    assert Settings(powermap_http_port=7000).browser_origins() == [
        "http://localhost:7000",
        "http://127.0.0.1:7000",
    ]
