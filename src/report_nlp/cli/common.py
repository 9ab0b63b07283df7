"""Small helpers shared by the CLI commands: output and the error boundary."""
from __future__ import annotations

import contextvars
import functools
import json
import sys
import traceback
from enum import Enum

import typer

from ..errors import INTERNAL_CODE, INTERRUPTED_CODE, ReportNLPError

#: Set by :func:`report_nlp.cli.main` when ``--debug`` is on the command line.
DEBUG: contextvars.ContextVar[bool] = contextvars.ContextVar("report_nlp_debug", default=False)


class Fmt(str, Enum):
    text = "text"
    json = "json"


ERROR_SCHEMA = "report-nlp/error@1"


def emit_json(payload: dict) -> None:
    """JSON on stdout, always UTF-8: programs read it, whatever the console's locale
    (a GBK console would otherwise turn it into GBK)."""
    text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if buffer is None or encoding == "utf8":
        out.write(text)
        return
    out.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def emit(text: str) -> None:
    sys.stdout.write(text + "\n")


def fail(message: str, code: int = 3) -> None:
    print(message, file=sys.stderr)
    raise typer.Exit(code)


def handles_errors(func):
    """Turn our errors into one Chinese line on stderr and the documented exit code.

    With ``--format json`` the error is also a ``report-nlp/error@1`` object on stdout, so
    that stdout always parses as JSON."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        as_json = getattr(kwargs.get("fmt"), "value", None) == "json"

        def report(code: str, message: str, exit_code: int) -> None:
            if as_json:
                emit_json({"schema": ERROR_SCHEMA, "error": {"code": code, "message": message}})
            fail(message if code in (INTERNAL_CODE, INTERRUPTED_CODE) else f"错误[{code}]：{message}", exit_code)

        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except ReportNLPError as e:
            if DEBUG.get():
                traceback.print_exc()
            report(e.code, str(e), e.exit_code)
        except KeyboardInterrupt:
            report(INTERRUPTED_CODE, "已中止。", 130)
        except Exception as e:  # a bug of ours: say so plainly; --debug shows where
            if DEBUG.get():
                traceback.print_exc()
            report(INTERNAL_CODE, f"内部错误：{type(e).__name__}: {e}（加 --debug 查看详情，并请报告此问题）", 4)

    return wrapper
