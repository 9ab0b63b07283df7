"""``check``, ``suggest`` and ``rules``: thin wrappers over :mod:`report_nlp.checker`."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ..kinds import help_text as kind_help
from .common import Fmt, emit, emit_json, fail, handles_errors


class CheckFmt(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class RulesFmt(str, Enum):
    table = "table"
    markdown = "markdown"
    json = "json"




def register(app: typer.Typer) -> None:
    app.command("check")(handles_errors(check_cmd))
    app.command("suggest")(handles_errors(suggest_cmd))
    app.command("rules")(handles_errors(rules_cmd))


def check_cmd(
    paths: List[Path] = typer.Argument(..., help="报告文件或文件夹（.txt、.md、.docx），可多个。"),
    profile: str = typer.Option("auto", "--profile", "-p", help=kind_help()),
    fmt: CheckFmt = typer.Option(CheckFmt.text, "--format", "-f", help="输出格式：text、json（findings@1）或 sarif。"),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="有该级别及以上的问题时退出码为1。"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件（默认读取当前目录的 report-nlp.yaml）。"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="并行进程数（批量检查时）。"),
    fix: bool = typer.Option(False, "--fix", help="自动修正标记为安全的问题（不改序号）；写到 -o，或原地修改并保留 .bak 备份。"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="与 --fix 合用：修正后写入的文件。"),
    annotate: Optional[Path] = typer.Option(None, "--annotate", help="把问题作为Word批注写入此 .docx 副本（输入须为 .docx）。"),
    annotate_dir: Optional[Path] = typer.Option(None, "--annotate-dir", help="批量检查时，把每个 .docx 的批注副本写入此文件夹。"),
    author: str = typer.Option("report-nlp", "--author", help="与 --annotate 合用：批注的作者名。"),
) -> None:
    """按报告类型检查：必备部分、要素、序号、标点、占位符、错别字、规范表述、请示用语、报告期、问题与措施对应等。"""
    from ..batch import Progress, collect, run_batch
    from ..checker.config import load_config

    cfg = load_config(config)
    files = collect(paths)
    if not files:
        fail("错误[E101]：没有找到可检查的报告文件（.txt、.md、.docx）", 3)
    if fix or annotate:
        if len(files) != 1:
            fail("错误[E100]：--fix 和 --annotate 只能用于单个文件", 2)
        return _single_with_outputs(files[0], profile, cfg, fmt, fail_on, fix, output, annotate, author)
    progress = Progress(len(files)) if len(files) > 1 else None
    outcomes = list(run_batch(files, profile, cfg, jobs, progress))
    errors = [o["error"] for o in outcomes if "error" in o]
    reports = [o for o in outcomes if "json" in o]
    if annotate_dir:
        _annotate_folder(reports, profile, cfg, annotate_dir, author)
    _print(outcomes, fmt, many=len(files) > 1)
    code = _exit_code([r["json"] for r in reports], fail_on)
    if errors:
        for path, ecode, message in errors:
            print(f"错误[{ecode}]：{message}", file=sys.stderr)
        code = 3  # an unreadable input outranks findings: the run is incomplete
    raise typer.Exit(code)


def _single_with_outputs(path, profile, cfg, fmt, fail_on, fix, output, annotate, author="report-nlp"):
    from ..checker import check
    from ..checker.report import file_json, text_lines
    from ..io import load
    from ..segmenter import segment

    doc = segment(load(path))
    result = check(doc, profile, cfg)
    if annotate:
        if doc.format != "docx":
            fail("错误[E107]：--annotate 需要 .docx 输入", 2)
        from ..io.files import same_file
        from ..comments import annotate_result

        if same_file(annotate, path):
            fail("错误[E300]：批注副本不能覆盖原文件", 2)
        count = annotate_result(result, path, annotate, author=author)
        print(f"已写入{count}条批注 → {annotate}", file=sys.stderr)
    if fix:
        result = _fix(path, doc, result, profile, cfg, output)
    outcome = {"path": str(path), "json": file_json(result), "lines": text_lines(result)}
    _print([outcome], fmt, many=False)
    raise typer.Exit(_exit_code([outcome["json"]], fail_on))


def _fix(path: Path, doc, result, profile, cfg, output: Optional[Path]):
    """Apply the safe fixes, write them, and return the check of the fixed text: what remains."""
    from ..checker import check
    from ..checker.fixes import apply_fixes
    from ..io.files import same_file
    from ..io.rewrite import write_fixed
    from ..model import RawText
    from ..segmenter import segment

    if doc.format not in ("txt", "md"):  # .docx, and .pdf/.doc/.wps read through a converter
        fail("错误[E107]：--fix 目前只支持 .txt/.md；.docx 请用 --annotate 查看问题后在Word中修改", 2)
    fixed, count = apply_fixes(doc.text, result.findings)
    target = Path(output) if output else Path(path)
    if fixed == doc.text and same_file(target, path):
        print(f"没有可自动修正的问题，{target} 未改动", file=sys.stderr)
        return result
    backup = write_fixed(Path(path), target, fixed)
    kept = f"，原文件备份为 {backup}" if backup else ""
    print(f"已修正{count}处，写入 {target}{kept}", file=sys.stderr)
    return check(segment(RawText(source=str(target), text=fixed, format=doc.format)), profile, cfg)


def _annotate_folder(reports, profile, cfg, folder: Path, author: str = "report-nlp") -> None:
    from ..checker import check
    from ..io import load
    from ..comments import annotate_result
    from ..segmenter import segment

    folder.mkdir(parents=True, exist_ok=True)
    for r in reports:
        path = Path(r["json"]["path"])
        if path.suffix.lower() == ".docx":
            result = check(segment(load(path)), profile, cfg)
            count = annotate_result(result, path, folder / path.name, author=author)
            print(f"已写入{count}条批注 → {folder / path.name}", file=sys.stderr)


def _entries(outcomes) -> list[dict]:
    """``findings@1`` file entries in input order, files that could not be checked included."""
    from ..checker.report import error_entry

    return [o["json"] if "json" in o else error_entry(*o["error"]) for o in outcomes]


def _print(outcomes, fmt: CheckFmt, many: bool) -> None:
    from ..checker.report import findings_json, sarif

    if fmt is CheckFmt.json:
        emit_json(findings_json(_entries(outcomes), [o["error"] for o in outcomes if "error" in o]))
    elif fmt is CheckFmt.sarif:
        emit_json(sarif(_entries(outcomes)))
    else:
        for o in outcomes:
            if "lines" in o:
                emit("\n".join(o["lines"]))
        if many:
            emit(_summary_table(_entries(outcomes)))


def _summary_table(entries: list[dict]) -> str:
    """One row per file (kinds and parts by their Chinese names from the data files), a totals row."""
    from ..kinds import get_profile
    from ..taxonomy import taxonomy

    tax = taxonomy()
    rows = ["", "文件\t类型\t错误\t疑似\t提示\t缺少部分"]
    totals = {"error": 0, "warning": 0, "info": 0}
    failed = 0
    for j in entries:
        if j.get("error"):
            failed += 1
            rows.append(f"{j['path']}\t无法检查\t—\t—\t—\t错误[{j['error']['code']}]：{j['error']['message']}")
            continue
        missing = "、".join(tax.part_name(f["data"]["part"]) for f in j["findings"] if f["rule"] == "STR001")
        s = j["summary"]
        for k in totals:
            totals[k] += s[k]
        kind = get_profile(j["profile"]).name + ("" if j["profile_detected"] else "（未识别）")
        rows.append(f"{j['path']}\t{kind}\t{s['error']}\t{s['warning']}\t{s['info']}\t{missing or '—'}")
    checked = len(entries) - failed
    note = f"，{failed}个无法检查" if failed else ""
    rows.append(f"合计（{checked}个文件{note}）\t—\t{totals['error']}\t{totals['warning']}\t{totals['info']}\t—")
    return "\n".join(rows)


def _exit_code(files: list[dict], fail_on: FailOn) -> int:
    if fail_on is FailOn.never:
        return 0
    from ..model import Severity

    limit = Severity(fail_on.value).rank
    return int(any(Severity(f["severity"]).rank <= limit for j in files for f in j["findings"]))


def suggest_cmd(
    file: Path = typer.Argument(..., help="报告文件（.txt、.md、.docx）。"),
    profile: str = typer.Option("auto", "--profile", "-p", help="报告类型，默认自动识别。"),
    fmt: Fmt = typer.Option(Fmt.text, "--format", "-f", help="输出格式：text 或 json。"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件。"),
) -> None:
    """为缺少的部分、主题和没有对应措施的问题给出插入位置和可直接修改的文字。"""
    from ..checker import check
    from ..checker.config import load_config
    from ..checker.suggest import suggest, suggestions_json
    from ..io import load
    from ..segmenter import segment

    result = check(segment(load(file)), profile, load_config(config))
    items = suggest(result)
    if fmt is Fmt.json:
        emit_json(suggestions_json(result, items))
        return
    data = suggestions_json(result, items)
    if not items:
        emit(f"{file}：没有需要补写的内容。")
        return
    for s in data["suggestions"]:
        where = "文首" if s["after"] is None else f"第{s['after'] + 1}段之后"  # people count from 1
        emit(f"【{s['name']}】插入位置：{where}（{'、'.join(s['rules'])}）")
        emit(s["text"])
        emit("")


def rules_cmd(fmt: RulesFmt = typer.Option(RulesFmt.table, "--format", "-f", help="输出格式：table、markdown 或 json。")) -> None:
    """列出规则目录：编号、级别、说明、依据。"""
    from ..checker.catalogue import catalogue_json, catalogue_markdown, catalogue_table

    if fmt is RulesFmt.markdown:
        sys.stdout.write(catalogue_markdown())
    elif fmt is RulesFmt.json:
        emit_json(catalogue_json())
    else:
        emit(catalogue_table())
