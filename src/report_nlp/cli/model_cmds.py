"""``tag``, ``classify``, ``train`` and ``evaluate``: thin commands over report_nlp.tagger and report_nlp.training."""
from __future__ import annotations

import sys
import warnings
from enum import Enum
from pathlib import Path

import typer

from ..errors import EmptyInput, UsageProblem
from .common import Fmt, emit, emit_json, handles_errors


class Which(str, Enum):
    sections = "sections"
    problems = "problems"


def corpus_root(corpus: Path | None, which: str | None = None) -> Path:
    """The corpus folder: ``--corpus``, else ``./corpora``; a Chinese input error otherwise.

    Never a folder beside the installed package: after ``pip install .`` there is none."""
    from ..training.corpus import corpus_files
    from ..errors import FileMissing, InputError

    if corpus is None:
        root = Path("corpora")
        if not root.is_dir():
            raise InputError("当前目录下没有语料目录 corpora/；请在本仓库目录中运行，或用 --corpus 指定语料目录")
    else:
        root = corpus
        if not root.is_dir():
            raise FileMissing("语料目录不存在" if not root.exists() else "这不是文件夹；--corpus 应为语料目录",
                              path=str(corpus))
    if not corpus_files(root, which):
        wanted = f"{which}/*.jsonl" if which else "sections/*.jsonl 或 problems/*.jsonl"
        raise InputError(f"语料目录中没有 {wanted} 文件", path=str(root))
    return root


def register(app: typer.Typer) -> None:
    app.command("tag")(tag_cmd)
    app.command("classify")(classify_cmd)
    app.command("train")(train_cmd)
    app.command("evaluate")(evaluate_cmd)


@handles_errors
def tag_cmd(
    file: Path = typer.Argument(..., help="报告文件（.txt、.md 或 .docx）。"),
    fmt: Fmt = typer.Option(Fmt.text, "--format", "-f", help="输出格式：text（结构树）或 json（document@1）。"),
) -> None:
    """分析结构，并为每个段落和条目标注部分（L1）、主题（L2）及置信度。"""
    from ..tagger import tag
    from ..io import load
    from ..output import document_json, document_tree
    from ..segmenter import segment

    doc = tag(segment(load(file)))
    emit_json(document_json(doc)) if fmt is Fmt.json else emit(document_tree(doc, labels=True))


@handles_errors
def classify_cmd(
    file: str = typer.Argument(..., help="每行一条问题表述的文件，或整篇报告；“-”表示从标准输入读取。"),
    fmt: Fmt = typer.Option(Fmt.text, "--format", "-f", help="输出格式：text（表格）或 json（problems@1）。"),
    lines: bool = typer.Option(False, "--lines", help="逐行分类：每个非空行一条（普通列表的默认方式）。"),
    report: bool = typer.Option(False, "--report", help="按整篇报告处理：只取“存在问题”部分的各条问题。"),
) -> None:
    """对问题表述分类：类别、置信度、两个备选类别、纪律与“四风”标签。

    不指定方式时，文字有“关于……的报告”式标题或“一、”“二、”式标题行才按报告处理，否则逐行分类。"""
    from ..tagger import classify, problems_json

    if lines and report:
        raise UsageProblem("--lines 与 --report 只能选一个")
    mode, texts = statements(file, "lines" if lines else "report" if report else None)
    print(MODE_NOTES[mode].format(n=len(texts)), file=sys.stderr)
    labels = classify(texts)
    if fmt is Fmt.json:
        emit_json(problems_json(labels, mode=mode))
    else:
        emit(table(labels))


@handles_errors
def train_cmd(
    which: Which = typer.Argument(None, help="只训练 sections（段落标注）或 problems（问题分类）；缺省为全部。"),
    corpus: Path = typer.Option(None, "--corpus", help="语料目录（缺省为当前目录下的 corpora/）。"),
    out: Path = typer.Option(None, "--out", help="模型输出目录（缺省为语料目录旁的 models/）。"),
) -> None:
    """用语料重新训练模型（确定性：同一语料得到同样的模型文件），并写模型卡。"""
    from ..training import require_training

    require_training()
    from ..training.card import write_card
    from ..training.train import train

    root = corpus_root(corpus, which.value if which else None)
    outs = [out] if out else [root.resolve().parent / "models"]
    print(f"正在用 {root} 训练模型……", file=sys.stderr)
    stats = train(root, outs, which.value if which else None)
    for folder in outs:
        write_card(folder, stats)
    print(f"已训练：{', '.join(k for k in stats if k != 'corpus_sha256')} → {', '.join(map(str, outs))}", file=sys.stderr)


