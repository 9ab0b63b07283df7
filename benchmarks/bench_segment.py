"""Segment throughput against plain ``jieba.lcut`` on the same text, and cold start.

    python benchmarks/bench_segment.py [--repeat N]

Prints ratios (machines here are shared and noisy; absolute times vary, ratios less so).
"""
from __future__ import annotations

import argparse
import sys

from _common import REFERENCE, best_of, median_run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    opts = parser.parse_args()

    import jieba

    from report_nlp.io import load
    from report_nlp.segmenter import segment
    from report_nlp.segmenter.tokens import default_tokenizer

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
    py = median_run([sys.executable, "-c", "pass"])
    cold = median_run([sys.executable, "-m", "report_nlp", "segment", str(REFERENCE)])
    print(f"冷启动 report-nlp segment: {cold:.2f} s（中位数；Python 空启动 {py:.2f} s）")


if __name__ == "__main__":
    main()
