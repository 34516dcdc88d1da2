"""Time every check on whatever graph is in the database: `python -m benchmarks.checks_bench`.

Prints, for each check, its time (best of --repeat runs, after one warm-up run that also
plans the query) and its rows; then the time of a bare `MATCH (n) RETURN count(n)` in the
same run and the ratio, and the time of `run_checks` end to end (queries plus findings built
in Python). `--profile` also PROFILEs each query: database hits, the operators used, and a
warning on a CartesianProduct or a variable-length expand.
A script that prints figures, not a timed test.
"""

import argparse
import time
from collections.abc import Iterator
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction

from graph.checks.run import CHECKS, parameters, run_checks
from graph.connection import Row, in_read, make_driver, read, rows_of
from graph.queries import query
from graph.settings import get_settings

SUSPECT = ("CartesianProduct", "VarLengthExpand")


def fetch(driver: Driver, database: str, cypher: LiteralString, params: dict[str, Any]) -> list[Row]:
    """The rows of one read query, in one read transaction: as the checks read them."""
    return in_read(driver, database, lambda tx: rows_of(tx, cypher, params))


def best_of(
    repeat: int, driver: Driver, database: str, cypher: LiteralString, params: dict[str, Any]
) -> tuple[float, int]:
    """(best seconds, rows) over `repeat` runs of a read query, after one warm-up run."""
    rows = len(fetch(driver, database, cypher, params))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(fetch(driver, database, cypher, params))
        times.append(time.perf_counter() - start)
    return min(times), rows


def operators(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("children", []):
        yield from operators(child)


def profile(
    driver: Driver, database: str, cypher: LiteralString, params: dict[str, Any]
) -> tuple[int, set[str]]:
    """(total database hits, the operators used) of one PROFILEd run."""

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        result = tx.run("PROFILE " + cypher, params)
        for _ in result:  # the profile is there once the rows are
            pass
        return result.consume().profile or {}

    plan = in_read(driver, database, work)
    ops = list(operators(plan))
    return sum(op.get("dbHits", 0) for op in ops), {op["operatorType"].split("@")[0] for op in ops}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit", help="only this unit (default: all units)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per check (default 3)")
    parser.add_argument("--profile", action="store_true", help="PROFILE each query too")
    args = parser.parse_args()
    settings = get_settings()
    params = parameters(unit=args.unit, threshold=settings.powermap_concentration_threshold)
    database = settings.neo4j_database
    with make_driver(settings) as driver:
        count_s, _ = best_of(args.repeat, driver, database, query("bench/count_nodes"), {})
        nodes = read(driver, database, "bench/count_nodes")[0]["nodes"]
        print(f"graph: {nodes:,} nodes; unit: {args.unit or 'all'}; best of {args.repeat} after a warm-up")
        print(f"{'check':<26}{'seconds':>10}{'rows':>10}{'x count(n)':>12}")
        total = 0.0
        for name, check in CHECKS.items():
            seconds, rows = best_of(args.repeat, driver, database, check.cypher, params)
            total += seconds
            print(f"{name:<26}{seconds:>10.3f}{rows:>10,}{seconds / count_s:>12.0f}")
        print(f"{'all checks':<26}{total:>10.3f}{'':>10}{total / count_s:>12.0f}")
        print(f"{'MATCH (n) RETURN count(n)':<26}{count_s:>10.4f}")
        # What `powermap check` waits for: the queries plus the findings built and judged in Python.
        start = time.perf_counter()
        report = run_checks(driver, database, unit=args.unit, threshold=params["threshold"])
        end_to_end = time.perf_counter() - start
        print(f"{'run_checks, end to end':<26}{end_to_end:>10.3f}{len(report.findings):>10,}")
        if args.profile:
            print("\nPROFILE: database hits, operators")
            for name, check in CHECKS.items():
                hits, ops = profile(driver, database, check.cypher, params)
                flags = sorted(op for op in ops if op.startswith(SUSPECT))
                print(f"{name:<26}{hits:>12,} db hits  {'WARNING ' + ', '.join(flags) if flags else 'ok'}")
                print(f"{'':<26}{', '.join(sorted(ops))}")


if __name__ == "__main__":
    main()