_TASK_NAMES = {"sections": "段落部分与主题", "problems": "问题类别", "dev": "其他文体开发集上的问题类别",
               "locked": "锁定测试集上的段落部分与主题"}


def _evaluation_progress(task: str, fraction: float, fold: int | None) -> None:
    from ..training.evaluate import FOLDS

    if fold is None:  # one training run, no folds: the dev set and the locked split
        print(f"评估{_TASK_NAMES[task]}：{fraction:.0%}语料，完成", file=sys.stderr, flush=True)
        return
    print(f"评估{_TASK_NAMES[task]}：{fraction:.0%}语料，第{fold}/{FOLDS}折完成", file=sys.stderr, flush=True)


@handles_errors
def evaluate_cmd(
    fmt: Fmt = typer.Option(Fmt.text, "--format", "-f", help="输出格式：text（表格）或 json。"),
    corpus: Path = typer.Option(None, "--corpus", help="语料目录（缺省为当前目录下的 corpora/）。"),
    save: bool = typer.Option(False, "--save", help="把得分写入语料目录旁的 models/scores.json 和模型卡。"),
) -> None:
    """按报告分组的五折交叉验证：部分准确率、主题与问题类别宏平均 F1、混淆表、学习曲线；
    另报锁定测试集和其他文体开发集（corpora/dev，从不参与训练）上的得分（进度显示在 stderr）。"""
    from ..training import require_training

    require_training()
    from ..training.card import render_scores_zh, save_scores
    from ..training.corpus import corpus_hash
    from ..training.evaluate import evaluate_dev, evaluate_locked, evaluate_problems, evaluate_sections

    root = corpus_root(corpus)
    with warnings.catch_warnings():
        # scikit-learn's English notes on small classes per fold; the scores say what matters
        warnings.simplefilter("ignore", UserWarning)
        result = {"schema": "report-nlp/evaluation@1", "corpus_sha256": corpus_hash(root),
                  "sections": evaluate_sections(root, progress=_evaluation_progress),
                  "problems": evaluate_problems(root, progress=_evaluation_progress),
                  "locked": evaluate_locked(root, progress=_evaluation_progress),
                  "dev": evaluate_dev(root, progress=_evaluation_progress)}
    if save:
        save_scores([root.resolve().parent / "models"], result)
    emit_json(result) if fmt is Fmt.json else emit(render_scores_zh(result))


#: What ``classify`` says on stderr about how it read the input.
MODE_NOTES = {
    "lines": "分类方式：逐行，每个非空行一条，共{n}条",
    "report": "分类方式：报告中“存在问题”部分的各条问题，共{n}条",
}

def read_source(source: str):
    """A file, or stdin for ``-``, with the same input checks (size, binary, NUL, encoding)."""
    from ..io import from_bytes, load, max_bytes_setting

    if source != "-":
        return load(Path(source))
    limit = max_bytes_setting()
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(limit + 1) if stream is not None else sys.stdin.read(limit + 1).encode("utf-8")
    return from_bytes(data, "<标准输入>", max_bytes=limit)


def statements(source: str, mode: str | None = None) -> tuple[str, list[str]]:
    """``(mode, statements)`` from a file or stdin (see :func:`report_nlp.service.problem_statements`)."""
    from ..service import problem_statements

    return problem_statements(read_source(source), mode)


def table(labels) -> str:
    from ..taxonomy import taxonomy

    tax = taxonomy()
    lines = [f"{'#':>3}  {'类别':<14}{'置信度':>6}  {'标签':<18}表述"]
    for n, x in enumerate(labels, 1):
        tags = "、".join([tax.disciplines.get(d, d) for d in x.discipline] + [tax.sifeng.get(s, s) for s in x.sifeng])
        text = x.text if len(x.text) <= 40 else x.text[:39] + "…"
        lines.append(f"{n:>3}  {tax.category_name(x.category):<14}{x.confidence:>6.2f}  {tags or '—':<18}{text}")
        if x.alternatives:
            alts = "；".join(f"{tax.category_name(c)} {p:.2f}" for c, p in x.alternatives)
            lines.append(f"{'':>5}备选：{alts}")
    return "\n".join(lines)
