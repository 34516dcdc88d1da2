"""`powermap whatif | stand-ins | chokepoints | fixes`: formats, event order, exit codes."""

import csv
import io
import json
from pathlib import Path

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from api.cli import app
from graph.settings import Settings
from tests.build import load
from tests.graph.whatif_station import fingerprint, station


@pytest.fixture
def cli(cli_env: None) -> CliRunner:
    """A runner whose `powermap` talks to the test database (tests/api/commands/conftest.py)."""
    return CliRunner()


@pytest.fixture
def city(db: Driver, neo4j_settings: Settings) -> str:
    load(db, neo4j_settings.neo4j_database, station())
    return neo4j_settings.neo4j_database


def test_whatif_json_and_table(cli: CliRunner, city: str, db: Driver) -> None:
    before = fingerprint(db, city)
    r = cli.invoke(app, ["whatif", "--leave", "a", "--format", "json"])
    assert r.exit_code == 0, r.output
    body = json.loads(r.stdout)
    assert [f["check"] for f in body["new"]] == ["ab_gap"]
    assert body["acting"][0]["acting"] == [{"person_id": "b", "name": "王丽"}]
    r = cli.invoke(app, ["whatif", "--leave", "a"])
    assert r.exit_code == 0, r.output
    assert "王丽" in r.stdout and "新增问题" in r.stdout
    assert fingerprint(db, city) == before


def test_events_apply_in_command_line_order(cli: CliRunner, city: str) -> None:
    # leave then return: no change; return then leave: a is away.
    r = cli.invoke(app, ["whatif", "--leave", "a", "--return", "a", "--format", "json"])
    assert json.loads(r.stdout)["new"] == []
    r = cli.invoke(app, ["whatif", "--return", "a", "--leave", "a", "--format", "json"])
    assert [f["check"] for f in json.loads(r.stdout)["new"]] == ["ab_gap"]


def test_events_file_and_options(cli: CliRunner, city: str, tmp_path: Path) -> None:
    events = tmp_path / "events.json"
    events.write_text(json.dumps({"events": [{"type": "leave", "person_id": "a"}]}), encoding="utf-8")
    r = cli.invoke(app, ["whatif", "--events", str(events), "--assign", "c:P1:A", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["acting"] == []  # c stands in as A: P1 is not vacant


def test_bad_input_exits_2_naming_it(cli: CliRunner, city: str, tmp_path: Path) -> None:
    r = cli.invoke(app, ["whatif", "--leave", "a", "--assign", "ghost:P1:A"])
    assert r.exit_code == 2 and "ghost" in r.output
    r = cli.invoke(app, ["whatif", "--assign", "c:P1:C"])
    assert r.exit_code == 2
    r = cli.invoke(app, ["whatif", "--unassign", "c"])
    assert r.exit_code == 2
    bad = tmp_path / "bad.json"
    bad.write_text('[{"type": "vanish"}]', encoding="utf-8")
    r = cli.invoke(app, ["whatif", "--events", str(bad)])
    assert r.exit_code == 2
    r = cli.invoke(app, ["stand-ins", "NOPE"])
    assert r.exit_code == 2 and "NOPE" in r.output
    r = cli.invoke(app, ["chokepoints", "--unit", "ZZ"])
    assert r.exit_code == 2
    r = cli.invoke(app, ["fixes", "ab-gap-00"])
    assert r.exit_code == 2


def test_chokepoints_csv_has_a_bom(cli: CliRunner, city: str) -> None:
    r = cli.invoke(app, ["chokepoints", "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert r.stdout_bytes.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(r.stdout_bytes.decode("utf-8-sig"))))
    assert rows[0][0] == "名次 rank" and len(rows) == 1 + 5
    scores = [int(row[3]) for row in rows[1:]]
    assert scores == sorted(scores, reverse=True)
    r = cli.invoke(app, ["chokepoints", "--unit", "T", "--format", "json"])
    assert {c["person_id"] for c in json.loads(r.stdout)} == {"c", "d", "f"}
    assert cli.invoke(app, ["chokepoints"]).exit_code == 0


def test_stand_ins_and_fixes(cli: CliRunner, city: str) -> None:
    r = cli.invoke(app, ["stand-ins", "P1", "--role", "A", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert {c["person_id"] for c in json.loads(r.stdout)["candidates"]} == {"c", "d", "f"}
    assert cli.invoke(app, ["stand-ins", "P1", "--role", "B"]).exit_code == 0
    findings = json.loads(cli.invoke(app, ["check", "--format", "json"]).stdout)["findings"]
    [r1] = [f for f in findings if f.get("risk_id") == "r1"]
    r = cli.invoke(app, ["fixes", r1["finding_id"], "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["fixes"][0]["events"][0]["type"] == "add_control"
    assert cli.invoke(app, ["fixes", r1["finding_id"]]).exit_code == 0
