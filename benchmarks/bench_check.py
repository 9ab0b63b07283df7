"""Checker speed against the project's budgets (README 性能: warm check ≤ 15 ms, ≥ 0.5 MB/s,
cold check ≤ 1.0 s, batch --jobs 2 ≥ 1.7× --jobs 1).

    python benchmarks/bench_check.py [--copies 200]

Warm full check (segment + tag + rules) of the reference report; warm throughput in MB/s;
batch ``check --jobs 1`` vs ``--jobs 2`` over N copies (made in a temporary folder, never
committed); cold CLI time; peak memory of the batch run.
"""
from __future__ import annotations

import argparse
import pathlib
import resource
import shutil
import statistics
import sys
import tempfile
import time

from _common import REFERENCE, median_run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=200)
    opts = parser.parse_args()

    from report_nlp.checker import check
    from report_nlp.io import load
    from report_nlp.segmenter import segment

    from report_nlp.tagger import linear

    raw = load(REFERENCE)
    check(segment(raw))  # warm: jieba, models, rules loaded once
    runs = []
    for _ in range(30):
        # Per-text caches would make a repeated report look faster than a new one.
        linear._ngram_counts.cache_clear()
        linear._words.cache_clear()
        t0 = time.perf_counter()
        check(segment(raw))
        runs.append(time.perf_counter() - t0)
    warm = statistics.median(runs)
    size_mb = len(raw.text.encode("utf-8")) / 1e6
    print(f"热启动完整检查（分段+标注+全部规则）参考报告：{warm * 1000:.1f} ms（预算 ≤ 15 ms）")
    print(f"热启动吞吐：{size_mb / warm:.2f} MB/s（预算 ≥ 0.5 MB/s）")

    cli = [sys.executable, "-m", "report_nlp", "check", "--fail-on", "never"]
    cold = median_run(cli + [str(REFERENCE)], 5)
    print(f"冷启动 report-nlp check 参考报告：{cold:.2f} s（中位数，预算 ≤ 1.0 s）")

    folder = pathlib.Path(tempfile.mkdtemp(prefix="report-nlp-bench-"))
    try:
        for k in range(opts.copies):
            shutil.copy(REFERENCE, folder / f"r{k:04d}.txt")
        t1 = median_run(cli + ["--jobs", "1", str(folder)], 1)
        t2 = median_run(cli + ["--jobs", "2", str(folder)], 1)
        print(f"批量 {opts.copies} 篇：--jobs 1 {opts.copies / t1:.1f} 篇/秒，--jobs 2 {opts.copies / t2:.1f} 篇/秒，"
              f"加速 {t1 / t2:.2f} 倍（预算 ≥ 1.7 倍；本机 2 核共享）")
    finally:
        shutil.rmtree(folder)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"子进程峰值内存：{peak:.0f} MB（预算 ≤ 300 MB）")


if __name__ == "__main__":
    main()
