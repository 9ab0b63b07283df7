"""``review``: many units' reports of one period read together (see :mod:`report_nlp.review`)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .common import Fmt, emit, emit_json, fail, handles_errors

OUTPUT_SUFFIXES = (".html", ".htm", ".xlsx", ".json")


def register(app: typer.Typer) -> None:
    app.command("review")(handles_errors(review_cmd))


def review_cmd(
    paths: List[Path] = typer.Argument(..., help="本期报告所在的文件夹（或文件），可多个；读 .txt、.md、.docx、.pdf、.doc、.wps。"),
    previous: Optional[List[Path]] = typer.Option(None, "--previous", help="上期报告所在的文件夹：比对反复出现的问题、照搬的措施和段落、前后不一的数字。"),
    output: Optional[List[Path]] = typer.Option(None, "--output", "-o", help="写出审阅结果：review.html、review.xlsx 或 review.json，可多个。"),
    units: Optional[Path] = typer.Option(None, "--units", help="单位对照表（CSV，两列：文件,单位），优先于从报告中读出的单位。"),
    profile: str = typer.Option("auto", "--profile", "-p", help="报告类型，默认自动识别。"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件（默认读取当前目录的 report-nlp.yaml）。"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="并行进程数。"),
    boilerplate_units: Optional[int] = typer.Option(None, "--boilerplate-units", min=1, help="超过这么多单位共有的段落视为规范表述，不算雷同（默认3，或单位数的1%）。"),
    fmt: Fmt = typer.Option(Fmt.text, "--format", "-f", help="标准输出的格式：text（摘要）或 json（review@1）。"),
) -> None:
    """审阅多个单位的报告：完整性、问题分布、雷同段落、反复出现的问题、数字。"""
    from ..batch import collect
    from ..checker.config import load_config
    from ..io.files import atomic_write
    from ..review import review
    from ..review.render import to_html, to_text, to_xlsx
    from ..review.units import load_units_csv

    for out in output or []:
        if out.suffix.lower() not in OUTPUT_SUFFIXES:
            fail(f"错误[E001]：不支持的输出格式“{out.suffix or out.name}”，请用 .html、.xlsx 或 .json", 2)
    for p in list(paths) + list(previous or []):
        if not p.exists():
            fail(f"错误[E101]：{p}：文件或文件夹不存在", 3)
    cfg = load_config(config)
    mapping = load_units_csv(units) if units else None
    if not collect(list(paths)):
        fail("错误[E101]：没有找到可审阅的报告文件（.txt、.md、.docx、.pdf、.doc、.wps）", 3)
    payload = review(list(paths), list(previous or []), units=mapping, profile=profile, config=cfg, jobs=jobs,
                     boilerplate_units=boilerplate_units)
    for out in output or []:
        suffix = out.suffix.lower()
        if suffix == ".xlsx":
            data = to_xlsx(payload)
        elif suffix == ".json":
            data = (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        else:
            data = to_html(payload).encode("utf-8")
        atomic_write(out, lambda fh, data=data: fh.write(data))
        print(f"已写入：{out}", file=sys.stderr)
    if fmt is Fmt.json:
        emit_json(payload)
    else:
        emit(to_text(payload))
    for e in payload["errors"]:
        print(f"错误[{e['code']}]：{e['message']}", file=sys.stderr)
    raise typer.Exit(3 if payload["errors"] else 0)
