"""Segment throughput against plain ``jieba.lcut`` on the same text, and cold start.

    python benchmarks/bench_segment.py [--repeat N]

Prints ratios (machines here are shared and noisy; absolute times vary, ratios less so).
"""
from __future__ import annotations

import argparse
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "examples" / "2022q1-bureau-report.txt"


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def cold_start(args: list[str], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    opts = parser.parse_args()

    import jieba

    from report_nlp.io import load
    from report_nlp.segment import segment
    from report_nlp.segment.tokens import default_tokenizer

    raw = load(REFERENCE)
    text = raw.text
    default_tokenizer()  # warm: dictionary loaded once
    jieba.setLogLevel(60)
    jieba.lcut("预热")
    t_seg = best_of(lambda: segment(raw), opts.repeat)
    t_jieba = best_of(lambda: jieba.lcut(text), opts.repeat)
    chars = len(text)
    print(f"参考报告 {chars} 字")
    print(f"segment（含分词）: {t_seg * 1000:.2f} ms/篇，{chars / t_seg / 1e6:.2f} M字/秒")
    print(f"jieba.lcut     : {t_jieba * 1000:.2f} ms/篇")
    print(f"比值 segment / jieba.lcut = {t_seg / t_jieba:.2f}")
    py = cold_start([sys.executable, "-c", "pass"])
    cold = cold_start([sys.executable, "-m", "report_nlp", "segment", str(REFERENCE)])
    print(f"冷启动 report-nlp segment: {cold:.2f} s（中位数；Python 空启动 {py:.2f} s）")


if __name__ == "__main__":
    main()
