"""Sentence spans: cut after 。！？ (and ；where an item ends), never inside quotes or brackets."""
from __future__ import annotations

END = "。！？!?"
CLOSERS = "”’」』）)】〕》"
OPEN_TO_CLOSE = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】"}


def split_sentences(text: str, start: int, end: int, item_starts: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]`` (absolute offsets), trimmed of spaces."""
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    sent_start = start
    i = start
    while i < end:
        ch = text[i]
        if ch in OPEN_TO_CLOSE:
            stack.append(OPEN_TO_CLOSE[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in CLOSERS and ch in stack:
            # an unbalanced closer: drop back to it rather than staying "inside" forever
            while stack and stack.pop() != ch:
                pass
        cut = None
        if ch in CLOSERS and not stack and i > start and text[i - 1] in END:
            cut = i + 1  # 。” — the quoted sentence ends the outer one too
        elif ch in END and not stack:
            cut = i + 1
            while cut < end and (text[cut] in END or text[cut] in CLOSERS):
                cut += 1
        elif ch in "；;" and not stack and _next_nonspace(text, i + 1, end) in item_starts:
            cut = i + 1
        elif (i + 1) in item_starts and i + 1 > sent_start and not stack:
            cut = i + 1
        if cut is not None:
            _add(spans, text, sent_start, cut)
            sent_start = cut
            i = cut
            continue
        i += 1
    _add(spans, text, sent_start, end)
    return spans


def _next_nonspace(text: str, i: int, end: int) -> int:
    while i < end and text[i] in " \t":
        i += 1
    return i


def _add(spans: list[tuple[int, int]], text: str, a: int, b: int) -> None:
    while a < b and text[a] in " \t\u3000":
        a += 1
    while b > a and text[b - 1] in " \t\u3000":
        b -= 1
    if b > a:
        spans.append((a, b))
