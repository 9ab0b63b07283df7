"""What the form of a report says about each paragraph: frame parts, heading path, lead-ins.

``analyse(doc)`` gives one :class:`Context` per paragraph: the part the rules assign (with a
confidence), the heading that opens the paragraph's section, and whether the paragraph is a
heading without a single theme (an umbrella). The trained models refine the text side; the
tagger combines both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document, Paragraph
from .cues import Cues, cues

BODY_PARTS = ("work", "problems", "causes", "next_steps")
_END_PUNCT = re.compile(r"[。！？；，、,;：:]$")
_ATTACH_MORE = re.compile(r"^\d{1,2}\s*[.．、]")


@dataclass(frozen=True)
class Context:
    index: int
    part: str
    conf: float
    heading: bool          # the paragraph opens a section (numbered, or a short plain line)
    level: int | None      # heading level (pseudo-levels for plain headings)
    umbrella: bool         # a heading with no single theme (一、工作开展情况)
    section: int | None    # index of the innermost heading whose section holds the paragraph
    head_text: str         # that heading's text ("" when none)
    position: float        # index / (n - 1)
    lead: str              # the paragraph's text before its first item (or all of it)


def heading_text(doc: Document, para: Paragraph) -> str:
    """The heading words of ``para`` without the marker ("" when it is no heading)."""
    if para.heading is None:
        return ""
    start = para.marker_span.end if para.marker_span is not None else para.heading.start
    return doc.text[start:para.heading.end].strip(" \u3000。．.")


def lead_text(doc: Document, para: Paragraph) -> str:
    text = doc.para_text(para)
    if para.items and para.items[0].span.start > para.span.start:
        return doc.text[para.span.start:para.items[0].span.start]
    return "" if para.items else text


def analyse(doc: Document) -> tuple[Context, ...]:
    cue = cues()
    paras = doc.paragraphs
    n = len(paras)
    if n == 0:
        return ()
    texts = [doc.para_text(p) for p in paras]
    frame: dict[int, tuple[str, float]] = {}
    body_start = _scan_head(paras, texts, cue, frame)
    body_end = _scan_tail(paras, texts, cue, frame, body_start)
    return _walk_body(doc, paras, texts, cue, frame, body_start, body_end)


def _frame_match(cue: Cues, text: str, where: str) -> tuple[str, float] | None:
    for fc in cue.frame:
        if fc.where == where and len(text) <= fc.max_len and fc.pattern.search(text):
            return fc.part, fc.conf
    return None


def _scan_head(paras, texts, cue: Cues, frame) -> int:
    """Header, title and addressee lines at the top; returns the first body index."""
    i = 0
    seen: set[str] = set()
    while i < min(len(paras), cue.head_window):
        text, para = texts[i], paras[i]
        if para.level is not None and para.heading is not None:
            break
        hit = _frame_match(cue, text, "head")
        if hit is None and not seen - {"header"} and _is_headline(text, i, texts):
            hit = ("title", 0.8)
        if hit is not None and hit[0] == "addressee" and cue.opening.search(text):
            hit = None  # “现将……报告如下：” opens the body
        if hit is None or (hit[0] == "title" and "addressee" in seen):
            break
        frame[i] = hit
        seen.add(hit[0])
        i += 1
    return i


def _is_headline(text: str, i: int, texts: list[str]) -> bool:
    """A short unpunctuated first line followed by more text: an oral version's headline."""
    return len(text) <= 40 and not _END_PUNCT.search(text) and i + 1 < len(texts) and "。" not in text


def _scan_tail(paras, texts, cue: Cues, frame, body_start: int) -> int:
    """Closing, attachment note, signature, date and colophon at the bottom; returns body end."""
    n = len(paras)
    end = n
    pending: list[int] = []
    lowest = max(body_start, n - cue.tail_window)
    i = n - 1
    while i >= lowest:
        text, para = texts[i], paras[i]
        hit = _frame_match(cue, text, "tail")
        if hit and hit[0] == "signature" and (para.marker is not None or _blocks_signature(i, frame, n)):
            hit = None
        if hit is None and _ATTACH_MORE.match(text) and len(text) <= 80 and not _END_PUNCT.search(text):
            pending.append(i)
            i -= 1
            continue
        if hit is None:
            break
        if hit[0] == "attachment_note":
            for j in pending:
                frame[j] = ("attachment_note", 0.9)
            pending.clear()
        elif pending:
            break
        frame[i] = hit
        end = i
        i -= 1
    # A closing formula is the end of the body even when unusual lines sit below it.
    for j in range(lowest, end):
        if j not in frame and paras[j].marker is None:
            hit = _frame_match(cue, texts[j], "tail")
            if hit is not None and hit[0] == "closing":
                frame[j] = hit
                for k in range(j + 1, end):
                    frame.setdefault(k, ("other", 0.5))
                return j
    return end


