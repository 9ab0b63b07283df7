"""The work behind each endpoint: library calls on one upload, returning plain data or bytes.

Nothing here knows about HTTP; every function is the command line's path through the library
(``load`` → ``segment`` → ``check`` → ``file_json`` / ``suggest`` / ``apply_fixes`` /
``annotate_result`` / ``fix_layout`` / ``make_draft``), on an upload instead of a path.
"""
from __future__ import annotations

import io
import tempfile
import zipfile
from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import InvalidData, ReportNLPError, TooLarge, UnsupportedFormat
from .inputs import Upload, opened, renamed

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def checked(upload: Upload, profile: str, config):
    """``check`` on the upload; the result's document is named after the upload. Call inside
    ``opened`` when the file itself is needed afterwards (annotation)."""
    from ..checker import check
    from ..segmenter import segment

    with opened(upload) as raw:
        result = check(segment(raw), profile, config)
    return _named(result, upload.name)


def _named(result, name: str):
    return replace(result, doc=replace(result.doc, source=name))


def check_json(upload: Upload, profile: str, config, *, with_text: bool = False, fmt: str = "json") -> dict:
    """``findings@1`` (or SARIF) for one upload; ``with_text`` adds the canonical text the
    offsets refer to, for the page."""
    from ..checker.report import file_json, findings_json, sarif

    result = checked(upload, profile, config)
    entry = file_json(result)
    if fmt == "sarif":
        return sarif([entry])
    payload = findings_json([entry])
    if with_text:
        payload["document"] = {"name": upload.name, "text": result.doc.text, "format": result.doc.format,
                               "profile_name": result.profile.name}
    return payload


def suggest_json(upload: Upload, profile: str, config) -> dict:
    from ..checker.suggest import suggest, suggestions_json

    result = checked(upload, profile, config)
    return suggestions_json(result, suggest(result))


def tag_json(upload: Upload) -> dict:
    from ..tagger import tag
    from ..output import document_json
    from ..segmenter import segment

    with opened(upload) as raw:
        doc = tag(segment(raw))
    return document_json(replace(doc, source=upload.name))


def classify_json(statements: list[str]) -> dict:
    """``problems@1`` with the Chinese names of categories and tags beside their ids."""
    from ..tagger import classify, problems_json
    from ..taxonomy import taxonomy

    tax = taxonomy()
    data = problems_json(classify(statements))
    for item in data["items"]:
        item["category_name"] = tax.category_name(item["category"])
        item["discipline_names"] = [tax.disciplines.get(d, d) for d in item["discipline"]]
        item["sifeng_names"] = [tax.sifeng.get(s, s) for s in item["sifeng"]]
        for alt in item["alternatives"]:
            alt["name"] = tax.category_name(alt["category"])
    return data


def statements_of(upload: Upload) -> list[str]:
    from ..service import problem_statements

    with opened(upload) as raw:
        return problem_statements(replace(raw, source=upload.name))[1]


def fix_text(upload: Upload, profile: str, config, only: list[dict] | None = None) -> dict:
    """Safe fixes applied to a text (all, or those of the findings named by rule and span)."""
    from ..checker import check
    from ..checker.fixes import apply_fixes
    from ..segmenter import segment

    if upload.text is None and upload.suffix == ".docx":
        raise UnsupportedFormat("自动修正目前只支持文字（.txt/.md）；.docx 请下载批注副本后在Word中修改", path=upload.name)
    with opened(upload) as raw:
        result = check(segment(raw), profile, config)
        text = raw.text
    findings = list(result.findings)
    if only is not None:
        wanted = {(str(o.get("rule")), int(o.get("start", -1)), int(o.get("end", -1))) for o in only}
        findings = [f for f in findings if (f.rule, f.span.start, f.span.end) in wanted]
    fixed, count = apply_fixes(text, findings)
    return {"text": fixed, "applied": count}


def annotated_docx(upload: Upload, profile: str, config) -> tuple[bytes, int]:
    """A copy of the .docx with one Word comment per finding; text becomes a GB/T 9704 .docx first."""
    from ..checker import check
    from ..comments import annotate_result
    from ..segmenter import segment

    if upload.text is not None or upload.suffix != ".docx":
        upload = text_as_docx(upload)
    with opened(upload) as raw, tempfile.TemporaryDirectory(prefix="report-nlp-") as folder:
        result = check(segment(raw), profile, config)
        out = Path(folder) / "annotated.docx"
        try:
            count = annotate_result(result, raw.source, out)
        except ReportNLPError as e:
            raise renamed(e, upload.name) from e
        return out.read_bytes(), count


def text_as_docx(upload: Upload) -> Upload:
    """A text upload written as a .docx by the drafter's writer (GB/T 9704 layout)."""
    with opened(upload) as raw:
        text = raw.text
    return Upload(name=Path(upload.name).stem + ".docx", data=docx_bytes(text))


def docx_bytes(text: str) -> bytes:
    from ..layout.write import write_docx

    with tempfile.TemporaryDirectory(prefix="report-nlp-") as folder:
        path = Path(folder) / "out.docx"
        write_docx(text, path)
        return path.read_bytes()


def fixed_layout(upload: Upload) -> tuple[bytes, int]:
    from ..layout.fix import fix_layout

    if upload.text is not None or upload.suffix != ".docx":
        raise UnsupportedFormat("版式调整只处理 .docx 文件", path=upload.name)
    with opened(upload) as raw, tempfile.TemporaryDirectory(prefix="report-nlp-") as folder:
        out = Path(folder) / "layout.docx"
        try:
            count = fix_layout(raw.source, out)
        except ReportNLPError as e:
            raise renamed(e, upload.name) from e
        return out.read_bytes(), count


