"""Time `powermap rate` against its floor on whatever graph is in the database:
`python -m benchmarks.rate_bench [--rounds 2] [--unit U] [--cli]`.

The floor (issue 16) is what any full rating must do at least: read every rated element and every
edge the ratings follow (cypher/bench/rate_floor_read.cypher), then write one property on each rated
element, found by id as the rating's writes find them, in one transaction
(cypher/bench/rate_floor_write.cypher; the property is removed again, untimed). Rounds alternate
floor and rating, so that both see the same load; the figures are each one's median over rounds.

Printed, each beside the floor of the same run and the ratio:
- `rate` of the whole graph when nothing changed (the usual case: imports keep ratings fresh),
  with what it wrote (rows sent; the units' `rated_at` stamps are written every time);
- `rate` when every value changed: rated once under another model (delta + 0.1), then timed
  putting the configured model's values back, so every row is written;
- reads and model alone (`rate_in` in a read transaction), the rest being the write and commit;
- with --unit, `rate --unit U`, beside the whole graph's; with --cli, the command end to end.
Leaves the graph rated under the configured model. A script that prints figures, not a timed test.
"""

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import graph.rating as rating
from graph.connection import Tx, in_read, in_write, make_driver
from graph.queries import query
from graph.settings import RiskModel, get_settings

LABELS = ("processes", "nodes", "risks", "posts", "people")
BATCH = 5000


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"


def timed(work: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def floor_read(tx: Tx) -> dict[str, list[Any]]:
    row = tx.run(query("bench/rate_floor_read")).single(strict=True)
    found = {key: row[key] for key in row.keys()}
    return {
        "processes": found["processes"],
        "nodes": [n for n, _ in found["nodes"]],
        "risks": [r for r, _, _ in found["risks"]],
        "posts": found["posts"],
        "people": found["people"],
    }


def floor_write(tx: Tx, ids: dict[str, list[Any]], value: int | None) -> None:
    longest = max(len(v) for v in ids.values())
    for start in range(0, longest, BATCH):
        batch = {k: ids[k][start : start + BATCH] for k in LABELS}
        tx.run(query("bench/rate_floor_write"), {**batch, "value": value}).consume()


def floor(driver: Any, database: str) -> tuple[float, float]:
    """(read seconds, read + write + commit seconds) of one floor run."""
    start = time.perf_counter()
    ids = in_read(driver, database, floor_read)
    read_s = time.perf_counter() - start
    in_write(driver, database, lambda tx: floor_write(tx, ids, 1))
    total = time.perf_counter() - start
    in_write(driver, database, lambda tx: floor_write(tx, ids, None))  # untimed: the property goes
    return read_s, total


def rate(driver: Any, database: str, model: RiskModel, unit: str | None = None) -> int:
    """`powermap rate`'s own transaction (graph.rating.rate); returns the rows it wrote."""
    rated_at = datetime.now(UTC)
    _, written = in_write(driver, database, lambda tx: rating.refresh_in(tx, model, unit, rated_at))
    return int(written)


def reads_and_model(tx: Tx, model: RiskModel) -> None:
    s = rating.scope_in(tx, None)
    rating.rate_in(tx, model, s["processes"], s["posts"], s["people"])


def line(name: str, seconds: float, floor_s: float, note: str = "") -> None:
    print(f"{name:<44}{seconds:>8.2f} s{floor_s:>8.2f} s{seconds / floor_s:>8.2f}x  load {load()}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="floor/rate rounds (default 2)")
    parser.add_argument("--unit", help="also time `rate --unit` of this unit")
    parser.add_argument("--cli", action="store_true", help="also time the powermap rate command")
    args = parser.parse_args()
    settings = get_settings()
    database, model = settings.neo4j_database, settings.powermap_risk
    other = model.model_copy(update={"delta": min(model.delta + 0.1, 1.0)})
    with make_driver(settings) as driver:
        print(f"load at start {load()}")
        in_read(driver, database, floor_read)  # warm-up, for the floor and the rating alike
        rate(driver, database, model)  # values as this code computes them: the next runs change nothing
        floors, steady, model_only = [], [], []
        written = 0
        for _ in range(args.rounds):
            floors.append(floor(driver, database))
            written, seconds = timed(lambda: rate(driver, database, model))
            steady.append(seconds)
            _, seconds = timed(lambda: in_read(driver, database, lambda tx: reads_and_model(tx, model)))
            model_only.append(seconds)
        read_floor = statistics.median(r for r, _ in floors)
        full_floor = statistics.median(t for _, t in floors)
        print(f"{'':<44}{'figure':>10}{'floor':>10}{'ratio':>9}")
        line("floor: its read alone", read_floor, full_floor)
        line("rate, nothing changed", statistics.median(steady), full_floor, f"{written:,} rows written")
        reads = statistics.median(model_only)
        line("  of which reads + model (rate_in)", reads, read_floor, "beside the floor's read")

        rate(driver, database, other)  # every value moves...
        changed_floor = floor(driver, database)[1]
        everything, seconds = timed(lambda: rate(driver, database, model))  # ...and is written back
        line("rate, every value changed", seconds, changed_floor, f"{everything:,} rows written")

        if args.unit:
            one, seconds = timed(lambda: rate(driver, database, model, args.unit))
            whole = statistics.median(steady)
            print(
                f"{'rate --unit ' + args.unit:<44}{seconds:>8.2f} s{whole:>8.2f} s{seconds / whole:>8.2f}x"
                f"  load {load()}  (beside the whole graph's; {one} rows written)"
            )
    if args.cli:
        command = [str(Path(sys.executable).with_name("powermap")), "rate"]
        _, seconds = timed(lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL))
        print(f"{'powermap rate (command, end to end)':<44}{seconds:>8.2f} s  load {load()}")


if __name__ == "__main__":
    main()
