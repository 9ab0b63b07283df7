"""Text scorers behind the tagger and the classifier: trained models, or cue phrases.

A scorer answers four questions for lists of rows/texts: part distributions (or None when
it has no part model), theme distributions, category distributions and secondary tags.
"""
from __future__ import annotations

import functools

from .cues import cues, keyword_dist
from .problems import keyword_categories, keyword_tags


class RuleScorer:
    """Cue phrases only: used when no trained model is installed."""

    #: Cue phrases give no calibrated probability: no threshold sends a statement to ``other``.
    other_threshold = 0.0

    def parts(self, rows: list[dict]):
        return None

    def themes(self, rows: list[dict]) -> list[dict[str, float]]:
        table = cues().themes
        return [keyword_dist(r["text"], table) for r in rows]

    def categories(self, texts: list[str]) -> list[dict[str, float]]:
        return keyword_categories(texts)

    def tags(self, texts: list[str]):
        return keyword_tags(texts)


@functools.lru_cache(maxsize=1)
def default_scorer():
    """The trained models when installed (loaded once), else the cue phrases."""
    from .store import load_models

    models = load_models()
    return RuleScorer() if models is None else models
