"""Time `powermap rate` on whatever graph is in the database: `python -m benchmarks.rate_bench`.

Runs the steps of `graph.rating.rate` one by one, as it does, and splits each step's time
between Cypher and Python by timing every query call it makes (the read functions the two
modules imported, see READS, are wrapped while the benchmark runs; the code is not changed):
1. the unmitigated conflicts (the sod_conflict check: Cypher, then findings built in Python);
2. the model (`compute`: Cypher reads, then residual risk, propagation, exposures in Python);
3. the write-back (`write`: a scope read, the ratings dumped to parameter rows, the writes in
   one transaction).
Columns: reads (time inside the query calls, decoding the rows included), Python, writes.
Also times `rate()` itself, the `powermap rate` command end to end (a subprocess, its table
sent to /dev/null) with --cli, and a bare `MATCH (n) RETURN count(n)` in the same run.
Writes the ratings, as `powermap rate` does. A script that prints figures, not a timed test.
"""

import argparse
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import graph.checks.run as checks_run
import graph.rating as rating
from graph.checks.run import unmitigated_conflicts
from graph.connection import make_driver, read
from graph.settings import get_settings

# The names under which graph.rating and graph.checks.run hold the functions that run their read
# queries (imported from graph.connection, or their own); those a module lacks are skipped.
READS = ("read", "fetch")


class QueryClock:
    """Seconds spent inside the query functions of graph.rating and graph.checks.run."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._depth = 0  # a wrapped function calling another is timed once

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._depth += 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self.seconds += time.perf_counter() - start

        return timed


@contextmanager
def clocked() -> Iterator[QueryClock]:
    clock = QueryClock()
    saved = [(m, name, getattr(m, name)) for m in (rating, checks_run) for name in READS if hasattr(m, name)]
    for module, name, function in saved:
        setattr(module, name, clock.wrap(function))
    try:
        yield clock
    finally:
        for module, name, function in saved:
            setattr(module, name, function)


def step(name: str, function: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, seconds, of which in Cypher reads) of one step."""
    with clocked() as clock:
        start = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - start
    return result, seconds, clock.seconds


def row(name: str, seconds: float, reads: float, python: float, writes: float) -> None:
    print(f"{name:<36}{seconds:>9.3f}{reads:>9.3f}{python:>9.3f}{writes:>9.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit", help="write back only this unit (the model always runs on all)")
    parser.add_argument("--cli", action="store_true", help="also time the powermap rate command")
    args = parser.parse_args()
    settings = get_settings()
    database, model = settings.neo4j_database, settings.powermap_risk
    with make_driver(settings) as driver:
        read(driver, database, "bench/count_nodes")  # warm-up
        start = time.perf_counter()
        nodes = read(driver, database, "bench/count_nodes")[0]["nodes"]
        count_s = time.perf_counter() - start
        print(f"graph: {nodes:,} nodes; write-back: {args.unit or 'all units'}")
        print(f"{'step':<36}{'seconds':>9}{'reads':>9}{'Python':>9}{'writes':>9}")
        conflicts, s1, r1 = step("conflicts", lambda: unmitigated_conflicts(driver, database))
        row("1 unmitigated conflicts", s1, r1, s1 - r1, 0)
        ratings, s2, r2 = step("model", lambda: rating.compute(driver, database, model, conflicts))
        row("2 model (compute)", s2, r2, s2 - r2, 0)
        # write() turns the ratings into parameter rows (Python) before it writes: timed apart here.
        start = time.perf_counter()
        for items in (ratings.processes, ratings.posts, ratings.people):
            [item.model_dump() for item in items]
        dump_s = time.perf_counter() - start
        _, s3, r3 = step("write", lambda: rating.write(driver, database, ratings, args.unit))
        row("3 write-back (write)", s3, r3, dump_s, s3 - r3 - dump_s)
        total, reads = s1 + s2 + s3, r1 + r2 + r3
        python, writes = s1 - r1 + s2 - r2 + dump_s, s3 - r3 - dump_s
        row("steps together", total, reads, python, writes)
        print(
            f"  {len(ratings.processes):,} processes, {len(ratings.posts):,} posts, "
            f"{len(ratings.people):,} people, {sum(map(len, conflicts.values())):,} unmitigated conflicts"
        )
        start = time.perf_counter()
        rating.rate(driver, database, model, args.unit)
        print(f"{'rate() in one call':<36}{time.perf_counter() - start:>9.3f}")
        print(f"{'MATCH (n) RETURN count(n)':<36}{count_s:>9.4f}")
    if args.cli:
        command = [str(Path(sys.executable).with_name("powermap")), "rate"]
        if args.unit:
            command += ["--unit", args.unit]
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        print(f"{'powermap rate (command, end to end)':<36}{time.perf_counter() - start:>9.3f}")


if __name__ == "__main__":
    main()
