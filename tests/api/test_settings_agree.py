"""One settings path: under the same settings the command line and the HTTP API give the same answers."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from pydantic import SecretStr
from typer.testing import CliRunner

from api.cli import app
from api.ingest import import_path
from api.main import create_app
from graph.settings import Settings, get_settings
from graph.tokens import Role, create_token
from tests.api.conftest import bearer
from tests.build import LIMITS, RISK

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "城关供电所"


@pytest.fixture
def env(db: Driver, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """The sample station, and the environment `powermap` reads; settings as the API would load them."""
    assert import_path(db, neo4j_settings.neo4j_database, SAMPLE, model=RISK, limits=LIMITS).ok
    for name in ("neo4j_uri", "neo4j_user", "neo4j_password", "neo4j_database"):
        value = getattr(neo4j_settings, name)
        monkeypatch.setenv(name.upper(), value.get_secret_value() if isinstance(value, SecretStr) else value)
    monkeypatch.setenv("POWERMAP_CONCENTRATION_THRESHOLD", "1")
    monkeypatch.setenv("POWERMAP_FONT", "Noto Serif CJK SC")
    get_settings.cache_clear()
    yield Settings()
    get_settings.cache_clear()


def _api(settings: Settings, db: Driver, path: str) -> bytes:
    token = create_token(db, settings.neo4j_database, Role.viewer, "agree")
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        answer = client.get(path, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    content: bytes = answer.content
    return content


def test_findings_summary_agrees_with_a_changed_threshold(env: Settings, db: Driver) -> None:
    cli = CliRunner().invoke(app, ["check", "--format", "json"])
    assert cli.exit_code == 0, cli.output
    by_cli = json.loads(cli.stdout)["summary"]
    by_api = json.loads(_api(env, db, "/api/v1/findings"))["summary"]
    assert by_api == by_cli
    # Threshold 1 makes every active A holder a finding: far more than the default's one.
    assert by_cli["concentration"] > 1


def test_flowcharts_use_the_configured_font(env: Settings, db: Driver, tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    cli = CliRunner().invoke(app, ["render", "CG-P01", "--format", "svg", "-o", str(out)])
    assert cli.exit_code == 0, cli.output
    by_api = _api(env, db, "/api/v1/processes/CG-P01/flowchart.svg").decode()
    assert 'font-family="Noto Serif CJK SC' in out.read_text(encoding="utf-8")
    assert 'font-family="Noto Serif CJK SC' in by_api
    assert "Noto Sans CJK SC" not in by_api
