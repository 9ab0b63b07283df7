"""Findings out: text lines, ``report-nlp/findings@1`` JSON and SARIF 2.1.0."""
from __future__ import annotations

from .. import __version__
from .context import Context
from .registry import rules_by_id

FINDINGS_SCHEMA = "report-nlp/findings@1"


def finding_json(result, finding, ctx: Context | None = None) -> dict:
    """One finding as ``findings@1`` JSON; pass ``ctx`` to share its line index across findings."""
    ctx = ctx or Context(doc=result.doc, profile=result.profile)
    line, column = ctx.line_col(finding.span.start)
    rule = rules_by_id().get(finding.rule)
    basis = finding.data.get("basis") or (rule.basis if rule else "")
    data = {k: v for k, v in finding.data.items() if k != "basis"}
    return {
        "rule": finding.rule, "severity": finding.severity, "message": finding.message,
        "start": finding.span.start, "end": finding.span.end, "line": line, "column": column,
        "paragraph": ctx.paragraph_at(finding.span.start),
        "match": result.doc.text[finding.span.start:finding.span.end],
        "suggestion": finding.suggestion,
        "fix": None if finding.fix is None else {"start": finding.fix[0].start, "end": finding.fix[0].end,
                                                "replacement": finding.fix[1]},
        "basis": basis, "data": data,
    }


def file_json(result) -> dict:
    ctx = Context(doc=result.doc, profile=result.profile)
    return {"path": result.doc.source, "profile": result.profile.id, "profile_detected": result.profile_detected,
            "summary": result.summary(), "findings": [finding_json(result, f, ctx) for f in result.findings]}


def findings_json(files: list[dict], errors=()) -> dict:
    """The ``findings@1`` document from file entries and ``(path, code, message)`` errors.

    A file that could not be checked is a file entry too, in input order when ``files``
    already holds it (see :func:`error_entry`), with ``error: {code, message}`` and no findings;
    ``errors`` repeats them as a flat list."""
    payload = {"schema": FINDINGS_SCHEMA, "files": files}
    if errors:
        payload["errors"] = [{"path": path, "code": code, "message": message} for path, code, message in errors]
    return payload


def error_entry(path: str, code: str, message: str) -> dict:
    """The ``findings@1`` file entry of a file that could not be checked."""
    return {"path": path, "error": {"code": code, "message": message}, "findings": []}


def text_lines(result, *, show_suggestion: bool = True) -> list[str]:
    lines = []
    ctx = Context(doc=result.doc, profile=result.profile)
    for f in result.findings:
        j = finding_json(result, f, ctx)
        lines.append(f"{result.doc.source}:{j['line']}:{j['column']}: {f.severity} {f.rule} {f.message}")
        if j["match"]:
            lines.append(f"    原文：{_clip(j['match'])}")
        if show_suggestion and f.suggestion:
            lines.append(f"    建议：{f.suggestion}")
    s = result.summary()
    how = "自动识别" if result.profile_detected else "未能识别，按默认"
    lines.append(f"{result.doc.source}：{result.profile.name}（{how}），错误{s['error']}，疑似{s['warning']}，提示{s['info']}")
    return lines


def _clip(text: str, width: int = 40) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= width else text[: width - 1] + "…"


def sarif(files: list[dict]) -> dict:
    """SARIF 2.1.0 from the ``findings@1`` file entries (plain data: batch results cross processes)."""
    level = {"error": "error", "warning": "warning", "info": "note"}
    results = [{"ruleId": f["rule"], "level": level[f["severity"]],
                "message": {"text": f["message"] + (f"（建议：{f['suggestion']}）" if f["suggestion"] else "")},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": j["path"]},
                    "region": {"startLine": f["line"], "startColumn": f["column"], "charOffset": f["start"],
                               "charLength": f["end"] - f["start"]}}}]}
               for j in files for f in j["findings"]]
    catalogue = rules_by_id()
    rules = [{"id": rid, "name": catalogue[rid].name, "shortDescription": {"text": catalogue[rid].message},
              "help": {"text": catalogue[rid].basis}}
             for rid in sorted({r["ruleId"] for r in results}) if rid in catalogue]
    # Files that could not be checked are notifications of the run, not results (SARIF 2.1.0 §3.20.21).
    notes = [{"level": "error", "message": {"text": j["error"]["message"]}, "descriptor": {"id": j["error"]["code"]},
              "locations": [{"physicalLocation": {"artifactLocation": {"uri": j["path"]}}}]}
             for j in files if j.get("error")]
    invocation = {"executionSuccessful": not notes, "toolExecutionNotifications": notes}
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "report-nlp", "version": __version__, "rules": rules}},
                      "invocations": [invocation], "results": results}]}
