"""Bad input and faults on the command line: one clear message, a documented exit code, never a
traceback, and nothing written."""

import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from neo4j import Driver
from typer.testing import CliRunner, Result

from api.cli import app
from benchmarks.generate import stations, write_station
from graph.rows import Workbook
from graph.settings import Settings, get_settings
from tests.build import load
from tests.db import checksum, counts, read_rows
from tests.tcp_proxy import TcpProxy
from tests.workbooks import station, tables, write_csv_dir

DB = "neo4j"
NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"


@pytest.fixture
def cli(cli_env: None) -> CliRunner:
    return CliRunner()


def _clean_failure(result: Result, code: int, *words: str) -> None:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_matrix_of_an_unknown_unit_is_no_such_unit(cli: CliRunner, db: Driver) -> None:
    load(db, DB, station("A"))
    result = cli.invoke(app, ["matrix", "--unit", "NOPE"])
    _clean_failure(result, 2, "no such unit: NOPE")
    assert result.stdout == ""


def test_a_200000_character_field_is_refused(cli: CliRunner, db: Driver, tmp_path: Path) -> None:
    load(db, DB, station("A"))
    before = (counts(db, DB), checksum(db, DB))
    edited = tables()
    edited["units"][1][1] = "x" * 200_000
    started = time.monotonic()
    result = cli.invoke(app, ["import", str(write_csv_dir(tmp_path / "wb", edited))])
    _clean_failure(result, 1, "32767")
    assert time.monotonic() - started < 10
    assert (counts(db, DB), checksum(db, DB)) == before


def test_a_deep_bpmn_file_is_refused(cli: CliRunner, db: Driver, tmp_path: Path) -> None:
    load(db, DB, station("A"))
    before = (counts(db, DB), checksum(db, DB))
    deep = tmp_path / "deep.bpmn"
    inner = "<subProcess>" * 3_000 + "</subProcess>" * 3_000
    deep.write_text(f'<definitions xmlns="{NS}"><process id="p">{inner}</process></definitions>')
    result = cli.invoke(app, ["import", str(deep), "--unit", "A"])
    _clean_failure(result, 1, "嵌套")
    assert (counts(db, DB), checksum(db, DB)) == before


def test_the_database_vanishing_mid_import_is_one_message(
    cli: CliRunner, db: Driver, neo4j_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (counts(db, DB), checksum(db, DB))
    big = Workbook()
    for wb in stations(30, seed=7):
        big = big.merged(wb)
    rules = {frozenset((c.duty_a, c.duty_b)): c for c in big.conflicts}  # each station lists them
    big.conflicts = list(rules.values())
    write_station(big, tmp_path / "big")
    target = urlparse(neo4j_settings.neo4j_uri)
    proxy = TcpProxy(target.port or 7687)
    proxy.open()
    monkeypatch.setenv("NEO4J_URI", f"{target.scheme}://127.0.0.1:{proxy.port}")
    get_settings.cache_clear()
    cut = threading.Event()

    def cut_when_writing() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            running = read_rows(db, "system", "SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery")
            if any("UNWIND $rows" in (r["currentQuery"] or "") for r in running):
                proxy.cut()
                cut.set()
                return
            time.sleep(0.01)

    watcher = threading.Thread(target=cut_when_writing)
    watcher.start()
    result = cli.invoke(app, ["import", str(tmp_path / "big")])
    watcher.join()
    proxy.cut()
    assert cut.is_set(), ("the import was cut while it wrote", result.stdout, result.stderr[-3000:])
    _clean_failure(result, 1)
    assert "数据库" in result.stderr or "failed" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3, result.stderr
    assert (counts(db, DB), checksum(db, DB)) == before, "rolled back"
