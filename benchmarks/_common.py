"""Shared by the benchmark scripts: the reference report and two small timers."""
from __future__ import annotations

import pathlib
import statistics
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "examples" / "2022q1-bureau-report.txt"


def best_of(fn, repeat: int) -> float:
    """The fastest of ``repeat`` runs of ``fn()`` (seconds): the least disturbed by other load."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def median_run(args: list[str], runs: int = 5) -> float:
    """Median wall time (seconds) of running a command ``runs`` times, output discarded."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
