"""What every rule function sees: the tagged document, its profile, and small helpers."""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

from ..model import Document, Finding, Paragraph, Span
from ..kinds import Profile
from .registry import Rule


@dataclass
class Context:
    doc: Document
    profile: Profile
    options: dict = field(default_factory=dict)

    @functools.cached_property
    def text(self) -> str:
        return self.doc.text

    def para_text(self, para: Paragraph) -> str:
        return self.doc.para_text(para)

    def parts_present(self) -> set[str]:
        found = {p.part for p in self.doc.paragraphs if p.part is not None}
        found |= {i.part for p in self.doc.paragraphs for i in p.items if i.part is not None}
        return found

    def paragraphs(self, *parts: str) -> list[Paragraph]:
        return [p for p in self.doc.paragraphs if not parts or p.part in parts]

    def first(self, part: str) -> Paragraph | None:
        return next((p for p in self.doc.paragraphs if p.part == part), None)

    def finding(self, rule: Rule, span: Span, *, data: dict | None = None, fix: tuple[Span, str] | None = None,
                suggestion: str | None = None, **fmt) -> Finding:
        message = rule.message.format(**fmt) if fmt else rule.message
        hint = suggestion if suggestion is not None else (rule.suggestion.format(**fmt) if fmt else rule.suggestion)
        return Finding(rule=rule.id, severity=rule.severity, span=span, message=message, suggestion=hint or None,
                       fix=fix if rule.fix and fix is not None else None, data=dict(data or {}),
                       applicability=rule.fix if rule.fix and fix is not None else None)

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        for i, ch in enumerate(self.text):
            if ch == "\n":
                starts.append(i + 1)
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    @functools.cached_property
    def _para_starts(self) -> list[int]:
        return [p.span.start for p in self.doc.paragraphs]

    def paragraph_at(self, offset: int) -> int | None:
        """Index of the paragraph holding ``offset``; in a gap between paragraphs, the one
        before it; before the first, the first. O(log n) per call (bisect on the starts)."""
        paras = self.doc.paragraphs
        if not paras:
            return None
        i = bisect.bisect_right(self._para_starts, offset) - 1
        if i < 0:
            return max(0, paras[0].index - 1)
        k = i
        while k > 0 and paras[k - 1].span.end >= offset:
            k -= 1  # touching or empty spans at ``offset``: the first one, as a scan finds it
        if k < i:
            return paras[k].index
        if paras[i].span.end >= offset or i + 1 == len(paras):
            return paras[i].index
        return max(0, paras[i + 1].index - 1)
