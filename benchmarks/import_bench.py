"""Import benchmark: `python -m benchmarks.import_bench --stations 100 --seed 1 --wipe`.

Generates N stations (benchmarks/generate.py), writes them as CSV directories, then in one run:
1. reads and validates every directory (the reader, as `powermap import` does);
2. imports all of them as one workbook in one transaction (api/ingest.py: the check against
   the graph, then graph/writer.py);
3. writes the same rows with a bare `UNWIND $rows CREATE (n:BenchRow) SET n = row`
   (cypher/bench/bare_create.cypher), in one transaction and batches of the same size,
   and deletes them again.
Prints rows per second of each and the ratio import / bare, and where the import's time went:
each step of graph/writer.py's `write_in` (locking, the check against the graph, the history read,
the writes, the history record, the re-rating), timed by wrapping those functions for this run.
Needs an empty database (or --wipe, which deletes everything in it first).
"""

import argparse
import functools
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import graph.history.changes
import graph.rating
import graph.writer
from api.ingest import import_workbook
from benchmarks.generate import stations, write_station
from graph.connection import BATCH_SIZE, autocommit, in_write, make_driver, read, write_batches
from graph.queries import query
from graph.rows import Workbook
from graph.schema import wipe
from graph.settings import get_settings
from importers.validate import parse
from importers.workbook import read_path


def _bare_rows(wb: Workbook) -> list[dict[str, Any]]:
    return [row.model_dump() for name in wb.counts() for row in wb.rows(name)]


# The steps of `graph.writer.write_in`, each a module attribute it calls by name: (label, module, name).
STEPS: list[tuple[str, Any, str]] = [
    ("lock units", graph.writer, "lock_units"),
    ("check against the graph (ids)", graph.writer, "read_existing_ids"),
    ("history: read before", graph.history.changes, "read_before"),
    ("write the rows", graph.writer, "_write"),
    ("history: record changes", graph.history.changes, "record"),
    ("rate what the import changes", graph.rating, "rate_units_in"),
    ("write the ratings", graph.rating, "write_in"),
]


@contextmanager
def timed_steps() -> Iterator[dict[str, float]]:
    """Seconds spent in each of STEPS while the block runs; the functions are restored after."""
    spent: dict[str, float] = {}
    saved = [(module, name, getattr(module, name)) for _, module, name in STEPS]

    def timing(label: str, f: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(f)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return f(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - started

        return timed

    for (label, module, name), (_, _, f) in zip(STEPS, saved, strict=True):
        setattr(module, name, timing(label, f))
    try:
        yield spent
    finally:
        for module, name, f in saved:
            setattr(module, name, f)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stations", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--wipe", action="store_true", help="delete everything in the database first")
    args = parser.parse_args(argv)
    settings = get_settings()
    database = settings.neo4j_database
    with make_driver(settings) as driver, tempfile.TemporaryDirectory() as tmp:
        if read(driver, database, "bench/count_nodes")[0]["nodes"] > 0:
            if not args.wipe:
                sys.exit("the database is not empty: pass --wipe to delete everything in it first")
            wipe(driver, database)

        for wb in stations(args.stations, args.seed):
            write_station(wb, Path(tmp) / wb.units[0].id)
        started = time.perf_counter()
        books = []
        for directory in sorted(Path(tmp).iterdir()):
            parsed, problems = parse(read_path(directory))
            assert not problems, problems[:5]
            books.append(parsed.workbook)
        read_s = time.perf_counter() - started
        workbook = books[0]
        for other in books[1:]:
            workbook = workbook.merged(other)
        # Conflict rules repeat in every station: one global rule set.
        workbook.conflicts = list({frozenset((c.duty_a, c.duty_b)): c for c in workbook.conflicts}.values())
        rows = sum(workbook.counts().values())

        with timed_steps() as spent:
            started = time.perf_counter()
            result = import_workbook(driver, database, workbook, model=get_settings().powermap_risk)
            import_s = time.perf_counter() - started
        if result.counts is None or result.problems:
            sys.exit(f"the import was refused: {result.problems[:5]}")
        counts = result.counts

        bare = _bare_rows(workbook)
        bare_create = query("bench/bare_create")
        started = time.perf_counter()
        in_write(driver, database, lambda tx: write_batches(tx, bare_create, bare, batch_size=BATCH_SIZE))
        bare_s = time.perf_counter() - started
        autocommit(driver, database, query("bench/delete_bare"))  # CALL { } IN TRANSACTIONS
        graph = read(driver, database, "bench/graph_size")[0]

    print(
        f"stations {args.stations}, rows {rows}, graph nodes {graph['nodes']}, relationships {graph['rels']}"
    )
    print(f"read + validate CSV: {read_s:.2f} s ({rows / read_s:,.0f} rows/s)")
    print(
        f"import (one transaction): {import_s:.2f} s ({rows / import_s:,.0f} rows/s); "
        f"nodes +{counts.nodes_created}, relationships +{counts.relationships_created}"
    )
    print(f"bare UNWIND CREATE of the same rows: {bare_s:.2f} s ({rows / bare_s:,.0f} rows/s)")
    print(f"import / bare rate: {bare_s / import_s:.2f} (goal >= 0.5)")
    for label, _, _ in STEPS:
        print(f"  {label:32} {spent.get(label, 0.0):7.2f} s")
    print(f"  {'other (api.ingest, commit)':32} {import_s - sum(spent.values()):7.2f} s")
    print(f"end to end (read + validate + import): {rows / (read_s + import_s):,.0f} rows/s")


if __name__ == "__main__":
    main()
