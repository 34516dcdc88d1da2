"""The database goes away while the API runs: 503 with Retry-After, then 200 again by itself."""

import time
from urllib.parse import urlparse

from fastapi.testclient import TestClient
from neo4j import Driver

from api.main import create_app
from graph.settings import Settings
from graph.tokens import Role
from tests.api.conftest import bearer
from tests.tcp_proxy import TcpProxy


def test_outage_gives_503_then_recovers_without_restart(
    db: Driver, neo4j_settings: Settings, tokens: dict[Role, str]
) -> None:
    target = urlparse(neo4j_settings.neo4j_uri)
    proxy = TcpProxy(target.port or 7687)
    proxy.open()
    settings = neo4j_settings.model_copy(update={"neo4j_uri": f"{target.scheme}://127.0.0.1:{proxy.port}"})
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        assert client.get("/health").status_code == 200
        assert client.get("/api/v1/me", headers=bearer(tokens[Role.viewer])).status_code == 200

        proxy.cut()
        for path, headers in (("/health", {}), ("/api/v1/me", bearer(tokens[Role.viewer]))):
            started = time.monotonic()
            down = client.get(path, headers=headers)
            assert down.status_code == 503, (path, down.text)
            assert down.headers["Retry-After"].isdigit()
            assert "数据库" in down.json()["detail"]
            assert "Traceback" not in down.text
            assert time.monotonic() - started < 8, "a client is told quickly, not left hanging"

        proxy.open()
        assert client.get("/health").status_code == 200
        assert client.get("/api/v1/me", headers=bearer(tokens[Role.viewer])).status_code == 200
    proxy.cut()
