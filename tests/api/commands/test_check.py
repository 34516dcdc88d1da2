"""`powermap check`: the three formats, the exit codes, clear errors."""

import csv
import io
import json

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
    assert rows[0][:3] == ["检查 check", "严重程度 severity", "说明 message"]
    assert len(rows) == 1 + 3
    assert ["ab_gap", "高", "关键岗位“物资管理员”无B角：仅张三一人在岗", "U1", "no_backup", "K"] in [
        r[:6] for r in rows
    ]


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
