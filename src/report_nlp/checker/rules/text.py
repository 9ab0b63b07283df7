"""Rule functions over characters: half-width punctuation, pairs, doubled marks,
and placeholders (doubled characters: :mod:`.slips`). Each takes ``(ctx, rule)`` and yields Findings."""
from __future__ import annotations

import re

from ...model import Span
from ..context import Context
from ..registry import Rule, rule_function

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# A half-width mark with Chinese on its left and Chinese (or a Chinese opener, or the line end) on its right.
_HALF_MARK = re.compile(rf"(?<=[{CJK}”’》）】])[,;:?!](?=[{CJK}“‘《（【]|\s*$)", re.M)
_HALF_PERIOD = re.compile(rf"(?<=[{CJK}])\.(?=[{CJK}“（]|\s*$)", re.M)
_HALF_PARENS = re.compile(rf"\(([^()\n]*[{CJK}][^()\n]*)\)")
_HALF_QUOTES = re.compile(rf"\"([^\"\n]*[{CJK}][^\"\n]*)\"")
_DOUBLED = re.compile(r"([。，；：、！？])\1+")
_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("‘", "’"), ("【", "】"))


def _body(ctx: Context):
    """Paragraphs worth checking for wording (the markers of headings excluded)."""
    for para in ctx.doc.paragraphs:
        start = para.marker_span.end if para.marker_span and para.level else para.span.start
        yield para, start, para.span.end


@rule_function("PUN001")
def half_width_punctuation(ctx: Context, rule: Rule):
    for para, start, end in _body(ctx):
        for m in _HALF_MARK.finditer(ctx.text, start, end):
            full = _HALF_TO_FULL[m.group()]
            yield ctx.finding(rule, Span(m.start(), m.end()), fix=(Span(m.start(), m.end()), full),
                              mark=m.group(), full=full)
        for m in _HALF_PERIOD.finditer(ctx.text, start, end):
            yield ctx.finding(rule, Span(m.start(), m.end()), fix=(Span(m.start(), m.end()), "。"), mark=".", full="。")


@rule_function("PUN002")
def half_width_brackets(ctx: Context, rule: Rule):
    for para, start, end in _body(ctx):
        for m in _HALF_PARENS.finditer(ctx.text, start, end):
            yield ctx.finding(rule, Span(m.start(), m.end()), fix=(Span(m.start(), m.end()), f"（{m.group(1)}）"),
                              mark="( )", full="（ ）")
        for m in _HALF_QUOTES.finditer(ctx.text, start, end):
            yield ctx.finding(rule, Span(m.start(), m.end()), fix=(Span(m.start(), m.end()), f"“{m.group(1)}”"),
                              mark='" "', full="“ ”")


@rule_function("PUN003")
def unpaired_marks(ctx: Context, rule: Rule):
    for para in ctx.doc.paragraphs:
        text = ctx.para_text(para)
        base = para.span.start
        for opener, closer in _PAIRS:
            if opener not in text and closer not in text:
                continue
            stack: list[int] = []
            for i, ch in enumerate(text):
                if ch == opener:
                    stack.append(i)
                elif ch == closer:
                    if stack:
                        stack.pop()
                    elif not (closer == "）" and para.marker and para.marker.endswith("）")):
                        yield ctx.finding(rule, Span(base + i, base + i + 1), mark=closer, pair=opener + closer)
            for i in stack:
                yield ctx.finding(rule, Span(base + i, base + i + 1), mark=opener, pair=opener + closer)


@rule_function("PUN004")
def doubled_marks(ctx: Context, rule: Rule):
    for para, start, end in _body(ctx):
        for m in _DOUBLED.finditer(ctx.text, start, end):
            yield ctx.finding(rule, Span(m.start(), m.end()), fix=(Span(m.start(), m.end()), m.group(1)),
                              mark=m.group())


@rule_function("PLH001")
def placeholders(ctx: Context, rule: Rule):
    pattern = re.compile(rule.params["pattern"])
    for para in ctx.doc.paragraphs:
        start, end = para.span.start, para.span.end
        for m in pattern.finditer(ctx.text, start, end):
            if ctx.doc.format == "md" and m.group().startswith("*") and _markdown_emphasis(ctx.text, m, start, end):
                continue
            yield ctx.finding(rule, Span(m.start(), m.end()), match=m.group())


def _markdown_emphasis(text: str, m: re.Match, start: int, end: int) -> bool:
    line = text[start:end]
    return bool(re.search(r"\*\*[^*\n]+\*\*|(?<!\*)\*[^*\s][^*\n]*\*(?!\*)", line))


_CORNER = re.compile(r"[「『][^」』\n]*[」』]")


@rule_function("PUN005")
def mixed_quotes(ctx: Context, rule: Rule):
    """Corner quotes 「」『』 in a text that otherwise quotes with “ ”."""
    if ctx.text.count("“") <= len(_CORNER.findall(ctx.text)):
        return  # no “ ” majority to follow (a text quoting only with 「」 is consistent)
    for m in _CORNER.finditer(ctx.text):
        yield ctx.finding(rule, Span(m.start(), m.end()), mark=m.group()[0] + " " + m.group()[-1])
