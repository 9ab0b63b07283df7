"""The figures a report states (开展谈心谈话56人次, 处分3人, 追缴资金12.5万元), with their context.

A figure belongs to an event when its sentence pins the event down in time: a date
(3月15日, 2023年6月) or a named past period (第一季度, 上半年, 上季度). The same event
reported with a different figure in two periods of one unit is worth a reviewer's look
(an info, never an error: a later count may be a correction).
"""
from __future__ import annotations

import re

#: Measure words of counts and money; longer ones first (人次 before 人, 万元 before 元).
MEASURES = ("人次", "万元", "亿元", "次", "人", "起", "个", "元", "条", "件", "份", "项", "场", "篇", "期", "批")
_NUMBER = r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)"
FIGURE = re.compile(_NUMBER + r"\s*(" + "|".join(MEASURES) + r")(?!月|工作日|百分点|小时|星期|方面|层次)")
_CLAUSE_END = re.compile(r"[。；;！？!?\n]")
_CLAUSE_STOP = re.compile(r"[，,：:。；;！？!?\n]")
_CLAUSE_START = re.compile(r"[，,：:。；;！？!?、\n（(]")
#: What pins an event to a time: a day, a month of a year, or a named period.
ANCHOR = re.compile(r"(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日|(?:19|20)\d{2}年\d{1,2}月|"
                    r"(?:(?:19|20)\d{2}年)?第?[一二三四1-4]季度|(?:(?:19|20)\d{2}年)?[上下]半年|上季度|上一季度")
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]")
CONTEXT_CHARS = 8


def figures(text: str, paragraph: int) -> list[dict]:
    """Every count or sum in one paragraph: value, measure word, the clause, the words just
    before it (``lead``), and the time anchor of its sentence (or None)."""
    out = []
    for m in FIGURE.finditer(text):
        start = _last(_CLAUSE_START, text, m.start())
        clause_end = _CLAUSE_STOP.search(text, m.end())
        end = clause_end.start() if clause_end else len(text)
        sentence_end = _CLAUSE_END.search(text, m.end())
        sentence = text[_last(_CLAUSE_END, text, m.start()):sentence_end.start() if sentence_end else len(text)]
        anchors = ANCHOR.findall(sentence)
        lead = _NOT_CJK.sub("", text[start:m.start()])[-CONTEXT_CHARS:]
        out.append({"value": m.group(1).replace(",", ""), "measure": m.group(2), "paragraph": paragraph,
                    "context": text[start:end].strip()[:80], "lead": lead,
                    "anchor": anchors[0] if anchors else None})
    return out


def _last(pattern: re.Pattern, text: str, before: int) -> int:
    start = 0
    for m in pattern.finditer(text, 0, before):
        start = m.end()
    return start


def event_key(fig: dict) -> tuple | None:
    """The same past event: same time anchor, same words before the figure, same measure."""
    if not fig.get("anchor") or len(fig.get("lead") or "") < 2:
        return None
    return (fig["anchor"], fig["lead"], fig["measure"])


def conflicts(current: list[dict], previous: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs (current figure, previous figure) of one event with different values."""
    before: dict[tuple, dict] = {}
    for fig in previous:
        key = event_key(fig)
        if key is not None:
            before.setdefault(key, fig)
    out = []
    for fig in current:
        key = event_key(fig)
        old = before.get(key) if key is not None else None
        if old is not None and _number(old["value"]) != _number(fig["value"]):
            out.append((fig, old))
    return out


def _number(value: str) -> float:
    return float(value)
