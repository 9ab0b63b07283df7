"""Line breaks in a long title, at word boundaries.

GB/T 9704-2012 7.3.1: a title that runs onto a second line breaks so that words stay whole
and the lines are balanced (标题回行时，要做到词意完整，排列对称，长短适宜). Word wraps a
centred title wherever the line fills (“……2023年 / 度落实……”), so the writer puts the break
in itself, at a word boundary chosen here.
"""
from __future__ import annotations

import math
import re

from ..segmenter.tokens import default_tokenizer

#: Phrases a line must not end inside: a period (2023年度, 2022年第一季度, 2023年上半年).
_KEEP_TOGETHER = re.compile(r"\d{4}年(?:第[一二三四]季度|[上下]半年|度)?")


def width(text: str) -> float:
    """Width in 字: a half-width character (digits, Latin) counts half."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


def title_lines(title: str, chars_per_line: float) -> list[str]:
    """``title`` as lines no wider than ``chars_per_line`` 字, broken between words, as even
    in width as the words allow. A title that fits stays one line."""
    if width(title) <= chars_per_line or chars_per_line <= 0:
        return [title]
    cuts = _boundaries(title)
    lines_needed = math.ceil(width(title) / chars_per_line)
    best: list[str] | None = None
    for n in range(lines_needed, lines_needed + 3):
        best = _balanced(title, cuts, n, chars_per_line)
        if best:
            return best
    return [title]  # no word boundary fits (one enormous word): let Word wrap it


def _boundaries(title: str) -> list[int]:
    """Offsets between two words where a line may end: never inside a word, and never
    between a number and what it counts (2023 | 年度)."""
    spans = default_tokenizer().tokenize(title)
    inside = {k for m in _KEEP_TOGETHER.finditer(title) for k in range(m.start() + 1, m.end())}
    cuts = []
    for (_, e1), (s2, _) in zip(spans, spans[1:]):
        if e1 == s2 and not title[e1 - 1].isdigit() and e1 not in inside:
            cuts.append(e1)
    return cuts


def _balanced(title: str, cuts: list[int], n: int, limit: float) -> list[str] | None:
    """The split into ``n`` lines (each within ``limit``) whose widest line is narrowest;
    among equals, the one whose first lines are the longer (a title reads top-heavy)."""
    best, best_key = None, None

    def search(start: int, remaining: int, acc: list[str]) -> None:
        nonlocal best, best_key
        if remaining == 1:
            last = title[start:]
            if width(last) <= limit:
                lines = acc + [last]
                widths = [width(x) for x in lines]
                key = (max(widths) - min(widths), [-w for w in widths])
                if best_key is None or key < best_key:
                    best, best_key = lines, key
            return
        for cut in cuts:
            if cut > start and width(title[start:cut]) <= limit:
                search(cut, remaining - 1, acc + [title[start:cut]])

    if n > 4:
        return None
    search(0, n, [])
    return best