# --- batch ----------------------------------------------------------------------------------

def batch_row(upload: Upload, profile: str, config, *, with_text: bool = False) -> dict:
    """One file of a batch: its findings, kind, missing parts and problem categories, or its
    error; ``with_text`` adds the canonical text (for the page's drill-down)."""
    from ..checker.report import file_json
    from ..tagger import classify, problem_items
    from ..service import missing_parts
    from ..taxonomy import taxonomy
    from .errors import error_body

    try:
        result = checked(upload, profile, config)
        statements = [text for _, text in problem_items(result.doc)]
        categories = Counter(label.category for label in classify(statements)) if statements else Counter()
    except ReportNLPError as e:
        return {"name": upload.name, "error": error_body(e)["error"]}
    entry = file_json(result)
    tax = taxonomy()
    row = {"name": upload.name, "file": entry, "kind": result.profile.name, "missing": missing_parts(entry),
           "categories": {tax.category_name(c): n for c, n in categories.most_common()}}
    if with_text:
        row["text"] = result.doc.text
    return row


def annotated_zip(uploads: list[Upload], profile: str, config) -> bytes:
    """Every .docx with its Word comments, every text file with its findings as lines, and a
    list of the files that could not be read, in one .zip."""
    from ..checker.report import text_lines

    buf = io.BytesIO()
    failed: list[str] = []
    used: set[str] = set()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for up in uploads:
            try:
                if up.suffix == ".docx":
                    data, _ = annotated_docx(up, profile, config)
                    name = _unique(f"{_stem(up.name)}-批注.docx", used)
                else:
                    data = ("\n".join(text_lines(checked(up, profile, config))) + "\n").encode("utf-8")
                    name = _unique(f"{_stem(up.name)}-检查结果.txt", used)
            except ReportNLPError as e:
                failed.append(f"{up.name}：错误[{e.code}] {e.message}")
                continue
            zf.writestr(name, data)
        if failed:
            zf.writestr(_unique("未能检查的文件.txt", used), ("\n".join(failed) + "\n").encode("utf-8"))
    return buf.getvalue()


def _stem(name: str) -> str:
    p = Path(name)
    return str(p.with_suffix("")) if p.suffix else name


def _unique(name: str, used: set[str]) -> str:
    base, k = name, 2
    while name in used:
        stem, dot, ext = base.rpartition(".")
        name = f"{stem}（{k}）.{ext}" if dot else f"{base}（{k}）"
        k += 1
    used.add(name)
    return name


# --- drafting -------------------------------------------------------------------------------

def draft_input(fields: dict, uploads: list[Upload]) -> Any:
    """The drafter's input: ``input`` (a JSON object), ``yaml`` (text) or one uploaded .yaml/.json."""
    from ..drafter.inputs import MAX_INPUT_BYTES, parse_yaml, read_inputs

    if fields.get("input") is not None:
        return fields["input"]
    if isinstance(fields.get("yaml"), str):
        text = fields["yaml"]
        if len(text.encode("utf-8")) > MAX_INPUT_BYTES:
            raise TooLarge("输入过大（上限2 MB）", path="YAML")
        if not text.strip():
            raise InvalidData("输入为空", path="YAML")
        return parse_yaml(text, "YAML")
    files = [(u, u.data) for u in uploads if u.data is not None]
    if len(files) == 1:
        up, data = files[0]
        with tempfile.TemporaryDirectory(prefix="report-nlp-") as folder:
            path = Path(folder) / ("input" + up.suffix)
            path.write_bytes(data)
            try:
                return read_inputs(path)
            except ReportNLPError as e:
                raise renamed(e, up.name) from e
    raise InvalidData("请提供 input（JSON对象）、yaml（文本）或一个 .yaml/.json 文件")


def make(inputs: Any, profile: str | None):
    from ..drafter import make_draft

    return make_draft(inputs, None if profile in (None, "", "auto") else profile)


def draft_json(inputs: Any, profile: str | None) -> dict:
    from ..service import draft_self_check
    from ..taxonomy import taxonomy

    result = make(inputs, profile)
    return {"text": result.text, "profile": result.profile, "profile_name": taxonomy().kinds[result.profile],
            "warnings": list(result.warnings), "self_check": draft_self_check(result.text, result.profile)}


def draft_file(inputs: Any, profile: str | None, fmt: str) -> tuple[bytes, str, str]:
    """The draft as (bytes, media type, file suffix) in ``fmt``: txt, md, docx or yaml (the input)."""
    if fmt == "yaml":
        return input_yaml(inputs).encode("utf-8"), "application/yaml", ".yaml"
    text = make(inputs, profile).text
    if fmt == "txt":
        return text.encode("utf-8"), "text/plain; charset=utf-8", ".txt"
    if fmt == "md":
        from ..drafter.writers import to_markdown

        return to_markdown(text).encode("utf-8"), "text/markdown; charset=utf-8", ".md"
    if fmt == "docx":
        return docx_bytes(text), DOCX_TYPE, ".docx"
    raise InvalidData(f"format: 未知格式“{fmt}”，可选：text, txt, md, docx, yaml")


def input_yaml(inputs: Any) -> str:
    import yaml

    if not isinstance(inputs, dict):
        raise InvalidData("输入应为映射（“名称: 值”的形式）")
    return yaml.safe_dump(inputs, allow_unicode=True, sort_keys=False, width=1000)


def jsonable(value: Any) -> Any:
    """YAML data as JSON: dates become ``2022-03-31``."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    return value


def example(profile: str) -> dict:
    from ..drafter.core import init_yaml
    from ..drafter.inputs import parse_yaml

    text = init_yaml(profile)
    return {"profile": profile, "yaml": text, "input": jsonable(parse_yaml(text, "示例"))}
