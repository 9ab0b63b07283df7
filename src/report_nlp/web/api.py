"""The HTTP API, ``/api/v1/``: each route reads the request, calls :mod:`.operations` in a
worker thread and answers JSON or a file. Errors are ``{"error": {"code", "message"}}``."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from .. import __version__
from ..errors import InvalidData, TooLarge, UnsupportedFormat
from . import operations as ops
from .inputs import MAX_FILES, Upload, clean_name, expand, file_limit, one_upload

router = APIRouter(prefix="/api/v1", tags=["api"])


@dataclass
class Payload:
    fields: dict = field(default_factory=dict)
    uploads: list[Upload] = field(default_factory=list)

    def text(self, key: str, default: str | None = None) -> str | None:
        value = self.fields.get(key, default)
        if value is not None and not isinstance(value, str):
            raise InvalidData(f"{key}: 应为文本")
        return value

    def flag(self, key: str) -> bool:
        value = self.fields.get(key)
        return value is True or (isinstance(value, str) and value.lower() in ("1", "true", "yes", "on"))

    def profile(self) -> str:
        return self.text("profile") or "auto"


async def read_payload(request: Request) -> Payload:
    """JSON ``{"text": …, "name": …, "profile": …}`` or a multipart form with ``file`` fields."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        try:
            data = json.loads(await request.body() or b"null")
        except (ValueError, UnicodeDecodeError) as e:
            raise InvalidData("请求体不是有效的JSON") from e
        if not isinstance(data, dict):
            raise InvalidData("请求体应为JSON对象")
        payload = Payload(fields=data)
        if "text" in data:
            if not isinstance(data["text"], str):
                raise InvalidData("text: 应为文本")
            payload.uploads.append(Upload(name=clean_name(payload.text("name"), "粘贴的文字"), text=data["text"]))
        return payload
    if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form(max_files=MAX_FILES, max_fields=100, max_part_size=file_limit())
        payload = Payload()
        limit = file_limit()
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                data = await value.read(limit + 1)
                await value.close()
                name = clean_name(value.filename)
                if len(data) > limit:
                    raise TooLarge(f"文件过大，上限为{limit / 1048576:.0f} MB", path=name)
                payload.uploads.append(Upload(name=name, data=data))
            else:
                payload.fields[key] = value
        if "text" in payload.fields and not payload.uploads:
            payload.uploads.append(Upload(name=clean_name(payload.fields.get("name"), "粘贴的文字"),
                                          text=payload.fields["text"]))
        return payload
    if not ctype and request.method == "POST":
        raise UnsupportedFormat("请求缺少 Content-Type：请发送 application/json 或 multipart/form-data")
    raise UnsupportedFormat(f"不支持的请求类型“{ctype[:40]}”：请发送 application/json 或 multipart/form-data")


def _single(payload: Payload) -> Upload:
    return one_upload(payload.uploads)


def _attachment(data: bytes, media_type: str, filename: str, extra: dict | None = None) -> Response:
    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"}
    headers.update(extra or {})
    return Response(content=data, media_type=media_type, headers=headers)


def _doc(json_props: dict, required: tuple = (), multipart: bool = True, file_help: str = "报告文件（.txt、.md、.docx）") -> dict:
    """OpenAPI description of a body that is JSON or a multipart form with a file."""
    content = {"application/json": {"schema": {"type": "object", "properties": json_props,
                                               "required": list(required)}}}
    if multipart:
        props = {k: v for k, v in json_props.items() if v.get("type") in ("string", "boolean", "integer")}
        props["file"] = {"type": "string", "format": "binary", "description": file_help}
        content["multipart/form-data"] = {"schema": {"type": "object", "properties": props}}
    return {"requestBody": {"required": True, "content": content}}


_TEXT = {"type": "string", "description": "报告全文（与 file 二选一）"}
_NAME = {"type": "string", "description": "显示用的文件名（可省略）"}
_PROFILE = {"type": "string", "description": "报告类型：auto（默认，自动识别）、quarterly、half_year、annual、responsibility、shuze_shulian、special"}


@router.get("/health", summary="服务状态")
def health() -> dict:
    """服务是否就绪，以及版本号。"""
    return {"status": "ok", "version": __version__}


@router.get("/rules", summary="规则目录")
def rules() -> dict:
    """规则目录（``report-nlp rules --format json``），附规则族名称与错例、正例。"""
    from ..service import rules_catalogue

    return rules_catalogue()


@router.post("/check", summary="检查报告（findings@1）",
             openapi_extra=_doc({"text": _TEXT, "name": _NAME, "profile": _PROFILE,
                                 "format": {"type": "string", "enum": ["json", "sarif"], "description": "json（findings@1，默认）或 sarif"},
                                 "with_text": {"type": "boolean", "description": "附上规范化后的全文（偏移以它为准）"}}))
