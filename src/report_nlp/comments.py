"""Findings of a check written into a copy of the .docx as Word comments (``--annotate``).

The comment on a missing part or theme carries the text :func:`report_nlp.api.suggest`
proposes for it, ready to paste, rather than a pointer to a command. Anchoring the comments
on the text is :mod:`report_nlp.io.docx_annotate`'s.
"""
from __future__ import annotations

from .io.docx_annotate import AUTHOR, annotate_docx, comment_text
from .model import Finding


def suggested_drafts(result) -> dict[tuple[str, str], str]:
    """``(rule, part or theme) → text`` from :func:`report_nlp.checker.suggest.suggest`, so the
    comment on a missing part carries the text to insert, not a pointer to a command."""
    from .checker.suggest import suggest

    drafts: dict[tuple[str, str], str] = {}
    for s in suggest(result):
        rule = {"part": "STR001", "theme": "STR002"}.get(s.kind)
        if rule:
            drafts.setdefault((rule, s.key), s.text)
    return drafts


def _draft_for(finding: Finding, drafts) -> str | None:
    if not drafts:
        return None
    key = finding.data.get("part") if finding.rule == "STR001" else finding.data.get("theme")
    return drafts.get((finding.rule, key)) if key else None


def annotate_result(result, source_path, out_path, *, author: str = AUTHOR) -> int:
    """Annotate ``source_path`` with the findings of ``result`` (a :class:`CheckResult`), drafts included."""
    drafts = suggested_drafts(result)
    texts = [comment_text(f, _draft_for(f, drafts)) for f in result.findings]
    return annotate_docx(source_path, result.doc, result.findings, out_path, author=author, texts=texts)


