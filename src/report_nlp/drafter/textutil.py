"""Small text helpers of the drafter: numerals, periods, dates, punctuation, fact slots.

Kept apart from the schema and the renderer so templates (as filters) and the validator
share one definition of each.
"""
from __future__ import annotations

import datetime as _dt
import re

from ..segmenter.markers import chinese_numeral

#: Marks that may end a sentence; a drafted sentence that ends in one keeps it.
SENTENCE_END = "。！？"
#: Marks a user may leave at the end of a fragment; they become 。 (never doubled).
SOFT_END = "，,；;、：:.．"
#: Closing quotes/brackets after which the sentence end goes.
_CLOSERS = "”’）)》」』"

#: ``{名称}`` in user text names a fact; the name is 1–30 characters without spaces/braces.
FACT_SLOT = re.compile(r"\{([^{}\s]{1,30})\}")

_HALF = {1: "上半年", 2: "下半年"}


def cn(n: int) -> str:
    """1 → 一, 12 → 十二: the ordinal of 一、 （一） 一是 and 第一季度."""
    return chinese_numeral(int(n))


_WRAP = re.compile(r"[ \t]*\n[ \t]*")
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])[ \t]+|[ \t]+(?=[^\x00-\x7f])")


def clean(text: str) -> str:
    """Join the lines of a folded YAML string and drop spaces next to Chinese characters.

    Chinese has no spaces between words, so ``>-`` folding (which joins lines with a space)
    would otherwise leave “，  局领导” in the report. Spaces between Latin words stay.
    """
    text = _WRAP.sub("\n", text.strip())
    text = "".join(_join(a, b) for a, b in zip(text, text[1:] + " "))
    return _CJK_SPACE.sub("", text)


def _join(a: str, b: str) -> str:
    if a != "\n":
        return a
    return " " if a and b.isascii() and b.isalnum() else ""


def placeholder(what: str) -> str:
    """The explicit slot a drafter must fill; never an invented figure."""
    return f"【待填：{what}】"


def sentence(text: str) -> str:
    """``text`` ending in exactly one sentence mark (a trailing ，；、： becomes 。)."""
    text = (text or "").strip()
    if not text:
        return text
    core = text.rstrip(_CLOSERS)
    tail = text[len(core):]
    if core and core[-1] in SENTENCE_END:
        return text
    if core and core[-1] in SOFT_END:
        core = core.rstrip(SOFT_END)
        if core and core[-1] in SENTENCE_END:  # “……。；” → “……。”
            return core + tail
    if tail:  # a sentence ending in a quote: 。 goes after the closer, as in 公文 practice
        return core + tail + "。"
    return core + "。"


def phrase(text: str) -> str:
    """A heading or lead phrase without its final punctuation."""
    return (text or "").strip().rstrip(SENTENCE_END + SOFT_END).strip()


def fill_facts(text: str, facts: dict) -> str:
    """Replace ``{名称}`` by the fact's value, or by 【待填：名称】 when it is missing."""

    def sub(m: re.Match) -> str:
        value = facts.get(m.group(1))
        if value is None or value == "":
            return placeholder(m.group(1))
        return format_value(value)

    return FACT_SLOT.sub(sub, text)


def format_value(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.date):
        return date_text(value)
    return str(value)


def date_text(d: _dt.date) -> str:
    """GB/T 9704 7.3.5.4: Arabic numerals, full year, no zero padding (2022年3月31日)."""
    return f"{d.year}年{d.month}月{d.day}日"


def period_text(year: int, quarter: int | None, half: int | None, annual_suffix: str = "年度") -> str:
    if quarter:
        return f"{year}年第{cn(quarter)}季度"
    if half:
        return f"{year}年{_HALF[half]}"
    return f"{year}{annual_suffix}"


_DATE_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
)


def parse_date(value) -> _dt.date | None:
    """A date from YAML (already a date) or one of the written forms; None if invalid."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        return None
    for form in _DATE_FORMS:
        m = form.fullmatch(value.strip())
        if m:
            try:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None
