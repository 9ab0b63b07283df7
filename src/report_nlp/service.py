"""Operations shared by the command line and the web workbench (``report-nlp serve``).

Each is a few lines over the library that used to live inside one CLI command; keeping them
here means the CLI, the HTTP API and the page give the same answer from the same code.
"""
from __future__ import annotations

import re

from .errors import EmptyInput
from .model import RawText


# A report announces itself by its title or by its numbered headings; a plain list does neither.
_REPORT_TITLE = re.compile(r"^[^\n]{0,60}关于[^\n]{1,80}的(?:工作)?报告[ \t　]*$", re.M)
_NUMBERED_HEADING = re.compile(r"^[ \t　]*([一二三四五六七八九十]{1,3})、", re.M)


def looks_like_report(text: str) -> bool:
    """A title 关于……的报告, or headings numbered 一、 and 二、 (a list may start a line with
    一、 now and then; a report's parts run in sequence)."""
    return bool(_REPORT_TITLE.search(text)) or {"一", "二"} <= set(_NUMBERED_HEADING.findall(text))


def problem_statements(raw: RawText, mode: str | None = None) -> tuple[str, list[str]]:
    """``(mode, statements)`` of a loaded text.

    ``lines``: every non-blank line, in order, nothing dropped. ``report``: the problem
    statements of the report's problems part. ``None``: ``report`` when the text looks like a
    report (:func:`looks_like_report`) and has a problems part, else ``lines``."""
    from .errors import InputError
    from .segmenter import segment
    from .tagger import problem_items, tag

    lines = [ln.strip() for ln in raw.text.split("\n") if ln.strip()]
    if not lines:
        raise EmptyInput("没有可分类的问题表述", path=raw.source)
    if mode == "lines" or (mode is None and not looks_like_report(raw.text)):
        return "lines", lines
    found = [text for _, text in problem_items(tag(segment(raw, tokens=False)))]
    if found:
        return "report", found
    if mode == "report":
        raise InputError("没有找到“存在问题”部分；如果是逐行列出的问题表述，请用 --lines", path=raw.source)
    return "lines", lines


def draft_self_check(text: str, profile: str) -> list[str]:
    """The checker's findings on the drafter's own output, as Chinese lines.

    【待填：…】 slots are placeholders on purpose: they are counted, not reported one by one.
    Headings with no body text under them are reported too (a drafter-only concern).
    """
    from .checker import check_text
    from .model import Severity

    result = check_text(text, profile=profile)
    lines = []
    for f in result.findings:
        matched = text[f.span.start:f.span.end]
        if f.rule == "PLH001" and matched.startswith("【待填"):
            continue
        lines.append(f"{Severity(f.severity).label} {f.rule} {f.message}")
    paras = result.doc.paragraphs
    for i, para in enumerate(paras):
        if para.kind != "heading" or para.level is None:
            continue
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if nxt is None or (nxt.kind == "heading" and nxt.level is not None and nxt.level <= para.level):
            lines.append(f"第{i + 1}段“{result.doc.para_text(para)}”是标题，下面没有正文")
    slots = placeholders(text)
    if slots:
        lines += [f"第{line}段第{column}字：{slot}" for line, column, slot in slots]
        lines.append(f"草稿中有{len(slots)}处【待填：…】需要补全")  # the count last, as a summary
    return lines


def placeholders(text: str) -> list[tuple[int, int, str]]:
    """Each 【待填：…】 slot with its line (= paragraph: one per line) and column, both from 1."""
    import re

    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for m in re.finditer(r"【待填：[^】]*】", line):
            found.append((number, m.start() + 1, m.group()))
    return found


def missing_parts(file_entry: dict) -> list[str]:
    """Chinese names of the parts a ``findings@1`` file entry reports missing (STR001)."""
    from .taxonomy import taxonomy

    tax = taxonomy()
    return [tax.part_name(f["data"]["part"]) for f in file_entry["findings"] if f["rule"] == "STR001"]


def insert_text(text: str, offset: int, insertion: str) -> str:
    """``text`` with ``insertion`` (one or more whole paragraphs, e.g. a ``suggest`` text) put
    at ``offset`` as paragraphs of their own: line breaks are added where the neighbours need them."""
    offset = max(0, min(offset, len(text)))
    before, after = text[:offset], text[offset:]
    block = insertion.strip("\n")
    if before and not before.endswith("\n"):
        block = "\n" + block
    if after and not after.startswith("\n"):
        block = block + "\n"
    return before + block + after


def rules_catalogue() -> dict:
    """``report-nlp rules --format json`` plus each rule's family name and its examples."""
    from .checker.catalogue import FAMILIES, catalogue_json
    from .checker.registry import rules_by_id

    data = catalogue_json()
    rules = rules_by_id()
    for entry in data["rules"]:
        examples = rules[entry["id"]].examples if entry["id"] in rules else {}
        entry["family_name"] = FAMILIES.get(entry["family"], "")
        entry["examples"] = {"bad": list(examples.get("bad") or []), "good": list(examples.get("good") or [])}
    data["families"] = dict(FAMILIES)
    return data
