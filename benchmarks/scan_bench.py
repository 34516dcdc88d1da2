"""History benchmark: `python -m benchmarks.scan_bench --stations 100 --seed 1 --wipe`.

Measures, in one run on the same machine (only ratios within one run compare, see docs/benchmarks.md):
1. an import of N generated stations as one workbook in one transaction, with the import's
   changes recorded (graph/history/changes.py) and without (the three history steps replaced by
   no-ops), alternating, best of `--repeat`; the second and later imports replace the same units;
2. the checks alone (`run_checks`) against `powermap scan` (checks + Scan node + ledger), best of
   `--repeat`, after a first scan that opens every ledger item.
"""

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any

from api.ingest import import_workbook
from benchmarks.generate import stations
from graph.checks.run import run_checks
from graph.connection import in_read, make_driver, rows_of
from graph.history import changes as history
from graph.history.scans import run_scan
from graph.rows import Workbook
from graph.schema import migrate, wipe
from graph.settings import get_settings


def _best(repeat: int, work: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def _patch(read_before: Callable[..., Any], diff: Callable[..., Any], record: Callable[..., Any]) -> None:
    """Replace the three history steps the import writer calls (graph/writer.py)."""
    setattr(history, "read_before", read_before)  # noqa: B010
    setattr(history, "diff", diff)  # noqa: B010
    setattr(history, "record", record)  # noqa: B010


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stations", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--wipe", action="store_true", help="delete everything in the database first")
    args = parser.parse_args(argv)
    settings = get_settings()
    database = settings.neo4j_database
    with make_driver(settings) as driver:
        count = in_read(driver, database, lambda tx: rows_of(tx, "MATCH (n) RETURN count(n) AS n", {}))[0][
            "n"
        ]
        if count and not args.wipe:
            sys.exit("the database is not empty: pass --wipe to delete everything in it first")
        wipe(driver, database)
        migrate(driver, database)
        books = stations(args.stations, args.seed)
        rows = {name: [r for wb in books for r in wb.rows(name)] for name in Workbook.model_fields}
        rules = {(c.duty_a, c.duty_b): c for wb in books for c in wb.conflicts}  # one global rule set
        rows["conflicts"] = list(rules.values())
        workbook = Workbook.model_validate(rows)

        def load() -> None:
            result = import_workbook(driver, database, workbook, model=get_settings().powermap_risk)
            assert result.counts is not None, [p.as_dict() for p in result.problems[:5]]

        originals = (history.read_before, history.diff, history.record)

        def fresh(work: Callable[[], None]) -> float:
            wipe(driver, database)
            started = time.perf_counter()
            work()
            return time.perf_counter() - started

        def without() -> None:
            _patch(lambda tx, wb, whole_units: None, lambda before, wb: [], lambda *a: ("none", ""))
            try:
                load()
            finally:
                _patch(*originals)

        first_on, first_off = [], []
        for _ in range(args.repeat):
            first_off.append(fresh(lambda: without()))
            first_on.append(fresh(load))
        print(
            f"first import of {args.stations} stations (everything added): "
            f"with history {min(first_on):.2f} s, "
            f"without {min(first_off):.2f} s, slow-down {100 * (min(first_on) / min(first_off) - 1):+.1f} %"
        )

        # The robust figure on a loaded machine: the history steps' share of the same import.
        spent: dict[str, float] = {}

        def timed(name: str, work: Callable[..., Any]) -> Callable[..., Any]:
            def run(*a: Any, **k: Any) -> Any:
                started = time.perf_counter()
                try:
                    return work(*a, **k)
                finally:
                    spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

            return run

        on, off, shares = [], [], []
        for _ in range(args.repeat):
            spent.clear()
            _patch(
                timed("read_before", originals[0]), timed("diff", originals[1]), timed("record", originals[2])
            )
            try:
                on.append(_best(1, load))
            finally:
                _patch(*originals)
            shares.append(sum(spent.values()) / on[-1])
            print("  history steps:", {k: round(v, 2) for k, v in spent.items()}, f"of {on[-1]:.2f} s")
            off.append(_best(1, without))
        print(f"history's share of a re-import: min {100 * min(shares):.1f} %, max {100 * max(shares):.1f} %")
        print(
            f"re-import of {args.stations} stations: with history {min(on):.2f} s, without {min(off):.2f} s, "
            f"slow-down {100 * (min(on) / min(off) - 1):+.1f} %"
        )
        threshold, due = settings.powermap_concentration_threshold, settings.powermap_ledger_due_days
        run_scan(driver, database, threshold=threshold, due_days=due)
        checks = _best(args.repeat, lambda: run_checks(driver, database, threshold=threshold))
        scan = _best(args.repeat, lambda: run_scan(driver, database, threshold=threshold, due_days=due))
        print(f"checks alone {checks:.2f} s, scan {scan:.2f} s, scan - checks {scan - checks:+.2f} s")


if __name__ == "__main__":
    main()
