"""Rule functions over the structure: required parts and themes, order, elements
(title, addressee, closing, date, signature), numbering, genre and period."""
from __future__ import annotations

import re

from ...model import Span
from ...segmenter.markers import CN_NUM, chinese_numeral, cn_to_int
from ...taxonomy import taxonomy
from ..context import Context
from ..dates import (ANY_DATE_LINE, DATE_CHINESE, DATE_DOTTED, DATE_SHORT_YEAR, parse_date, parse_period,
                    period_bounds)
from ..registry import Rule, rule_function

MAIN_ORDER = ("title", "addressee", "opening", "work", "problems", "next_steps", "closing", "signature", "date")
BODY_PARTS = ("work", "problems", "next_steps")
#: How far into the opening its own period is looked for (2022年第一季度，… / 今年上半年，…).
OPENING_PERIOD_CHARS = 12


def _insert_point(ctx: Context, part: str) -> tuple[int, int | None]:
    """Offset (and paragraph index) after which a missing ``part`` belongs."""
    order = list(taxonomy().parts)
    rank = order.index(part)
    after = None
    for para in ctx.doc.paragraphs:
        if para.part in order and order.index(para.part) < rank:
            after = para
    if after is None:
        return 0, None
    return after.span.end, after.index


@rule_function("STR001")
def missing_parts(ctx: Context, rule: Rule):
    present = ctx.parts_present()
    tax = taxonomy()
    for part in ctx.profile.required_parts:
        if part in present:
            continue
        offset, after = _insert_point(ctx, part)
        yield ctx.finding(rule, Span(offset, offset), data={"part": part, "after": after}, name=tax.part_name(part))


@rule_function("STR002")
def missing_themes(ctx: Context, rule: Rule):
    if "work" not in ctx.parts_present():
        return
    themes = {p.theme for p in ctx.paragraphs("work")} | {i.theme for p in ctx.doc.paragraphs for i in p.items
                                                          if i.part == "work"}
    last_work = ctx.paragraphs("work")[-1]
    tax = taxonomy()
    for theme in ctx.profile.required_themes:
        if theme not in themes and theme not in ctx.profile.theme_parts:
            yield ctx.finding(rule, Span(last_work.span.end, last_work.span.end),
                              data={"theme": theme, "after": last_work.index}, name=tax.theme_name(theme))


@rule_function("STR004")
def missing_theme_parts(ctx: Context, rule: Rule):
    """A required theme the profile gives a part of its own (述责述廉: 个人廉洁自律情况), absent."""
    if "work" not in ctx.parts_present() or not ctx.profile.theme_parts:
        return
    themes = {p.theme for p in ctx.paragraphs("work")} | {i.theme for p in ctx.doc.paragraphs for i in p.items
                                                          if i.part == "work"}
    last_work = ctx.paragraphs("work")[-1]
    for theme, part_name in ctx.profile.theme_parts.items():
        if theme in ctx.profile.required_themes and theme not in themes:
            yield ctx.finding(rule, Span(last_work.span.end, last_work.span.end),
                              data={"theme": theme, "after": last_work.index}, name=part_name)


@rule_function("STR003")
def part_order(ctx: Context, rule: Rule):
    if not ctx.profile.check_order:
        return
    # Body parts are judged by their top-level headings only: one mis-tagged sentence inside
    # a section must not make the whole report look out of order.
    top = min((p.level for p in ctx.doc.paragraphs if p.level and p.part in BODY_PARTS), default=None)
    first: dict[str, int] = {}
    for para in ctx.doc.paragraphs:
        if para.part not in MAIN_ORDER or para.part in first:
            continue
        if para.part in BODY_PARTS and (top is None or para.level != top or para.kind == "item"):
            continue
        first[para.part] = para.index
    seen = sorted(first.items(), key=lambda kv: kv[1])
    tax = taxonomy()
    for (part_a, _), (part_b, idx_b) in zip(seen, seen[1:]):
        if MAIN_ORDER.index(part_b) < MAIN_ORDER.index(part_a):
            para = ctx.doc.paragraphs[idx_b]
            yield ctx.finding(rule, para.span, data={"part": part_b},
                              part=tax.part_name(part_b), before=tax.part_name(part_a))


