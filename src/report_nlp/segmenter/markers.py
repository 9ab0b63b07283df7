"""Heading markers of the 公文 levels, and the ordinals they carry.

Level 1 一、  level 2 （一）  level 3 1.  level 4 （1）  level 5 ①. Variants that the checker
flags later (一. 一， (一) （一）、 1、 1． (1)) are still recognised here, so the structure
is right even when the punctuation is wrong.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_D = "[一二三四五六七八九]"
#: A Chinese ordinal as markers and items write it: 一 … 九十九 (the simple forms, as
#: before), and 一百 … 九千九百九十九 in the standard reading (一百零一, 一百一十, 一千零五).
CN_NUM = (rf"(?:{_D}千(?:零?{_D}百)?(?:零?{_D}?十{_D}?|零{_D})?|{_D}百(?:{_D}十{_D}?|零{_D})?"
          r"|[一二三四五六七八九十]{1,3})")
_CN_DIGITS = "零一二三四五六七八九"
_CN_VALUES = {c: i for i, c in enumerate(_CN_DIGITS)}
_CN_VALUES.update({"〇": 0, "两": 2})
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
#: Sections of four digits: 万 and 亿 (a 亿 is 万万).
_CN_BIG = ((10**8, "亿"), (10**4, "万"))

# Each pattern matches at the start of a line. Group "num" carries the ordinal.
_LEVEL_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"(?P<num>{CN_NUM})(?:[、，,．]|\.(?!\d))")),
    (2, re.compile(rf"[（(](?P<num>{CN_NUM})[）)][、，,．.]?")),
    (3, re.compile(r"(?P<num>[1-9][0-9]?)(?:[.．](?!\d)|[、，,](?!\d))")),
    (4, re.compile(r"[（(](?P<num>[1-9][0-9]?)[）)][、，,．.]?")),
    (5, re.compile(r"(?P<num>[①-⑳])")),
)


@dataclass(frozen=True)
class Marker:
    level: int
    text: str
    number: int


def cn_to_int(s: str) -> int:
    """一 → 1, 十二 → 12, 一百零一 → 101, 一千零五 → 1005, 三万二千 → 32000; 0 when ``s`` is
    not a numeral (the inverse of :func:`chinese_numeral`)."""
    if not s:
        return 0
    for value, big_unit in _CN_BIG:
        if big_unit in s:
            high, _, low = s.partition(big_unit)
            head = cn_to_int(high) if high else 0
            tail = cn_to_int(low) if low else 0
            if not head or (low and not tail and low.strip("零〇")):
                return 0
            return head * value + tail
    total, last_unit = 0, 10**4
    digit: int | None = None
    for i, ch in enumerate(s):
        if ch in _CN_VALUES:
            if digit:
                return 0  # two digits in a row (一二) are no numeral
            digit = _CN_VALUES[ch]
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit >= last_unit or (not digit and not (i == 0 and unit == 10)):
                return 0  # 十十, 百千, 零百: units fall from left to right, each after a digit
            total += (digit or 1) * unit
            digit, last_unit = None, unit
        else:
            return 0
    return total + (digit or 0)


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 100 → 一百, 101 → 一百零一, 110 → 一百一十, 1005 → 一千零五,
    10000 → 一万, 0 → 零. Any non-negative integer; a negative one is a ValueError."""
    n = int(n)
    if n < 0:
        raise ValueError(f"negative ordinal {n}")
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    return _section_numeral(n, top=True)


def _section_numeral(n: int, *, top: bool) -> str:
    for value, unit in _CN_BIG:
        if n >= value:
            high, low = divmod(n, value)
            out = _section_numeral(high, top=top) + unit
            if low:
                out += ("零" if low < value // 10 else "") + _section_numeral(low, top=False)
            return out
    return _below_10000(n, top=top)


def _below_10000(n: int, *, top: bool) -> str:
    """1 ≤ n < 10000 as 千/百/十 with 零 for each gap (一千零五, 一百零一, 二百一十)."""
    out, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if gap and out:
                out += "零"
            # 十二 at the very start, but 一百一十 and 一千零一十 inside a larger number
            out += ("" if unit == "十" and d == 1 and not out and top else _CN_DIGITS[d]) + unit
            gap = False
        elif out:
            gap = True
    return out


def ordinal_value(num: str) -> int:
    if "①" <= num <= "⑳":
        return ord(num) - ord("①") + 1
    if num.isascii() and num.isdigit():
        return int(num)
    return cn_to_int(num)


def match_heading_marker(line: str) -> Marker | None:
    """The heading marker that opens ``line``, if any."""
    for level, pattern in _LEVEL_PATTERNS:
        m = pattern.match(line)
        if not m:
            continue
        rest = line[m.end():]
        # A marker must be followed by text, and "一、二、三" lists or 1.5 are not headings.
        if not rest.strip() or (level == 3 and rest[:1].isdigit()):
            continue
        number = ordinal_value(m.group("num"))
        if number <= 0:
            continue
        return Marker(level=level, text=m.group(0), number=number)
    return None
