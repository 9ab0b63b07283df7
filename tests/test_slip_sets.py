"""TYP003 and TYP001 on the hand-written test sets (tests/data/slips, tests/data/doubling).

The sets were written by people who did not see the lexicon or the rules. Settings were chosen
on the development half (even CRC-32 of the sentence); the floors below are what the rules reach
on the held-out half today (benchmarks/bench_accuracy.py prints both halves), so a change that
loses precision or recall fails here. The issue's targets (P ≥ 0.98 and R ≥ 0.90 for both) are
not all met yet: see the README's accuracy section.
"""
from __future__ import annotations

import json
import pathlib
import zlib

import pytest

from report_nlp.checker.rule_eval import score_rule

DATA = pathlib.Path(__file__).parent / "data"


def _read(path: pathlib.Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _held_out(records: list[dict]) -> list[dict]:
    return [r for r in records if zlib.crc32(r["text"].encode()) % 2 == 1]


def test_sets_are_consistent():
    for case in _read(DATA / "slips" / "slips.jsonl") + _read(DATA / "doubling" / "typos.jsonl"):
        assert case["text"].count(case["wrong"]) == 1 and case["wrong"] != case["correct"]
    assert len(_read(DATA / "slips" / "slips.jsonl")) >= 300 and len(_read(DATA / "slips" / "lookalikes.jsonl")) >= 300
    assert len(_read(DATA / "doubling" / "legit.jsonl")) >= 300 and len(_read(DATA / "doubling" / "typos.jsonl")) >= 100


@pytest.mark.slow
def test_homophone_slips_on_the_held_out_half():
    score = score_rule("TYP003", _held_out(_read(DATA / "slips" / "slips.jsonl")),
                       [r["text"] for r in _held_out(_read(DATA / "slips" / "lookalikes.jsonl"))])
    assert score.precision >= 0.99 and score.recall >= 0.75, (score.precision, score.recall, score.alarms[:5])


@pytest.mark.slow
def test_doubled_characters_on_the_held_out_half():
    score = score_rule("TYP001", _held_out(_read(DATA / "doubling" / "typos.jsonl")),
                       [r["text"] for r in _held_out(_read(DATA / "doubling" / "legit.jsonl"))])
    assert score.precision >= 0.93 and score.recall >= 0.95, (score.precision, score.recall, score.alarms[:5])
