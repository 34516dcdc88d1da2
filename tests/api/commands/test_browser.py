"""`powermap browser lights | info` and `powermap serve` listening where Neo4j Browser looks."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from api.cli import app
from graph.settings import Settings, get_settings
from tests.browser.workbooks import build_station
from tests.db import read_rows, read_value, write_rows

runner = CliRunner()


@pytest.fixture
def env(neo4j_settings: Settings) -> Iterator[dict[str, str]]:
    get_settings.cache_clear()
    yield {
        "NEO4J_URI": neo4j_settings.neo4j_uri,
        "NEO4J_USER": neo4j_settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_settings.neo4j_password.get_secret_value(),
        "POWERMAP_API_URL": "http://localhost:8123",
        "POWERMAP_HTTP_PORT": str(neo4j_settings.powermap_http_port),
    }
    get_settings.cache_clear()


def test_lights_labels_the_rated_nodes(db: Driver, neo4j_settings: Settings, env: dict[str, str]) -> None:
    database = neo4j_settings.neo4j_database
    build_station(db, database)  # the import rates everything; the station then sets six lights
    # Take the labels off, as a store from before labels would have none: the command restores them.
    write_rows(db, database, "MATCH (n) WHERE n:Red OR n:Yellow OR n:Green REMOVE n:Red:Yellow:Green")
    lit = {
        r["light"]: r["n"]
        for r in read_rows(
            db, database, "MATCH (n) WHERE n.light IS NOT NULL RETURN n.light AS light, count(*) AS n"
        )
    }
    assert lit["red"] >= 2 and lit["yellow"] >= 2 and lit["green"] >= 2
    done = runner.invoke(app, ["browser", "lights"], env=env)
    assert done.exit_code == 0, done.output
    assert f"红灯 Red {lit['red']}，黄灯 Yellow {lit['yellow']}，绿灯 Green {lit['green']}" in done.stdout
    assert read_value(db, database, "MATCH (n:Red) RETURN count(n)") == lit["red"]
    assert read_value(db, database, "MATCH (n:Red) WHERE n.light <> 'red' RETURN count(n)") == 0


def test_info_says_where_to_look(neo4j_settings: Settings, env: dict[str, str]) -> None:
    done = runner.invoke(app, ["browser", "info"], env=env)
    assert done.exit_code == 0, done.output
    assert f"http://localhost:{neo4j_settings.powermap_http_port}/browser/" in done.stdout
    assert f"connect URL: {neo4j_settings.neo4j_uri}" in done.stdout
    assert "http://localhost:8123/browser/guide.html" in done.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_listens_on_the_port_of_the_api_url(neo4j_settings: Settings) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "POWERMAP_API_URL": f"http://localhost:{port}",
        "NEO4J_URI": neo4j_settings.neo4j_uri,
    }
    powermap = os.path.join(os.path.dirname(sys.executable), "powermap")
    server = subprocess.Popen(
        [powermap, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/browser/style.grass", timeout=1) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "powermap serve did not answer on the API URL's port"
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=10)
