"""Commands of ``report-nlp``. Each is a few lines over a library function."""
from __future__ import annotations

from pathlib import Path

import typer

from .. import __version__
from .common import Fmt, emit, emit_json, handles_errors

app = typer.Typer(
    name="report-nlp",
    help="党风廉政建设／全面从严治党主体责任工作报告的起草与检查工具（离线运行）。",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        emit(f"report-nlp {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本号并退出。"),
    debug: bool = typer.Option(False, "--debug", help="出错时显示完整的调用栈。"),
) -> None:
    """党风廉政建设／全面从严治党主体责任工作报告的起草与检查工具（离线运行）。"""


@app.command("segment")
@handles_errors
def segment_cmd(
    file: Path = typer.Argument(..., help="报告文件（.txt、.md 或 .docx）。"),
    fmt: Fmt = typer.Option(Fmt.text, "--format", "-f", help="输出格式：text（结构树）或 json（document@1）。"),
) -> None:
    """只分析结构：段落、标题层级与序号、段内条目、句子。"""
    from ..io import load
    from ..output import document_json, document_tree
    from ..segmenter import segment

    doc = segment(load(file))
    if fmt is Fmt.json:
        emit_json(document_json(doc))
    else:
        emit(document_tree(doc))


# Command groups that live in their own modules; each has ``register(app)``.
COMMAND_MODULES: tuple[str, ...] = ("check_cmds", "layout_cmds", "draft_cmds", "model_cmds", "serve_cmds", "review_cmds")


def _register_command_groups() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"{__package__}.{name}").register(app)


_register_command_groups()
