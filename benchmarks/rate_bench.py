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
- with --unit, `rate --unit U`, beside the whole graph's; with --cli, the command end to end;
- with --reimport S (a station of `benchmarks.generate --seed 1`, e.g. S0500), ratings never
  stale (issue 16, point 1): the station's workbook, edited as a clerk's next month (a B role
  dropped, a person on leave, a control added), re-imported into this graph, beside the same
  import into an empty graph, in the same run, rounds alternating. The empty graph is the test
  server's (`.neo4j-test/`, POWERMAP_TEST_*_PORT; started when needed, WIPED first): the same
  code, jars, heap and machine, only the graph differs. Each import re-rates what it can change
  (graph.rating.rate_units_in), in its own transaction. Then every rating of this graph is
  recomputed (read-only) and compared with the stored ones: the number that differ is printed.
Leaves the graph rated under the configured model. A script that prints figures, not a timed test.
"""

import argparse
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import graph.rating as rating
from api.commands.db import server_to_start
from api.ingest import import_workbook
from benchmarks.generate import station
from graph.connection import Tx, in_read, in_write, make_driver
from graph.queries import query
from graph.rows import Control, Workbook
from graph.schema import wipe
from graph.settings import RiskModel, Settings, get_settings

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


def next_month(wb: Workbook) -> Workbook:
    """A clerk's next month: a B role dropped, an active person on leave, a control added."""
    dropped = next(a for a in wb.assignments if a.role == "B")
    away = next(p for p in wb.people if p.status == "active")
    risk = wb.risks[0]
    control = Control(
        id=f"{risk.id}-BENCH", risk_id=risk.id, measure="新增复核", owner_post_id=wb.posts[-1].id
    )
    return wb.model_copy(
        update={
            "assignments": [a for a in wb.assignments if a != dropped],
            "people": [p.model_copy(update={"status": "leave"}) if p == away else p for p in wb.people],
            "controls": [*wb.controls, control],
        }
    )


def stale_ratings(driver: Any, database: str, model: RiskModel) -> int:
    """How many stored ratings differ from a full recomputation (read-only)."""

    def work(tx: Tx) -> int:
        s = rating.scope_in(tx, None)
        ratings = rating.rate_in(tx, model, s["processes"], s["posts"], s["people"])
        return sum(len(rows) for _, rows in rating.changed_rows(ratings))

    return int(in_read(driver, database, work))


def reimport(driver: Any, database: str, settings: Settings, station_id: str, rounds: int) -> None:
    index = int(station_id.lstrip("S"))
    rng = random.Random(1)  # benchmarks.generate --seed 1: stations are drawn one after another
    for k in range(1, index + 1):
        original = station(k, rng)
    edited = next_month(original)
    server = server_to_start(settings, test=True)
    empty_settings, _ = server.start(settings)
    model = settings.powermap_risk

    def once(drv: Any, db: str, wb: Workbook) -> float:
        result, seconds = timed(lambda: import_workbook(drv, db, wb, model=model))
        if not result.ok:
            sys.exit(f"{station_id} was not imported: {result.problems[:3]}")
        return float(seconds)

    with make_driver(empty_settings) as empty:
        empty_db = empty_settings.neo4j_database
        province, alone, first = [], [], []
        for _ in range(rounds):
            wipe(empty, empty_db)
            first.append(once(empty, empty_db, edited))  # into an empty graph
            alone.append(once(empty, empty_db, original))  # a re-import where only the station is
            province.append(once(driver, database, edited))  # the same re-import, province-wide
            once(driver, database, original)  # back as it was, untimed
        once(driver, database, edited)
        stale = stale_ratings(driver, database, model)
        once(driver, database, original)
        wipe(empty, empty_db)
    p, f, a = (statistics.median(x) for x in (province, first, alone))
    print(f"one-station import {station_id}, edited, median of {rounds} rounds:")
    line("  re-import into the province graph", p, f, "beside the same import into an empty graph")
    line("  re-import into the province graph", p, a, "beside a re-import where the station is alone")
    print(f"  after the re-import, ratings differing from a full recomputation: {stale}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="floor/rate rounds (default 2)")
    parser.add_argument("--unit", help="also time `rate --unit` of this unit")
    parser.add_argument("--cli", action="store_true", help="also time the powermap rate command")
    parser.add_argument(
        "--reimport", metavar="STATION", help="also time re-importing this station (e.g. S0500)"
    )
    parser.add_argument("--only-reimport", action="store_true", help="skip the rate figures")
    args = parser.parse_args()
    settings = get_settings()
    database, model = settings.neo4j_database, settings.powermap_risk
    other = model.model_copy(update={"delta": min(model.delta + 0.1, 1.0)})
    with make_driver(settings) as driver:
        print(f"load at start {load()}")
        if args.reimport:
            reimport(driver, database, settings, args.reimport, args.rounds)
        if args.only_reimport:
            return
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
