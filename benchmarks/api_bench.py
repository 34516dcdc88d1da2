"""Latency of `POST /api/v1/sod/check` under load: `python -m benchmarks.api_bench`.

On whatever graph is in the database, in one run:
1. a bare `RETURN 1` over Bolt, in a read transaction through graph.connection as the API's
   routes read (threads, as uvicorn runs sync routes): one after another, then --clients at once;
2. for each --workers count: starts `powermap serve` on a free loopback port as a subprocess,
   creates an analyst token (`powermap token create`), sends single requests one after another,
   then --clients concurrent clients (closed loop: each sends its next request when the last
   one is answered), bounded by --requests or --seconds, whichever comes first; the bodies are
   (person, post, role) triples sampled from the graph (seeded); prints the CPU per request of the
   API server, the local Neo4j and this client over the loaded run; revokes the token, stops the server;
3. with --breakdown, where a request's time goes, measured in this process without HTTP: the
   token check, the existence check, the sod_conflict what-if query and the JSON of the answer.
Prints p50 / p99 latency (ms) and throughput (requests/s). Loopback only; writes nothing but the
token it revokes again. A script that prints figures, not a timed test.
"""

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from api.routes.checks import SodCheck
from graph.checks.run import sod_what_if
from graph.connection import make_driver, read
from graph.localdb import LocalServer
from graph.settings import Settings, get_settings
from graph.tokens import verify_token

POWERMAP = str(Path(sys.executable).with_name("powermap"))
Triple = dict[str, str]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def sample(settings: Settings, count: int, seed: int) -> list[Triple]:
    """`count` (person, post, role) triples: a person and a post of the same unit."""
    with make_driver(settings) as driver:
        units = read(driver, settings.neo4j_database, "bench/sod_sample")
    rng = random.Random(seed)
    triples = []
    for _ in range(count):
        unit = rng.choice(units)
        triples.append(
            {
                "person_id": rng.choice(unit["people"]),
                "post_id": rng.choice(unit["posts"]),
                "role": rng.choice("AB"),
            }
        )
    return triples


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) of a process and its living descendants, from Linux's /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        for task in Path(f"/proc/{pid}/task").iterdir():
            total += sum(cpu_seconds(int(c)) for c in (task / "children").read_text().split())
    except FileNotFoundError:  # gone, or not Linux
        return 0.0
    return total


def line(name: str, latencies: list[float], wall: float | None = None) -> None:
    ms = [s * 1000 for s in latencies]
    p99 = statistics.quantiles(ms, n=100)[98]
    rate = f"{len(ms) / wall:>9,.0f}" if wall else f"{'':>9}"
    print(f"{name:<40}{len(ms):>7,}{statistics.median(ms):>9.2f}{p99:>9.2f}{rate}")


async def closed_loop(
    call: Callable[[int], Awaitable[bool]], clients: int, requests: int, seconds: float
) -> tuple[list[float], float]:
    """Latencies of up to `requests` calls by `clients` concurrent callers, within `seconds`;
    a call that answers False (failed) is not counted."""
    latencies: list[float] = []
    issued = 0
    start = time.perf_counter()
    deadline = start + seconds

    async def client() -> None:
        nonlocal issued
        while issued < requests and time.perf_counter() < deadline:
            i = issued
            issued += 1
            began = time.perf_counter()
            if await call(i):
                latencies.append(time.perf_counter() - began)

    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, time.perf_counter() - start


async def bolt_baseline(settings: Settings, args: argparse.Namespace) -> None:
    loop = asyncio.get_running_loop()
    with make_driver(settings) as driver, ThreadPoolExecutor(args.clients) as threads:

        async def once(_: int) -> bool:
            await loop.run_in_executor(
                threads, lambda: read(driver, settings.neo4j_database, "bench/return_one")
            )
            return True

        await closed_loop(once, args.clients, 200, args.seconds)  # warm-up: fills the pool
        latencies, _ = await closed_loop(once, 1, args.singles, args.seconds)
        line("Bolt RETURN 1, one at a time", latencies)
        latencies, wall = await closed_loop(once, args.clients, args.requests, args.seconds)
        line(f"Bolt RETURN 1, {args.clients} concurrent", latencies, wall)


def neo4j_pid(settings: Settings) -> int:
    """The local server's pid (powermap db start); 0 (no figures) for another server."""
    server = LocalServer.from_settings(settings)
    pid_file = server.home / "run" / "neo4j.pid"
    if settings.neo4j_uri != server.uri or not pid_file.exists():
        return 0
    return int(pid_file.read_text().strip())


