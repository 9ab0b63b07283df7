"""report-nlp: draft and check 党风廉政建设 / 全面从严治党主体责任 work reports, offline.

The library's verbs live in :mod:`report_nlp.api` and are re-exported here::

    doc = report_nlp.tag(report_nlp.segment(report_nlp.load("draft.docx")))
    result = report_nlp.check(doc, profile="auto")
    labels = report_nlp.classify(["个别干部纪律观念淡薄。"])
    text = report_nlp.draft(inputs, profile="quarterly")
    report_nlp.write_docx(text, "报告.docx")                # GB/T 9704 layout

Subpackages are named for what they are (segmenter, tagger, checker, drafter, layout, io,
training), never for a verb, so ``report_nlp.check`` is always the function.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .api import (annotate, check, check_text, classify, draft, fix_layout, load, segment, suggest, tag,  # noqa: E402
                  write_docx)

__all__ = ["load", "segment", "tag", "check", "check_text", "suggest", "classify", "draft", "annotate", "fix_layout",
           "write_docx", "Document", "Paragraph", "Item", "Span", "Finding", "RawText", "Severity", "__version__"]

_TYPES = {"Document", "Paragraph", "Item", "Span", "Finding", "RawText", "Severity"}


def __getattr__(name: str):
    if name in _TYPES:
        from . import model

        return getattr(model, name)
    raise AttributeError(name)
