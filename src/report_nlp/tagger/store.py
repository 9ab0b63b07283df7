"""Write and read models as JSON + ``.npy`` arrays; nothing is ever unpickled.

A model ``NAME`` is ``NAME.json`` (kind, classes, blocks with their vocabularies) and
``NAME.coef.npy``, ``NAME.intercept.npy``, ``NAME.idf.BLOCK.npy``, all flat in one folder
(so the wheel's ``models/*`` glob ships them). Arrays are read with ``allow_pickle=False``.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np

from ..errors import ModelProblem
from .linear import Block, LinearModel

FORMAT = "report-nlp/linear-model@1"


def save_model(model: LinearModel, name: str, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    meta: dict[str, object] = {
        "format": FORMAT, "kind": model.kind, "classes": list(model.classes),
        "blocks": [{"name": b.name, "field": b.field, "analyzer": b.analyzer, "weight": b.weight,
                    "ngram_range": list(b.ngram_range), "vocabulary": b.vocabulary} for b in model.blocks],
    }
    if model.temperature != 1.0:
        meta["temperature"] = model.temperature
    if model.other_threshold is not None:
        meta["other_threshold"] = model.other_threshold
    written = [folder / f"{name}.json"]
    written[0].write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    arrays = {"coef": model.coef, "intercept": model.intercept}
    arrays.update({f"idf.{b.name}": b.idf for b in model.blocks if b.idf is not None})
    for key, arr in arrays.items():
        path = folder / f"{name}.{key}.npy"
        with open(path, "wb") as fh:
            np.save(fh, np.ascontiguousarray(arr, dtype=np.float64), allow_pickle=False)
        written.append(path)
    return written


def load_model(name: str, folder: Path) -> LinearModel:
    path = folder / f"{name}.json"
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ModelProblem(f"模型格式不符（{meta.get('format')}），请重新训练", path=str(path))
        blocks = []
        for b in meta["blocks"]:
            idf_path = folder / f"{name}.idf.{b['name']}.npy"
            idf = np.load(idf_path, allow_pickle=False) if b["analyzer"] != "dict" else None
            blocks.append(Block(b["name"], b["field"], b["analyzer"], list(b["vocabulary"]), float(b["weight"]),
                                tuple(b["ngram_range"]), idf))
        coef = np.load(folder / f"{name}.coef.npy", allow_pickle=False)
        intercept = np.load(folder / f"{name}.intercept.npy", allow_pickle=False)
    except (OSError, ValueError, KeyError) as e:
        raise ModelProblem(f"无法读取模型：{e}", path=str(path)) from e
    threshold = meta.get("other_threshold")
    return LinearModel(meta["kind"], list(meta["classes"]), blocks, coef, intercept,
                       float(meta.get("temperature", 1.0)), None if threshold is None else float(threshold))


class ModelScorer:
    """The trained models behind tag() and classify() (see scorer.RuleScorer for the API)."""

    #: A secondary tag is given when its tagger's probability reaches this.
    TAG_THRESHOLD = 0.5

    def __init__(self, part: LinearModel, theme: LinearModel, category: LinearModel | None, tags: LinearModel | None):
        # category None: a scorer for the section taggers only (cross-validation of sections)
        self.part, self.theme, self.category, self.tag_model = part, theme, category, tags

    def parts(self, rows):
        return self.part.dists(rows)

    def themes(self, rows):
        return self.theme.dists(rows)

    @property
    def other_threshold(self) -> float:
        return (self.category.other_threshold if self.category is not None else None) or 0.0

    def categories(self, texts):
        from .features import text_row

        if self.category is None:
            raise ModelProblem("没有问题分类模型（category），请重新训练")
        return self.category.dists([text_row(t) for t in texts])

    def tags(self, texts):
        from .features import text_row
        from .problems import keyword_tags

        if self.tag_model is None or not texts:
            return keyword_tags(texts)
        probs = self.tag_model.proba([text_row(t) for t in texts])
        out = []
        for row in probs:
            chosen = [c for c, p in zip(self.tag_model.classes, row) if p >= self.TAG_THRESHOLD]
            disc = sorted(c.split(":", 1)[1] for c in chosen if c.startswith("discipline:"))
            sif = sorted(c.split(":", 1)[1] for c in chosen if c.startswith("sifeng:"))
            out.append((disc, sif))
        return out


def load_scorer(folder: Path) -> ModelScorer | None:
    """The models in ``folder``, or None when none are installed there."""
    if not (folder / "part.json").is_file():
        return None
    tags = load_model("tags", folder) if (folder / "tags.json").is_file() else None
    return ModelScorer(load_model("part", folder), load_model("theme", folder), load_model("category", folder), tags)


@functools.lru_cache(maxsize=1)
def load_models() -> ModelScorer | None:
    """The shipped models, loaded once on first use."""
    from ..resources import models_dir

    return load_scorer(models_dir())
