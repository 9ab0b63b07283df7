"""Errors as HTTP answers: ``{"error": {"code": "E1xx", "message": "一行中文"}}``, never a 500
for bad input. The codes are those of :mod:`report_nlp.errors`, plus a few for HTTP itself."""
from __future__ import annotations

import re
from typing import Any

from ..errors import ReportNLPError

#: HTTP status of each error code; other input errors are 400, other errors 500.
STATUS = {"E106": 413, "E107": 415, "E108": 422, "E109": 422, "E110": 422, "E111": 422,
          "E200": 503, "E401": 401, "E403": 403, "E404": 404, "E405": 405, "E413": 413}

#: The field path at the start of a drafter's validation message (``work[1].items[0].theme: …``).
_FIELD = re.compile(r"^((?:--)?[A-Za-z_][\w]*(?:\[\d+\]|\.[A-Za-z_]\w*)*)\s*:\s")


class ServerProblem(ReportNLPError):
    """The server cannot start (port taken, no token for a non-loopback address)."""

    code = "E410"
    exit_code = 3


def status_of(error: ReportNLPError) -> int:
    if error.code in STATUS:
        return STATUS[error.code]
    return 400 if error.code.startswith("E1") else 500


def error_body(error: ReportNLPError, name: str | None = None) -> dict:
    """The JSON body for ``error``; ``name`` replaces the temp path an upload was read from."""
    message = error.message if name is None and error.path is None else f"{name or error.path}：{error.message}"
    body: dict[str, Any] = {"code": error.code, "message": _one_line(message)}
    if error.code in ("E110",):
        # The drafter reports every wrong field at once (输入有N处错误：a: …；b: …).
        parts = error.message.split("：", 1)[1].split("；") if error.message.startswith("输入有") else [error.message]
        fields = [m.group(1) for part in parts if (m := _FIELD.match(part.strip()))]
        if fields:
            body["field"], body["fields"] = fields[0], fields
    return {"error": body}


def plain_error(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def _one_line(text: str) -> str:
    return " ".join(text.split())
