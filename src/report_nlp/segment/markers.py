"""Heading markers of the 公文 levels, and the ordinals they carry.

Level 1 一、  level 2 （一）  level 3 1.  level 4 （1）  level 5 ①. Variants that the checker
flags later (一. 一， (一) （一）、 1、 1． (1)) are still recognised here, so the structure
is right even when the punctuation is wrong.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CN_NUM = "[一二三四五六七八九十]{1,3}"
_CN_DIGITS = "零一二三四五六七八九"
_CN_VALUES = {c: i for i, c in enumerate(_CN_DIGITS)}

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
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23."""
    if "十" not in s:
        return _CN_VALUES.get(s, 0) if len(s) == 1 else 0
    tens, _, ones = s.partition("十")
    return (_CN_VALUES.get(tens, 0) if tens else 1) * 10 + (_CN_VALUES.get(ones, 0) if ones else 0)


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


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
