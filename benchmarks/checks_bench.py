"""Time every check on whatever graph is in the database: `python -m benchmarks.checks_bench`.

Prints, for each check, its time (best of --repeat runs, after one warm-up run that also
plans the query) and its rows; then the time of a bare `MATCH (n) RETURN count(n)` in the
same run and the ratio, and the time of `run_checks` end to end (queries plus findings built
in Python). `--profile` also PROFILEs each query: database hits, the operators used, and a
warning on a CartesianProduct or a variable-length expand. `--http` also times
`GET /api/v1/findings` on `powermap serve` (a free loopback port, a viewer token revoked after):
the first page and a middle page (limit 500) against `run_checks` end to end, which every page
cost when pages were cut in Python; their bytes, as JSON and gzipped; and one unit's findings
against the whole graph's (every page at limit 5,000), both through the route.
A script that prints figures, not a timed test.
"""

import argparse
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, LiteralString

import httpx
from neo4j import Driver, ManagedTransaction

from api.pagination import encode_cursor
from benchmarks.api_bench import POWERMAP, free_port, start_server, stop_server
from graph.checks.run import CHECKS, page_key, parameters, run_checks
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
    parser.add_argument("--http", metavar="UNIT", help="also time the findings route: pages, and UNIT vs all")
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
        if args.http:
            ordered = sorted(report.findings, key=page_key)
            middle = encode_cursor(page_key(ordered[len(ordered) // 2 - 1]))
            http_pages(args.http, middle, end_to_end, args.repeat)
        if args.profile:
            print("\nPROFILE: database hits, operators")
            for name, check in CHECKS.items():
                hits, ops = profile(driver, database, check.cypher, params)
                flags = sorted(op for op in ops if op.startswith(SUSPECT))
                print(f"{name:<26}{hits:>12,} db hits  {'WARNING ' + ', '.join(flags) if flags else 'ok'}")
                print(f"{'':<26}{', '.join(sorted(ops))}")


def load() -> str:
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def get(client: httpx.Client, url: str) -> tuple[float, httpx.Response]:
    start = time.perf_counter()
    answer = client.get(url)
    answer.read()
    assert answer.status_code == 200, answer.text[:500]
    return time.perf_counter() - start, answer


def best(client: httpx.Client, url: str, repeat: int) -> tuple[float, httpx.Response]:
    """(best seconds, last answer) over `repeat` requests after a warm-up that plans the queries."""
    get(client, url)
    runs = [get(client, url) for _ in range(repeat)]
    return min(seconds for seconds, _ in runs), runs[-1][1]


def walk(client: httpx.Client, query: str) -> tuple[float, int]:
    """(seconds, findings) of every page of `query`, following `next`."""
    seconds, found, url = 0.0, 0, f"/api/v1/findings?{query}"
    while url:
        took, answer = get(client, url)
        body = answer.json()
        seconds, found = seconds + took, found + len(body["findings"])
        url = f"/api/v1/findings?{query}&cursor={body['next']}" if body["next"] else ""
    return seconds, found


def http_pages(unit: str, middle: str, end_to_end: float, repeat: int) -> None:
    """The findings route on a real server: pages against `run_checks`, one unit against all."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(port, 1, Path(tmp) / "serve.log")
        create = [POWERMAP, "token", "create", "--role", "viewer", "--name", "checks_bench"]
        token = subprocess.run(create, check=True, capture_output=True, text=True).stdout.strip()
        headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"}
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers, timeout=600) as client:
                print(
                    f"\nGET /api/v1/findings, best of {repeat} after a warm-up; baseline (base): run_checks"
                )
                print(f"end to end {end_to_end:.3f} s, what every page cost when pages were cut in Python")
                print(
                    f"{'':<26}{'seconds':>9}{'x base':>8}{'findings':>10}{'JSON B':>12}{'gzip B':>10}  load"
                )
                for label, url in (
                    ("first page, limit 500", "/api/v1/findings?limit=500"),
                    ("middle page, limit 500", f"/api/v1/findings?limit=500&cursor={middle}"),
                ):
                    seconds, answer = best(client, url, repeat)
                    size, wire = len(answer.content), answer.num_bytes_downloaded
                    found = len(answer.json()["findings"])
                    ratio = seconds / end_to_end
                    print(
                        f"{label:<26}{seconds:>9.3f}{ratio:>8.2f}{found:>10,}{size:>12,}{wire:>10,}  {load()}"
                    )
                one, answer = best(client, f"/api/v1/findings?unit={unit}&limit=5000", repeat)
                print(
                    f"{'unit ' + unit:<26}{one:>9.3f}{'':>8}{len(answer.json()['findings']):>10,}  {load()}"
                )
                everything, found = walk(client, "limit=5000")
                print(f"{'all, every page of 5,000':<26}{everything:>9.3f}{'':>8}{found:>10,}  {load()}")
                print(f"{'unit / all':<26}{one / everything:>9.3f}")
        finally:
            stop_server(server)
            subprocess.run(
                [POWERMAP, "token", "revoke", token.split("_")[1]], check=True, capture_output=True
            )


if __name__ == "__main__":
    main()
