"""Small helpers shared by the CLI commands: output and the error boundary."""
from __future__ import annotations

import contextvars
import functools
import json
import sys
import traceback
from enum import Enum

import typer

from ..errors import ReportNLPError

#: Set by :func:`report_nlp.cli.main` when ``--debug`` is on the command line.
DEBUG: contextvars.ContextVar[bool] = contextvars.ContextVar("report_nlp_debug", default=False)


class Fmt(str, Enum):
    text = "text"
    json = "json"


def emit_json(payload: dict) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def emit(text: str) -> None:
    sys.stdout.write(text + "\n")


def fail(message: str, code: int = 3) -> None:
    print(message, file=sys.stderr)
    raise typer.Exit(code)


def handles_errors(func):
    """Turn our errors into one Chinese line on stderr and the documented exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except ReportNLPError as e:
            if DEBUG.get():
                traceback.print_exc()
            fail(f"错误[{e.code}]：{e}", e.exit_code)
        except KeyboardInterrupt:
            fail("已中止。", 130)
        except Exception as e:  # a bug of ours: say so plainly; --debug shows where
            if DEBUG.get():
                traceback.print_exc()
            fail(f"内部错误：{type(e).__name__}: {e}（加 --debug 查看详情，并请报告此问题）", 4)

    return wrapper
