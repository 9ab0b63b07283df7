"""LAY rules: a .docx's layout against GB/T 9704-2012 (profile ``gbt9704`` of layout.yaml).

One finding per rule and kind of deviation, with the number of paragraphs affected
(``data.paragraphs`` lists their indices; the span is the first one's). Page-level
findings have span (0, 0) and ``data.page_level``. Messages, suggestions and the basis of
each rule come from ``data/rules/layout.yaml``.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from ..model import Document, Finding, Span
from ..resources import load_yaml
from .facts import ParaFacts, collect

EMU_PER_MM = 36000
ROLE_NAMES = {"title": "公文标题", "body": "正文", "level1": "一级标题", "level2": "二级标题",
              "level3": "三级标题", "level4": "四级标题"}
SIZE_NAMES = {42: "初号", 36: "小初", 26: "一号", 24: "小一", 22: "二号", 18: "小二", 16: "三号",
              15: "小三", 14: "四号", 12: "小四", 10.5: "五号", 9: "小五"}
SIDE_NAMES = {"top": "上", "bottom": "下", "left": "左", "right": "右"}


def layout_profile(name: str = "gbt9704") -> dict:
    return load_yaml("layout.yaml")[name]


def layout_rules() -> dict[str, dict]:
    """The LAY catalogue: rule id → entry (id, severity, message, suggestion, basis)."""
    return {r["id"]: r for r in load_yaml("rules", "layout.yaml")["rules"]}


def accepts(profile: dict, expected: str, found: str | None) -> bool:
    """Whether ``found`` is ``expected`` or one of its aliases (case-insensitive)."""
    if not found:
        return False
    names = {expected, *profile.get("font_aliases", {}).get(expected, [])}
    return found.strip().lower() in {n.lower() for n in names}


def size_label(pt: float) -> str:
    name = SIZE_NAMES.get(pt if pt != int(pt) else int(pt))
    return f"{pt:g}磅（{name}）" if name else f"{pt:g}磅"


def check_layout(source, document: Document) -> list[Finding]:
    """LAY findings for a .docx given as a path or an open python-docx Document."""
    if hasattr(source, "sections"):
        wdoc = source
    else:
        from ..io import max_bytes_setting
        from ..io.docx import open_docx

        wdoc = open_docx(Path(source), str(source), max_bytes_setting())
    profile, rules = layout_profile(), layout_rules()
    findings = _page_findings(wdoc, profile, rules)
    findings += _paragraph_findings(collect(wdoc, document), profile, rules, _grid_pitch(wdoc))
    return findings


def _grid_pitch(wdoc) -> float | None:
    """Line pitch in pt of a document grid that single-spaced lines snap to, if any."""
    from ..io.docx import W

    sect = wdoc.sections[-1]._sectPr if len(wdoc.sections) else None
    grid = sect.find(W + "docGrid") if sect is not None else None
    if grid is None or grid.get(W + "type") not in ("lines", "linesAndChars") or not grid.get(W + "linePitch"):
        return None
    try:
        return int(grid.get(W + "linePitch")) / 20
    except ValueError:
        return None  # a malformed pitch: judge the spacing without a grid


# --- page ---------------------------------------------------------------------------
def _page_findings(wdoc, profile: dict, rules: dict) -> list[Finding]:
    out: list[Finding] = []
    page, tol = profile["page"], profile["page"]["tolerance_mm"]
    bad_pages = []
    margins: dict[str, set[float]] = defaultdict(set)
    for section in wdoc.sections:
        w, h = _mm(section.page_width), _mm(section.page_height)
        if w is not None and h is not None and (abs(w - page["width_mm"]) > tol or abs(h - page["height_mm"]) > tol):
            bad_pages.append(f"{w:.0f}毫米×{h:.0f}毫米")
        for side, (lo, hi) in profile["margin_tolerance_mm"].items():
            value = _mm(getattr(section, f"{side}_margin"))
            if value is not None and not lo - 0.05 <= value <= hi + 0.05:
                margins[side].add(round(value, 1))
    if bad_pages:
        out.append(_finding(rules["LAY001"], Span(0, 0), page_level=True, count=len(bad_pages),
                            found="、".join(dict.fromkeys(bad_pages)),
                            expected=f"{page['width_mm']}毫米×{page['height_mm']}毫米"))
    if margins:
        bands = profile["margin_tolerance_mm"]
        found = "、".join(
            f"{SIDE_NAMES[s]}边距{'/'.join(f'{v:g}' for v in sorted(margins[s]))}毫米（应在{bands[s][0]}–{bands[s][1]}毫米之间）"
            for s in ("top", "bottom", "left", "right") if s in margins)
        expected = "、".join(f"{SIDE_NAMES[s]}{profile['margins_mm'][s]}毫米" for s in ("top", "bottom", "left", "right"))
        out.append(_finding(rules["LAY002"], Span(0, 0), page_level=True, found=found, expected=expected,
                            sides=sorted(margins)))
    return out


def _mm(emu) -> float | None:
    return emu / EMU_PER_MM if emu is not None else None


# --- paragraphs ---------------------------------------------------------------------
def _paragraph_findings(facts: list[ParaFacts], profile: dict, rules: dict, grid: float | None) -> list[Finding]:
    fonts = profile["fonts"]
    groups: dict[tuple, list[ParaFacts]] = defaultdict(list)
    for fact in facts:
        unset = False
        for role, counter in fact.fonts.items():
            if role not in fonts:
                continue
            if counter.get(None):
                unset = True
                continue
            wrong = {f: n for f, n in counter.items() if not accepts(profile, fonts[role]["east_asia"], f)}
            if wrong:
                rule = "LAY003" if role == "title" else "LAY005" if role == "body" else "LAY007"
                groups[(rule, role, max(wrong, key=lambda k: wrong[k]))].append(fact)
        if unset:
            groups[("LAY010", None, None)].append(fact)
        for role, counter in fact.sizes.items():
            expected = fonts.get("body" if role == "other" else role, fonts["body"])["size"]
            wrong = {s: n for s, n in counter.items() if abs(s - expected) > 0.25}
            if wrong:
                rule = "LAY004" if role == "title" else "LAY006"
                groups[(rule, "body" if role == "other" else role, max(wrong, key=lambda k: wrong[k]))].append(fact)
        if not fact.is_title:
            spacing = _spacing_problem(fact, profile, grid)
            if spacing:
                groups[("LAY008", None, spacing)].append(fact)
        if fact.typed_indent:
            groups[("LAY011", None, None)].append(fact)
        elif fact.indent_applies:
            indent = _indent_problem(fact, profile)
            if indent:
                groups[("LAY009", None, indent)].append(fact)
        if fact.is_title and fact.props.align not in ("center", "distribute"):
            groups[("LAY012", "title", None)].append(fact)
    out = []
    for (rule_id, role, found), members in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[1][0].para.index)):
        out.append(_group_finding(rules[rule_id], role, found, members, profile))
    return out


def _group_finding(rule: dict, role, found, members: list[ParaFacts], profile: dict) -> Finding:
    seen: dict[int, ParaFacts] = {}
    for fact in members:
        seen.setdefault(fact.para.index, fact)
    members = list(seen.values())
    first = members[0]
    excerpt = first.text.strip()
    excerpt = excerpt[:12] + ("…" if len(excerpt) > 12 else "")
    where = f"如第{first.para.index + 1}段“{excerpt}”" + ("等" if len(members) > 1 else "")
    fields: dict[str, Any] = {"count": len(members), "where": where, "role": ROLE_NAMES.get(role, "")}
    rid = rule["id"]
    if rid in ("LAY003", "LAY005", "LAY007"):
        fields.update(found=found, expected=profile["fonts"][role]["east_asia"])
    elif rid in ("LAY004", "LAY006"):
        fields.update(found=size_label(found), expected=size_label(profile["fonts"][role]["size"]))
    elif rid == "LAY011":
        kinds = {"\u3000": "全角空格", " ": "半角空格", "\t": "制表符"}
        found = "、".join(dict.fromkeys(kinds.get(ch, "空白") for f in members for ch in f.typed_indent))
        fields.update(found=found, expected="")
    elif rid == "LAY012":
        align = {"left": "左对齐", "start": "左对齐", "both": "两端对齐", "right": "右对齐", "end": "右对齐",
                 None: "两端对齐（未设置对齐方式）"}
        fields.update(found=align.get(first.props.align, first.props.align), expected="居中")
    elif rid == "LAY008":
        lo, hi = profile["line_spacing_band_pt"]
        fields.update(found=found, expected=f"{lo}–{hi}磅")
    else:
        fields.update(found=found or "", expected="")
    return _finding(rule, first.para.span, paragraphs=[f.para.index for f in members], **fields)


def _finding(rule: dict, span: Span, *, page_level: bool = False, **fields) -> Finding:
    data = {k: v for k, v in fields.items() if k not in ("where",)}
    if page_level:
        data["page_level"] = True
    return Finding(rule=rule["id"], severity=rule["severity"], span=span,
                   message=rule["message"].format(**fields),
                   suggestion=rule["suggestion"].format(**fields), data=data)


def _spacing_problem(fact: ParaFacts, profile: dict, grid: float | None) -> str | None:
    """None when the line spacing is exact and inside the band, else how it reads in Word.

    Single spacing on a document grid of 22 lines (pitch inside the band) counts as exact.
    """
    lo, hi = profile["line_spacing_band_pt"]
    line, rule = fact.props.line, fact.props.line_rule
    if rule == "exact" and line is not None:
        pt = line / 20
        return None if lo - 0.05 <= pt <= hi + 0.05 else f"固定值{pt:g}磅"
    if rule == "atLeast" and line is not None:
        return f"最小值{line / 20:g}磅"
    multiple = (line or 240) / 240
    if abs(multiple - 1) < 0.01 and grid is not None and lo - 0.05 <= grid <= hi + 0.05:
        return None
    return "单倍行距" if abs(multiple - 1) < 0.01 else f"{multiple:g}倍行距"


def _indent_problem(fact: ParaFacts, profile: dict) -> str | None:
    """None when the first line is indented about two characters, else what it is."""
    want = profile["first_line_indent_chars"]
    if fact.props.first_line_chars is not None:
        chars = fact.props.first_line_chars / 100
    else:
        size = fact.main_size() or profile["fonts"]["body"]["size"]
        chars = fact.props.first_line / 20 / size
    if abs(chars - want) <= 0.25:
        return None
    if chars < 0:
        return f"悬挂缩进{-chars:.1f}个字符"
    if chars < 0.05:
        return "0个字符"
    return f"{chars:.1f}个字符"