async def check(request: Request):
    """检查一篇报告，返回 ``report-nlp/findings@1``（或 SARIF 2.1.0）。与 ``report-nlp check --format json`` 相同。"""
    payload = await read_payload(request)
    upload = _single(payload)
    fmt = payload.text("format") or "json"
    if fmt not in ("json", "sarif"):
        raise InvalidData(f"format: 未知格式“{fmt}”，可选：json, sarif")
    settings = request.app.state.settings
    return await run_in_threadpool(ops.check_json, upload, payload.profile(), settings.config,
                                   with_text=payload.flag("with_text"), fmt=fmt)


@router.post("/suggest", summary="补写建议", openapi_extra=_doc({"text": _TEXT, "name": _NAME, "profile": _PROFILE}))
async def suggest(request: Request):
    """缺少的部分、主题和没有对应措施的问题：插入位置（段落序号与字符偏移）和可直接修改的文字。"""
    payload = await read_payload(request)
    return await run_in_threadpool(ops.suggest_json, _single(payload), payload.profile(),
                                   request.app.state.settings.config)


@router.post("/insert", summary="在指定位置插入段落",
             openapi_extra=_doc({"text": _TEXT, "offset": {"type": "integer"}, "insertion": {"type": "string"}},
                                required=("text", "offset", "insertion"), multipart=False))
async def insert(request: Request):
    """把一段补写文字（如 suggest 的 text）作为独立段落插入全文的 offset 处。"""
    from ..service import insert_text

    payload = await read_payload(request)
    upload = _single(payload)
    offset, insertion = payload.fields.get("offset"), payload.fields.get("insertion")
    if not isinstance(offset, int) or isinstance(offset, bool) or not isinstance(insertion, str):
        raise InvalidData("offset 应为整数，insertion 应为文本")
    from .inputs import text_raw

    raw = text_raw(upload)
    return {"text": insert_text(raw.text, offset, insertion)}


@router.post("/tag", summary="结构与标注（document@1）", openapi_extra=_doc({"text": _TEXT, "name": _NAME}))
async def tag(request: Request):
    """每段、每个条目所属的部分与主题及置信度，``report-nlp/document@1``。"""
    payload = await read_payload(request)
    return await run_in_threadpool(ops.tag_json, _single(payload))


@router.post("/classify", summary="问题分类（problems@1）",
             openapi_extra=_doc({"text": {"type": "string", "description": "每行一条问题表述，或整篇报告"},
                                 "items": {"type": "array", "items": {"type": "string"}, "description": "问题表述列表"}}))
async def classify(request: Request):
    """问题表述的类别、置信度、备选类别和纪律／“四风”标签。"""
    payload = await read_payload(request)
    items = payload.fields.get("items")
    if items is not None:
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise InvalidData("items: 应为文本列表")
        statements = [x.strip() for x in items if x.strip()]
        if not statements:
            from ..errors import EmptyInput

            raise EmptyInput("没有可分类的问题表述")
        if len(statements) > 5000:
            raise TooLarge("问题表述过多，一次最多5000条")
    else:
        statements = await run_in_threadpool(ops.statements_of, _single(payload))
    return await run_in_threadpool(ops.classify_json, statements)


@router.post("/fix", summary="安全修正",
             openapi_extra=_doc({"text": _TEXT, "name": _NAME, "profile": _PROFILE,
                                 "only": {"type": "array", "items": {"type": "object"},
                                          "description": "只修正这些问题（每项 {rule, start, end}）；省略则修正全部可安全修正的问题"}}))
async def fix(request: Request):
    """只做机械、安全的修正（与 ``check --fix`` 相同，从不改序号），返回修正后的全文和修正处数。"""
    payload = await read_payload(request)
    only = payload.fields.get("only")
    if only is not None and (not isinstance(only, list) or not all(isinstance(o, dict) for o in only)):
        raise InvalidData("only: 应为 {rule, start, end} 的列表")
    try:
        return await run_in_threadpool(ops.fix_text, _single(payload), payload.profile(),
                                       request.app.state.settings.config, only)
    except (TypeError, ValueError) as e:
        raise InvalidData("only: start、end 应为整数") from e


@router.post("/annotate", summary="Word 批注副本",
             openapi_extra=_doc({"text": _TEXT, "name": _NAME, "profile": _PROFILE}, file_help=".docx 文件"))
async def annotate(request: Request):
    """把每条问题写成 Word 批注的 .docx 副本（与 ``check --annotate`` 相同）；文字输入先按 GB/T 9704 排成 .docx。"""
    payload = await read_payload(request)
    upload = _single(payload)
    data, count = await run_in_threadpool(ops.annotated_docx, upload, payload.profile(),
                                          request.app.state.settings.config)
    return _attachment(data, ops.DOCX_TYPE, f"{ops._stem(upload.name)}-批注.docx", {"X-Report-NLP-Comments": str(count)})


