"""Problem statements: find them in a tagged document, and classify them.

``classify(texts)`` gives one :class:`ProblemLabel` per statement: the category
(``categories`` of ``data/labels.yaml``), its confidence, the two best alternatives, and the secondary tags
(discipline, sifeng). The trained model decides when installed; the cue phrases of
``data/cues.yaml`` are the fallback and add tags the taggers miss only when nothing else fires.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document, Span
from .cues import cues, keyword_dist, keyword_scores

PROBLEMS_SCHEMA = "report-nlp/problems@1"
_LEADING_MARKER = re.compile(r"^\s*([一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[，,、：:]?|其[一二三四五六七八九][，,、：:]?|[（(]?[一二三四五六七八九十\d]{1,3}[）)]?[、.．，]?)\s*")


@dataclass(frozen=True)
class ProblemLabel:
    text: str
    category: str
    confidence: float
    discipline: tuple[str, ...] = ()
    sifeng: tuple[str, ...] = ()
    alternatives: tuple[tuple[str, float], ...] = ()


def problem_items(doc: Document) -> list[tuple[Span, str]]:
    """The problem statements of a tagged document: items of problems paragraphs, or whole
    problems paragraphs that are not bare headings (nor bare lead-ins ending in ：)."""
    out: list[tuple[Span, str]] = []
    for para in doc.paragraphs:
        items = [it for it in para.items if it.part == "problems"]
        if items:
            out.extend((it.span, doc.slice(it.span)) for it in items)
            continue
        if para.part != "problems" or para.items:
            continue
        if para.kind == "heading" or (para.heading is not None and para.heading.end >= para.span.end):
            continue
        text = doc.para_text(para)
        if text.rstrip().endswith(("：", ":")) and len(text) <= 60:
            continue
        out.append((para.span, text))
    return out


def problems_json(labels: list[ProblemLabel], mode: str | None = None) -> dict:
    """``problems@1``; ``mode`` (``lines`` or ``report``) says how the statements were read."""
    payload = {"schema": PROBLEMS_SCHEMA, "items": [label_json(x) for x in labels]}
    if mode is not None:
        payload["mode"] = mode
    return payload


def label_json(x: ProblemLabel) -> dict:
    return {"text": x.text, "category": x.category, "confidence": round(x.confidence, 3),
            "discipline": list(x.discipline), "sifeng": list(x.sifeng),
            "alternatives": [{"category": c, "confidence": round(p, 3)} for c, p in x.alternatives]}


def strip_marker(text: str) -> str:
    """The statement without its ordinal (一是、（一）、1.), which says nothing of the category."""
    return _LEADING_MARKER.sub("", text, count=1).strip()


OTHER = "other"


def decide(dist: dict[str, float], threshold: float = 0.0) -> tuple[str, float, tuple[tuple[str, float], ...]]:
    """(category, confidence, two alternatives) of one probability distribution.

    The most probable category wins, unless its probability — the best outside ``other`` —
    stays below ``threshold``: then the statement is ``other``, with confidence one minus that
    probability (how likely the best named category is wrong), and the two best named
    categories as alternatives."""
    ranked = sorted(dist.items(), key=lambda kv: (-kv[1], kv[0]))
    named = [(c, float(p)) for c, p in ranked if c != OTHER]
    if threshold > 0.0 and named and ranked[0][0] != OTHER and named[0][1] < threshold:
        return OTHER, 1.0 - named[0][1], tuple(named[:2])
    (best, conf), alts = ranked[0], tuple((c, float(p)) for c, p in ranked[1:3])
    return best, float(conf), alts


def classify_texts(texts: list[str], scorer) -> list[ProblemLabel]:
    clean = [strip_marker(t) or t for t in texts]
    cats = scorer.categories(clean)
    tags = scorer.tags(clean)
    threshold = getattr(scorer, "other_threshold", 0.0)
    out = []
    for text, dist, (disc, sif) in zip(texts, cats, tags):
        best, conf, alts = decide(dist, threshold)
        out.append(ProblemLabel(text=text, category=best, confidence=conf,
                                discipline=tuple(disc), sifeng=tuple(sif), alternatives=alts))
    return out


def keyword_categories(texts: list[str]) -> list[dict[str, float]]:
    table = cues().categories
    out = []
    for t in texts:
        dist = {c: 0.0 for c in table}
        dist.update(keyword_dist(t, table))
        out.append(dist)
    return out


def keyword_tags(texts: list[str]) -> list[tuple[list[str], list[str]]]:
    c = cues()
    out = []
    for t in texts:
        disc = [k for k, v in keyword_scores(t, c.discipline).items() if v]
        sif = [k for k, v in keyword_scores(t, c.sifeng).items() if v]
        out.append((sorted(disc), sorted(sif)))
    return out
