"""Rule functions over content: problems answered by measures (PAR), vague quantities and
thin sections (CNT)."""
from __future__ import annotations

import re

from ..model import Span
from ..taxonomy import taxonomy
from .context import Context
from .registry import Rule

_MEASURE_CUE = re.compile(r"下一步|今后|整改措施|将进一步|要进一步|拟|针对(?:上述|以上|这些)?问题")


def problems_without_measure(ctx: Context, rule: Rule):
    from ..classify import classify, problem_items

    items = problem_items(ctx.doc)
    if not items:
        return
    labels = classify([text for _, text in items])
    answered = {p.theme for p in ctx.paragraphs("next_steps")}
    answered |= {i.theme for p in ctx.doc.paragraphs for i in p.items if i.part == "next_steps"}
    tax = taxonomy()
    for (span, text), label in zip(items, labels):
        if label.category == "other":
            continue
        paired = set(tax.paired_themes(label.category))
        if paired & answered:
            continue
        para = next(p for p in ctx.doc.paragraphs if p.span.contains(span))
        tail = ctx.text[span.start:para.span.end] if not para.items else text
        if _MEASURE_CUE.search(tail[len(text) // 3:]):
            continue  # the measure is folded into the same paragraph
        themes = "、".join(tax.theme_name(t) for t in tax.paired_themes(label.category))
        yield ctx.finding(rule, span, data={"category": label.category, "confidence": round(label.confidence, 3)},
                          category=tax.category_name(label.category), themes=themes)


def vague_quantities(ctx: Context, rule: Rule):
    pattern = re.compile(rule.params["pattern"])
    for para in ctx.paragraphs("work", "opening"):
        for m in pattern.finditer(ctx.text, para.span.start, para.span.end):
            yield ctx.finding(rule, Span(m.start(), m.end()), match=m.group())


def thin_section(ctx: Context, rule: Rule):
    paras = ctx.doc.paragraphs
    for k, para in enumerate(paras):
        if para.part != "work" or para.kind != "heading" or not para.level or para.theme is None:
            continue
        body = []
        for nxt in paras[k + 1:]:
            if nxt.level and nxt.level <= para.level:
                break
            if nxt.part != "work":
                break
            body.append(nxt)
        if body and sum(len(b.span) for b in body) < int(rule.params.get("min_chars", 40)) and \
                sum(len(b.sentences) for b in body) <= 1:
            yield ctx.finding(rule, para.span, heading=ctx.para_text(para))
