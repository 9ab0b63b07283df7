"""Tagging and classification speed (warm), and the cold-start cost of loading the models.

    python benchmarks/bench_models.py [--repeat N]

Budget (README 性能): classify ≥ 2,000 problem statements/s warm. Timings are best-of-N on
a shared machine; read them as orders of magnitude.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

from _common import REFERENCE, ROOT, best_of, median_run


def statements(limit: int = 2000) -> list[str]:
    out = []
    for path in sorted((ROOT / "corpora" / "problems").glob("*.jsonl")):
        out += [json.loads(x)["text"] for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return out[:limit]


def cold(code: str, runs: int = 5) -> float:
    return median_run([sys.executable, "-c", code], runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from report_nlp.tagger import classify, tag
    from report_nlp.tagger.store import load_scorer
    from report_nlp.io import load
    from report_nlp.resources import models_dir
    from report_nlp.segmenter import segment

    doc = segment(load(REFERENCE))
    texts = statements()
    t0 = time.perf_counter()
    load_scorer(models_dir())
    load_s = time.perf_counter() - t0
    tag(doc)
    classify(texts[:10])  # warm: models and jieba loaded

    n_paras = len(doc.paragraphs) + sum(len(p.items) for p in doc.paragraphs)
    from report_nlp.tagger.linear import _words

    # The word cache is cleared before each run: new text, as in real use.
    t_tag = best_of(lambda: (_words.cache_clear(), tag(doc)), args.repeat * 4)
    t_cls = best_of(lambda: (_words.cache_clear(), classify(texts)), args.repeat)
    base = "import report_nlp.classify as c, report_nlp.segment as s; d = s.segment(open(%r).read())" % str(REFERENCE)
    cold_without = cold(base + "; s.segment('x')")
    cold_with = cold(base + "; c.tag(d); c.classify(['学习不够深入'])")

    print(f"tag (warm)       : {n_paras / t_tag:8.0f} paragraphs+items/s  ({t_tag * 1000:.1f} ms for the reference report)")
    print(f"classify (warm)  : {len(texts) / t_cls:8.0f} statements/s  ({len(texts)} statements in {t_cls * 1000:.0f} ms;"
          f" budget ≥ 2000/s: {'ok' if len(texts) / t_cls >= 2000 else 'MISSED'})")
    print(f"model load (in process): {load_s * 1000:.0f} ms")
    print(f"cold start, segment only: {cold_without:.2f} s; segment + tag + classify: {cold_with:.2f} s;"
          f" added by the models: {cold_with - cold_without:+.2f} s (median of 5)")


if __name__ == "__main__":
    main()