@rule_function("ELM001")
def title_punctuation(ctx: Context, rule: Rule):
    para = ctx.first("title")
    if para is None and ctx.doc.paragraphs:
        # A title with a final 。 may read as a sentence to the tagger; the form gives it away.
        first = ctx.doc.paragraphs[0]
        if re.fullmatch(r".{2,60}(?:报告|汇报)[。，；：！？.,;:!?]", ctx.para_text(first)):
            para = first
    if para and ctx.para_text(para)[-1] in "。，；：！？.,;:!?":
        span = Span(para.span.end - 1, para.span.end)
        yield ctx.finding(rule, span, fix=(span, ""), mark=ctx.text[span.start])


@rule_function("ELM007")
def title_form(ctx: Context, rule: Rule):
    para = ctx.first("title")
    if not para:
        return
    text = ctx.para_text(para).rstrip("。，；：！？.,;:!? ")
    if re.search(r"汇报|发言|讲话|述责述廉|述职", text):
        return  # oral versions and personal reports take other title forms
    if not text.endswith("报告"):
        yield ctx.finding(rule, para.span, problem="文种“报告”不在标题末尾")


@rule_function("ELM010")
def title_without_about(ctx: Context, rule: Rule):
    """…局党组2023年度党风廉政建设工作情况报告: common, understood, but not the standard form."""
    para = ctx.first("title")
    if not para:
        return
    text = ctx.para_text(para).rstrip("。，；：！？.,;:!? ")
    if text.endswith("报告") and "关于" not in text and not re.search(r"汇报|发言|讲话|述责述廉|述职", text):
        yield ctx.finding(rule, para.span)


@rule_function("ELM008")
def title_doubled_genre(ctx: Context, rule: Rule):
    para = ctx.first("title")
    if para:
        m = re.search(r"关于(?:上报|报送|呈报)|(?:报告|汇报|请示)的报告$", ctx.para_text(para))
        if m:
            yield ctx.finding(rule, Span(para.span.start + m.start(), para.span.start + m.end()), match=m.group())


@rule_function("ELM002")
def addressee_form(ctx: Context, rule: Rule):
    para = ctx.first("addressee")
    if not para:
        return
    text = ctx.para_text(para)
    if text.endswith(":"):
        span = Span(para.span.end - 1, para.span.end)
        yield ctx.finding(rule, span, fix=(span, "："), problem="末尾用了半角冒号“:”")
    elif not text.endswith("："):
        yield ctx.finding(rule, Span(para.span.end, para.span.end), problem="末尾缺少全角冒号“：”")
    line_start = ctx.text.rfind("\n", 0, para.span.start) + 1
    if para.span.start > line_start:
        yield ctx.finding(rule, Span(line_start, para.span.start), problem="没有顶格")


@rule_function("ELM009")
def addressee_many(ctx: Context, rule: Rule):
    para = ctx.first("addressee")
    if para and re.search(r"[、，,]", ctx.para_text(para)) and not re.search(r"领导|同志|代表", ctx.para_text(para)):
        yield ctx.finding(rule, para.span, match=ctx.para_text(para))


@rule_function("ELM003")
def closing_form(ctx: Context, rule: Rule):
    # The closing formula is the kind's own (``closing:`` in its profile): 特此报告。 for the
    # reports a 党组 sends up, another wording where a kind says so. Flagged: the formula
    # without its 。 or with a half-width or exclamation mark in its place.
    closing = ctx.profile.closing
    slip = re.compile(re.escape(closing.rstrip("。")) + r"[.!！]?")
    for para in ctx.paragraphs("closing"):
        text = ctx.para_text(para)
        if text != closing and slip.fullmatch(text):
            yield ctx.finding(rule, para.span, fix=(para.span, closing), match=text, closing=closing)


