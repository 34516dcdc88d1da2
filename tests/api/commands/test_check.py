"""`powermap check`: the three formats, the exit codes, clear errors."""

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from neo4j import Driver
from typer.testing import CliRunner

from api.cli import app
from graph.checks.identity import finding_id
from graph.settings import get_settings
from tests.build import load
from tests.workbooks import Station


@pytest.fixture
def cli(cli_env: None) -> CliRunner:
    """A runner whose `powermap` talks to the test database."""
    return CliRunner()


@pytest.fixture
def station(db: Driver) -> Station:
    s = (
        Station()
        .unit("U1", "城关供电所")
        .unit("U2")
        .post("K", "U1", name="物资管理员", key=True)
        .person("x", "U1", name="张三")
        .hold("x", "K", "A")
        .post("K2", "U2", key=True)
    )
    load(db, "neo4j", s.workbook)
    return s


def test_json_is_the_contracts(cli: CliRunner, station: Station) -> None:
    result = cli.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["ab_gap"] == 3
    (finding,) = [f for f in data["findings"] if f["post_id"] == "K"]
    assert finding == {
        "check": "ab_gap",
        "kind": "no_backup",
        "post_id": "K",
        "post_name": "物资管理员",
        "unit_id": "U1",
        "holders": [{"person_id": "x", "person_name": "张三", "role": "A", "status": "active"}],
        "finding_id": finding_id("ab_gap", {"post_id": "K", "kind": "no_backup"}),
        "severity": "high",
        "message": "关键岗位“物资管理员”无B角：仅张三一人在岗",
    }
    assert "关键岗位" in result.stdout  # Chinese as such, not \\u escapes


def test_unit_and_check_narrow_the_report(cli: CliRunner, station: Station) -> None:
    result = cli.invoke(app, ["check", "--unit", "U2", "--check", "ab_gap,two_person", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"] == {"ab_gap": 2, "two_person": 0}
    assert {f["post_id"] for f in data["findings"]} == {"K2"}
    repeated = cli.invoke(app, ["check", "--check", "two_person", "--check", "ab_gap", "--format", "json"])
    assert list(json.loads(repeated.stdout)["summary"]) == ["ab_gap", "two_person"]


def test_csv_has_a_bom_and_one_row_per_finding(cli: CliRunner, station: Station) -> None:
    result = cli.invoke(app, ["check", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    # Chinese words first, the codes in their own columns after them.
    assert rows[0][:4] == ["检查项", "类别", "严重程度", "说明"]
    assert len(rows) == 1 + 3
    (row,) = [dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[5] == "K"]
    assert row["检查项"] == "关键岗位A/B角缺口"
    assert row["类别"] == "无B角"
    assert row["说明"] == "关键岗位“物资管理员”无B角：仅张三一人在岗"
    assert (row["检查代码 check"], row["类别代码 kind"], row["严重程度代码 severity"]) == (
        "ab_gap",
        "no_backup",
        "high",
    )


def test_a_rule_reason_has_its_own_column_and_is_never_a_kind(cli: CliRunner, db: Driver) -> None:
    s = (
        Station()
        .unit("U1")
        .post("P", "U1")
        .person("x", "U1", name="张三")
        .hold("x", "P", "A")
        .process("F", "U1")
        .node("n1", "F", ("P",), duty="收款")
        .node("n2", "F", ("P",), duty="记账")
        .conflict("收款", "记账", reason="《会计基础工作规范》：出纳不得兼管稽核")
    )
    load(db, "neo4j", s.workbook)
    result = cli.invoke(app, ["check", "--check", "sod_conflict", "--format", "csv"])
    assert result.exit_code == 0, result.output
    header, row = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    cells = dict(zip(header, row, strict=True))
    assert (cells["检查项"], cells["检查代码 check"]) == ("一人兼任不相容职责", "sod_conflict")
    assert cells["规则理由"] == "《会计基础工作规范》：出纳不得兼管稽核"
    assert cells["类别"] == cells["类别代码 kind"] == ""


def test_xlsx_reads_like_the_csv(cli: CliRunner, station: Station, tmp_path: Path) -> None:
    out = tmp_path / "findings.xlsx"
    result = cli.invoke(app, ["check", "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["检查结果", "汇总"]
    sheet = book["检查结果"]
    as_csv = cli.invoke(app, ["check", "--format", "csv"]).stdout_bytes.decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(as_csv)))
    assert [["" if c is None else str(c) for c in r] for r in sheet.iter_rows(values_only=True)] == csv_rows
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:P4"
    assert sheet["A1"].font.b


def test_table_groups_by_check_with_counts(cli: CliRunner, station: Station) -> None:
    result = cli.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "关键岗位A/B角缺口 ab_gap（3）" in result.stdout
    assert "仅张三一人在岗" in result.stdout
    assert "sod_conflict" in result.stdout  # in the counts, though it found nothing


def test_no_findings_is_still_success(cli: CliRunner, db: Driver) -> None:
    result = cli.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []


@pytest.mark.parametrize(
    ("args", "error"),
    [(["--check", "ab_gap,nope"], "unknown check: nope"), (["--unit", "U9"], "no such unit: U9")],
)
def test_bad_input_is_a_clear_error(cli: CliRunner, station: Station, args: list[str], error: str) -> None:
    result = cli.invoke(app, ["check", *args])
    assert result.exit_code == 2
    assert error in result.stderr
    assert result.stdout == ""


def test_a_database_that_does_not_answer_is_a_failure(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    get_settings.cache_clear()
    result = cli.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 1
    assert "数据库不可用" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_formula_like_name_from_the_graph_stays_text(cli: CliRunner, db: Driver, tmp_path: Path) -> None:
    """Through `powermap check`: a post named like a formula, in the CSV and in the .xlsx."""
    s = Station().unit("U1").post("K", "U1", name='=HYPERLINK("http://evil")', key=True)
    load(db, "neo4j", s.workbook)
    result = cli.invoke(app, ["check", "--check", "ab_gap", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    out = tmp_path / "f.xlsx"
    result = cli.invoke(app, ["check", "--check", "ab_gap", "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["检查结果"]
    values = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert not any(v.startswith("=") for v in values)
    assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)
