"""Consistency across a report: heading levels in order (NUM006) and the report period kept
inside the body (PER002). Each takes ``(ctx, rule)`` and yields Findings."""
from __future__ import annotations

import re

from ...model import Span
from ..context import Context
from ..dates import parse_period
from ..registry import Rule, rule_function


@rule_function("NUM006")
def level_order(ctx: Context, rule: Rule):
    """A lower-level heading (（一）) used before any higher one, while the level it belongs
    under (一、) comes only later: the levels are upside down, not merely skipped."""
    # (level, marker span, marker) of each numbered heading of levels 1–4
    headings = [(p.level, p.marker_span, p.marker) for p in ctx.doc.paragraphs
                if p.level and p.level < 5 and p.marker_span and p.marker]
    first_at: dict[int, int] = {}
    for k, (level, _, _) in enumerate(headings):
        first_at.setdefault(level, k)
    flagged: set[int] = set()
    for k, (level, span, marker) in enumerate(headings):
        if level == 1 or level in flagged:
            continue
        above_before = any(h[0] < level for h in headings[:k])
        parent_later = first_at.get(level - 1, -1) > k
        if not above_before and parent_later:
            flagged.add(level)
            parent = headings[first_at[level - 1]]
            yield ctx.finding(rule, span, marker=marker, parent=parent[2])


#: Phrases that name a period as the time of the work described.
_PERIOD_PHRASE = re.compile(
    r"(?:(?P<year>\d{4})年)?(?P<phrase>第?[一二三四1-4]季度|上半年|下半年|全年|本年度|年度内|今年以来)")
#: A clause with one of these compares, plans or sums up to a date: not the period of the work.
_NOT_OWN_WORK = re.compile(
    r"同比|环比|较去年|较上年|去年同期|上年同期|比去年|与去年|较上季度|截至|截止|累计|以来|来，|将|计划|拟|力争|预计|"
    r"下一步|目标|确保|要求|部署|安排|谋划|任务|计划|方案|要点|考核|测评|评议|排名|总结")
_CLAUSE_START = re.compile(r"(?:^|(?<=[。；！？：]))")


def _kind_of(phrase: str) -> str | None:
    m = re.match(r"第?([一二三四1-4])季度", phrase)
    if m:
        n = "一二三四".find(m.group(1)) + 1 if not m.group(1).isdigit() else int(m.group(1))
        return f"q{n}"
    return {"上半年": "h1", "下半年": "h2", "全年": "year", "本年度": "year", "年度内": "year"}.get(phrase)


def _covers(report: str, named: str) -> bool:
    """Whether the report's period includes the period a phrase names (h1 includes q1, q2)."""
    if report == named:
        return True
    quarters = {"h1": {"q1", "q2"}, "h2": {"q3", "q4"}, "year": {"q1", "q2", "q3", "q4", "h1", "h2"}}
    return named in quarters.get(report, set())


@rule_function("PER002")
def period_in_body(ctx: Context, rule: Rule):
    """PER002: the body says its own work was done in another period than the report's."""
    title = ctx.first("title")
    opening = ctx.first("opening")
    source = ctx.para_text(title) if title else (ctx.para_text(opening)[:40] if opening else "")
    year, kind = parse_period(source)
    if kind not in ("q1", "q2", "q3", "q4", "h1"):
        return  # an annual or second-half report may sum up the year; nothing to compare
    for para in ctx.paragraphs("work"):  # the opening is PER001's
        text = ctx.para_text(para)
        for clause in re.finditer(r"[^。；！？\n]+", text):
            body = clause.group()
            lead = re.match(r"\s*(?:[一二三四五六七八九十]+[、是]|（[一二三四五六七八九十]+）|\d+[.、]|第[一二三四五六七八九十]+，)?", body)
            m = _PERIOD_PHRASE.match(body, lead.end() if lead else 0)
            if not m or _NOT_OWN_WORK.search(body):
                continue
            if m.group("year") and year and int(m.group("year")) != year:
                continue  # another year's figures, told as background
            named = _kind_of(m.group("phrase"))
            if m.group("phrase") == "今年以来" or named is None or _covers(kind, named):
                continue
            start = para.span.start + clause.start() + m.start()
            span = Span(start, start + len(m.group()))
            yield ctx.finding(rule, span, match=m.group(), period=_PERIOD_NAMES[kind])


_PERIOD_NAMES = {"q1": "第一季度", "q2": "第二季度", "q3": "第三季度", "q4": "第四季度", "h1": "上半年"}
