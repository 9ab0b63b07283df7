"""``report-nlp draft`` and ``report-nlp init``: thin commands over :mod:`report_nlp.draft`."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..kinds import help_text as kind_help
from .common import fail, handles_errors

_FORMATS = (".txt", ".md", ".docx")


def draft_cmd(
    input: Path = typer.Argument(..., help="起草输入文件（.yaml、.yml 或 .json），字段见 docs/drafting.md。"),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="输出文件，格式由扩展名决定：.txt、.md 或 .docx；省略则把文本输出到标准输出。"),
    profile: Optional[str] = typer.Option(None, "--profile", "-p",
                                          help=kind_help(False) + "默认取输入中的 profile，或按期间推断。"),
    templates: Optional[Path] = typer.Option(None, "--templates", help="自定义模板文件夹（在沙箱中渲染），同名文件覆盖内置模板。"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖。"),
) -> None:
    """按结构化输入起草报告，并自查草稿。"""
    from ..drafter import make_draft, read_inputs, write_output
    from ..errors import InvalidData, OutputProblem

    if output is not None and output.suffix.lower() not in _FORMATS:
        fail(f"错误：不支持的输出格式“{output.suffix or '无扩展名'}”，请使用 .txt、.md 或 .docx", 2)
    if output is not None and output.exists():
        if input.exists() and output.resolve() == input.resolve():
            raise OutputProblem("输出文件不能是输入文件本身", path=str(output))
        if not force:
            raise OutputProblem("文件已存在；如需覆盖，请加 --force", path=str(output))
    try:
        result = make_draft(read_inputs(input), None if profile in (None, "auto") else profile, templates)
    except InvalidData as e:  # schema errors name the field; add the file they are in
        if e.path is None:
            raise InvalidData(e.message, path=str(input)) from e
        raise
    if output is None:
        sys.stdout.write(result.text)
    else:
        write_output(result.text, output)
    for warning in result.warnings:
        print(f"提示：{warning}", file=sys.stderr)
    for finding in _self_check(result.text, result.profile):
        print(f"自查：{finding}", file=sys.stderr)
    if output is not None:
        print(f"已写入：{output}", file=sys.stderr)


def init_cmd(
    profile: str = typer.Option("quarterly", "--profile", "-p",
                                help=kind_help(False)),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入的文件（.yaml）；省略则输出到标准输出。"),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖。"),
) -> None:
    """生成带中文注释的起草输入示例（YAML）。"""
    from ..drafter.core import init_yaml
    from ..errors import OutputProblem
    from ..io.files import atomic_write

    text = init_yaml(profile)
    if output is None:
        sys.stdout.write(text)
        return
    if output.exists() and not force:
        raise OutputProblem("文件已存在；如需覆盖，请加 --force", path=str(output))
    data = text.encode("utf-8")
    atomic_write(output, lambda fh: fh.write(data))
    print(f"已写入：{output}（填写后运行 report-nlp draft {output} -o 报告.docx）", file=sys.stderr)


def _self_check(text: str, profile: str) -> list[str]:
    from ..service import draft_self_check

    return draft_self_check(text, profile)



def register(app: typer.Typer) -> None:
    app.command("draft")(handles_errors(draft_cmd))
    app.command("init")(handles_errors(init_cmd))
