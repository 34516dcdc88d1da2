"""The local Neo4j's conf makes Neo4j Browser load powermap's style and guide on connect."""

import dataclasses
import json
import zipfile
from pathlib import Path

import pytest
from neo4j import Driver

from graph.browser.guide import default_params_command
from graph.localdb import BROWSER_PATCHES, PREVIEW_GUIDES, LocalServer
from graph.settings import Settings
from tests.db import read_rows


def server(**update: object) -> LocalServer:
    local = LocalServer.from_settings(Settings().model_copy(update=update))
    return dataclasses.replace(local, browser_params=default_params_command())


def conf(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))


def test_post_connect_loads_style_sets_parameters_and_opens_the_guide() -> None:
    settings = conf(server(powermap_api_url="http://localhost:8123").conf_text())
    commands = [c.strip() for c in settings["browser.post_connect_cmd"].split(";")]
    assert commands == [
        "style http://localhost:8123/browser/style.grass",
        default_params_command().removeprefix(":"),
        "guide http://localhost:8123/browser/guide.html",
    ]
    # Commands go without their ':' (the Browser adds it) and hold no ';' of their own.
    assert not any(c.startswith(":") for c in commands)


@pytest.mark.parametrize(
    ("api_url", "hosts"),
    [
        ("http://localhost:8000", ["localhost"]),
        ("http://127.0.0.1:9000", ["localhost", "127.0.0.1"]),
        ("https://powermap.example:443", ["localhost", "powermap.example"]),
    ],
)
def test_the_api_host_is_allowed_remote_content(api_url: str, hosts: list[str]) -> None:
    settings = conf(server(powermap_api_url=api_url).conf_text())
    assert settings["browser.remote_content_hostname_whitelist"].split(",") == hosts


@pytest.mark.parametrize("bad", ["localhost:8000", "http://x/y", "http://a;b", "ftp://x"])
def test_a_bad_api_url_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="powermap_api_url"):
        Settings(powermap_api_url=bad)


def test_the_running_server_has_these_settings(
    driver: Driver, neo4j_settings: Settings, local_server: LocalServer | None
) -> None:
    """Strict config validation accepted them, and they are live (not a stale conf)."""
    if local_server is None:
        pytest.skip(f"NEO4J_URI points at another server ({neo4j_settings.neo4j_uri}), not the local one")
    local = local_server
    rows = read_rows(
        driver,
        neo4j_settings.neo4j_database,
        "SHOW SETTINGS YIELD name, value WHERE name STARTS WITH 'browser.' OR name = 'client.allow_telemetry'"
        " RETURN name, value",
    )
    live = {r["name"]: r["value"] for r in rows}
    wanted = conf("\n".join(local.browser_conf()))
    assert {k: live.get(k) for k in wanted} == wanted, "restart it: powermap db stop && powermap db start"


def test_no_usage_data_is_asked_for_or_sent() -> None:
    assert conf(server().conf_text())["client.allow_telemetry"] == "false"


def test_the_served_browser_requests_nothing_from_the_internet(tmp_path: Path) -> None:
    """powermap's copy of the Browser: each patch applied once, nothing else changed."""
    local = dataclasses.replace(server(), home=tmp_path, lib=server().lib_dir)
    if not local.is_assembled():
        pytest.skip("Neo4j is not assembled: run make setup")
    assert local.offline_browser() is True
    assert local.offline_browser() is False  # the same bytes: no restart needed
    jar = sorted(local.lib_dir.glob("neo4j-browser-*.jar"))[-1]
    with zipfile.ZipFile(jar) as original, zipfile.ZipFile(local.browser_zip) as served:
        assert served.namelist()[0] == "browser/"  # the server serves the first entry
        before = {
            n: original.read(n) for n in original.namelist() if n.startswith("browser/") and n[-1] != "/"
        }
        after = {n: served.read(n) for n in served.namelist() if n[-1] != "/"}
    assert after.keys() == before.keys() | PREVIEW_GUIDES.keys()
    assert all(json.loads(after[n]) is not None for n in PREVIEW_GUIDES)  # the preview parses them
    changed = sorted(n for n in before if before[n] != after[n])
    assert changed and all(n.endswith(".js") for n in changed)
    for name in changed:
        for outside in (b"ingest.sentry.io", b"fonts.googleapis.com/css2", b"neo4j.github.io/"):
            assert outside not in after[name]
    assert any(b"loadExternalScripts:!1," in after[n] for n in changed)
    for what, pattern, _ in BROWSER_PATCHES:
        assert sum(len(pattern.findall(before[n])) for n in before if n.endswith(".js")) == 1, what
