"""Serialise documents to the ``report-nlp/document@1`` JSON schema and a readable tree."""
from __future__ import annotations

from .model import Document, Item, Paragraph

DOCUMENT_SCHEMA = "report-nlp/document@1"

KIND_NAMES = {"heading": "标题行", "item": "条目段", "paragraph": "段落"}


def document_json(doc: Document) -> dict:
    return {
        "schema": DOCUMENT_SCHEMA,
        "source": doc.source,
        "profile": doc.profile,
        "paragraphs": [_paragraph_json(doc, p) for p in doc.paragraphs],
    }


def _paragraph_json(doc: Document, para: Paragraph) -> dict:
    return {
        "index": para.index,
        "start": para.span.start,
        "end": para.span.end,
        "text": doc.para_text(para),
        "kind": para.kind,
        "level": para.level,
        "marker": para.marker,
        "heading": [para.heading.start, para.heading.end] if para.heading else None,
        "part": para.part,
        "theme": para.theme,
        "confidence": _round(para.confidence),
        "sentences": [[s.start, s.end] for s in para.sentences],
        "items": [_item_json(doc, i) for i in para.items],
    }


def _item_json(doc: Document, item: Item) -> dict:
    return {
        "start": item.span.start,
        "end": item.span.end,
        "marker": item.marker,
        "text": doc.slice(item.span),
        "part": item.part,
        "theme": item.theme,
        "confidence": _round(item.confidence),
    }


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 3)


def document_tree(doc: Document, *, labels: bool = False, width: int = 36) -> str:
    """One line per paragraph (and per item), for people."""
    from .taxonomy import taxonomy

    tax = taxonomy() if labels else None
    lines = [f"{doc.source}：{len(doc.paragraphs)}段" + (f"，类型：{doc.profile}" if doc.profile else "")]
    for para in doc.paragraphs:
        head = KIND_NAMES.get(para.kind, para.kind)
        if para.level:
            head += f" L{para.level}"
        if para.marker and not para.level:
            head += f" {para.marker}"
        label = ""
        if tax is not None:
            label = f" [{tax.part_name(para.part)}" + (f"/{tax.theme_name(para.theme)}" if para.theme else "")
            label += f" {para.confidence:.2f}]" if para.confidence is not None else "]"
        lines.append(f"[{para.index:>3}] {head:<10}{label} {_clip(doc.para_text(para), width)}")
        for item in para.items:
            ilabel = ""
            if tax is not None:
                ilabel = f" [{tax.part_name(item.part)}" + (f"/{tax.theme_name(item.theme)}" if item.theme else "")
                ilabel += f" {item.confidence:.2f}]" if item.confidence is not None else "]"
            lines.append(f"        └ {item.marker}{ilabel} {_clip(doc.slice(item.span), width)}")
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