@rule_function("ELM004")
def date_form(ctx: Context, rule: Rule):
    for para in ctx.doc.paragraphs[-5:]:
        text = ctx.para_text(para)
        if not ANY_DATE_LINE.match(text):
            continue
        if DATE_CHINESE.fullmatch(text):
            yield ctx.finding(rule, para.span, match=text, problem="用了汉字数字")
            continue
        if DATE_SHORT_YEAR.fullmatch(text):
            yield ctx.finding(rule, para.span, match=text, problem="年份未写全")
            continue
        m = DATE_DOTTED.fullmatch(text)
        if m:
            good = f"{int(m['y'])}年{int(m['m'])}月{int(m['d'])}日"
            yield ctx.finding(rule, para.span, fix=(para.span, good), match=text, problem=f"应写作“{good}”")
            continue
        m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
        if m and (m.group(2).startswith("0") or m.group(3).startswith("0")):
            good = f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日"
            yield ctx.finding(rule, para.span, fix=(para.span, good), match=text, problem="月、日不编虚位")


def _report_period(ctx: Context):
    title = ctx.first("title")
    if title:
        year, kind = parse_period(ctx.para_text(title))
        if year:
            return year, kind
    opening = ctx.first("opening")
    if opening:
        return parse_period(ctx.para_text(opening)[:80])
    return None, None


@rule_function("ELM005")
def date_vs_period(ctx: Context, rule: Rule):
    year, kind = _report_period(ctx)
    date_para = next((p for p in ctx.doc.paragraphs[-5:] if ANY_DATE_LINE.match(ctx.para_text(p))), None)
    if not year or not date_para:
        return
    date = parse_date(ctx.para_text(date_para))
    if not date:
        return
    start, end = period_bounds(year, kind)
    margin = int(ctx.options.get("date_margin_days", 120))
    if date < start:
        yield ctx.finding(rule, date_para.span, problem=f"早于报告期开始（{start.year}年{start.month}月{start.day}日）")
    elif (date - end).days > margin:
        yield ctx.finding(rule, date_para.span, problem=f"晚于报告期结束{(date - end).days}天（允许{margin}天）")


@rule_function("ELM006")
def signature_vs_title(ctx: Context, rule: Rule):
    title, sign = ctx.first("title"), ctx.first("signature")
    if not title or not sign:
        return
    organ = _title_organ(ctx.para_text(title))
    signer = ctx.para_text(sign)
    if not organ:
        return
    a, b = _organ_key(organ), _organ_key(signer)
    if len(a) < 3 or len(b) < 3:
        return
    party = re.compile(r"党组|党委|委员会|党工委|党总支|党支部")
    # Sent in the 党组's name, signed by the bureau (or the reverse): not the same organ.
    if (a not in b and b not in a) or bool(party.search(a)) != bool(party.search(b)):
        yield ctx.finding(rule, sign.span, signer=signer, organ=organ)


def _title_organ(title: str) -> str:
    """The sending organ at the head of a title: before 关于, or before the period it names."""
    if "关于" in title:
        return title.split("关于")[0]
    m = re.search(r"\d{4}年|[一二三四]季度|[上下]半年", title)
    return title[: m.start()] if m else ""


#: Written forms of one organ that name it the same (full and short).
_ORGAN_FORMS = (("中国共产党", ""), ("中共", ""), ("党工作委员会", "党工委"), ("工作委员会", "党工委"),
                ("总支部委员会", "党总支"), ("支部委员会", "党支部"), ("委员会", "党委"))


def _organ_key(name: str) -> str:
    name = re.sub(r"\s|[×X*＊]", "", name)
    for long, short in _ORGAN_FORMS:
        name = name.replace(long, short)
    return name


@rule_function("PER001")
def period_mismatch(ctx: Context, rule: Rule):
    title, opening = ctx.first("title"), ctx.first("opening")
    if not title or not opening:
        return
    ty, tk = parse_period(ctx.para_text(title))
    # Only the period the opening starts with: later years are other things (我于2021年9月任…,
    # 2020年度民主生活会 held early in the next year).
    oy, ok = parse_period(ctx.para_text(opening)[:OPENING_PERIOD_CHARS])
    if ty and oy and ty != oy:
        yield ctx.finding(rule, opening.span, what=f"年份（标题{ty}年，开头{oy}年）")
    elif tk and ok and tk != ok and not (tk == "year" or ok == "year"):
        yield ctx.finding(rule, opening.span, what="报告期（标题与开头所写的季度或半年不同）")


