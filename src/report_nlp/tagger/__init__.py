"""Tagging and problem classification (labels: ``data/labels.yaml``).

Public API::

    tag(doc, profile=None) -> Document          part/theme/confidence on every paragraph and item
    classify(texts) -> list[ProblemLabel]       category, confidence, alternatives, tags
    problem_items(doc) -> list[(Span, str)]     the problem statements of a tagged document

Labels come from the form of the report (frame lines, heading path, lead-ins: structure.py),
cue phrases (data/cues.yaml) and the trained models shipped in ``models/`` (loaded once, on
first use, without pickle). Without models the cue phrases alone decide.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Document, Span
from .problems import PROBLEMS_SCHEMA, ProblemLabel, problem_items, problems_json

__all__ = ["tag", "classify", "problem_items", "ProblemLabel", "problems_json", "PROBLEMS_SCHEMA", "Span"]


def tag(doc: Document, profile: str | None = None) -> Document:
    """A copy of ``doc`` with part, theme and confidence on every paragraph and item."""
    from .scorer import default_scorer
    from .tagger import tag_document

    tagged = tag_document(doc, default_scorer())
    return replace(tagged, profile=profile) if profile is not None else tagged


def classify(texts: list[str]) -> list[ProblemLabel]:
    """Classify problem statements (one per string) into the categories of ``data/labels.yaml``."""
    from .problems import classify_texts
    from .scorer import default_scorer

    return classify_texts(list(texts), default_scorer())
