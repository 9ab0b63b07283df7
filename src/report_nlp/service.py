"""Operations shared by the command line and the web workbench (``report-nlp serve``).

Each is a few lines over the library that used to live inside one CLI command; keeping them
here means the CLI, the HTTP API and the page give the same answer from the same code.
"""
from __future__ import annotations

from .errors import EmptyInput
from .model import RawText


def problem_statements(raw: RawText) -> list[str]:
    """Problem statements in ``raw``: a whole report's problem items when the text segments
    into a report with a problems part, else one statement per non-blank line."""
    from .classify import problem_items, tag
    from .segment import segment

    lines = [ln.strip() for ln in raw.text.split("\n") if ln.strip()]
    if not lines:
        raise EmptyInput("没有可分类的问题表述", path=raw.source)
    doc = segment(raw, tokens=False)
    if len(doc.paragraphs) >= 3:
        tagged = tag(doc)
        found = [text for _, text in problem_items(tagged)]
        if found and any(p.part not in ("problems", "other") for p in tagged.paragraphs):
            return found
    return lines


def draft_self_check(text: str, profile: str) -> list[str]:
    """The checker's findings on the drafter's own output, as Chinese lines.

    【待填：…】 slots are placeholders on purpose: they are counted, not reported one by one.
    Headings with no body text under them are reported too (a drafter-only concern).
    """
    from .check import check_text
    from .check.registry import SEVERITY_NAMES

    result = check_text(text, profile=profile)
    lines = []
    for f in result.findings:
        matched = text[f.span.start:f.span.end]
        if f.rule == "PLH001" and matched.startswith("【待填"):
            continue
        lines.append(f"{SEVERITY_NAMES[f.severity]} {f.rule} {f.message}")
    paras = result.doc.paragraphs
    for i, para in enumerate(paras):
        if para.kind != "heading" or para.level is None:
            continue
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if nxt is None or (nxt.kind == "heading" and nxt.level is not None and nxt.level <= para.level):
            lines.append(f"第{i + 1}段“{result.doc.para_text(para)}”是标题，下面没有正文")
    slots = text.count("【待填：")
    if slots:
        lines.append(f"草稿中有{slots}处【待填：…】需要补全")
    return lines


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
    from .check.catalogue import FAMILIES, catalogue_json
    from .check.registry import rules_by_id

    data = catalogue_json()
    rules = rules_by_id()
    for entry in data["rules"]:
        examples = rules[entry["id"]].examples if entry["id"] in rules else {}
        entry["family_name"] = FAMILIES.get(entry["family"], "")
        entry["examples"] = {"bad": list(examples.get("bad") or []), "good": list(examples.get("good") or [])}
    data["families"] = dict(FAMILIES)
    return data
