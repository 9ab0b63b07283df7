"""Enumerated items inside a paragraph: 一是…二是…, 第一，…第二，…, 其一…其二…, 首先…其次…最后.

Items are split only when at least two ordinals of one series appear in order. An ordinal
counts only where a clause can begin (start of line or after punctuation), so 统一是,
第一书记, 第一次, 第一时间 and 一是一、二是二 are not split.
"""
from __future__ import annotations

import re

from .markers import CN_NUM, cn_to_int

# Characters after which a new clause (and so an item) can begin.
CLAUSE_START = "。；;：:，,！？!?、）)”’\"」』 \t"

_SERIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("shi", re.compile(rf"(?P<num>{CN_NUM})是(?!\s*(?P=num)[，、,是])")),
    ("di", re.compile(rf"第(?P<num>{CN_NUM})[，,、：:](?!\s*$)")),
    ("qi", re.compile(r"其(?P<num>[一二三四五六七八九])(?=[，,、：:是])")),
    ("order", re.compile(r"(?P<num>首先|其次|再次|最后)")),
)
_ORDER_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": 9}


def _can_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] in CLAUSE_START


def find_items(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, marker)`` of each item in ``text`` (offsets relative to it), or []."""
    best: list[tuple[int, str]] = []
    for name, pattern in _SERIES:
        found = [(m.start(), m.group(0) if name != "di" else m.group(0)[:-1], m.group("num"))
                 for m in pattern.finditer(text) if _can_start(text, m.start())]
        chain = _longest_chain(name, found)
        if len(chain) >= 2 and (not best or chain[0][0] < best[0][0]):
            best = chain
    if not best:
        return []
    items = []
    for k, (start, marker) in enumerate(best):
        end = best[k + 1][0] if k + 1 < len(best) else len(text)
        while end > start and text[end - 1] in " \t":
            end -= 1
        items.append((start, end, marker))
    return items


def _longest_chain(name: str, found: list[tuple[int, str, str]]) -> list[tuple[int, str]]:
    """Ordinals that run 1, 2, 3… in text order (for 首先/其次: 首先 first, 最后 last)."""
    if name == "order":
        chain: list[tuple[int, str]] = []
        last = 0
        for pos, marker, word in found:
            value = _ORDER_WORDS[word]
            if (not chain and value == 1) or (chain and last < value):
                if chain and value == 9 and last == 9:
                    break
                chain.append((pos, marker))
                last = value
        return chain if len(chain) >= 2 else []
    chain = []
    expected = 1
    for pos, marker, num in found:
        if cn_to_int(num) == expected:
            chain.append((pos, marker))
            expected += 1
    return chain
