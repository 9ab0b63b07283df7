"""Rule functions over content: problems answered by measures (PAR), vague quantities and
thin sections (CNT)."""
from __future__ import annotations

import re

from ...model import Span
from ...taxonomy import taxonomy
from ..context import Context
from ..registry import Rule, rule_function

# A measure folded into the problem's own paragraph, or a finding already put right there.
#: An alternative category this likely counts as a reading of the problem too.
PLAUSIBLE = 0.25
#: Below this confidence a "problem" is more likely a lead-in sentence than a problem.
MIN_CONFIDENCE = 0.5
#: A paragraph that opens like this is the measure for the problem just before it
#: (整改措施：…… / （三）改进措施。…… / 对此，下半年将……).
_MEASURE_START = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]?)?\s*(?:整改(?:落实)?措施|改进措施|整改(?:进展|情况)|"
                            r"对此|为此|针对(?:上述|以上|这些|该|此)?问题|下一步|下半年|下阶段)")

_MEASURE_CUE = re.compile(r"下一步|今后|整改措施|将进一步|要进一步|拟|针对(?:上述|以上|这些)?问题|"
                          r"已(?:于[^，。；]{0,12})?(?:全部|逐一|及时)?(?:完成)?(?:整改|纠正|清退|退还|腾退|收回|追缴|处理)|"
                          r"立行立改|整改到位")


@rule_function("PAR001")
def problems_without_measure(ctx: Context, rule: Rule):
    from ...tagger import classify, problem_items
    from ...tagger.cues import cues, keyword_scores

    items = problem_items(ctx.doc)
    if not items:
        return
    measures = _measure_texts(ctx)
    labels = classify([text for _, text in items] + measures)
    labels, measure_labels = labels[:len(items)], labels[len(items):]
    answered = {p.theme for p in ctx.paragraphs("next_steps")}
    answered |= {i.theme for p in ctx.doc.paragraphs for i in p.items if i.part == "next_steps"}
    # Second opinions, for precision: a measure that reads as the same problem category
    # (完善专家库管理制度 → institution), or that names a theme's cue words (加强工程项目日常监督
    # → supervision), answers it whatever single theme the tagger gave the measure.
    answered_categories = {m.category for m in measure_labels}
    table = cues().themes
    for text in measures:
        answered |= {theme for theme, hits in keyword_scores(text, table).items() if hits}
    tax = taxonomy()
    for (span, text), label in zip(items, labels):
        if label.category == "other" or label.confidence < MIN_CONFIDENCE or _MEASURE_START.match(text):
            continue  # not a problem statement, or a measure mis-read as one
        # Precision first: when the classifier hesitates, any plausible category answered will do.
        plausible = [label.category] + [c for c, p in label.alternatives if p >= PLAUSIBLE]
        if any(set(tax.paired_themes(c)) & answered or c in answered_categories for c in plausible):
            continue
        para = next(p for p in ctx.doc.paragraphs if p.span.contains(span))
        tail = ctx.text[span.start:para.span.end] if not para.items else text
        if _MEASURE_CUE.search(tail[len(text) // 3:]):
            continue  # the measure is folded into the same paragraph
        following = ctx.doc.paragraphs[para.index + 1] if para.index + 1 < len(ctx.doc.paragraphs) else None
        if following is not None and following.kind != "heading" and _MEASURE_START.match(ctx.para_text(following)):
            continue  # …or follows it at once, problem by problem
        themes = "、".join(tax.theme_name(t) for t in tax.paired_themes(label.category))
        yield ctx.finding(rule, span, data={"category": label.category, "confidence": round(label.confidence, 3)},
                          category=tax.category_name(label.category), themes=themes)


def _measure_texts(ctx: Context) -> list[str]:
    """Each next-steps item, or whole paragraph when it has no items (headings included)."""
    out = []
    for para in ctx.doc.paragraphs:
        if para.items:
            out += [ctx.doc.slice(i.span) for i in para.items if i.part == "next_steps"]
        elif para.part == "next_steps":
            out.append(ctx.para_text(para))
    return out


@rule_function("CNT001")
def vague_quantities(ctx: Context, rule: Rule):
    pattern = re.compile(rule.params["pattern"])
    for para in ctx.paragraphs("work", "opening"):
        for m in pattern.finditer(ctx.text, para.span.start, para.span.end):
            yield ctx.finding(rule, Span(m.start(), m.end()), match=m.group())


@rule_function("CNT002")
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
