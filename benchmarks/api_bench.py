"""`POST /api/v1/sod/check` against the HTTP floor: `python -m benchmarks.api_bench`.

On whatever graph is in the database, in one run:
1. a bare `RETURN 1` over Bolt, in a read transaction through graph.connection as the API's
   routes read (threads, as uvicorn runs sync routes): one after another, then --clients at once;
2. for each --workers count: starts `powermap serve` on a free loopback port as a subprocess
   (uvicorn as the command runs it: uvloop and httptools when installed), creates an analyst
   token (`powermap token create`), then
   - --singles sod/check requests interleaved one for one with --singles `/health` requests (HTTP
     plus one transaction: the floor), one at a time; prints both and the ratios (goal: p50 and
     p99 within 1.5x of /health's);
   - --clients concurrent clients (closed loop: each sends its next request when the last one is
     answered) of sod/check, then of /health, each bounded by --requests or --seconds; prints the
     throughput against issue 16's 47 requests/s (goal: 2x) and against /health's, and the CPU
     per request of the API server, the local Neo4j and this client over each loaded run;
   the bodies are (person, post, role) triples sampled from the graph (seeded); revokes the
   token, stops the server;
3. with --breakdown, where a request's time goes, measured in this process without HTTP: an
   uncached token check, the what-if's one transaction and the JSON of the answer.
Prints p50 / p99 latency (ms), throughput (requests/s) and the 1-minute load average beside
each figure. Loopback only; writes nothing but the token it revokes again. A script that prints
figures, not a timed test.
"""

import argparse
import asyncio
import json
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

from api.routes.checks import sod_check_response
from graph.checks.sod_check import RuleCache, check_assignment
from graph.connection import make_driver, read
from graph.localdb import LocalServer
from graph.settings import Settings, get_settings
from graph.tokens import verify_token

POWERMAP = str(Path(sys.executable).with_name("powermap"))
Triple = dict[str, str]
# Issue 16: sod/check at 50 concurrent clients on the province graph before this work (one worker).
OLD_THROUGHPUT = 47.0


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


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def percentiles(latencies: list[float]) -> tuple[float, float]:
    """p50 and p99 in ms."""
    ms = [s * 1000 for s in latencies]
    return statistics.median(ms), statistics.quantiles(ms, n=100)[98]


def line(name: str, latencies: list[float], wall: float | None = None) -> float:
    """Prints one figure; returns its throughput (0 without `wall`)."""
    p50, p99 = percentiles(latencies)
    rate = len(latencies) / wall if wall else 0.0
    shown = f"{rate:>9,.0f}" if wall else f"{'':>9}"
    print(f"{name:<44}{len(latencies):>7,}{p50:>9.2f}{p99:>9.2f}{shown}{load():>7}")
    return rate


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


