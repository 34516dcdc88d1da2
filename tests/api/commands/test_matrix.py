"""`powermap matrix`: key posts x processes, residual once rated, inherent before."""

import csv
import io
import json
from pathlib import Path

import openpyxl
from neo4j import Driver
from typer.testing import CliRunner

from api.cli import app
from graph.rating import compute, write
from graph.settings import RiskModel, Settings
from tests.build import load
from tests.db import write_rows
from tests.workbooks import chain_station

runner = CliRunner()


def test_json_and_csv_cells_are_the_risk_the_key_post_carries(
    db: Driver, neo4j_settings: Settings, cli_env: None
) -> None:
    database = neo4j_settings.neo4j_database
    load(db, database, chain_station())
    # An import rates what it writes (contract section 2); a store rated by no one holds no
    # residual: the matrix then shows inherent scores.
    write_rows(db, database, "MATCH (r:Risk) REMOVE r.residual")
    inherent = json.loads(runner.invoke(app, ["matrix", "--format", "json"]).stdout)
    assert [p["id"] for p in inherent["posts"]] == ["U1-P1"], "only key posts are rows"
    (cell,) = inherent["cells"]
    assert (cell["process_id"], cell["risks"], cell["total_score"]) == ("U1-YK", 2, 16 + 9)

    write(db, database, compute(db, database, RiskModel(), {}), unit=None)
    result = runner.invoke(app, ["matrix", "--format", "csv", "--unit", "U1"])
    assert result.stdout_bytes.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[0] == ["岗位编号", "关键岗位", "高压业扩报装（U1-YK）"]
    assert rows[1] == ["U1-P1", "客户经理", str(16 + 4.5)], "residual after rating"


def test_xlsx_has_the_matrix_and_its_cells(
    db: Driver, neo4j_settings: Settings, cli_env: None, tmp_path: Path
) -> None:
    load(db, neo4j_settings.neo4j_database, chain_station())  # rated by the import: residual scores
    out = tmp_path / "m.xlsx"
    result = runner.invoke(app, ["matrix", "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["双关键矩阵", "明细"]
    grid = list(book["双关键矩阵"].iter_rows(values_only=True))
    assert grid == [("岗位编号", "关键岗位", "高压业扩报装（U1-YK）"), ("U1-P1", "客户经理", 16 + 4.5)]
    detail = list(book["明细"].iter_rows(values_only=True))
    assert detail[1] == ("客户经理", "高压业扩报装", 2, 16, 16 + 4.5, "U1-P1", "U1-YK")
    assert book["明细"].freeze_panes == "A2"
