"""Load test of ``report-nlp serve`` on loopback (issue 9).

    python benchmarks/bench_serve.py [--clients 8] [--requests 50] [--workers 1]

Starts the server as a separate process on a free 127.0.0.1 port, then:
1. 100 sequential ``POST /api/v1/check`` of the reference report (warm-up), server memory (RSS);
2. ``clients`` concurrent clients × ``requests`` checks each: all must succeed; p50/p95
   latency and requests/s; the same for one client alone;
3. more sequential requests up to 1,000 in all, server memory again (must stay within 10%).
The p50 latencies are compared with the in-process warm check of the same text (caches kept,
as the server keeps them).
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

import httpx

from _common import REFERENCE, ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of the server and its worker processes (MB)."""
    total = 0
    pids = [pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()]
    for p in pids:
        with open(f"/proc/{p}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def in_process_ms(text: str, runs: int = 50) -> float:
    from report_nlp.checker import check_text

    check_text(text)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        check_text(text)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1)
    opts = parser.parse_args()

    text = REFERENCE.read_text(encoding="utf-8")
    warm_ms = in_process_ms(text)  # before the server starts, so the two do not compete
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    server = subprocess.Popen([sys.executable, "-m", "report_nlp", "serve", "--port", str(port),
                               "--workers", str(opts.workers)], env=env, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api/v1/check"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v1/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                sys.exit("server did not start")
            time.sleep(0.2)
        done = 0
        with httpx.Client(timeout=60) as c:
            for _ in range(100):
                assert c.post(url, json={"text": text}).status_code == 200
                done += 1
        mem100 = rss_mb(server.pid)

        def one_client(out: list, failures: list, n: int) -> None:
            with httpx.Client(timeout=120) as c:
                for _ in range(n):
                    t0 = time.perf_counter()
                    r = c.post(url, json={"text": text})
                    out.append(time.perf_counter() - t0)
                    if r.status_code != 200 or not r.json()["files"][0]["findings"]:
                        failures.append(r.status_code)

        def run(clients: int, n: int) -> tuple[list[float], list, float]:
            latencies, failures = [], []
            threads = [threading.Thread(target=one_client, args=(latencies, failures, n)) for _ in range(clients)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return latencies, failures, time.perf_counter() - t0

        lat1, fail1, wall1 = run(1, opts.requests)
        latn, failn, walln = run(opts.clients, opts.requests)
        done += len(lat1) + len(latn)
        with httpx.Client(timeout=60) as c:
            while done < 1000:
                assert c.post(url, json={"text": text}).status_code == 200
                done += 1
        mem1000 = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(10)

    total = opts.clients * opts.requests
    print(f"workers={opts.workers}  reference report {len(text)} characters, {os.cpu_count()} CPUs")
    print(f"1 client  × {opts.requests}: p50 {percentile(lat1, .5) * 1000:.1f} ms, p95 {percentile(lat1, .95) * 1000:.1f} ms, "
          f"{len(lat1) / wall1:.1f} requests/s, failures {len(fail1)}")
    print(f"{opts.clients} clients × {opts.requests}: {total - len(failn)}/{total} succeeded; p50 {percentile(latn, .5) * 1000:.1f} ms, "
          f"p95 {percentile(latn, .95) * 1000:.1f} ms, {len(latn) / walln:.1f} requests/s")
    print(f"in-process warm check (same text): {warm_ms:.1f} ms; p50/warm: 1 client {percentile(lat1, .5) * 1000 / warm_ms:.2f}, "
          f"{opts.clients} clients {percentile(latn, .5) * 1000 / warm_ms:.2f}")
    print(f"server memory: {mem100:.0f} MB after 100 requests, {mem1000:.0f} MB after {done} ({(mem1000 / mem100 - 1) * 100:+.1f}%)")
    if failn or fail1 or mem1000 > mem100 * 1.10:
        sys.exit(1)


if __name__ == "__main__":
    main()
