"""Render every process in the database to SVG, one after another and in parallel across cores.

    .venv/bin/python benchmarks/render_bench.py [--generate N] [--workers W]
    .venv/bin/python benchmarks/render_bench.py --one PROCESS_ID [--repeat R]

--generate N first wipes the database and imports N stations of the generator
(benchmarks/generate.py, --seed S). Prints seconds per chart and the parallel speed-up.
--one times one chart (SVG, best of R): the chart, the conflicts of its performers it computes,
and against them, in the same run, the whole graph's conflict check every chart ran before.
"""

import argparse
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from neo4j import Driver

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.checks.run import unmitigated_conflicts
from graph.connection import make_driver
from graph.process_read import list_processes, read_process
from graph.schema import wipe
from graph.settings import get_settings
from viz.conflicts import conflicted_nodes
from viz.render import render_process

_driver: Driver | None = None


def _worker_init() -> None:
    global _driver
    _driver = make_driver(get_settings())


def _render(process_id: str) -> int:
    assert _driver is not None
    settings = get_settings()
    return len(
        render_process(_driver, settings.neo4j_database, process_id, "svg", font=settings.powermap_font)
    )


def best(repeat: int, work: Callable[[], object]) -> float:
    work()  # warm-up: plans the queries
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def one(process_id: str, repeat: int) -> None:
    settings = get_settings()
    database, font = settings.neo4j_database, settings.powermap_font
    with make_driver(settings) as driver:
        view = read_process(driver, database, process_id)
        chart = best(repeat, lambda: render_process(driver, database, process_id, "svg", font=font))
        scoped = best(repeat, lambda: conflicted_nodes(driver, database, view))
        whole = best(repeat, lambda: unmitigated_conflicts(driver, database))
    load = Path("/proc/loadavg").read_text().split()[0]
    print(f"{process_id}, best of {repeat}, load {load}")
    print(f"chart (svg), with its marks:         {chart:.3f} s")
    print(f"its performers' conflicts:           {scoped:.4f} s")
    print(f"whole-graph conflicts (before):      {whole:.3f} s  ({scoped / whole:.4f}x)")
    print(f"chart as before (chart - scoped + whole): {chart - scoped + whole:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--generate", type=int, default=0, help="write N generated stations first")
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed (default 1)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--one", metavar="PROCESS_ID", help="time one chart and the conflicts it computes")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.one:
        one(args.one, args.repeat)
        return
    settings = get_settings()
    with make_driver(settings) as driver:
        if args.generate:
            from api.ingest import import_workbook
            from benchmarks.generate import stations

            wipe(driver, settings.neo4j_database)
            for wb in stations(args.generate, args.seed):
                result = import_workbook(driver, settings.neo4j_database, wb, model=settings.powermap_risk)
                if not result.ok:
                    sys.exit(f"{wb.units[0].id} was not imported: {result.problems[:5]}")
        ids = [p.id for p in list_processes(driver, settings.neo4j_database) if p.nodes]
    print(f"{len(ids)} charts, {args.workers} workers, {os.cpu_count()} cores")

    _worker_init()
    start = time.perf_counter()
    for pid in ids:
        _render(pid)
    sequential = time.perf_counter() - start
    print(f"sequential: {sequential:.1f} s, {sequential / len(ids):.3f} s per chart")

    start = time.perf_counter()
    with ProcessPoolExecutor(args.workers, initializer=_worker_init) as pool:
        list(pool.map(_render, ids, chunksize=8))
    parallel = time.perf_counter() - start
    print(f"parallel:   {parallel:.1f} s, {parallel / len(ids):.3f} s per chart")
    print(f"speed-up:   {sequential / parallel:.2f}x")


if __name__ == "__main__":
    main()
