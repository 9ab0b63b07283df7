"""Precision and recall of one rule over labelled sentences (the typo test sets, a user's own).

A positive sentence holds one known slip: ``{"text", "wrong", "correct"}`` where ``wrong``
occurs once in ``text`` and writing ``correct`` in its place mends it. A negative sentence
is correct text that must raise nothing. A slip counts as found when a finding of the rule
overlaps it; as mended when applying that finding's fix gives the mended sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RuleScore:
    rule: str
    positives: int = 0
    negatives: int = 0
    found: int = 0
    mended: int = 0
    false_alarms: int = 0
    misses: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else 0.0

    @property
    def precision(self) -> float:
        flagged = self.found + self.false_alarms
        return self.found / flagged if flagged else 1.0


def score_rule(rule_id: str, positives: list[dict], negatives: list[str]) -> RuleScore:
    from ..segmenter import segment
    from . import check
    from .registry import rules_by_id

    rules = (rules_by_id()[rule_id],)
    score = RuleScore(rule=rule_id, positives=len(positives), negatives=len(negatives))

    def findings(text: str):
        return check(segment(text), profile="quarterly", rules=rules).findings

    for case in positives:
        text, wrong = case["text"], case["wrong"]
        at = text.index(wrong)
        hit = [f for f in findings(text) if f.span.start < at + len(wrong) and at < f.span.end]
        extra = [f for f in findings(text) if f not in hit]
        score.false_alarms += len(extra)
        score.alarms += [f"{text[f.span.start:f.span.end]}｜{text}" for f in extra]
        if not hit:
            score.misses.append(text)
            continue
        score.found += 1
        mended = text[:at] + case["correct"] + text[at + len(wrong):]
        if any(f.fix and text[:f.fix[0].start] + f.fix[1] + text[f.fix[0].end:] == mended for f in hit):
            score.mended += 1
    for text in negatives:
        found = findings(text)
        score.false_alarms += len(found)
        score.alarms += [f"{text[f.span.start:f.span.end]}｜{text}" for f in found]
    return score
