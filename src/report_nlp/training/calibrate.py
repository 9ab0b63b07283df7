"""Calibrate the problem classifier on out-of-fold scores: one temperature, one threshold.

Both are fitted on the training corpus only, from the scores of models that did not see the
statement (StratifiedGroupKFold(5) over statement groups, as evaluate.py): the temperature
``T`` minimises the log loss of softmax(scores / T) (Guo et al. 2017, "On Calibration of
Modern Neural Networks", temperature scaling); the threshold ``τ`` maximises the macro-F1
when every statement whose best probability outside ``other`` stays below ``τ`` becomes
``other`` (problems.decide). Both are plain numbers stored in the model JSON, so the runtime
needs no scikit-learn. Grids, not an optimiser: the same data always give the same numbers.
"""
from __future__ import annotations

import warnings

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold

from ..tagger.problems import decide
from .corpus import Dataset
from .pipeline import RANDOM_STATE

FOLDS = 5
TEMPERATURES = np.round(np.exp(np.linspace(np.log(0.1), np.log(10.0), 241)), 6)
#: At most 0.5: a statement sent to ``other`` then has a confidence (1 − best named
#: probability) above 0.5, above each of its alternatives.
THRESHOLDS = np.round(np.arange(0.0, 0.505, 0.01), 2)


def out_of_fold(data: Dataset, spec: dict | None = None) -> tuple[list[str], np.ndarray]:
    """(classes, out-of-fold decision scores) of the category pipeline; a class a fold's model
    never saw scores -inf for that fold's statements."""
    from .train import fit_model

    cv = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=RANDOM_STATE)
    classes = sorted(set(data.y))
    scores = np.full((len(data.y), len(classes)), -np.inf)
    with warnings.catch_warnings():
        # scikit-learn's English note on classes smaller than the folds; rare classes simply
        # miss from some folds' models (their scores stay -inf there)
        warnings.simplefilter("ignore", UserWarning)
        splits = list(cv.split(data.rows, data.y, data.groups))
    for train_idx, test_idx in splits:
        model = fit_model("category", data.subset(train_idx), spec)[1]
        cols = [classes.index(c) for c in model.classes]
        scores[np.ix_(test_idx, cols)] = model.decision([data.rows[i] for i in test_idx])
    return classes, scores


def softmax(scores: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_temperature(scores: np.ndarray, gold: np.ndarray) -> float:
    """The temperature of the grid with the smallest mean log loss (the smallest T on ties)."""
    losses = [-np.mean(np.log(np.clip(softmax(scores, t)[np.arange(len(gold)), gold], 1e-12, None)))
              for t in TEMPERATURES]
    return float(TEMPERATURES[int(np.argmin(losses))])


def macro_f1(gold: list[str], pred: list[str]) -> float:
    return float(f1_score(gold, pred, average="macro", labels=sorted(set(gold)), zero_division=0))


def fit_threshold(classes: list[str], probs: np.ndarray, gold: list[str]) -> tuple[float, float]:
    """(τ, out-of-fold macro-F1 at τ): the grid's best, the smallest on ties."""
    dists = [dict(zip(classes, map(float, row))) for row in probs]
    best = (0.0, -1.0)
    for tau in THRESHOLDS:
        f1 = macro_f1(gold, [decide(d, float(tau))[0] for d in dists])
        if f1 > best[1] + 1e-12:
            best = (float(tau), f1)
    return best


def calibrate(data: Dataset, spec: dict | None = None) -> dict | None:
    """{temperature, other_threshold, oof_macro_f1, oof_macro_f1_uncalibrated}, or None when the
    data have fewer than FOLDS groups (no honest out-of-fold scores then)."""
    if len(set(data.groups)) < FOLDS:
        return None
    classes, scores = out_of_fold(data, spec)
    gold = np.array([classes.index(c) for c in data.y])
    temperature = fit_temperature(scores, gold)
    probs = softmax(scores, temperature)
    raw = macro_f1(data.y, [classes[j] for j in scores.argmax(axis=1)])
    tau, f1 = fit_threshold(classes, probs, data.y) if "other" in classes else (0.0, raw)
    return {"temperature": temperature, "other_threshold": tau, "oof_macro_f1": round(f1, 4),
            "oof_macro_f1_argmax": round(raw, 4)}
