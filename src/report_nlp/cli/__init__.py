"""The ``report-nlp`` command line: a thin typer layer over the library.

Errors are one Chinese line on stderr with exit code 3 for bad input (2 for usage);
``--debug`` shows the traceback. Stdout carries only the result.
"""
from __future__ import annotations

import sys

from .app import app
from .common import DEBUG
from .zh import chinese_streams


def _tolerant_streams() -> None:
    """On a console whose encoding cannot write every character (GBK has no emoji, no ⏎),
    text for people gets a replacement mark instead of a crash. JSON bypasses this: it is
    written as UTF-8 bytes (see :func:`report_nlp.cli.common.emit_json`)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (never raises SystemExit)."""
    args = list(sys.argv[1:] if argv is None else argv)
    _tolerant_streams()
    token = DEBUG.set("--debug" in args)
    try:
        with chinese_streams(args):
            app(args=args, prog_name="report-nlp", standalone_mode=True)
    except SystemExit as e:
        code = e.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    finally:
        DEBUG.reset(token)
    return 0


def run() -> None:
    sys.exit(main())
