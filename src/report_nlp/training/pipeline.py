"""The scikit-learn pipelines that train the models (used by train/evaluate, never at run time).

Each model reads rows (features.py) through a FeatureUnion of TF-IDF blocks — character
n-grams of the text, jieba words of the text, optionally character n-grams of the section
heading — and a DictVectorizer over the context features, into a LogisticRegression.
linear.py exports the fitted pipeline to plain arrays and re-implements its scores.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

RANDOM_STATE = 0

#: Per task: which blocks to use and the classifier's C. Blocks: (name, field, analyzer,
#: ngram range, min_df, weight). ``words`` uses the project's one jieba tokenizer.
SPECS: dict[str, dict] = {
    "part": {"blocks": [("chars", "text", "char", (1, 3), 2, 1.0), ("words", "text", "words", (1, 1), 2, 0.5),
                        ("ctx", "ctx", "dict", None, 1, 1.0)], "C": 10.0},
    "theme": {"blocks": [("chars", "text", "char", (1, 3), 2, 1.0), ("words", "text", "words", (1, 1), 2, 0.5),
                         ("head", "head", "char", (1, 2), 2, 0.5)], "C": 20.0, "class_weight": "balanced"},
    # Chosen by grouped CV without the locked split (training/tune.py): out-of-fold macro-F1
    # 0.878 at C=10, 0.884 balanced, 0.885 at C=30 balanced; 1-4-grams and heavier words no better.
    "category": {"blocks": [("chars", "text", "char", (1, 3), 2, 1.0), ("words", "text", "words", (1, 1), 2, 0.5)],
                 "C": 30.0, "class_weight": "balanced"},
    "tags": {"blocks": [("chars", "text", "char", (1, 3), 2, 1.0), ("words", "text", "words", (1, 1), 2, 0.5)],
             "C": 10.0},
}


class FieldSelector(BaseEstimator, TransformerMixin):
    """Pick one field of each row dict (``text``, ``head`` or ``ctx``)."""

    def __init__(self, field: str = "text"):
        self.field = field

    def fit(self, X, y=None):
        self.n_rows_seen_ = len(X)
        return self

    def transform(self, X):
        return [row[self.field] for row in X]


class WordAnalyzer:
    """jieba words through the project's one tokenizer (segmenter/tokens.py)."""

    def __call__(self, text: str) -> list[str]:
        from ..segmenter.tokens import default_tokenizer

        return default_tokenizer().words(text)


def make_features(task: str, spec: dict | None = None) -> FeatureUnion:
    spec = spec or SPECS[task]
    parts, weights = [], {}
    for name, field, analyzer, ngrams, min_df, weight in spec["blocks"]:
        if analyzer == "dict":
            vec = DictVectorizer(sort=True)
        elif analyzer == "words":
            vec = TfidfVectorizer(analyzer=WordAnalyzer(), min_df=min_df, sublinear_tf=True)
        else:
            vec = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, min_df=min_df, lowercase=False,
                                  sublinear_tf=True, dtype=np.float64)
        parts.append((name, Pipeline([("select", FieldSelector(field)), ("vec", vec)])))
        weights[name] = weight
    return FeatureUnion(parts, transformer_weights=weights)


def make_pipeline(task: str, multilabel: bool = False, spec: dict | None = None) -> Pipeline:
    """The pipeline of ``task``; ``spec`` replaces its SPECS entry (training/tune.py tries settings)."""
    spec = spec or SPECS[task]
    clf = LogisticRegression(C=spec["C"], max_iter=3000, random_state=RANDOM_STATE,
                             class_weight=spec.get("class_weight"))
    if multilabel:
        clf = OneVsRestClassifier(clf)
    return Pipeline([("features", make_features(task, spec)), ("clf", clf)])
