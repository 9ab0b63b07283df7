"""Cross-validated scores of the tagger and the classifier, folds grouped by report; and the
scores on the locked test split and on the development set in other voices.

Sections: StratifiedGroupKFold(5) over reports (stratified on each report's kind); the
models are trained on four folds and the whole tagger (rules + models) labels the held-out
reports. Problems: StratifiedGroupKFold(5) over statement groups (group id, or the report
id for problems taken from sections); at the full share the classifier is the shipped one —
temperature and ``other`` threshold fitted inside the training folds (nested), applied as at
run time. A learning curve retrains on 25/50/100% of the training groups of each fold.

The cross-validation runs without the locked test split (corpus.is_locked), which is scored
once, by models trained on all other reports and statements. ``corpora/dev/`` (statements in
other voices) is never trained on; it is scored by models trained on the whole corpus.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedGroupKFold

from ..errors import InputError
from ..tagger.problems import decide
from .corpus import Dataset, Report, _read_jsonl, is_locked, load_reports, problem_set, section_sets
from ..tagger.features import text_row
from .pipeline import RANDOM_STATE
from ..tagger.store import ModelScorer
from ..tagger.tagger import tag_document
from .train import fit_category, fit_model

FOLDS = 5
FRACTIONS = (0.25, 0.5, 1.0)


def _subsample_groups(groups: list[str], fraction: float) -> set[str]:
    uniq = sorted(set(groups))
    if fraction >= 1.0:
        return set(uniq)
    rng = np.random.RandomState(RANDOM_STATE)
    keep = max(1, int(round(len(uniq) * fraction)))
    return set(rng.permutation(uniq)[:keep].tolist())


def _gold_themes(rep: Report, doc) -> tuple[list[str], list[str]]:
    gold, pred = [], []
    for k, rec in enumerate(rep.records):
        if rec.get("theme"):
            gold.append(rec["theme"])
            pred.append(doc.paragraphs[k].theme or "none")
        for j, g in rep.items.get(k, []):
            if g.get("theme"):
                gold.append(g["theme"])
                pred.append(doc.paragraphs[k].items[j].theme or "none")
    return gold, pred


def _enough(groups: list[str], what: str, root: Path) -> None:
    """Five folds grouped by report need at least five groups; say so instead of failing deep in sklearn."""
    if len(set(groups)) < FOLDS:
        raise InputError(f"语料太少，无法做{FOLDS}折交叉验证：{what}只有{len(set(groups))}组，至少需要{FOLDS}组",
                         path=str(root))


def _score_reports(reports: list[Report], scorer, gp: list, pp: list, gt: list, pt: list) -> None:
    """Tag each report with ``scorer``; append gold and predicted parts and themes."""
    for rep in reports:
        doc = tag_document(rep.doc, scorer)
        gp += [r["part"] for r in rep.records]
        pp += [p.part for p in doc.paragraphs]
        g, p = _gold_themes(rep, doc)
        gt += g
        pt += p


def evaluate_sections(root: Path, fractions=FRACTIONS, progress=None) -> dict:
    """``progress(task, fraction, fold)`` is called after each fold (fold counts from 1)."""
    reports = [rep for rep in load_reports(root) if not is_locked(rep.id)]
    _enough([rep.id for rep in reports], "段落语料（锁定测试集以外的报告）", root)
    kinds = [rep.records[0].get("kind", "") for rep in reports]
    if max(Counter(kinds).values()) < FOLDS:
        # No kind has a report for every fold (a small corpus): folds by report alone, rather
        # than scikit-learn's error deep inside the split.
        kinds = [""] * len(kinds)
    ids = [rep.id for rep in reports]
    cv = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=RANDOM_STATE)
    curve: dict[float, dict] = {}
    last: dict[str, list] = {}
    for fraction in fractions:
        gp: list[str] = []
        pp: list[str | None] = []
        gt: list[str] = []
        pt: list[str] = []
        for fold, (train_idx, test_idx) in enumerate(cv.split(ids, kinds, ids), 1):
            keep = _subsample_groups([ids[i] for i in train_idx], fraction)
            parts, themes = section_sets([reports[i] for i in train_idx if ids[i] in keep])
            scorer = ModelScorer(fit_model("part", parts)[1], fit_model("theme", themes)[1], None, None)
            _score_reports([reports[i] for i in test_idx], scorer, gp, pp, gt, pt)
            if progress:
                progress("sections", fraction, fold)
        curve[fraction] = {"part_accuracy": accuracy_score(gp, pp),
                           "theme_macro_f1": f1_score(gt, pt, average="macro", labels=sorted(set(gt)), zero_division=0)}
        last = {"gold_parts": gp, "pred_parts": pp, "gold_themes": gt, "pred_themes": pt}
    rules = [c.part for rep in reports for c in rep.ctxs]
    gold_all = [r["part"] for rep in reports for r in rep.records]
    return {
        "reports": len(reports), "paragraphs": len(last["gold_parts"]), "themed": len(last["gold_themes"]),
        "part_accuracy": curve[fractions[-1]]["part_accuracy"],
        "part_accuracy_rules_only": accuracy_score(gold_all, rules),
        "theme_macro_f1": curve[fractions[-1]]["theme_macro_f1"],
        # `other` is rare (a few dozen rows) and vague by definition; shown apart, not hidden.
        "theme_macro_f1_without_other": f1_score(
            last["gold_themes"], last["pred_themes"], average="macro", zero_division=0,
            labels=sorted(set(last["gold_themes"]) - {"other"})),
        "theme_accuracy": accuracy_score(last["gold_themes"], last["pred_themes"]),
        "part_confusion": confusion(last["gold_parts"], last["pred_parts"]),
        "theme_confusion": confusion(last["gold_themes"], last["pred_themes"]),
        "learning_curve": [{"fraction": f, **{k: round(v, 4) for k, v in s.items()}} for f, s in curve.items()],
    }


def evaluate_problems(root: Path, fractions=FRACTIONS, progress=None) -> dict:
    """``progress(task, fraction, fold)`` is called after each fold (fold counts from 1)."""
    data = problem_set(root, [rep for rep in load_reports(root) if not is_locked(rep.id)])
    _enough(data.groups, "问题语料（问题组）", root)
    cats = [c for c, _ in data.y]
    cv = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=RANDOM_STATE)
    curve: dict[float, float] = {}
    gold: list[str] = []
    pred: list[str] = []
    argmax: list[str] = []
    for fraction in fractions:
        gold, pred, argmax = [], [], []
        for fold, (train_idx, test_idx) in enumerate(cv.split(data.rows, cats, data.groups), 1):
            keep = _subsample_groups([data.groups[i] for i in train_idx], fraction)
            idx = [i for i in train_idx if data.groups[i] in keep]
            train = Dataset([text_row(data.rows[i]) for i in idx], [cats[i] for i in idx], [data.groups[i] for i in idx])
            # The full share scores the shipped classifier (calibrated inside the training folds);
            # the smaller shares, for the curve, the plain argmax.
            model = fit_category(train)[0] if fraction >= 1.0 else fit_model("category", train)[1]
            gold += [cats[i] for i in test_idx]
            p, a = _predict(model, [data.rows[i] for i in test_idx])
            pred += p
            argmax += a
            if progress:
                progress("problems", fraction, fold)
        curve[fraction] = _macro(gold, argmax)
    labels = sorted(set(gold))
    per = f1_score(gold, pred, average=None, labels=labels, zero_division=0)
    return {
        "statements": len(gold), "category_macro_f1": _macro(gold, pred),
        "category_macro_f1_argmax": _macro(gold, argmax),
        "category_accuracy": accuracy_score(gold, pred),
        "per_category_f1": {c: round(float(f), 4) for c, f in zip(labels, per)},
        "category_confusion": confusion(gold, pred),
        "learning_curve": [{"fraction": f, "category_macro_f1": round(v, 4)} for f, v in curve.items()],
    }


def _macro(gold: list[str], pred: list[str]) -> float:
    return float(f1_score(gold, pred, average="macro", labels=sorted(set(gold)), zero_division=0))


def _predict(model, texts: list[str]) -> tuple[list[str], list[str]]:
    """(decisions as at run time — temperature and ``other`` threshold —, plain argmax)."""
    dists = model.dists([text_row(t) for t in texts])
    threshold = model.other_threshold or 0.0
    return ([decide(d, threshold)[0] for d in dists],
            [max(sorted(d), key=lambda c: d[c]) for d in dists])


def _category_set(data: Dataset) -> Dataset:
    return Dataset([text_row(t) for t in data.rows], [c for c, _ in data.y], data.groups)


def dev_files(root: Path) -> list[Path]:
    return sorted((root / "dev").glob("*.jsonl"))


def evaluate_dev(root: Path, fractions=FRACTIONS, progress=None) -> dict | None:
    """Macro-F1 on ``corpora/dev`` (statements in other voices, never trained on), by models
    trained on the whole corpus, and its learning curve (25/50/100% of the statement groups);
    None when the corpus has no dev/ folder."""
    if not dev_files(root):
        return None
    from ..tagger.problems import strip_marker

    dev = _read_jsonl(dev_files(root))
    texts = [strip_marker(r["text"]) or r["text"] for r in dev]
    gold = [r["category"] for r in dev]
    data = _category_set(problem_set(root))
    curve: list = []
    pred: list[str] = []
    for fraction in fractions:
        keep = _subsample_groups(data.groups, fraction)
        train = data.subset([i for i, g in enumerate(data.groups) if g in keep])
        model = fit_category(train)[0] if fraction >= 1.0 else fit_model("category", train)[1]
        pred, argmax = _predict(model, texts)
        curve.append({"fraction": fraction, "category_macro_f1": round(_macro(gold, argmax), 4)})
        if progress:
            progress("dev", fraction, None)
    registers: dict[str, list[int]] = {}
    for r, p in zip(dev, pred):
        registers.setdefault(r.get("register") or "-", [0, 0])
        registers[r.get("register") or "-"][0] += p == r["category"]
        registers[r.get("register") or "-"][1] += 1
    return {"statements": len(gold), "category_macro_f1": _macro(gold, pred),
            "category_macro_f1_argmax": _macro(gold, argmax), "category_accuracy": accuracy_score(gold, pred),
            "accuracy_by_register": {k: round(a / n, 4) for k, (a, n) in sorted(registers.items())},
            "learning_curve": curve}


def evaluate_locked(root: Path, progress=None) -> dict | None:
    """Scores on the locked test split, by models trained on everything else (all problem
    statements of corpora/problems, and the reports outside the split); None without one."""
    reports = load_reports(root)
    locked = [rep for rep in reports if is_locked(rep.id)]
    rest = [rep for rep in reports if not is_locked(rep.id)]
    if not locked or not rest:
        return None
    parts, themes = section_sets(rest)
    scorer = ModelScorer(fit_model("part", parts)[1], fit_model("theme", themes)[1], None, None)
    gp: list[str] = []
    pp: list[str | None] = []
    gt: list[str] = []
    pt: list[str] = []
    _score_reports(locked, scorer, gp, pp, gt, pt)
    if progress:
        progress("locked", 1.0, None)
    test = problem_set(root, locked)
    test_idx = [i for i, g in enumerate(test.groups) if g in {rep.id for rep in locked}]
    model = fit_category(_category_set(problem_set(root, rest)))[0]
    gold = [test.y[i][0] for i in test_idx]
    pred, argmax = _predict(model, [test.rows[i] for i in test_idx])
    return {"reports": len(locked), "report_ids": [rep.id for rep in locked], "paragraphs": len(gp),
            "themed": len(gt), "part_accuracy": accuracy_score(gp, pp),
            "theme_macro_f1": f1_score(gt, pt, average="macro", labels=sorted(set(gt)), zero_division=0),
            "statements": len(gold), "category_macro_f1": _macro(gold, pred) if gold else None,
            "category_macro_f1_argmax": _macro(gold, argmax) if gold else None}


def confusion(gold: list[str], pred: list[str]) -> dict[str, dict[str, int]]:
    """gold label → {predicted label: count} (only non-zero cells)."""
    table: dict[str, Counter] = {}
    for g, p in zip(gold, pred):
        table.setdefault(g, Counter())[p] += 1
    return {g: dict(sorted(c.items())) for g, c in sorted(table.items())}
