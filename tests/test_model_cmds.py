"""Issue 11 item 16: ``train`` and ``evaluate`` work outside the source tree (after a
non-editable install): ``--corpus``, else ``./corpora``, else a Chinese error with exit 3;
``evaluate`` shows progress on stderr and prints Chinese tables."""
import functools
import json
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpora"


def small_corpus(folder: Path, reports: int, groups: int) -> Path:
    """The first few reports and problem groups of the shipped corpus, in ``folder/corpora``."""
    root = folder / "corpora"
    for kind, key, limit in (("sections", "report", reports), ("problems", "group", groups)):
        (root / kind).mkdir(parents=True)
        kept, lines = [], []
        for path in sorted((CORPUS / kind).glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                group = json.loads(line)[key]
                if group not in kept and len(kept) < limit:
                    kept.append(group)
                if group in kept:
                    lines.append(line)
        (root / kind / "small.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_no_corpus_in_the_current_folder(cli, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(command)
    assert code == 3 and out == "" and "corpora/" in err and "--corpus" in err
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_corpus_option_missing_or_empty(cli, tmp_path, command):
    code, _, err = cli(command, "--corpus", tmp_path / "无此目录")
    assert code == 3 and "语料目录不存在" in err
    (tmp_path / "空").mkdir()
    code, _, err = cli(command, "--corpus", tmp_path / "空")
    assert code == 3 and "jsonl" in err


def test_evaluate_refuses_a_corpus_too_small_for_five_folds(cli, tmp_path):
    root = small_corpus(tmp_path, reports=3, groups=3)
    code, out, err = cli("evaluate", "--corpus", root, "--format", "json")
    assert code == 3 and "语料太少" in err and json.loads(out)["error"]["code"] == "E100"


def test_train_uses_corpora_of_the_current_folder(cli, tmp_path, monkeypatch):
    small_corpus(tmp_path, reports=6, groups=6)
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("train", "problems")
    assert code == 0 and "已训练：problems" in err
    assert (tmp_path / "models" / "category.json").is_file() and (tmp_path / "models" / "training.json").is_file()


def test_evaluate_shows_progress_and_chinese_tables(cli, tmp_path, monkeypatch):
    from report_nlp.training import evaluate as ev

    # One training share instead of three keeps the test short; the CLI path is the same.
    monkeypatch.setattr(ev, "evaluate_sections", functools.partial(ev.evaluate_sections, fractions=(1.0,)))
    monkeypatch.setattr(ev, "evaluate_problems", functools.partial(ev.evaluate_problems, fractions=(1.0,)))
    monkeypatch.setattr(ev, "evaluate_dev", functools.partial(ev.evaluate_dev, fractions=(1.0,)))
    # Eight reports: two of them (sa-r02, sa-r05) fall in the locked test split, six stay for five folds.
    root = small_corpus(tmp_path, reports=8, groups=6)
    (root / "dev").mkdir()
    dev = (CORPUS / "dev" / "voices-dev.jsonl").read_text(encoding="utf-8").splitlines()[:24]
    (root / "dev" / "dev.jsonl").write_text("\n".join(dev) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("evaluate")
    assert code == 0
    assert "评估段落部分与主题：100%语料，第5/5折完成" in err and "评估问题类别：100%语料，第5/5折完成" in err
    assert "| 指标 | 得分 |" in out and "| 语料比例 | 部分准确率 | 主题宏平均F1 | 问题类别宏平均F1 |" in out
    assert "part accuracy" not in out and "measure" not in out
    assert "| 锁定测试集：段落所属部分准确率（2篇报告" in out and "| 锁定测试集：问题类别宏平均F1" in out
    assert "| 其他文体开发集（corpora/dev，24条，从不参与训练）：问题类别宏平均F1 |" in out
    assert "其他文体开发集上的学习曲线" in out
