"""`powermap render`: a flowchart file, clear errors."""

from pathlib import Path

from neo4j import Driver
from typer.testing import CliRunner

from api.cli import app
from tests.build import load
from tests.viz.workbooks import demo_station

DB = "neo4j"


def test_cli_render_and_errors(db: Driver, cli_env: None, tmp_path: Path) -> None:
    load(db, DB, demo_station())
    out = tmp_path / "yk.svg"
    runner = CliRunner()
    result = runner.invoke(app, ["render", "CN-YK", "--format", "svg", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "受理客户用电申请" in out.read_text(encoding="utf-8")
    bad = runner.invoke(app, ["render", "NOPE", "--format", "svg", "-o", str(out)])
    assert bad.exit_code == 1 and "NOPE" in bad.output
    wrong = runner.invoke(app, ["render", "CN-YK", "--format", "gif", "-o", str(tmp_path / "x.gif")])
    assert wrong.exit_code == 1 and not (tmp_path / "x.gif").exists()