# --- numbering ---------------------------------------------------------------
_MARKER_RULES = {1: (r"^[一二三四五六七八九十百千零]+、$", "一、"), 2: (r"^（[一二三四五六七八九十百千零]+）$", "（一）"),
                 3: (r"^\d+\.$", "1."), 4: (r"^（\d+）$", "（1）")}


@rule_function("NUM001")
def marker_punctuation(ctx: Context, rule: Rule):
    for para in ctx.doc.paragraphs:
        if para.level in _MARKER_RULES and para.marker and para.marker_span:
            pattern, canonical = _MARKER_RULES[para.level]
            if not re.match(pattern, para.marker) and not (para.level in (2, 4) and re.match(r"^\(.*\)$", para.marker)):
                yield ctx.finding(rule, para.marker_span, marker=para.marker, canonical=canonical)


@rule_function("NUM002")
def marker_half_brackets(ctx: Context, rule: Rule):
    for para in ctx.doc.paragraphs:
        if para.level in (2, 4) and para.marker and para.marker.startswith("(") and para.marker_span:
            yield ctx.finding(rule, para.marker_span, marker=para.marker)


def _number(marker: str, level: int) -> int:
    core = re.sub(r"[、，,．.（）()\s]", "", marker)
    if level == 5:
        return ord(core) - ord("①") + 1
    return int(core) if core.isdigit() else cn_to_int(core)


@rule_function("NUM003")
def numbering_sequence(ctx: Context, rule: Rule):
    expected: dict[int, int] = {}
    for para in ctx.doc.paragraphs:
        if not para.level or para.part in ("title", "date", "signature", "attachment_note", "colophon"):
            continue
        if para.marker is None or para.marker_span is None:
            continue  # a numbered paragraph always has its marker; this tells the type checker
        level, n = para.level, _number(para.marker, para.level)
        for deeper in [lv for lv in expected if lv > level]:
            del expected[deeper]
        want = expected.get(level, 1)
        if n != want and not (level not in expected and n == 1):
            problem = "重复" if n < want else "跳号"
            yield ctx.finding(rule, para.marker_span, marker=para.marker, problem=problem, want=want)
        expected[level] = n + 1


@rule_function("NUM004")
def level_jump(ctx: Context, rule: Rule):
    current = 0
    for para in ctx.doc.paragraphs:
        if not para.level or para.level == 5:
            continue
        if (current and para.level > current + 1 and not (current == 1 and para.level == 3)
                and para.marker_span is not None):  # always set with a level (see segmenter)
            yield ctx.finding(rule, para.marker_span, marker=para.marker, level=para.level, parent=current)
        current = para.level


_SHI = re.compile(rf"(?:^|(?<=[。；;：:，,\s]))({CN_NUM})是")


@rule_function("NUM005")
def ordinal_series(ctx: Context, rule: Rule):
    """一是…二是… continuous inside a paragraph, and across item paragraphs of one section."""
    run: list[tuple[int, object]] = []
    for para in ctx.doc.paragraphs:
        text = ctx.para_text(para)
        found = [(cn_to_int(m.group(1)), m) for m in _SHI.finditer(text)]
        if len(found) >= 2 and found[0][0] == 1:
            numbers = [n for n, _ in found]
            for k in range(1, len(numbers)):
                if numbers[k] not in (numbers[k - 1] + 1, 1):
                    m = found[k][1]
                    span = Span(para.span.start + m.start(1), para.span.start + m.end())
                    yield ctx.finding(rule, span, marker=m.group(), want=f"{chinese_numeral(numbers[k - 1] + 1)}是")
        if para.kind == "item" and para.marker and para.marker.endswith("是") and para.marker_span:
            n = cn_to_int(para.marker[:-1])
            if run and n not in (run[-1][0] + 1, 1):
                yield ctx.finding(rule, para.marker_span, marker=para.marker, want=f"{chinese_numeral(run[-1][0] + 1)}是")
            run.append((n, para))
        elif para.kind == "heading" or para.level:
            run = []
