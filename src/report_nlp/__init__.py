"""report-nlp: draft and check 党风廉政建设 / 全面从严治党主体责任 work reports, offline.

Public API (imported lazily, so ``import report_nlp`` stays cheap)::

    doc = report_nlp.segment(report_nlp.load("draft.docx"))
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["load", "segment", "Document", "Paragraph", "Item", "Span", "Finding", "RawText", "__version__"]

_LAZY = {
    "load": ("report_nlp.io", "load"),
    "segment": ("report_nlp.segment", "segment"),
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