@router.post("/fix-layout", summary="按 GB/T 9704 调整版式", openapi_extra=_doc({}, file_help=".docx 文件"))
async def fix_layout(request: Request):
    """调整 .docx 的字体、字号、行距、缩进和页边距，文字一字不改（与 ``report-nlp fix-layout`` 相同）。"""
    payload = await read_payload(request)
    upload = _single(payload)
    data, count = await run_in_threadpool(ops.fixed_layout, upload)
    return _attachment(data, ops.DOCX_TYPE, f"{ops._stem(upload.name)}-版式.docx", {"X-Report-NLP-Paragraphs": str(count)})


@router.post("/batch", summary="批量检查（逐行 JSON）",
             openapi_extra=_doc({"profile": _PROFILE, "with_text": {"type": "boolean", "description": "每行附上全文"}},
                                file_help="多个报告文件，或一个 .zip"))
async def batch(request: Request):
    """逐个检查多个文件（.zip 会展开），每检查完一个输出一行 JSON（application/x-ndjson）：
    ``{"index", "total", "name", "file"(findings@1 的文件项), "kind", "missing", "categories"}``，
    读不了的文件为 ``{"index", "total", "name", "error": {"code", "message"}}``。"""
    payload = await read_payload(request)
    files = expand(payload.uploads)
    profile, config, with_text = payload.profile(), request.app.state.settings.config, payload.flag("with_text")

    def rows():
        for i, upload in enumerate(files):
            try:
                row = ops.batch_row(upload, profile, config, with_text=with_text)
            except Exception as e:  # a bug of ours on one file must not lose the others
                row = {"name": upload.name, "error": {"code": "E000", "message": f"内部错误（{type(e).__name__}），请报告此问题"}}
            yield json.dumps({"index": i, "total": len(files), **row}, ensure_ascii=False) + "\n"

    return StreamingResponse(rows(), media_type="application/x-ndjson")


@router.post("/batch/annotated", summary="批量批注副本（.zip）", openapi_extra=_doc({"profile": _PROFILE}, file_help="多个报告文件，或一个 .zip"))
async def batch_annotated(request: Request):
    """每个 .docx 的批注副本、每个文字文件的检查结果，打包为一个 .zip。"""
    payload = await read_payload(request)
    files = expand(payload.uploads)
    data = await run_in_threadpool(ops.annotated_zip, files, payload.profile(), request.app.state.settings.config)
    return _attachment(data, "application/zip", "批注副本.zip")


@router.post("/draft", summary="起草报告",
             openapi_extra=_doc({"input": {"type": "object", "description": "起草输入（字段见 docs/drafting.md）"},
                                 "yaml": {"type": "string", "description": "YAML 格式的起草输入"},
                                 "profile": {"type": "string", "description": "报告类型；省略则取输入中的 profile"},
                                 "format": {"type": "string", "enum": ["text", "txt", "md", "docx", "yaml"],
                                            "description": "text（JSON：全文、警告、自查，默认）；txt、md、docx 为文件；yaml 为输入本身"}},
                                file_help=".yaml 或 .json 起草输入"))
async def draft(request: Request):
    """按结构化输入起草报告（与 ``report-nlp draft`` 相同）。字段错误的 message 以字段路径开头，另在 ``field`` 中给出。"""
    payload = await read_payload(request)
    inputs = ops.draft_input(payload.fields, payload.uploads)
    fmt = payload.text("format") or "text"
    profile = payload.text("profile")
    if fmt == "text":
        return await run_in_threadpool(ops.draft_json, inputs, profile)
    data, media, suffix = await run_in_threadpool(ops.draft_file, inputs, profile, fmt)
    return _attachment(data, media, ("起草输入" if fmt == "yaml" else "报告草稿") + suffix)


@router.get("/draft/form", summary="起草表单的字段说明")
def draft_form() -> dict:
    """起草页表单的字段（与起草器的输入字段一一对应）及可选的报告类型、主题、问题类别。"""
    from .form import form_spec

    return form_spec()


@router.get("/draft/example", summary="起草输入示例")
def draft_example(profile: str = "quarterly") -> dict:
    """``report-nlp init --profile P`` 的示例输入：YAML 原文和解析后的 JSON。"""
    return ops.example(profile)


@router.post("/draft/parse", summary="读入 YAML 起草输入",
             openapi_extra=_doc({"yaml": {"type": "string"}}, file_help=".yaml 或 .json 起草输入"))
async def draft_parse(request: Request):
    """把 YAML／JSON 起草输入解析为 JSON（日期写作 2022-03-31），供表单继续编辑。"""
    payload = await read_payload(request)
    inputs = ops.draft_input(payload.fields, payload.uploads)
    if not isinstance(inputs, dict):
        raise InvalidData("输入应为映射（“名称: 值”的形式）")
    return {"input": ops.jsonable(inputs)}


@router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"], include_in_schema=False)
def unknown(rest: str):
    return JSONResponse({"error": {"code": "E404", "message": f"没有这个接口：/api/v1/{rest[:60]}"}}, status_code=404)
