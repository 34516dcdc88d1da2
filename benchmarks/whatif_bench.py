"""Speed of people move (contract section 7): `python -m benchmarks.whatif_bench [--stations N]`.

On whatever graph is in the database (with --stations N, N generated stations are imported first,
benchmarks/generate.py, seeded; they stay), in one run:
1. `POST /sod/check`'s what-if (`sod_what_if`) for (person, post of their station, B), --repeat
   times: p50 and p99;
2. one person's leave what-if (`what_if`), --repeat times over the same people: p50 and p99, and
   the ratio to 1 (goal: at most 2x);
3. stand-ins for one key post (goal: under 1 s);
4. choke points for one station (goal: under 2 s).
Everything but the optional import is rolled back. Prints figures and ratios, asserts nothing.
"""

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from neo4j import Driver

from graph.checks.run import sod_what_if
from graph.connection import make_driver, read, rolled_back
from graph.settings import get_settings
from graph.whatif import Lens, StatusEvent, choke_points, scope_of, stand_ins, what_if


def timed(work: Callable[[], Any], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def line(label: str, times: list[float]) -> None:
    print(
        f"{label:<44} p50 {statistics.median(times):8.1f} ms   p99 {p(times, 0.99):8.1f} ms   n={len(times)}"
    )


def station_of(driver: Driver, database: str, person: str) -> str:
    with rolled_back(driver, database) as tx:
        return scope_of(tx, [StatusEvent(type="leave", person_id=person)])[0]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stations", type=int, default=0, help="import N generated stations first")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    settings = get_settings()
    database = settings.neo4j_database
    lens = Lens(threshold=settings.powermap_concentration_threshold, model=settings.powermap_risk)
    with make_driver(settings) as driver:
        if args.stations:
            from api.ingest import import_workbook
            from benchmarks.generate import stations

            started = time.perf_counter()
            for wb in stations(args.stations, args.seed):
                import_workbook(driver, database, wb, model=get_settings().powermap_risk)
            print(
                f"imported {args.stations} stations in {time.perf_counter() - started:.1f} s", file=sys.stderr
            )
        counts = read(driver, database, "bench/count_nodes")
        print(f"graph: {counts[0] if counts else '?'}")
        people = read(driver, database, "whatif/active_people", unit=None)
        holders = read(driver, database, "whatif/holds", ids=[p["person_id"] for p in people])
        rng = random.Random(args.seed)
        chosen = rng.sample([h for h in holders if h["holds"]], min(args.repeat, len(holders)))
        person = chosen[0]["person_id"]
        unit = station_of(driver, database, person)
        posts = [q for h in holders if h["unit_id"] == chosen[0]["unit_id"] for q, _ in h["holds"]]

        # Warm up the plans of both.
        sod_what_if(driver, database, person, posts[0], "B")
        what_if(driver, database, [StatusEvent(type="leave", person_id=person)], lens)

        queue = iter(chosen * 2)
        sod = timed(
            lambda: sod_what_if(driver, database, next(queue)["person_id"], rng.choice(posts), "B"),
            args.repeat,
        )
        queue = iter(chosen * 2)
        leave = timed(
            lambda: what_if(
                driver, database, [StatusEvent(type="leave", person_id=next(queue)["person_id"])], lens
            ),
            args.repeat,
        )
        line("sod/check what-if (sod_what_if)", sod)
        line("what-if: one person's leave", leave)
        print(
            f"ratio leave / sod-check p50: {statistics.median(leave) / statistics.median(sod):.2f}x"
            " (goal <= 2x)"
        )

        post = posts[0]
        stand = timed(lambda: stand_ins(driver, database, post, "B", 10, lens), 3)
        candidates = len(stand_ins(driver, database, post, "B", 10_000, lens).candidates)
        line(f"stand-ins for post {post} ({candidates} candidates)", stand)
        print(f"  goal < 1000 ms: {statistics.median(stand) / 1000:.2f}x of the budget")

        chokes = timed(lambda: choke_points(driver, database, unit, None, lens), 3)
        tried = len(choke_points(driver, database, unit, None, lens))
        line(f"choke points for station {unit} ({tried} people)", chokes)
        print(f"  goal < 2000 ms: {statistics.median(chokes) / 2000:.2f}x of the budget")


if __name__ == "__main__":
    main()
