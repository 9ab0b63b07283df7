"""Issue 10 item 6: a calibrated problem classifier with an explicit ``other``.

The temperature and the ``other`` threshold are plain numbers in the model JSON, applied by
the runtime without scikit-learn; both are fitted on out-of-fold scores of the training
corpus, deterministically; the locked test split is a fixed rule on report ids."""
from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import numpy as np
import pytest

from report_nlp.tagger.linear import Block, LinearModel
from report_nlp.tagger.problems import classify_texts, decide
from report_nlp.tagger.store import load_model, save_model
from report_nlp.training.calibrate import fit_temperature, fit_threshold, softmax
from report_nlp.training.corpus import is_locked

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_below_the_threshold_a_statement_is_other():
    dist = {"supervision": 0.40, "enforcement": 0.35, "other": 0.25}
    assert decide(dist, 0.0) == ("supervision", 0.40, (("enforcement", 0.35), ("other", 0.25)))
    cat, conf, alts = decide(dist, 0.45)
    assert cat == "other" and conf == pytest.approx(0.60)
    assert alts == (("supervision", 0.40), ("enforcement", 0.35))  # the named categories stay visible
    # At or above the threshold the best named category stays.
    assert decide(dist, 0.40)[0] == "supervision"
    # `other` already on top stays `other`, with its own probability.
    assert decide({"other": 0.5, "education": 0.3, "institution": 0.2}, 0.45)[:2] == ("other", 0.5)


def _tiny_model(temperature=1.0, threshold=None) -> LinearModel:
    block = Block("chars", "text", "char", ["学", "习", "督", "查"], 1.0, (1, 1), np.ones(4))
    coef = np.array([[2.0, 2.0, 0.0, 0.0], [0.0, 0.0, 2.0, 2.0], [0.0, 0.0, 0.0, 0.0]])
    return LinearModel("multinomial", ["political_study", "supervision", "other"], [block], coef,
                       np.zeros(3), temperature, threshold)


def test_temperature_and_threshold_survive_saving_and_are_applied(tmp_path):
    rows = [{"text": "学习", "head": "", "ctx": {}}, {"text": "督查学", "head": "", "ctx": {}}]
    model = _tiny_model(2.5, 0.55)
    save_model(model, "category", tmp_path)
    meta = json.loads((tmp_path / "category.json").read_text(encoding="utf-8"))
    assert meta["temperature"] == 2.5 and meta["other_threshold"] == 0.55
    loaded = load_model("category", tmp_path)
    assert loaded.temperature == 2.5 and loaded.other_threshold == 0.55
    np.testing.assert_allclose(loaded.proba(rows), softmax(loaded.decision(rows), 2.5), rtol=1e-12)
    # A higher temperature only softens: the ranking is that of the raw scores.
    assert (loaded.proba(rows).argmax(axis=1) == _tiny_model().proba(rows).argmax(axis=1)).all()
    assert loaded.proba(rows).max() < _tiny_model().proba(rows).max()


def test_a_model_without_calibration_loads_with_temperature_one(tmp_path):
    save_model(_tiny_model(), "category", tmp_path)
    meta = json.loads((tmp_path / "category.json").read_text(encoding="utf-8"))
    assert "temperature" not in meta and "other_threshold" not in meta
    loaded = load_model("category", tmp_path)
    assert loaded.temperature == 1.0 and loaded.other_threshold is None


def test_classify_applies_the_scorers_threshold():
    class Scorer:
        other_threshold = 0.5

        def categories(self, texts):
            return [{"supervision": 0.45, "enforcement": 0.3, "other": 0.25},
                    {"supervision": 0.8, "enforcement": 0.1, "other": 0.1}]

        def tags(self, texts):
            return [([], []), ([], [])]

    a, b = classify_texts(["监督不够有力", "日常监督缺位，对苗头性问题发现不及时"], Scorer())
    assert (a.category, round(a.confidence, 2)) == ("other", 0.55)
    assert (b.category, b.confidence) == ("supervision", 0.8)


def test_temperature_fit_softens_overconfident_scores():
    rng = np.random.RandomState(0)
    gold = rng.randint(0, 3, size=300)
    scores = rng.normal(size=(300, 3))
    scores[np.arange(300), gold] += 1.0
    sharp = scores * 10.0  # the same ranking, far too confident
    assert fit_temperature(sharp, gold) > 5.0
    assert fit_temperature(sharp, gold) == fit_temperature(sharp, gold)


def test_threshold_is_chosen_on_out_of_fold_f1():
    classes = ["a", "b", "other"]
    # Unsure statements are `other` by gold: a threshold above their best probability wins.
    probs = np.array([[0.9, 0.05, 0.05]] * 10 + [[0.05, 0.9, 0.05]] * 10 + [[0.4, 0.35, 0.25]] * 5)
    gold = ["a"] * 10 + ["b"] * 10 + ["other"] * 5
    tau, f1 = fit_threshold(classes, probs, gold)
    assert 0.4 < tau <= 0.9 and f1 == pytest.approx(1.0)


def test_the_locked_split_is_a_fixed_share_of_the_reports():
    ids = sorted({json.loads(line)["report"] for p in (ROOT / "corpora" / "sections").glob("*.jsonl")
                  for line in p.read_text(encoding="utf-8").splitlines() if line.strip()})
    locked = [i for i in ids if is_locked(i)]
    assert 0.10 <= len(locked) / len(ids) <= 0.20
    # Fixed by the id alone, in a fresh interpreter too (no hash seed, no order).
    code = "from report_nlp.training.corpus import is_locked; print(is_locked('sa-r02'), is_locked('sa-r01'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(is_locked("sa-r02")), str(is_locked("sa-r01"))]


def test_shipped_category_model_is_calibrated():
    meta = json.loads((ROOT / "models" / "category.json").read_text(encoding="utf-8"))
    assert meta["temperature"] > 0 and 0.0 <= meta["other_threshold"] < 1.0
    training = json.loads((ROOT / "models" / "training.json").read_text(encoding="utf-8"))
    assert training["problems"]["calibration"]["temperature"] == meta["temperature"]


def test_check_corpus_measures_body_paragraphs():
    sys.path.insert(0, str(ROOT / "corpora"))
    try:
        import check_corpus
    finally:
        sys.path.pop(0)
    recs = [{"part": "work", "text": "一、工作开展情况"},
            {"part": "work", "text": "一是强化学习。" + "学" * 50 + "二是压实责任。" + "责" * 40 + "。",
             "items": [{"marker": "一是"}, {"marker": "二是"}]},
            {"part": "problems", "text": "监督不够有力。"},
            {"part": "closing", "text": "特此报告。"}]
    shape = check_corpus.body_shape(recs)
    assert shape.startswith("2 body paragraphs") and "1.00 inline items" in shape and "50% with" in shape
