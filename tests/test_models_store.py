"""Models: exported arrays give the pipeline's exact scores, load without pickle, train
deterministically, and the package copy equals the repository's models/."""
from __future__ import annotations

import json
import pathlib
import pickle

import numpy as np
import pytest

from report_nlp.training import corpus as corpus_mod
from report_nlp.tagger.linear import LinearModel
from report_nlp.tagger.store import load_model, load_scorer, save_model
from report_nlp.training.train import fit_model, fit_tags, train

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora"


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> pathlib.Path:
    """The first 12 reports and 300 problem statements of the real corpus."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "sections").mkdir()
    (root / "problems").mkdir()
    recs = [json.loads(x) for p in sorted((CORPUS / "sections").glob("*.jsonl"))
            for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    keep = sorted({r["report"] for r in recs})[:12]
    (root / "sections" / "s.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs if r["report"] in keep), encoding="utf-8")
    probs = [x for p in sorted((CORPUS / "problems").glob("*.jsonl"))
             for x in p.read_text(encoding="utf-8").splitlines() if x.strip()][:300]
    (root / "problems" / "p.jsonl").write_text("\n".join(probs) + "\n", encoding="utf-8")
    return root


def test_exported_scores_equal_the_sklearn_pipeline(small_corpus, tmp_path):
    reports = corpus_mod.load_reports(small_corpus)
    parts, themes = corpus_mod.section_sets(reports)
    for task, data in (("part", parts), ("theme", themes)):
        pipe, model = fit_model(task, data)
        save_model(model, task, tmp_path)
        loaded = load_model(task, tmp_path)
        want = pipe.decision_function(data.rows)
        np.testing.assert_allclose(loaded.decision(data.rows), want, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(loaded.proba(data.rows), pipe.predict_proba(data.rows), rtol=1e-9, atol=1e-12)
        assert loaded.classes == [str(c) for c in pipe.classes_]


def test_exported_tag_taggers_equal_the_sklearn_pipeline(small_corpus):
    from report_nlp.tagger.features import text_row

    data = corpus_mod.problem_set(small_corpus)
    rows = [text_row(t) for t in data.rows]
    fitted = fit_tags(corpus_mod.Dataset(rows, data.y, data.groups))
    assert fitted is not None
    pipe, model = fitted
    np.testing.assert_allclose(model.proba(rows), pipe.predict_proba(rows), rtol=1e-9, atol=1e-12)


def test_training_twice_gives_identical_files(small_corpus, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    train(small_corpus, [a])
    train(small_corpus, [b])
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    assert {"part.json", "theme.json", "category.json", "part.coef.npy"} <= set(names)
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_loading_never_unpickles(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("pickle used while loading models")

    real_load = np.load

    def strict_np_load(*args, **kwargs):
        assert kwargs.get("allow_pickle") is False, "np.load without allow_pickle=False"
        return real_load(*args, **kwargs)

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "Unpickler", refuse)
    monkeypatch.setattr(np, "load", strict_np_load)
    from report_nlp.resources import models_dir

    scorer = load_scorer(models_dir())
    assert scorer is not None
    assert isinstance(scorer.part, LinearModel) and scorer.category.kind == "multinomial"


def test_models_have_a_card():
    top = ROOT / "models"
    files = sorted(p.name for p in top.iterdir() if p.suffix in (".json", ".npy"))
    assert "part.json" in files and "category.json" in files
    card = (top / "README.md").read_text(encoding="utf-8")
    assert "corpus sha256" in card and "scikit-learn" in card


def test_models_are_loaded_lazily_once():
    import subprocess
    import sys

    code = (
        "import sys, report_nlp.tagger as c\n"
        "assert 'report_nlp.tagger.store' not in sys.modules\n"
        "from report_nlp.tagger.scorer import default_scorer\n"
        "assert default_scorer() is default_scorer()\n"
        "print(c.classify(['学习不够深入'])[0].category)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "political_study"


def test_item_words_from_paragraph_tokens_equal_jieba_words():
    """Tagging reuses the segmenter's tokens for items; they must be jieba's words of the item."""
    from report_nlp.io import load
    from report_nlp.segmenter import segment
    from report_nlp.segmenter.tokens import default_tokenizer

    from .conftest import REFERENCE

    doc = segment(load(REFERENCE))
    items = [(p, i) for p in doc.paragraphs for i in p.items]
    assert len(items) == 8
    for para, item in items:
        mine = tuple(doc.slice(t) for t in para.tokens if item.span.contains(t))
        assert mine == tuple(default_tokenizer().words(doc.slice(item.span)))
