"""Render every process in the database to SVG, one after another and in parallel across cores.

    .venv/bin/python benchmarks/render_bench.py [--generate N] [--workers W]

--generate N first wipes the database and imports N stations of the generator
(benchmarks/generate.py, --seed S). Prints seconds per chart and the parallel speed-up.
"""

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from neo4j import Driver

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.connection import make_driver
from graph.process_read import list_processes
from graph.schema import wipe
from graph.settings import get_settings
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--generate", type=int, default=0, help="write N generated stations first")
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed (default 1)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
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
