"""Accuracy of the checker, measured on data it was not written against.

    python benchmarks/bench_accuracy.py

1. Per rule family: recall on the defective fixtures (planted defects found, as listed in
   tests/fixtures/defective/expected.yaml) and false alarms (errors and warnings) on the
   clean fixtures.
2. TYP003 (homophone slips) on tests/data/slips and TYP001 (doubled characters) on
   tests/data/doubling: precision and recall on the development half (settings were chosen
   on it) and on the held-out half (never looked at while choosing), split by a hash of the
   sentence.
"""
from __future__ import annotations

import collections
import json
import pathlib
import sys
import zlib

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from report_nlp import check, load, segment  # noqa: E402
from report_nlp.checker.rule_eval import score_rule  # noqa: E402

FIX = ROOT / "tests" / "fixtures"
DATA = ROOT / "tests" / "data"
#: Rule families the issue's targets name; the rest are counted too.
TARGETS = {"TYP003": (0.98, 0.90), "TYP001": (0.98, 0.90)}


def read(path: pathlib.Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def half(records: list[dict], which: str) -> list[dict]:
    """The development (even CRC-32 of the text) or held-out (odd) half of a set."""
    return [r for r in records if (zlib.crc32(r["text"].encode()) % 2 == 0) == (which == "dev")]


def fixture_table() -> list[tuple[str, int, int, int]]:
    expected = yaml.safe_load((FIX / "defective" / "expected.yaml").read_text(encoding="utf-8"))
    planted, found = collections.Counter(), collections.Counter()
    for name, defects in expected.items():
        result = check(segment(load(FIX / "defective" / name)))
        got = collections.Counter((f.rule, result.doc.text[f.span.start:f.span.end]) + ((f.data["part"],) if "part" in f.data else ())
                                  for f in result.findings if f.severity in ("error", "warning"))
        for defect in defects or ():
            key = tuple(defect)
            planted[key[0][:3]] += 1
            if got[key] > 0:
                got[key] -= 1
                found[key[0][:3]] += 1
    alarms = collections.Counter()
    for path in sorted((FIX / "clean").glob("*.txt")):
        for f in check(segment(load(path))).findings:
            if f.severity in ("error", "warning"):
                alarms[f.rule[:3]] += 1
    families = sorted(set(planted) | set(alarms))
    return [(fam, planted[fam], found[fam], alarms[fam]) for fam in families]


def set_scores() -> list[tuple[str, str, object]]:
    slips, lookalikes = read(DATA / "slips" / "slips.jsonl"), read(DATA / "slips" / "lookalikes.jsonl")
    legit, typos = read(DATA / "doubling" / "legit.jsonl"), read(DATA / "doubling" / "typos.jsonl")
    out = []
    for which in ("dev", "held-out"):
        key = "dev" if which == "dev" else "test"
        out.append(("TYP003", which, score_rule("TYP003", half(slips, key), [r["text"] for r in half(lookalikes, key)])))
        out.append(("TYP001", which, score_rule("TYP001", half(typos, key), [r["text"] for r in half(legit, key)])))
    return out


def main() -> None:
    clean = len(list((FIX / "clean").glob("*.txt")))
    print(f"规则族 | 缺陷样例中的已知问题 | 找到 | 召回率 | {clean}篇无误样例中的误报（错误+疑似）")
    for fam, planted, found, alarms in fixture_table():
        recall = f"{found / planted:.2f}" if planted else "—"
        print(f"{fam} | {planted} | {found} | {recall} | {alarms}")
    print()
    print("规则 | 数据 | 精确率 | 召回率 | 可自动修正 | 误报 | 正例/反例 | 目标")
    for rid, which, s in set_scores():
        p, r = TARGETS[rid]
        print(f"{rid} | {which} | {s.precision:.3f} | {s.recall:.3f} | {s.mended}/{s.found} | {s.false_alarms} | "
              f"{s.positives}/{s.negatives} | P≥{p} R≥{r}")


if __name__ == "__main__":
    main()
