"""The model card (models/README.md) and the saved cross-validated scores (scores.json)."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

from .pipeline import SPECS
from .train import library_versions

CARD = "README.md"
SCORES = "scores.json"


def save_scores(folders: list[Path], result: dict) -> None:
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / SCORES).write_text(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                     encoding="utf-8")
        meta = _read(folder / "training.json")
        write_card(folder, meta or {}, update_meta=False)


def _read(path: Path) -> dict | None:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def write_card(folder: Path, stats: dict, update_meta: bool = True) -> None:
    """Write training.json (what was trained on what) and README.md (the card)."""
    if update_meta:
        old = _read(folder / "training.json") or {}
        old.update(stats)
        stats = old
        (folder / "training.json").write_text(json.dumps(stats, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                              encoding="utf-8")
    scores = _read(folder / SCORES)
    lines = [
        "# report-nlp models — model card", "",
        f"Written {datetime.date.today().isoformat()} by `report-nlp train` / `report-nlp evaluate --save`.", "",
        "## What", "",
        "| file | task | classes |", "|---|---|---|",
        "| part.* | part (L1) of each paragraph | `parts` of data/labels.yaml |",
        "| theme.* | theme (L2) of work / next_steps paragraphs and items | `themes` of data/labels.yaml |",
        "| category.* | problem category of a statement | `categories` of data/labels.yaml |",
        "| tags.* | secondary tags (one-vs-rest) | discipline:*, sifeng:* with enough examples |", "",
        "Each is a scikit-learn pipeline (TF-IDF character n-grams + jieba words [+ section heading]"
        " [+ context one-hots] → LogisticRegression) exported to JSON vocabularies and `.npy` arrays;"
        " prediction recomputes the scores from the arrays (no pickle, no scikit-learn at run time).", "",
        "The category model carries two more numbers in category.json, fitted on out-of-fold scores of the"
        " training corpus (StratifiedGroupKFold(5) by statement group; training/calibrate.py): a softmax"
        " `temperature` T (probabilities = softmax(scores / T), T minimising the log loss) and an"
        " `other_threshold` τ (a statement whose best probability outside `other` stays below τ is `other`,"
        " τ maximising the out-of-fold macro-F1). Settings were chosen by grouped cross-validation without the"
        " locked test split (`python -m report_nlp.training.tune`), never on the dev set.", "",
        "Settings: `" + json.dumps({k: {"C": v["C"], "class_weight": v.get("class_weight"),
                                        "blocks": [b[:5] for b in v["blocks"]]} for k, v in SPECS.items()},
                                       ensure_ascii=False) + "`", "",
        "## Training data", "",
        f"- corpus sha256 (sorted corpora/*/*.jsonl): `{stats.get('corpus_sha256', '?')}`",
        f"- sections: {json.dumps(stats.get('sections'), ensure_ascii=False)}",
        f"- problems: {json.dumps(stats.get('problems'), ensure_ascii=False)}", "",
        "## Libraries", "",
        *[f"- {k} {v}" for k, v in library_versions().items()], "",
        "## Cross-validated scores", "",
    ]
    lines += [render_scores(scores), ""] if scores else ["Not yet measured: run `report-nlp evaluate --save`.", ""]
    if scores and scores.get("corpus_sha256") not in (None, stats.get("corpus_sha256")):
        lines.append("Note: the scores were measured on a different corpus version.")
    lines += ["## Known limits", "",
              "- The corpus is hand-written by a small team (corpora/README.md): scores on it overstate accuracy"
              " on unseen real reports.",
              "- Theme macro-F1 includes the rare, vague theme `other`; the figure without it is shown beside it.",
              "- The real reference report (tests/fixtures/reference.txt), held out from the corpus, is the"
              " acceptance test of tagging (tests/test_tag_reference.py); it is one report.", ""]
    (folder / CARD).write_text("\n".join(lines), encoding="utf-8")


def render_scores(result: dict) -> str:
    s, p = result["sections"], result["problems"]
    out = [
        "StratifiedGroupKFold(5): sections grouped by report, problems by statement group; the locked test"
        " split (corpora/README.md) is left out of the folds and scored apart.", "",
        "| measure | value |", "|---|---|",
        f"| part accuracy (rules + model, {s['paragraphs']} paragraphs, {s['reports']} reports) | {s['part_accuracy']:.3f} |",
        f"| part accuracy, rules alone | {s['part_accuracy_rules_only']:.3f} |",
        f"| theme macro-F1 ({s['themed']} paragraphs and items) | {s['theme_macro_f1']:.3f} |",
        f"| theme macro-F1 without `other` | {s.get('theme_macro_f1_without_other', float('nan')):.3f} |",
        f"| theme accuracy | {s['theme_accuracy']:.3f} |",
        f"| problem category macro-F1 ({p['statements']} statements) | {p['category_macro_f1']:.3f} |",
        f"| problem category accuracy | {p['category_accuracy']:.3f} |",
        *_extra_rows(result, zh=False), "",
        "Learning curve (share of the training folds):", "",
        "| share | part acc | theme macro-F1 | category macro-F1 |", "|---|---|---|---|",
    ]
    for a, b in zip(s["learning_curve"], p["learning_curve"]):
        out.append(f"| {a['fraction']:.0%} | {a['part_accuracy']:.3f} | {a['theme_macro_f1']:.3f} | {b['category_macro_f1']:.3f} |")
    out += _dev_curve(result, zh=False)
    out += ["", "Per-category F1: " + "，".join(f"{c} {f:.2f}" for c, f in p["per_category_f1"].items()), "",
            "Part confusion (gold → predicted, errors only):", ""]
    for gold, row in s["part_confusion"].items():
        errs = {k: v for k, v in row.items() if k != gold}
        if errs:
            out.append(f"- {gold}: " + "，".join(f"{k} {v}" for k, v in errs.items()))
    out += ["", "Problem category confusion (gold → predicted, errors only):", ""]
    for gold, row in p["category_confusion"].items():
        errs = {k: v for k, v in row.items() if k != gold}
        if errs:
            out.append(f"- {gold}: " + "，".join(f"{k} {v}" for k, v in errs.items()))
    return "\n".join(out)


def render_scores_zh(result: dict) -> str:
    """The scores for people at the command line (``report-nlp evaluate``): Chinese headings,
    labels by their Chinese names from ``data/labels.yaml``. The model card keeps
    :func:`render_scores`."""
    from ..taxonomy import taxonomy

    tax = taxonomy()
    s, p = result["sections"], result["problems"]
    out = [
        "交叉验证（StratifiedGroupKFold，5折）：段落按报告分组，问题按问题组分组；锁定测试集不参与交叉验证，单独计分。", "",
        "| 指标 | 得分 |", "|---|---|",
        f"| 段落所属部分准确率（规则＋模型，{s['paragraphs']}段，{s['reports']}篇报告） | {s['part_accuracy']:.3f} |",
        f"| 段落所属部分准确率（仅规则） | {s['part_accuracy_rules_only']:.3f} |",
        f"| 主题宏平均F1（{s['themed']}个段落和条目） | {s['theme_macro_f1']:.3f} |",
        f"| 主题宏平均F1（不含“其他”） | {s.get('theme_macro_f1_without_other', float('nan')):.3f} |",
        f"| 主题准确率 | {s['theme_accuracy']:.3f} |",
        f"| 问题类别宏平均F1（{p['statements']}条） | {p['category_macro_f1']:.3f} |",
        f"| 问题类别准确率 | {p['category_accuracy']:.3f} |",
        *_extra_rows(result, zh=True), "",
        "学习曲线（训练折中使用的语料比例）：", "",
        "| 语料比例 | 部分准确率 | 主题宏平均F1 | 问题类别宏平均F1 |", "|---|---|---|---|",
    ]
    for a, b in zip(s["learning_curve"], p["learning_curve"]):
        out.append(f"| {a['fraction']:.0%} | {a['part_accuracy']:.3f} | {a['theme_macro_f1']:.3f} | {b['category_macro_f1']:.3f} |")
    out += _dev_curve(result, zh=True)
    out += ["", "各问题类别F1：" + "，".join(f"{tax.category_name(c)} {f:.2f}" for c, f in p["per_category_f1"].items()),
            "", "部分混淆（标注 → 预测，只列错误）：", ""]
    for gold, row in s["part_confusion"].items():
        errs = {k: v for k, v in row.items() if k != gold}
        if errs:
            out.append(f"- {tax.part_name(gold)}：" + "，".join(f"{tax.part_name(k)} {v}" for k, v in errs.items()))
    out += ["", "问题类别混淆（标注 → 预测，只列错误）：", ""]
    for gold, row in p["category_confusion"].items():
        errs = {k: v for k, v in row.items() if k != gold}
        if errs:
            out.append(f"- {tax.category_name(gold)}：" + "，".join(f"{tax.category_name(k)} {v}" for k, v in errs.items()))
    return "\n".join(out)


def _extra_rows(result: dict, zh: bool) -> list[str]:
    """Rows for the calibrated decision, the locked test split and the dev set in other voices
    (absent from scores saved before they existed, or from a corpus without them)."""
    p, locked, dev = result["problems"], result.get("locked"), result.get("dev")
    rows = []
    if "category_macro_f1_argmax" in p:
        rows.append(f"| 问题类别宏平均F1（不用温度与“其他”阈值，取最大概率） | {p['category_macro_f1_argmax']:.3f} |" if zh else
                    f"| problem category macro-F1, plain argmax (no temperature, no `other` threshold) | {p['category_macro_f1_argmax']:.3f} |")
    if locked:
        n, para, st = locked["reports"], locked["paragraphs"], locked["statements"]
        cat = locked["category_macro_f1"]
        rows += ([f"| 锁定测试集：段落所属部分准确率（{n}篇报告，{para}段） | {locked['part_accuracy']:.3f} |",
                  f"| 锁定测试集：主题宏平均F1（{locked['themed']}个段落和条目） | {locked['theme_macro_f1']:.3f} |",
                  f"| 锁定测试集：问题类别宏平均F1（{st}条） | {cat:.3f} |"] if zh else
                 [f"| locked test split: part accuracy ({n} reports, {para} paragraphs) | {locked['part_accuracy']:.3f} |",
                  f"| locked test split: theme macro-F1 ({locked['themed']} paragraphs and items) | {locked['theme_macro_f1']:.3f} |",
                  f"| locked test split: problem category macro-F1 ({st} statements) | {cat:.3f} |"]) if cat is not None else []
    if dev:
        regs = "，".join(f"{k} {v:.2f}" for k, v in dev["accuracy_by_register"].items())
        rows += ([f"| 其他文体开发集（corpora/dev，{dev['statements']}条，从不参与训练）：问题类别宏平均F1 | {dev['category_macro_f1']:.3f} |",
                  f"| 其他文体开发集：问题类别准确率（按文体：{regs}） | {dev['category_accuracy']:.3f} |"] if zh else
                 [f"| dev set in other voices (corpora/dev, {dev['statements']} statements, never trained on): category macro-F1 | {dev['category_macro_f1']:.3f} |",
                  f"| dev set: category accuracy (by register: {regs}) | {dev['category_accuracy']:.3f} |"])
    return rows


def _dev_curve(result: dict, zh: bool) -> list[str]:
    dev = result.get("dev")
    if not dev:
        return []
    out = ["", "其他文体开发集上的学习曲线（整个训练语料中问题组的比例；取最大概率）：" if zh else
           "Learning curve on the dev set in other voices (share of all statement groups; plain argmax):", "",
           "| 语料比例 | 问题类别宏平均F1 |" if zh else "| share | category macro-F1 |", "|---|---|"]
    out += [f"| {x['fraction']:.0%} | {x['category_macro_f1']:.3f} |" for x in dev["learning_curve"]]
    return out
