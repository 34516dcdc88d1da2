"""Imports touching the same units at the same time never interleave (contract import rules 2-4).

Each import locks its units at the start of its own transaction: the second waits for the first
to commit, then validates against and applies its full snapshot. The graph after two concurrent
imports is exactly one of the two sequential outcomes, never a mixture; identical imports at once
do not duplicate mitigations (they have an identity).
"""

import threading
import time

from neo4j import Driver

from api.ingest import ImportResult, import_workbook
from graph.rows import Workbook
from graph.schema import wipe
from tests.build import RISK
from tests.db import checksum, counts, read_value
from tests.workbooks import Station

DB = "neo4j"
ROUNDS = 3


def version(tag: str, size: int = 40) -> Workbook:
    """Units S and S-T, the same people and posts, but risks, controls, statuses and mitigations
    that differ between versions `tag`."""
    s = Station().unit("S").unit("S-T", parent_id="S")
    for i in range(size):
        unit = "S" if i % 2 else "S-T"
        s.post(f"S-P{i}", unit, key=i % 3 == 0)
        s.person(f"S-E{i}", unit, status="active" if (i + len(tag)) % 4 else "leave")
        s.hold(f"S-E{i}", f"S-P{i}")
    for p in range(size // 4):
        s.process(f"S-F{p}", "S")
        for n in range(4):
            node = f"S-F{p}-N{n}"
            s.node(node, f"S-F{p}", post_ids=(f"S-P{(p + n) % size}",), duty=f"职责{n}")
            risk = f"S-R{tag}{p}-{n}"
            s.risk(risk, node, behavior=f"{tag} 风险 {p}-{n}")
            s.control(f"S-C{tag}{p}-{n}", risk, owner_post_id=f"S-P{(p + n + 1) % size}")
    s.conflict("职责0", "职责1").conflict("职责2", "职责3", reason=tag)
    for i in range(0, size, 5):
        s.mitigation(f"S-E{i}", "职责0", "职责1", measure=f"{tag} 复核 {i}")
    return s.workbook


def _slowly(result: list[ImportResult], wb: Workbook, driver: Driver) -> threading.Thread:
    def progress(table: str, rows: int) -> None:
        time.sleep(0.02)  # widen the window in which the two imports could interleave

    def run() -> None:
        result.append(import_workbook(driver, DB, wb, progress, model=RISK))

    return threading.Thread(target=run)


def _base(db: Driver) -> None:
    """An older version of the same units: both imports have stale rows to delete."""
    wipe(db, DB)
    assert import_workbook(db, DB, version("旧"), model=RISK).ok


def _sequential(db: Driver, first: Workbook, second: Workbook) -> str:
    _base(db)
    for wb in (first, second):
        assert import_workbook(db, DB, wb, model=RISK).ok
    return checksum(db, DB)


def test_concurrent_imports_of_the_same_units_end_in_one_sequential_outcome(db: Driver) -> None:
    one, two = version("一"), version("二二")
    outcomes = {_sequential(db, one, two): "one then two", _sequential(db, two, one): "two then one"}
    assert len(outcomes) == 2, "the two orders must be told apart"
    for _ in range(ROUNDS):
        _base(db)
        results: list[ImportResult] = []
        threads = [_slowly(results, one, db), _slowly(results, two, db)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert [r.ok for r in results] == [True, True], [r.problems for r in results]
        assert checksum(db, DB) in outcomes


def test_identical_imports_at_once_do_not_duplicate_mitigations(db: Driver) -> None:
    wb = version("一")
    for _ in range(ROUNDS):
        _base(db)
        results: list[ImportResult] = []
        threads = [_slowly(results, wb, db) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert [r.ok for r in results] == [True, True]
        assert counts(db, DB)["Mitigation"] == len(wb.mitigations)
        assert read_value(db, DB, "MATCH (m:Mitigation) RETURN count(DISTINCT m.id)") == len(wb.mitigations)


def test_imports_of_other_units_do_not_wait_for_each_other(db: Driver) -> None:
    """The lock is per unit: an import of another unit runs while a slow one holds its units."""
    slow_started = threading.Event()
    release = threading.Event()

    def hold(table: str, rows: int) -> None:
        slow_started.set()
        release.wait(timeout=30)

    slow: list[ImportResult] = []
    thread = threading.Thread(
        target=lambda: slow.append(import_workbook(db, DB, version("一"), hold, model=RISK))
    )
    thread.start()
    assert slow_started.wait(timeout=30)
    other = Station().unit("O").post("O-P1", "O").workbook
    started = time.monotonic()
    assert import_workbook(db, DB, other, model=RISK).ok
    assert time.monotonic() - started < 5
    release.set()
    thread.join(timeout=60)
    assert slow[0].ok
