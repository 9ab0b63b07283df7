"""A fitted pipeline as plain arrays, and the scores recomputed from them.

``LinearModel.from_pipeline(pipe)`` reads the vocabularies, idf weights, block weights,
coefficients and intercepts out of a fitted pipeline.py pipeline; ``decision(rows)`` and
``proba(rows)`` redo TF-IDF (character n-grams as scikit-learn makes them, jieba words),
the context one-hots and the linear scores — the same numbers as the pipeline, with no
scikit-learn and no pickle at run time.
"""
from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
import dataclasses
from dataclasses import dataclass

import numpy as np

_WHITE_SPACES = re.compile(r"\s\s+")  # as sklearn's CountVectorizer normalises spaces


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """jieba words of ``text``; cached because the part and theme models read the same rows."""
    from ..segmenter.tokens import default_tokenizer

    return tuple(default_tokenizer().words(text))


@dataclass
class Block:
    name: str
    field: str
    analyzer: str                 # "char", "words" or "dict"
    vocabulary: list[str]
    weight: float = 1.0
    ngram_range: tuple[int, int] = (1, 1)
    idf: np.ndarray | None = None
    # dataclasses.field spelled out: the ``field`` attribute above shadows the bare name here
    index: dict[str, int] = dataclasses.field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.index = {t: i for i, t in enumerate(self.vocabulary)}

    def features(self, value, words: tuple[str, ...] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and values of one row in this block (before the block weight).

        ``words``: the jieba words of ``value`` when the segmenter already has them. Columns
        come unsorted: only the dot product with the coefficients needs them."""
        if self.analyzer == "dict":
            return _lookup(self.index, value, np.fromiter(value.values(), dtype=np.float64, count=len(value)))
        counts = Counter(words) if words is not None and self.analyzer == "words" else self._counts(value)
        cols, ns = _lookup(self.index, counts, np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
        if not len(cols):
            return cols, ns
        assert self.idf is not None, "a text block (char or words) always carries idf weights"
        vals = (np.log(ns) + 1.0) * self.idf[cols]
        return cols, vals / math.sqrt(float(vals @ vals))

    def _counts(self, text: str) -> Counter:
        if self.analyzer == "words":
            return Counter(_words(text))
        return _ngram_counts(text, *self.ngram_range)


def _lookup(index: dict[str, int], keys, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Columns of ``keys`` in the vocabulary, and their values; unknown keys dropped.

    The lookups run in C (``map`` over ``dict.get``): this is the hot loop of tagging."""
    cols = np.fromiter(map(index.get, keys, itertools.repeat(-1)), dtype=np.int64, count=len(values))
    known = cols >= 0
    return cols[known], values[known]


@functools.lru_cache(maxsize=2048)
def _ngram_counts(text: str, lo: int, hi: int) -> Counter:
    """Character n-gram counts as scikit-learn's ``char`` analyzer makes them; cached because
    several models read the same paragraph."""
    text = _WHITE_SPACES.sub(" ", text)
    grams: list[str] = []
    for n in range(lo, min(hi, len(text)) + 1):
        # zip of shifted copies builds the n-grams in C rather than by slicing in a loop
        grams.extend(text if n == 1 else map("".join, zip(*(text[k:] for k in range(n)))))
    return Counter(grams)


@dataclass
class LinearModel:
    kind: str                     # "multinomial" (softmax), "binary" or "ovr" (sigmoid per class)
    classes: list[str]
    blocks: list[Block]
    coef: np.ndarray              # (n_classes or 1, n_features)
    intercept: np.ndarray
    #: Softmax temperature fitted on out-of-fold scores (train.calibrate): probabilities are
    #: softmax(scores / temperature), so that a confidence of 0.8 is right about 80 % of the time.
    temperature: float = 1.0
    #: A statement whose best probability outside ``other`` stays below this is ``other``
    #: (problems.decide); None when the model was trained without the threshold.
    other_threshold: float | None = None

    def transform(self, rows: list[dict]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each row as (column indices, values): the non-zeros of its sparse feature vector."""
        out = []
        for row in rows:
            cols, vals, offset = [], [], 0
            for block in self.blocks:
                c, v = block.features(row[block.field], row.get("words") if block.field == "text" else None)
                cols.append(c + offset)
                vals.append(v * block.weight)
                offset += len(block.vocabulary)
            out.append((np.concatenate(cols), np.concatenate(vals)))
        return out

    def decision(self, rows: list[dict]) -> np.ndarray:
        if not rows:
            return np.zeros((0, len(self.coef)))
        # A sparse dot product by hand: scipy.sparse would cost more to import than to use.
        scores = np.vstack([self.coef[:, cols] @ vals for cols, vals in self.transform(rows)]) + self.intercept
        return scores.ravel() if self.kind == "binary" else scores

    def proba(self, rows: list[dict]) -> np.ndarray:
        scores = self.decision(rows)
        if self.kind == "binary":
            p = 1.0 / (1.0 + np.exp(-scores))
            return np.column_stack([1.0 - p, p])
        if self.kind == "ovr":
            return 1.0 / (1.0 + np.exp(-scores))
        scores = scores / self.temperature
        scores = scores - scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)

    def dists(self, rows: list[dict]) -> list[dict[str, float]]:
        if not rows:
            return []
        return [dict(zip(self.classes, map(float, p))) for p in self.proba(rows)]

    @classmethod
    def from_pipeline(cls, pipe, classes: list[str] | None = None) -> "LinearModel":
        union, clf = pipe.named_steps["features"], pipe.named_steps["clf"]
        weights = union.transformer_weights or {}
        blocks = [_export_block(name, sub, weights.get(name, 1.0)) for name, sub in union.transformer_list]
        if hasattr(clf, "estimators_"):  # OneVsRestClassifier over binary LogisticRegressions
            coef = np.vstack([e.coef_ for e in clf.estimators_])
            intercept = np.concatenate([e.intercept_ for e in clf.estimators_])
            return cls("ovr", list(classes or clf.classes_), blocks, coef, intercept)
        kind = "binary" if len(clf.classes_) == 2 else "multinomial"
        return cls(kind, [str(c) for c in clf.classes_], blocks, np.asarray(clf.coef_, dtype=np.float64),
                   np.asarray(clf.intercept_, dtype=np.float64))


def _export_block(name: str, sub, weight: float) -> Block:
    field_name, vec = sub.named_steps["select"].field, sub.named_steps["vec"]
    if hasattr(vec, "feature_names_"):
        return Block(name, field_name, "dict", list(vec.feature_names_), float(weight))
    vocab = [""] * len(vec.vocabulary_)
    for term, i in vec.vocabulary_.items():
        vocab[i] = term
    analyzer = "words" if callable(vec.analyzer) else vec.analyzer
    if analyzer not in ("char", "words") or not vec.sublinear_tf or vec.norm != "l2" or vec.lowercase and analyzer == "char":
        raise ValueError(f"block {name}: only char/words, sublinear tf, l2 norm, no lowercasing are exported")
    return Block(name, field_name, analyzer, vocab, float(weight), tuple(vec.ngram_range),
                 np.asarray(vec.idf_, dtype=np.float64))
