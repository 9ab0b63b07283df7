"""report-nlp: draft and check 党风廉政建设 / 全面从严治党主体责任 work reports, offline.

Public API (imported lazily, so ``import report_nlp`` stays cheap)::

    doc = report_nlp.tag(report_nlp.segment(report_nlp.load("draft.docx")))
    result = report_nlp.check(doc, profile="auto")
    labels = report_nlp.classify(["个别干部纪律观念淡薄。"])
    text = report_nlp.draft(inputs, profile="quarterly")
    report_nlp.write_docx(text, "报告.docx")                # GB/T 9704 layout
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["load", "segment", "tag", "classify", "check", "check_text", "draft", "write_docx", "Document", "Paragraph", "Item", "Span", "Finding", "RawText", "__version__"]

_LAZY = {
    "load": ("report_nlp.io", "load"),
    "segment": ("report_nlp.segment", "segment"),
    "tag": ("report_nlp.classify", "tag"),
    "classify": ("report_nlp.classify", "classify"),
    "check": ("report_nlp.check", "check"),
    "check_text": ("report_nlp.check", "check_text"),
    "write_docx": ("report_nlp.io.docx_write", "write_docx"),
    "draft": ("report_nlp.draft", "draft"),
    "Document": ("report_nlp.model", "Document"),
    "Paragraph": ("report_nlp.model", "Paragraph"),
    "Item": ("report_nlp.model", "Item"),
    "Span": ("report_nlp.model", "Span"),
    "Finding": ("report_nlp.model", "Finding"),
    "RawText": ("report_nlp.model", "RawText"),
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(name)
