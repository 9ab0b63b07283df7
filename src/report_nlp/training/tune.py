"""Choose the problem classifier's settings by grouped cross-validation, never by the dev set.

``python -m report_nlp.training.tune`` tries settings of the ``category`` pipeline on the
training corpus minus the locked test split (corpus.is_locked), with the folds of
evaluate.py (StratifiedGroupKFold(5) over statement groups), and prints the out-of-fold
macro-F1 of each, best last. The winner is written into pipeline.SPECS by hand, so a
reader sees the settings in the code; ``corpora/dev/`` is not read here.
"""
from __future__ import annotations

import copy
import json
import sys
import warnings
from pathlib import Path

from ..tagger.features import text_row
from .calibrate import macro_f1, out_of_fold
from .corpus import Dataset, default_root, is_locked, load_reports, problem_set
from .pipeline import SPECS


def development_problems(root: Path) -> Dataset:
    """The problem statements outside the locked split, as classifier rows."""
    reports = [r for r in load_reports(root) if not is_locked(r.id)]
    data = problem_set(root, reports)
    return Dataset([text_row(t) for t in data.rows], [c for c, _ in data.y], data.groups)


def candidates() -> list[tuple[str, dict]]:
    base = SPECS["category"]
    out = []
    for c in (10.0, 30.0):
        for cw in (None, "balanced"):
            spec = copy.deepcopy(base)
            spec.update(C=c, class_weight=cw)
            out.append((f"C={c:g} class_weight={cw}", spec))
    return out


def variants(spec: dict) -> list[tuple[str, dict]]:
    """Block variants of a chosen C / class_weight: n-gram ranges and the word block's weight."""
    out = []
    for name, chars, words_w in (("chars 1-4", (1, 4), 0.5), ("words weight 1.0", (1, 3), 1.0)):
        v = copy.deepcopy(spec)
        v["blocks"] = [("chars", "text", "char", chars, 2, 1.0), ("words", "text", "words", (1, 1), 2, words_w)]
        out.append((name, v))
    return out


def score(data: Dataset, spec: dict) -> float:
    classes, scores = out_of_fold(data, spec)
    return macro_f1(data.y, [classes[j] for j in scores.argmax(axis=1)])


def main(argv: list[str]) -> int:
    warnings.simplefilter("ignore", UserWarning)
    root = Path(argv[0]) if argv else default_root()
    data = development_problems(root)
    print(f"{len(data.y)} statements, {len(set(data.groups))} groups (locked split left out)", flush=True)
    results = []
    for name, spec in candidates():
        results.append((score(data, spec), name, spec))
        print(f"{results[-1][0]:.4f}  {name}", flush=True)
    best = max(results, key=lambda r: r[0])
    for name, spec in variants(best[2]):
        results.append((score(data, spec), f"{best[1]}, {name}", spec))
        print(f"{results[-1][0]:.4f}  {results[-1][1]}", flush=True)
    best = max(results, key=lambda r: r[0])
    print("best:", f"{best[0]:.4f}", best[1], json.dumps({k: v for k, v in best[2].items()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
