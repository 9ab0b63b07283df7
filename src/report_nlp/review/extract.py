"""What the review needs of one report, taken in the batch worker from its CheckResult.

:func:`report_data` is passed to :func:`report_nlp.batch.run_batch` as ``extract``:
each report is read, tagged and checked once, in whichever process checks it, and only
plain data crosses back (the paragraphs, problem statements with their classification,
next-step measures, figures, the sender).
"""
from __future__ import annotations

import re

from .figures import figures
from .units import unit_of

_PERIOD = re.compile(r"(?:19|20)\d{2}年(?:度|第[一二三四]季度|[一二三四]季度|[上下]半年)?|第[一二三四]季度|[上下]半年")


def report_data(result) -> dict:
    from ..tagger import classify, problem_items
    from ..tagger.problems import strip_marker

    doc = result.doc
    first: dict[str | None, str] = {}
    for para in doc.paragraphs:
        first.setdefault(para.part, doc.para_text(para))
    signature = next((doc.para_text(p) for p in reversed(doc.paragraphs) if p.part == "signature"), None)
    unit, source = unit_of(first.get("header"), first.get("title"), signature, doc.source)
    title = first.get("title") or ""
    period = _PERIOD.search(title)
    paragraphs = [{"index": p.index, "part": p.part, "text": doc.para_text(p)} for p in doc.paragraphs]
    items = statements(doc, problem_items(doc))
    labels = classify([text for _, text in items]) if items else []
    problems = [{"text": text, "clean": strip_marker(text) or text, "paragraph": _para_of(doc, span.start),
                 "category": label.category, "confidence": round(label.confidence, 3),
                 "discipline": list(label.discipline), "sifeng": list(label.sifeng)}
                for (span, text), label in zip(items, labels)]
    measures = []
    for para in doc.paragraphs:
        if para.items:
            measures += [{"text": doc.slice(i.span), "paragraph": para.index} for i in para.items if i.part == "next_steps"]
        elif para.part == "next_steps" and para.kind != "heading":
            measures.append({"text": doc.para_text(para), "paragraph": para.index})
    figs = [f for p in paragraphs if p["part"] not in ("title", "date", "header", "colophon")
            for f in figures(p["text"], p["index"])]
    present = sorted({p.part for p in doc.paragraphs if p.part} | {i.part for p in doc.paragraphs for i in p.items if i.part})
    return {"unit": unit, "unit_source": source, "title": title, "period": period.group() if period else None,
            "required_parts": list(result.profile.required_parts), "present_parts": present,
            "paragraphs": paragraphs, "problems": problems, "measures": measures, "figures": figs,
            "format": doc.format}


def statements(doc, items: list) -> list:
    """The problem statements: :func:`report_nlp.tagger.problem_items`, plus one-sentence
    “一是……。” lines of the problems part, which it leaves out as headings (a line that is one
    lead phrase ending in 。 reads as a heading to the segmenter, but an 一是 item is a statement)."""
    taken = {span.start for span, _ in items}
    extra = []
    for para in doc.paragraphs:
        if (para.part == "problems" and para.kind == "item" and not para.items and para.span.start not in taken
                and para.marker and para.marker.endswith("是") and len(para.span) >= 12):
            extra.append((para.span, doc.para_text(para)))
    return sorted(items + extra, key=lambda x: x[0].start)


def _para_of(doc, offset: int) -> int:
    for para in doc.paragraphs:
        if para.span.start <= offset < max(para.span.end, para.span.start + 1):
            return para.index
    return 0
