"""A stand-in province graph for `checks_bench` until the import branch's generator is merged.

`python -m benchmarks.standin_graph --stations 1000` writes N random stations (seeded) with the
test helper `tests.graphs`, about 150 graph nodes and 40 people per station, into the configured
database, which must be empty. Delete this file once `benchmarks.generate --import` is here.
"""

import argparse
import itertools
import random
import time
from datetime import date, timedelta

from graph.checks.run import fetch
from graph.connection import make_driver
from graph.queries import query
from graph.settings import get_settings
from tests.graphs import Station, write

DUTIES = ("审批", "付款", "验收", "记账", "采购", "保管", "抄表", "核算", "收费", "稽查", "派工", "结算")
CONFLICTS = (
    ("审批", "付款", "critical"),
    ("采购", "验收", "critical"),
    ("保管", "记账", "high"),
    ("抄表", "核算", "high"),
    ("收费", "记账", "high"),
    ("派工", "结算", "medium"),
    ("抄表", "稽查", "high"),
    ("采购", "付款", "high"),
    ("核算", "收费", "medium"),
    ("验收", "结算", "medium"),
)
BATCH = 20  # stations per transaction


def station(s: Station, index: int, rng: random.Random) -> None:
    """One station's rows, ids prefixed by its code."""
    unit = f"S{index:04d}"
    s.unit(unit, f"第{index}供电所")
    posts = [f"{unit}-P{i:02d}" for i in range(20)]
    for i, post in enumerate(posts):
        s.post(post, unit, key=i < 8)
    people = [f"{unit}-X{i:02d}" for i in range(40)]
    for person in people:
        s.person(person, unit, status=rng.choices(("active", "leave", "left"), (90, 6, 4))[0])
    for post in posts:
        s.hold(rng.choice(people), post, "A")
        if rng.random() < 0.8:
            s.hold(rng.choice(people), post, "B")
    held = {h["person_id"] for h in s.holds}
    for person in people:
        if person not in held:
            s.hold(person, rng.choice(posts), "B")
    for p in range(6):
        process = f"{unit}-F{p}"
        s.process(process, unit)
        nodes = [f"{process}-N{n}" for n in range(rng.choice((8, 9)))]
        for node in nodes:
            s.node(
                node,
                process,
                post_ids=tuple(rng.sample(posts, rng.choice((1, 1, 2)))),
                duty=rng.choice(DUTIES) if rng.random() < 0.8 else None,
                discretion=rng.random() < 0.1,
                min_people=2 if rng.random() < 0.15 else 1,
            )
        for a, b in itertools.pairwise(nodes):
            s.flow(a, b)
        for level in (1, 2, 3):
            if level < 3 or rng.random() < 0.9:
                s.supervisor(rng.choice(people), process, level)
    nodes = [n["id"] for n in s.nodes if n["id"].startswith(unit)]
    for r in range(15):
        s.risk(f"{unit}-R{r:02d}", rng.choice(nodes), level=rng.choice(("high", "medium", "low")))
    for c in range(18):
        owner = rng.choice(posts) if rng.random() < 0.9 else None
        s.control(f"{unit}-C{c:02d}", f"{unit}-R{rng.randrange(15):02d}", owner_post_id=owner)
    for _ in range(2):
        a, b, _ = rng.choice(CONFLICTS)
        s.mitigation(
            rng.choice(people), a, b, valid_until=date(2026, 6, 1) + timedelta(days=rng.randint(-200, 400))
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    settings = get_settings()
    with make_driver(settings) as driver:
        if fetch(driver, settings.neo4j_database, query("bench/count_nodes"), {})[0]["nodes"]:
            raise SystemExit("the database is not empty: `powermap db wipe --yes` first")
        start = time.perf_counter()
        for first in range(0, args.stations, BATCH):
            s = Station()
            if first == 0:
                for a, b, severity in CONFLICTS:
                    s.conflict(a, b, severity)
            for index in range(first, min(first + BATCH, args.stations)):
                station(s, index, rng)
            write(driver, s, settings.neo4j_database)
        print(f"{args.stations} stations written in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