def start_server(port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        server = subprocess.Popen(
            [POWERMAP, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"powermap serve exited with {server.returncode}:\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    server.terminate()
    sys.exit(f"powermap serve did not answer /health within 60 s:\n{log.read_text()[-2000:]}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


async def http_run(
    port: int, token: str, triples: list[Triple], args: argparse.Namespace, label: str, pids: dict[str, int]
) -> dict[str, int]:
    """Runs the requests; returns the failures by status code or error."""
    failures: dict[str, int] = {}
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}",
        headers={"Authorization": f"Bearer {token}"},
        limits=limits,
        timeout=30,
    ) as client:

        async def once(i: int) -> bool:
            try:
                response = await client.post("/api/v1/sod/check", json=triples[i % len(triples)])
                failure = None if response.status_code == 200 else str(response.status_code)
            except httpx.TransportError as exc:
                failure = type(exc).__name__
            if failure:
                failures[failure] = failures.get(failure, 0) + 1
            return failure is None

        await closed_loop(once, args.clients, 200, args.seconds)  # warm-up: connections, query plans
        latencies, _ = await closed_loop(once, 1, args.singles, args.seconds)
        line(f"sod/check, {label}, one at a time", latencies)
        before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        client_cpu = time.process_time()
        latencies, wall = await closed_loop(once, args.clients, args.requests, args.seconds)
        client_cpu = time.process_time() - client_cpu
        line(f"sod/check, {label}, {args.clients} concurrent", latencies, wall)
    # Where the CPU went during the loaded run: is the API, the database or the load generator the limit?
    spent = {name: cpu_seconds(pid) - before[name] for name, pid in pids.items()} | {"client": client_cpu}
    print(
        f"  CPU ms per request over {wall:.1f} s: "
        + ", ".join(f"{name} {seconds * 1000 / len(latencies):.1f}" for name, seconds in spent.items())
    )
    return failures


def api_runs(triples: list[Triple], args: argparse.Namespace) -> None:
    for workers in args.workers:
        port = free_port()
        with tempfile.TemporaryDirectory() as tmp:
            server = start_server(port, workers, Path(tmp) / "serve.log")
            token = subprocess.run(
                [POWERMAP, "token", "create", "--role", "analyst", "--name", "api_bench"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            try:
                label = f"{workers} worker{'s' * (workers > 1)}"
                pids = {"API server": server.pid, "Neo4j": neo4j_pid(get_settings())}
                failures = asyncio.run(http_run(port, token, triples, args, label, pids))
                if failures:
                    print(f"  failed, not counted: {failures}; the server's log ends:")
                    print((Path(tmp) / "serve.log").read_text(errors="replace")[-1500:])
            finally:
                stop_server(server)
                subprocess.run(
                    [POWERMAP, "token", "revoke", token.split("_")[1]], check=True, capture_output=True
                )


def breakdown(settings: Settings, triples: list[Triple], singles: int) -> None:
    """What one request does, step by step, one at a time, without HTTP."""
    steps: dict[str, list[float]] = {
        "token check (auth/find_token)": [],
        "person and post exist": [],
        "sod_conflict what-if": [],
        "answer to JSON": [],
    }
    database = settings.neo4j_database
    with make_driver(settings) as driver:
        # An unknown token id: the same indexed lookup as a known one, without the (tiny) hash compare.
        unknown = "pm_000000000000_x"
        for i in range(singles + 20):
            t = triples[i % len(triples)]
            times = [time.perf_counter()]
            verify_token(driver, database, unknown)
            times.append(time.perf_counter())
            read(
                driver, database, "people/assignment_targets", person_id=t["person_id"], post_id=t["post_id"]
            )
            times.append(time.perf_counter())
            new, existing = sod_what_if(driver, database, t["person_id"], t["post_id"], t["role"])
            times.append(time.perf_counter())
            SodCheck(allowed=not new, new_conflicts=new, existing_conflicts=existing).model_dump_json()
            times.append(time.perf_counter())
            if i >= 20:  # the first ones warm up
                for values, a, b in zip(steps.values(), times, times[1:], strict=False):
                    values.append(b - a)
    for name, values in steps.items():
        line(f"  {name}", values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--requests", type=int, default=2000, help="requests per loaded run (default 2000)")
    parser.add_argument("--seconds", type=float, default=30, help="time limit per run (default 30)")
    parser.add_argument("--singles", type=int, default=200, help="one-at-a-time requests (default 200)")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2], help="uvicorn workers (default 1 2)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--breakdown", action="store_true", help="time each step of a request too")
    args = parser.parse_args()
    settings = get_settings()
    triples = sample(settings, 500, args.seed)
    with make_driver(settings) as driver:
        nodes = read(driver, settings.neo4j_database, "bench/count_nodes")[0]["nodes"]
    print(f"graph: {nodes:,} nodes; {len(triples)} sampled (person, post, role); loopback")
    print(f"{'':<40}{'n':>7}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}")
    asyncio.run(bolt_baseline(settings, args))
    api_runs(triples, args)
    if args.breakdown:
        print("where the time goes (in process, no HTTP, one at a time):")
        breakdown(settings, triples, args.singles)


if __name__ == "__main__":
    main()
