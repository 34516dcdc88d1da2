"""`powermap import` and `powermap template` as users run them: output, exit codes, stderr."""

from pathlib import Path

from neo4j import Driver
from typer.testing import CliRunner

from api.cli import app
from tests.db import counts, ids
from tests.workbooks import tables, write_csv_dir

DB = "neo4j"


def test_import_prints_counts_and_exits_0(db: Driver, cli_env: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["import", str(write_csv_dir(tmp_path / "wb", tables()))])
    assert result.exit_code == 0, result.output
    assert "已导入 / imported" in result.stdout and "nodes" in result.stdout
    assert ids(db, DB, "Node") == {"A-X1", "A-X2", "A-Y1"}


def test_import_with_problems_lists_them_on_stderr_and_exits_1(
    db: Driver, cli_env: None, tmp_path: Path
) -> None:
    bad = {**tables(), "people": [["id", "name", "unit_id", "status"], ["A-E1", "张伟", "A", "gone"]]}
    result = CliRunner().invoke(app, ["import", str(write_csv_dir(tmp_path / "wb", bad))])
    assert result.exit_code == 1
    assert "people.csv" in result.stderr and "status" in result.stderr and "gone" in result.stderr
    assert result.stdout == ""
    assert counts(db, DB) == {}


def test_template_command_writes_the_workbook(tmp_path: Path) -> None:
    path = tmp_path / "模板.xlsx"
    result = CliRunner().invoke(app, ["template", "-o", str(path)])
    assert result.exit_code == 0 and path.stat().st_size > 0