class Connection:
    """One keep-alive HTTP/1.1 connection, requests written and answers read by hand: the load
    generator shares the machine's two cores with the API and Neo4j, and httpx costs several ms
    of CPU per request, more than the API itself. Answers must carry a Content-Length (JSON
    answers without gzip do: no Accept-Encoding is sent)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, head: bytes) -> None:
        self.reader, self.writer, self.head = reader, writer, head

    @classmethod
    async def open(cls, port: int, token: str) -> "Connection":
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        head = f"Host: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n".encode()
        return cls(reader, writer, head)

    async def request(self, method: str, path: str, body: bytes = b"") -> int:
        """The answer's status; its body is read and dropped."""
        typed = b"Content-Type: application/json\r\n" if body else b""
        self.writer.write(
            f"{method} {path} HTTP/1.1\r\n".encode()
            + self.head
            + typed
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        header = await self.reader.readuntil(b"\r\n\r\n")
        status = int(header[9:12])
        lengths = [
            int(value)
            for name, _, value in (h.partition(b":") for h in header.split(b"\r\n")[1:])
            if name.strip().lower() == b"content-length"
        ]
        if not lengths:
            raise ValueError("an answer without Content-Length")
        await self.reader.readexactly(lengths[0])
        return status

    def close(self) -> None:
        self.writer.close()


async def http_run(
    port: int, token: str, triples: list[Triple], args: argparse.Namespace, label: str, pids: dict[str, int]
) -> dict[str, int]:
    """Runs the requests; returns the failures by status code or error."""
    failures: dict[str, int] = {}
    pool: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(args.clients):
        pool.put_nowait(await Connection.open(port, token))
    bodies = [json.dumps(t).encode() for t in triples]
    try:

        async def answered(method: str, path: str, body: bytes = b"") -> bool:
            connection = await pool.get()
            try:
                status = await asyncio.wait_for(connection.request(method, path, body), 30)
                failure = None if status == 200 else str(status)
            except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as exc:
                failure = type(exc).__name__
                connection.close()
                connection = await Connection.open(port, token)
            pool.put_nowait(connection)
            if failure:
                failures[failure] = failures.get(failure, 0) + 1
            return failure is None

        async def sod(i: int) -> bool:
            return await answered("POST", "/api/v1/sod/check", bodies[i % len(bodies)])

        async def health(_: int) -> bool:
            return await answered("GET", "/health")

        # Warm-up: connections, query plans, the token and rule caches.
        await closed_loop(sod, args.clients, 200, args.seconds)
        await closed_loop(health, args.clients, 200, args.seconds)

        # One at a time, interleaved, so that both see the same machine.
        timed: dict[str, list[float]] = {"sod/check": [], "/health": []}
        for i in range(args.singles):
            for name, call in (("sod/check", sod), ("/health", health)):
                began = time.perf_counter()
                if await call(i):
                    timed[name].append(time.perf_counter() - began)
        for name, latencies in timed.items():
            line(f"{name}, {label}, one at a time (interleaved)", latencies)
        (sod50, sod99), (floor50, floor99) = (percentiles(v) for v in timed.values())
        print(f"  sod/check / /health: p50 {sod50 / floor50:.2f}x, p99 {sod99 / floor99:.2f}x (goal <= 1.5x)")

        rates = {}
        for name, call in (("sod/check", sod), ("/health", health)):
            before = {who: cpu_seconds(pid) for who, pid in pids.items()}
            client_cpu = time.process_time()
            latencies, wall = await closed_loop(call, args.clients, args.requests, args.seconds)
            client_cpu = time.process_time() - client_cpu
            rates[name] = line(f"{name}, {label}, {args.clients} concurrent", latencies, wall)
            # Where the CPU went: is the API, the database or the load generator the limit?
            spent = {who: cpu_seconds(pid) - before[who] for who, pid in pids.items()}
            spent["client"] = client_cpu
            print(
                f"  CPU ms per request over {wall:.1f} s: "
                + ", ".join(f"{who} {seconds * 1000 / len(latencies):.2f}" for who, seconds in spent.items())
            )
        print(
            f"  sod/check throughput: {rates['sod/check'] / OLD_THROUGHPUT:.2f}x issue 16's "
            f"{OLD_THROUGHPUT:.0f}/s (goal >= 2x), {rates['sod/check'] / rates['/health']:.2f}x /health's"
        )
    finally:
        while not pool.empty():
            pool.get_nowait().close()
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
        "token check, not cached (auth/find_token)": [],
        "one transaction: exist, rules, what-if": [],
        "answer to JSON": [],
    }
    database = settings.neo4j_database
    rules = RuleCache()
    with make_driver(settings) as driver:
        # An unknown token id: the same indexed lookup as a known one, without the (tiny) hash compare.
        unknown = "pm_000000000000_x"
        for i in range(singles + 20):
            t = triples[i % len(triples)]
            times = [time.perf_counter()]
            verify_token(driver, database, unknown)
            times.append(time.perf_counter())
            answer = check_assignment(driver, database, rules, t["person_id"], t["post_id"], t["role"])
            times.append(time.perf_counter())
            sod_check_response(answer)
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
    parser.add_argument(
        "--singles", type=int, default=300, help="one-at-a-time requests of each kind (default 300)"
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[1], help="uvicorn workers (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--breakdown", action="store_true", help="time each step of a request too")
    args = parser.parse_args()
    settings = get_settings()
    triples = sample(settings, 500, args.seed)
    with make_driver(settings) as driver:
        nodes = read(driver, settings.neo4j_database, "bench/count_nodes")[0]["nodes"]
    print(f"graph: {nodes:,} nodes; {len(triples)} sampled (person, post, role); loopback")
    print(f"{'':<44}{'n':>7}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}{'load':>7}")
    asyncio.run(bolt_baseline(settings, args))
    api_runs(triples, args)
    if args.breakdown:
        print("where the time goes (in process, no HTTP, one at a time):")
        breakdown(settings, triples, args.singles)


if __name__ == "__main__":
    main()
