"""``report-nlp fix-layout``: reformat a .docx to GB/T 9704 without touching its text."""
from __future__ import annotations

import os
from pathlib import Path

import typer

from .common import emit, handles_errors


def register(app: typer.Typer) -> None:
    app.command("fix-layout")(fix_layout_cmd)


@handles_errors
def fix_layout_cmd(
    file: Path = typer.Argument(..., help="要调整版式的 .docx 文件（不会被修改）。"),
    output: Path = typer.Option(..., "--output", "-o", help="输出的 .docx 文件。"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖它。"),
) -> None:
    """按 GB/T 9704-2012 调整 .docx 的字体、字号、行距、缩进和页边距，文字一字不改。"""
    from ..errors import OutputProblem, UnsupportedFormat
    from ..layout.fix import fix_layout

    if file.suffix.lower() != ".docx":
        raise UnsupportedFormat("fix-layout 只处理 .docx 文件", path=str(file))
    if output.suffix.lower() != ".docx":
        raise OutputProblem("输出文件的扩展名应为 .docx", path=str(output))
    if _same(file, output):
        raise OutputProblem("输出文件不能与输入文件相同（输入文件不会被修改）", path=str(output))
    if output.exists() and not force:
        raise OutputProblem("输出文件已存在；如需覆盖请加 --force", path=str(output))
    count = fix_layout(file, output)
    emit(f"已按 GB/T 9704 调整{count}个段落的版式，写入 {output}")


def _same(a: Path, b: Path) -> bool:
    try:
        return b.exists() and a.exists() and os.path.samefile(a, b)
    except OSError:
        return False
