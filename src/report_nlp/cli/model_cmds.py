"""``tag``, ``classify``, ``train`` and ``evaluate``: thin commands over report_nlp.classify."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from .common import Fmt, emit, emit_json, handles_errors


class Which(str, Enum):
    sections = "sections"
    problems = "problems"


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[3]


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
    from ..classify import tag
    from ..io import load
    from ..output import document_json, document_tree
    from ..segment import segment

    doc = tag(segment(load(file)))
    emit_json(document_json(doc)) if fmt is Fmt.json else emit(document_tree(doc, labels=True))


@handles_errors
def classify_cmd(
    file: str = typer.Argument(..., help="每行一条问题表述的文件，或整篇报告；“-”表示从标准输入读取。"),
    fmt: Fmt = typer.Option(Fmt.text, "--format", "-f", help="输出格式：text（表格）或 json（problems@1）。"),
) -> None:
    """对问题表述分类：类别、置信度、两个备选类别、纪律与“四风”标签。"""
    from ..classify import classify, problems_json
    labels = classify(statements(file))
    if fmt is Fmt.json:
        emit_json(problems_json(labels))
    else:
        emit(table(labels))


@handles_errors
def train_cmd(
    which: Which = typer.Argument(None, help="只训练 sections（段落标注）或 problems（问题分类）；缺省为全部。"),
    corpus: Path = typer.Option(None, "--corpus", help="语料目录（缺省为仓库的 corpora/）。"),
    out: Path = typer.Option(None, "--out", help="模型输出目录（缺省为仓库顶层 models/，安装时随包发布）。"),
) -> None:
    """用 corpora/ 重新训练模型（确定性：同一语料得到同样的模型文件），并写模型卡。"""
    from ..classify.card import write_card
    from ..classify.train import train

    root = corpus or _repo_root() / "corpora"
    outs = [out] if out else [_repo_root() / "models"]
    stats = train(root, outs, which.value if which else None)
    for folder in outs:
        write_card(folder, stats)
    print(f"已训练：{', '.join(k for k in stats if k != 'corpus_sha256')} → {', '.join(map(str, outs))}", file=sys.stderr)


@handles_errors
def evaluate_cmd(
    fmt: Fmt = typer.Option(Fmt.text, "--format", "-f", help="输出格式：text（表格）或 json。"),
    corpus: Path = typer.Option(None, "--corpus", help="语料目录（缺省为仓库的 corpora/）。"),
    save: bool = typer.Option(False, "--save", help="把得分写入 models/scores.json 和模型卡。"),
) -> None:
    """按报告分组的五折交叉验证：部分准确率、主题与问题类别宏平均 F1、混淆表、学习曲线。"""
    from ..classify.card import render_scores, save_scores
    from ..classify.evaluate import evaluate_problems, evaluate_sections

    root = corpus or _repo_root() / "corpora"
    from ..classify.corpus import corpus_hash

    result = {"schema": "report-nlp/evaluation@1", "corpus_sha256": corpus_hash(root), "sections": evaluate_sections(root),
              "problems": evaluate_problems(root)}
    if save:
        save_scores([_repo_root() / "models"], result)
    emit_json(result) if fmt is Fmt.json else emit(render_scores(result))

def statements(source: str) -> list[str]:
    """Problem statements from a file or stdin (see :func:`report_nlp.service.problem_statements`)."""
    from ..model import RawText
    from ..service import problem_statements

    if source == "-":
        raw = RawText(source="<标准输入>", text=sys.stdin.read().replace("\r\n", "\n"))
    else:
        from ..io import load

        raw = load(Path(source))
    return problem_statements(raw)


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
