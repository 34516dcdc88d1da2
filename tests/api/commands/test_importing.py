"""`powermap import` and `powermap template` as users run them: output, exit codes, stderr."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from api.cli import app
from graph.settings import Settings, get_settings
from tests.station import counts, ids, write_csv_dir
from tests.test_import_validation import tables


@pytest.fixture
def cli_env(neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.neo4j_user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.neo4j_password)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_import_prints_counts_and_exits_0(db: Driver, cli_env: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["import", str(write_csv_dir(tmp_path / "wb", tables()))])
    assert result.exit_code == 0, result.output
    assert "已导入 / imported" in result.stdout and "nodes" in result.stdout
    assert ids(db, "Node") == {"A-X1", "A-X2", "A-Y1"}


def test_import_with_problems_lists_them_on_stderr_and_exits_1(
    db: Driver, cli_env: None, tmp_path: Path
) -> None:
    bad = {**tables(), "people": [["id", "name", "unit_id", "status"], ["A-E1", "张伟", "A", "gone"]]}
    result = CliRunner().invoke(app, ["import", str(write_csv_dir(tmp_path / "wb", bad))])
    assert result.exit_code == 1
    assert "people.csv" in result.stderr and "status" in result.stderr and "gone" in result.stderr
    assert result.stdout == ""
    assert counts(db) == {}


def test_template_command_writes_the_workbook(tmp_path: Path) -> None:
    path = tmp_path / "模板.xlsx"
    result = CliRunner().invoke(app, ["template", "-o", str(path)])
    assert result.exit_code == 0 and path.stat().st_size > 0