def _blocks_signature(i: int, frame, n: int) -> bool:
    """A signature sits right above a date or colophon, or is the last line."""
    below = frame.get(i + 1, (None,))[0]
    return not (i == n - 1 or below in ("date", "colophon", "signature"))


def _walk_body(doc, paras, texts, cue: Cues, frame, body_start: int, body_end: int) -> tuple[Context, ...]:
    n = len(paras)
    out: list[Context] = []
    stack: list[tuple[int, str | None, int, bool]] = []  # (level, cue part, index, umbrella)
    override: tuple[str, int] | None = None             # (part, level that ends it)
    started = False
    siblings: dict[int, str] = {}   # level -> part of the last heading at that level
    plain_run = False
    for i, para in enumerate(paras):
        text = texts[i]
        pos = i / (n - 1) if n > 1 else 0.0
        lead = lead_text(doc, para)
        if i in frame:
            part, conf = frame[i]
            out.append(Context(i, part, conf, False, None, False, None, "", pos, lead))
            continue
        level, htext = _heading(doc, para, text, cue)
        is_heading = level is not None
        if level is not None:
            started = True
            while stack and stack[-1][0] >= level:
                stack.pop()
            hpart = cue.heading_part(htext)
            for lv in [lv for lv in siblings if lv > level]:
                del siblings[lv]
            plain_run = hpart is None and siblings.get(level) == "work"
            siblings[level] = hpart or "work"
            if hpart is not None or (override is not None and level <= override[1]):
                override = None
            umbrella = (hpart is not None or (para.kind == "heading" and bool(cue.umbrella.search(htext)))
                        or (bool(cue.umbrella_if_nested.search(htext)) and _has_subheadings(paras, i, level)))
            stack.append((level, hpart, i, umbrella))
        lead_in = None if is_heading or (not started and cue.opening.search(text)) else cue.lead_in(lead[:120])
        if lead_in is not None:
            override = (lead_in, stack[-1][0] if stack else 99)
        if lead_in is not None or para.kind == "item":
            started = True
        section = stack[-1][2] if stack else None
        head = texts[section] if section is not None else ""
        umb = is_heading and stack[-1][3]
        if i >= body_end:
            part, conf = "other", 0.5
        elif not started:
            part, conf = "opening", 0.97 if cue.opening.search(text) else 0.9 if i == body_start else 0.75
        elif override is not None and not is_heading:
            part, conf = override[0], 0.85
        else:
            part, conf = _section_part(stack, cue, text, is_heading)
            if is_heading and plain_run and part == "work":
                conf = 0.97  # one more of a run of themed work headings (一、… 二、… 三、…)
        out.append(Context(i, part, conf, is_heading, level, umb, section,
                           heading_text(doc, paras[section]) if section is not None and paras[section].heading else head,
                           pos, lead))
    return tuple(out)


def _has_subheadings(paras, i: int, level: int) -> bool:
    """An umbrella heading is a whole line followed at once by deeper headings."""
    if paras[i].kind != "heading" or i + 1 >= len(paras):
        return False
    nxt = paras[i + 1]
    return nxt.level is not None and nxt.heading is not None and nxt.level > level


def _heading(doc, para: Paragraph, text: str, cue: Cues) -> tuple[int | None, str]:
    if para.level is not None and para.heading is not None:
        return para.level, heading_text(doc, para)
    plain = text.strip()
    if (para.marker is None and len(plain) <= cue.max_plain_heading and not _END_PUNCT.search(plain)
            and "。" not in plain):
        if cue.heading_part(plain) is not None or cue.umbrella.search(plain):
            return 1, plain
    if para.marker is None and len(plain) <= cue.max_plain_heading and plain.endswith(("：", ":")):
        if cue.heading_part(plain[:-1]) is not None:
            return 1, plain[:-1]
    return None, ""


def _section_part(stack, cue: Cues, text: str, is_heading: bool) -> tuple[str, float]:
    for level, hpart, _, _ in reversed(stack):
        if hpart is None:
            continue
        if hpart == "mixed":
            if is_heading and stack[-1][1] == "mixed":
                return "problems", 0.7
            if cue.mixed_next_steps.search(text):
                return "next_steps", 0.75
            return "problems", 0.7
        return hpart, 0.92
    return "work", (0.92 if is_heading else 0.8) if stack else 0.6
