"""``report-nlp review`` at scale, and the copy threshold measured on the corpus.

    python benchmarks/bench_review.py --reports 1000 [--jobs 2]
    python benchmarks/bench_review.py --threshold

Reports are generated from the corpus (corpora/sections) into a temporary folder that is
removed afterwards: each takes the frame (title, 主送, 结束语, 署名, 日期) of one corpus report
with a unit name of its own, and builds every body paragraph from two to four sentences of the
same part drawn from different corpus reports, so that no two reports are identical and most
paragraphs are not copies. Printed: reports/s of the whole review, the copy step's time,
candidate and verified pairs (the LSH index keeps them near-linear), and peak memory.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from collections import OrderedDict, defaultdict
from pathlib import Path

from _common import ROOT

FRAME = ("title", "addressee", "closing", "signature", "date", "header")
_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
PLACES = "青白红金银玉松柳梅竹桃杏石清云凤龙虎鹤鹿泉溪河湖山岭"


def corpus() -> "OrderedDict[str, list[dict]]":
    reports: OrderedDict[str, list[dict]] = OrderedDict()
    for f in sorted((ROOT / "corpora" / "sections").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            reports.setdefault(row["report"], []).append(row)
    return reports


def generate(folder: Path, n: int, seed: int = 14) -> None:
    rng = random.Random(seed)
    reports = list(corpus().values())
    sentences: dict[str, list[str]] = defaultdict(list)
    for rows in reports:
        for r in rows:
            if r["part"] not in FRAME:
                sentences[r["part"]] += [s for s in _SENTENCE.findall(r["text"]) if len(s) >= 8]
    for k in range(n):
        base = reports[k % len(reports)]
        place = "".join(rng.choice(PLACES) for _ in range(2)) + f"{k}"
        lines = []
        for r in base:
            text = re.sub(r"×{2,3}|XX", place, r["text"])
            if r["part"] not in FRAME and len(text) >= 30:
                text = "".join(rng.choice(sentences[r["part"]]) for _ in range(rng.randint(2, 4)))
                text = re.sub(r"\d+", lambda m: str(rng.randint(1, 99)), text)
            lines.append(text)
        (folder / f"{k:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def peak_mb() -> tuple[float, float]:
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    return own, children


def scale(n: int, jobs: int) -> None:
    from report_nlp import review as review_mod
    from report_nlp.review import copies

    tmp = Path(tempfile.mkdtemp(prefix="bench-review-"))
    try:
        generate(tmp, n)
        timings = {}
        original = review_mod._copies

        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            out = original(*args, **kwargs)
            timings["copies"] = time.perf_counter() - t0
            return out

        review_mod._copies = timed
        t0 = time.perf_counter()
        payload = review_mod.review([tmp], jobs=jobs, progress_stream=sys.stderr)
        total = time.perf_counter() - t0
        review_mod._copies = original
        own, children = peak_mb()
        stats = payload["stats"]["copy_index"]
        print(f"{n} reports, --jobs {jobs}: {total:.1f} s, {n / total:.1f} reports/s; "
              f"copy step {timings['copies']:.2f} s for {stats['paragraphs']} paragraphs "
              f"({stats['candidates']} candidate pairs, {stats['verified']} verified, {len(payload['copies'])} reported); "
              f"peak memory {own:.0f} MB (main), {children:.0f} MB (largest worker); failed {payload['stats']['failed']}")
        # The copy step alone on the same paragraphs at half size, to show its growth.
        del payload
        for m in (n // 4, n // 2, n):
            index = copies.CopyIndex()
            files = sorted(tmp.glob("*.txt"))[:m]
            t0 = time.perf_counter()
            for k, f in enumerate(files):
                for line in f.read_text(encoding="utf-8").splitlines():
                    norm = copies.eligible(None, line)
                    if norm:
                        index.add(k, f.stem, 0, norm)
            index.pairs()
            print(f"  copy index alone, {m} reports: {time.perf_counter() - t0:.2f} s, "
                  f"{index.stats['paragraphs']} paragraphs, {index.stats['candidates']} candidates")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def threshold() -> None:
    """Similarity of independently written paragraphs (different corpus reports) against that
    of near copies with a share of their characters changed in short word edits."""
    from report_nlp.review import copies

    rng = random.Random(7)
    index = copies.CopyIndex()
    texts = []
    for rid, rows in corpus().items():
        for r in rows:
            norm = copies.eligible(r["part"], r["text"])
            if norm:
                index.add(len(texts), rid, r["index"], norm)
                texts.append(r["text"])
    found = index.pairs(threshold=0.3, boilerplate_units=10 ** 6)
    top = sorted((s for _, _, s in found), reverse=True)
    print(f"corpus: {len(texts)} paragraphs of {len(corpus())} reports; the most similar pairs of different reports: "
          + ", ".join(f"{s:.2f}" for s in top[:5]) + f"; pairs ≥ {copies.THRESHOLD}: {sum(s >= copies.THRESHOLD for s in top)}")
    filler = "的了和在是有对把被让将与及"
    for rate in (0.02, 0.05, 0.08, 0.10, 0.15):
        sims = []
        for text in rng.sample(texts, 300):
            chars = list(text)
            edits = max(1, int(rate * len(chars) / 2))
            for _ in range(edits):  # two-character word replacements
                i = rng.randrange(max(1, len(chars) - 1))
                chars[i:i + 2] = [rng.choice(filler), rng.choice(PLACES)]
            sims.append(copies.similarity(text, "".join(chars)))
        above = sum(s >= copies.THRESHOLD for s in sims) / len(sims)
        print(f"near copies, {rate:.0%} of characters changed: median similarity {sorted(sims)[len(sims) // 2]:.2f}, "
              f"{above:.0%} at or above {copies.THRESHOLD}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, nargs="*", default=[1000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--threshold", action="store_true")
    opts = parser.parse_args()
    if opts.threshold:
        threshold()
        return
    for n in opts.reports:
        scale(n, opts.jobs)


if __name__ == "__main__":
    main()
