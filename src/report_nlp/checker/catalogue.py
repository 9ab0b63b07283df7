"""The rule catalogue as a table, JSON, and the Markdown of ``docs/rules.md``."""
from __future__ import annotations

from ..model import Severity
from .registry import builtin_rules

FAMILIES = {
    "STR": "必备部分与主题", "ELM": "公文要素", "NUM": "序号", "PUN": "标点", "PLH": "占位符", "TYP": "错别字",
    "TRM": "规范表述", "GEN": "文种（请示用语）", "PER": "报告期", "PAR": "问题与措施对应", "CNT": "内容提示",
    "LAY": "版式（.docx）",
}


#: How the catalogue shows a rule's fix applicability.
_FIX_NAMES = {"safe": "是", "unsafe": "逐条确认", "display": "仅提示"}


def catalogue_json() -> dict:
    return {"schema": "report-nlp/rules@1", "rules": [
        {"id": r.id, "family": r.family, "severity": r.severity, "name": r.name, "message": r.message,
         "suggestion": r.suggestion, "basis": r.basis, "fixable": r.fix == "safe", "fix": r.fix} for r in builtin_rules()]}


def catalogue_table() -> str:
    lines = ["编号\t级别\t说明\t依据"]
    for r in builtin_rules():
        lines.append(f"{r.id}\t{Severity(r.severity).label}\t{r.message}\t{r.basis}")
    return "\n".join(lines)


def catalogue_markdown() -> str:
    out = ["# 规则目录", "", "由 `report-nlp rules --format markdown` 生成，请勿手改（测试会检查是否过期）。", "",
           "级别：错误＝必须修改；疑似＝审阅者会提出疑问；提示＝供参考。可自动修正（--fix）的规则标“是”。", ""]
    family = None
    for r in builtin_rules():
        if r.family != family:
            family = r.family
            out += ["", f"## {family} {FAMILIES.get(family, '')}", "", "| 编号 | 级别 | 说明 | 建议 | 依据 | 可自动修正 |", "|---|---|---|---|---|---|"]
        cells = [r.id, Severity(r.severity).label, r.message, r.suggestion, r.basis, _FIX_NAMES.get(r.fix or "", "否")]
        out.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
        bad = (r.examples.get("bad") or [""])[0]
        good = (r.examples.get("good") or [""])[0]
        if bad and "\n" not in bad:
            out.append(f"| | | 错例：{bad} | 正例：{good} | | |")
    return "\n".join(out) + "\n"
