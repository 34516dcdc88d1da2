"""The API under a mixed load: `python -m benchmarks.load_bench [--clients 50] [--seconds 60]`.

On whatever graph is in the database (`powermap import data/sample/城关供电所` is enough): starts
`powermap serve` on a free loopback port as a subprocess, creates an analyst token, and runs
--clients concurrent clients for --seconds (closed loop: each sends its next request when the
last one is answered), mixing `GET /api/v1/findings?limit=100` (viewer) and
`POST /api/v1/sod/check` (analyst) with (person, post, role) triples sampled from the graph.
Prints, per kind and overall: requests, errors (by status or transport error), p50 / p99 latency
(ms), throughput; and the API server's resident memory (RSS, with its children) before the
load and after it. Revokes the token and stops the server. Loopback only; writes nothing else.
A script that prints figures, not a timed test.
"""

import argparse
import asyncio
import random
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks.api_bench import POWERMAP, Triple, free_port, sample, start_server, stop_server
from graph.settings import get_settings


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its living descendants, in MB (Linux /proc)."""
    total = 0.0
    try:
        for row in Path(f"/proc/{pid}/status").read_text().splitlines():
            if row.startswith("VmRSS:"):
                total += int(row.split()[1]) / 1024
        for task in Path(f"/proc/{pid}/task").iterdir():
            total += sum(rss_mb(int(c)) for c in (task / "children").read_text().split())
    except FileNotFoundError:
        return 0.0
    return total


def report(name: str, latencies: list[float], errors: dict[str, int], wall: float) -> None:
    ms = sorted(s * 1000 for s in latencies)
    p50 = statistics.median(ms) if ms else float("nan")
    p99 = statistics.quantiles(ms, n=100)[98] if len(ms) >= 2 else float("nan")
    failed = sum(errors.values())
    detail = f"  {errors}" if errors else ""
    rate = len(ms) / wall
    print(f"{name:<22}{len(ms) + failed:>8,}{failed:>8,}{p50:>9.1f}{p99:>9.1f}{rate:>9,.0f}{detail}")


async def mixed_load(
    port: int, token: str, triples: list[Triple], clients: int, seconds: float, seed: int
) -> None:
    kinds = ("findings", "sod/check")
    latencies: dict[str, list[float]] = {k: [] for k in kinds}
    errors: dict[str, dict[str, int]] = {k: {} for k in kinds}
    rng = random.Random(seed)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}",
        headers={"Authorization": f"Bearer {token}"},
        limits=limits,
        timeout=30,
    ) as http:

        async def once(kind: str) -> None:
            began = time.perf_counter()
            try:
                if kind == "findings":
                    response = await http.get("/api/v1/findings", params={"limit": 100})
                else:
                    response = await http.post("/api/v1/sod/check", json=rng.choice(triples))
                failure = None if response.status_code == 200 else str(response.status_code)
            except httpx.TransportError as exc:
                failure = type(exc).__name__
            if failure:
                errors[kind][failure] = errors[kind].get(failure, 0) + 1
            else:
                latencies[kind].append(time.perf_counter() - began)

        deadline = time.perf_counter() + seconds
        start = time.perf_counter()

        async def client(index: int) -> None:
            turn = index
            while time.perf_counter() < deadline:
                await once(kinds[turn % 2])
                turn += 1

        await asyncio.gather(*(client(i) for i in range(clients)))
        wall = time.perf_counter() - start
    print(f"{'':<22}{'requests':>8}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}")
    for kind in kinds:
        report(kind, latencies[kind], errors[kind], wall)
    every = [s for k in kinds for s in latencies[k]]
    merged: dict[str, int] = {}
    for k in kinds:
        for code, n in errors[k].items():
            merged[code] = merged.get(code, 0) + n
    report("all", every, merged, wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--seconds", type=float, default=60, help="length of the load (default 60)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    settings = get_settings()
    triples = sample(settings, 500, args.seed)
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(port, 1, Path(tmp) / "serve.log")
        token = subprocess.run(
            [POWERMAP, "token", "create", "--role", "analyst", "--name", "load_bench"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        try:
            before = rss_mb(server.pid)
            print(f"{args.clients} clients, {args.seconds:.0f} s, findings + sod/check")
            asyncio.run(mixed_load(port, token, triples, args.clients, args.seconds, args.seed))
            after = rss_mb(server.pid)
            print(f"API RSS before {before:.0f} MB, after {after:.0f} MB ({after - before:+.0f} MB)")
            warnings = [
                row
                for row in (Path(tmp) / "serve.log").read_text(errors="replace").splitlines()
                if "WARNING" in row or "ERROR" in row or "database" in row
            ]
            if warnings:
                print(f"the server logged {len(warnings)} warnings, the first ones:")
                print("\n".join(warnings[:5]))
        finally:
            stop_server(server)
            revoke = [POWERMAP, "token", "revoke", token.split("_")[1]]
            subprocess.run(revoke, check=True, capture_output=True)


if __name__ == "__main__":
    main()
