"""Train the models from ``corpora/`` into a models folder, deterministically.

Inputs are sorted (reports by id, records by index, problems by id), every estimator has a
fixed ``random_state``, and the files are written byte-stable (JSON with fixed separators,
``.npy`` without pickle), so the same corpus gives the same files.
"""
from __future__ import annotations

import platform
from pathlib import Path

from .corpus import Dataset, Report, corpus_hash, load_reports, problem_set, section_sets
from ..tagger.linear import LinearModel
from .pipeline import make_pipeline
from ..tagger.store import save_model

#: A secondary tag needs this many positive statements to get its own tagger.
MIN_TAG_POSITIVES = 8


def fit_model(task: str, data: Dataset, spec: dict | None = None) -> tuple[object, LinearModel]:
    """Fit the sklearn pipeline of ``task`` on ``data``; return it and its exported arrays."""
    pipe = make_pipeline(task, spec=spec).fit(data.rows, data.y)
    return pipe, LinearModel.from_pipeline(pipe)


def fit_tags(data: Dataset) -> tuple[object, LinearModel] | None:
    """One-vs-rest taggers for the secondary tags with enough positives."""
    from sklearn.preprocessing import MultiLabelBinarizer

    labels = [tags for _, tags in data.y]
    counts: dict[str, int] = {}
    for tags in labels:
        for t in tags:
            counts[t] = counts.get(t, 0) + 1
    kept = sorted(t for t, n in counts.items() if n >= MIN_TAG_POSITIVES and n < len(labels))
    if not kept:
        return None
    mlb = MultiLabelBinarizer(classes=kept)
    Y = mlb.fit_transform([[t for t in tags if t in kept] for tags in labels])
    pipe = make_pipeline("tags", multilabel=True).fit(data.rows, Y)
    return pipe, LinearModel.from_pipeline(pipe, classes=kept)


def train_sections(reports: list[Report], out: Path) -> dict:
    parts, themes = section_sets(reports)
    _, part_model = fit_model("part", parts)
    _, theme_model = fit_model("theme", themes)
    save_model(part_model, "part", out)
    save_model(theme_model, "theme", out)
    return {"reports": len(reports), "part_rows": len(parts.y), "theme_rows": len(themes.y)}


def fit_category(data: Dataset) -> tuple[LinearModel, dict | None]:
    """The category model on classifier rows, with its temperature and ``other`` threshold
    fitted on out-of-fold scores of the same data (calibrate.py); and the calibration figures."""
    from .calibrate import calibrate

    model = fit_model("category", data)[1]
    cal = calibrate(data)
    if cal is not None:
        model.temperature, model.other_threshold = cal["temperature"], cal["other_threshold"]
    return model, cal


def train_problems(data: Dataset, out: Path) -> dict:
    cat = Dataset(data.rows, [c for c, _ in data.y], data.groups)
    from ..tagger.features import text_row

    rows = [text_row(t) for t in cat.rows]
    cat_model, cal = fit_category(Dataset(rows, cat.y, cat.groups))
    save_model(cat_model, "category", out)
    tagged = fit_tags(Dataset(rows, data.y, data.groups))
    if tagged is not None:
        save_model(tagged[1], "tags", out)
    return {"statements": len(cat.y), "tags": tagged[1].classes if tagged else [], "calibration": cal}


def train(root: Path, outs: list[Path], which: str | None = None) -> dict:
    """Train ``which`` (sections, problems or both) into the first folder, mirror the rest."""
    import shutil

    out = outs[0]
    stats: dict = {"corpus_sha256": corpus_hash(root)}
    reports = load_reports(root)
    if which in (None, "sections"):
        stats["sections"] = train_sections(reports, out)
    if which in (None, "problems"):
        stats["problems"] = train_problems(problem_set(root, reports), out)
    for mirror in outs[1:]:
        mirror.mkdir(parents=True, exist_ok=True)
        for path in sorted(out.glob("*.json")) + sorted(out.glob("*.npy")):
            shutil.copyfile(path, mirror / path.name)
    return stats


def library_versions() -> dict[str, str]:
    import jieba
    import numpy
    import scipy
    import sklearn

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__, "numpy": numpy.__version__,
            "scipy": scipy.__version__, "jieba": jieba.__version__}
