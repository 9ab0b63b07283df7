"""Write findings back into a copy of a .docx as Word comments (批注).

Each finding gets one comment anchored on exactly the text its span names: runs are split
at the span's ends (text and ``w:rPr`` copied to both halves, so nothing visible changes).
A zero-width finding (something missing) anchors on the whole paragraph containing, or
just before, its offset; a page-level one on the first paragraph. Offsets inside the
automatic-numbering prefix of a paragraph map to its first real run.
"""
from __future__ import annotations

import copy
import itertools
import os
from contextlib import contextmanager
from bisect import bisect_right
from pathlib import Path

from ..errors import InputError, OutputProblem
from ..model import Document, Finding, Severity, Span
from . import max_bytes_setting
from .docx import W, body_paragraphs, open_docx, run_text, text_runs
from .files import atomic_write, same_file

AUTHOR = "report-nlp"
INITIALS = "RN"
_TEXT_TAGS = {W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"}


def comment_text(finding: Finding, draft: str | None = None) -> str:
    """``【错误】message 建议：suggestion``; with ``draft`` (the text ``suggest`` proposes for a
    missing part or theme), ``【错误】message 建议补写：`` and the text itself on new lines."""
    label = Severity(finding.severity).label
    text = f"【{label}】{finding.message}"
    if draft:
        return text + " 建议补写（可直接修改后使用）：\n" + draft
    if finding.suggestion:
        text += f" 建议：{finding.suggestion}"
    return text


def annotate_docx(source_path, document: Document, findings, out_path, *, author: str = AUTHOR,
                  texts: list[str] | None = None) -> int:
    """Write a copy of ``source_path`` to ``out_path`` with one comment per finding.

    ``document`` is ``segment(load(source_path))``; ``author`` names the comments' author;
    ``texts`` are the comments' texts in the order of ``findings`` (default
    :func:`comment_text` of each). Returns the number of comments added. The source is never
    modified; the copy is written atomically.
    """
    src, out = Path(source_path), Path(out_path)
    if same_file(src, out):
        raise OutputProblem("批注副本不能覆盖原文件，请另选输出路径", path=str(out))
    author = (author or AUTHOR).strip() or AUTHOR
    initials = INITIALS if author == AUTHOR else author[:2]
    # The loader's parse of the file when the caller has it (one parse per command); the
    # comments go into it, so annotating the same Document twice re-reads the file.
    wdoc = document.word if document.word is not None and not getattr(document.word, "_report_nlp_used", False) \
        else open_docx(src, str(source_path), max_bytes_setting())
    wdoc._report_nlp_used = True
    anchorer = Anchorer(wdoc, document)
    count = 0
    with _sequential_comment_ids(wdoc):
        for k, finding in enumerate(findings):
            first, last = anchorer.anchor(finding)
            text = texts[k] if texts is not None else comment_text(finding)
            wdoc.add_comment([first, last], text=text, author=author, initials=initials)
            count += 1
    save_atomic(wdoc, out)
    return count


@contextmanager
def _sequential_comment_ids(wdoc):
    """python-docx finds each new comment id by scanning every existing comment (quadratic in
    the number of comments: minutes for thousands); hand out max + 1, max + 2… instead."""
    from docx.oxml.comments import CT_Comments

    element = wdoc.comments._comments_elm  # creates the comments part when missing
    used = [int(x) for x in element.xpath("./w:comment/@w:id") if str(x).lstrip("-").isdigit()]
    counter = itertools.count(max(used, default=-1) + 1)
    original = CT_Comments._next_available_comment_id

    def next_id(self):
        value = next(counter)
        return value if value <= 2**31 - 1 else original(self)

    CT_Comments._next_available_comment_id = next_id
    try:
        yield
    finally:
        CT_Comments._next_available_comment_id = original


def save_atomic(wdoc, out: Path) -> None:
    """Save a python-docx Document atomically (see :func:`report_nlp.io.files.atomic_write`)."""
    atomic_write(out, wdoc.save)


class Anchorer:
    """Maps offsets of ``document.text`` onto the runs of a python-docx Document."""

    def __init__(self, wdoc, document: Document) -> None:
        if not document.blocks:
            raise InputError("只能为.docx文件写批注（该文档没有Word段落信息）", path=document.source)
        self.paras = [p for p, _ in body_paragraphs(wdoc)]
        if len(self.paras) != len(document.blocks):
            raise InputError("Word文档与分析结果的段落数不一致，请重新读取该文件", path=document.source)
        self.document = document
        self.blocks = document.blocks
        self._starts = [b.span.start for b in self.blocks]
        self._para_starts = [p.span.start for p in document.paragraphs]

    # --- offsets --------------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        """(block index, character offset in the paragraph's run text) of a text offset."""
        bi = max(0, bisect_right(self._starts, offset) - 1)
        block = self.blocks[bi]
        k = offset - block.span.start - block.prefix
        length = block.span.end - block.span.start - block.prefix
        return bi, min(max(k, 0), length)

    def locate(self, offset: int):
        """``(w:p, w:r, i)``: the run holding the character at ``offset`` and its index in it.

        At the end of a paragraph, the last run with text and its length; inside the
        numbering prefix, the first run and 0. ``w:r`` is None for a paragraph without text.
        """
        bi, k = self.position(offset)
        p = self.paras[bi]
        runs = runs_with_offsets(p)
        for r, a, b in runs:
            if a <= k < b:
                return p, r, k - a
        if runs:
            r, a, b = runs[-1]
            return p, r, b - a
        return p, None, 0

    # --- anchoring --------------------------------------------------------------
    def anchor(self, finding: Finding):
        """(first run, last run) of the range a finding's comment covers; splits runs as needed."""
        span = finding.span
        if finding.data.get("page_level") or len(span) == 0:
            para = self._paragraph_for(0 if finding.data.get("page_level") else span.start)
            span = para.span if para is not None else Span(0, 0)
            if para is None or len(span) == 0:
                return self._whole(0)
        bs, ks = self.position(span.start)
        be, ke = self.position(min(span.end, len(self.document.text)))
        while bs < be and ks >= self._length(bs):
            bs, ks = bs + 1, 0
        while be > bs and ke <= 0:
            be, ke = be - 1, self._length(be - 1)
        if bs == be and ks >= ke:
            return self._whole(bs)
        first = self._start_at(bs, ks)
        last = self._end_at(be, ke)
        if first is None or last is None:
            return self._whole(bs)
        return first, last

    def split_at(self, offset: int) -> None:
        """Make a run boundary at ``offset`` (no-op when one is there already)."""
        self._start_at(*self.position(offset))

    def _paragraph_for(self, offset: int):
        """The last paragraph starting at or before ``offset`` (the first when none does)."""
        paras = self.document.paragraphs
        if not paras:
            return None
        i = bisect_right(self._para_starts, offset) - 1
        return paras[max(0, i)]

    def _length(self, bi: int) -> int:
        b = self.blocks[bi]
        return b.span.end - b.span.start - b.prefix

    def _whole(self, bi: int):
        p = self.paras[bi]
        runs = runs_with_offsets(p)
        if runs:
            return _run(runs[0][0]), _run(runs[-1][0])
        empty = p.makeelement(W + "r", {})
        p.append(empty)
        return _run(empty), _run(empty)

    def _start_at(self, bi: int, k: int):
        for r, a, b in runs_with_offsets(self.paras[bi]):
            if a <= k < b:
                return _run(r if k == a else split_run(r, k - a)[1])
        return None

    def _end_at(self, bi: int, k: int):
        for r, a, b in runs_with_offsets(self.paras[bi]):
            if a < k <= b:
                return _run(r if k == b else split_run(r, k - a)[0])
        return None


def runs_with_offsets(p) -> list[tuple[object, int, int]]:
    """``(w:r, start, end)`` for the runs of ``p`` that carry visible text."""
    out, pos = [], 0
    for r in text_runs(p):
        n = len(run_text(r))
        if n:
            out.append((r, pos, pos + n))
            pos += n
    return out


def split_run(r, k: int):
    """Split ``w:r`` before its ``k``-th character; returns (left, right), left being ``r``.

    Both halves keep a copy of the run's properties; the text is cut, never changed.
    """
    right = copy.deepcopy(r)
    _keep(r, 0, k)
    _keep(right, k, None)
    r.addnext(right)
    return r, right


def _keep(r, lo: int, hi: int | None) -> None:
    """Remove the run content outside characters ``[lo, hi)``; zero-width content stays once."""
    pos = 0
    for child in list(r):
        if child.tag == W + "rPr":
            continue
        if child.tag == W + "t":
            text = child.text or ""
            a, b = pos, pos + len(text)
            pos = b
            cut_lo, cut_hi = max(a, lo), b if hi is None else min(b, hi)
            if cut_lo >= cut_hi:
                r.remove(child)
            elif (cut_lo, cut_hi) != (a, b):
                child.text = text[cut_lo - a : cut_hi - a]
                child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            continue
        a = pos
        if child.tag in _TEXT_TAGS:
            pos += 1
            inside = a >= lo and (hi is None or a < hi)
        else:
            # zero-width content (page-break marks, drawings, field chars) stays in one half
            inside = (lo == 0 or a > lo) and (hi is None or a <= hi)
        if not inside:
            r.remove(child)


def _run(r):
    from docx.text.run import Run

    return Run(r, None)
