"""``suggest``: for each missing part or theme and each problem without a measure, where to
insert and ready-to-edit text, numbered to fit the document."""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from ..kinds import fallback
from ..resources import load_yaml
from ..segmenter.markers import CN_NUM, chinese_numeral, cn_to_int
from ..taxonomy import taxonomy
from . import CheckResult



@dataclass(frozen=True)
class Suggestion:
    kind: str            # part | theme | measure
    key: str             # part id, theme id or problem category
    after: int | None    # paragraph index (from 0, as in JSON) after which to insert (None: at the start)
    offset: int          # character offset of the insertion point
    text: str
    rules: tuple[str, ...]


def suggest(result: CheckResult) -> list[Suggestion]:
    doc = result.doc
    data = _data(result)
    fill = _context(result)
    next_level1 = fill["next_number"]
    out: list[Suggestion] = []
    missing = [f for f in result.findings if f.rule == "STR001"]
    unanswered = [f for f in result.findings if f.rule == "PAR001"]
    for f in missing:
        part = f.data["part"]
        if part == "next_steps":
            title, body = _next_steps(result, unanswered, data)
            text = "\n".join([f"{chinese_numeral(next_level1)}、{title}", *body])
            next_level1 += 1
            out.append(Suggestion("part", part, f.data.get("after"), f.span.start, text,
                                  ("STR001",) + (("PAR001",) if unanswered else ())))
            unanswered = []
            continue
        template = data["parts"].get(f"{part}_{result.profile.id}") or data["parts"].get(part)
        if template is None:
            continue
        number = chinese_numeral(next_level1)
        if part in ("work", "problems"):
            next_level1 += 1
        out.append(Suggestion("part", part, f.data.get("after"), f.span.start,
                              template.format(number=number, **fill), ("STR001",)))
    for f in (x for x in result.findings if x.rule == "STR004"):
        theme = f.data["theme"]
        template = data.get("theme_parts", {}).get(theme)
        if template is not None:
            number = chinese_numeral(_level1_before(doc, f.data.get("after")) + 1)
            out.append(Suggestion("theme", theme, f.data.get("after"), f.span.start,
                                  template.format(number=number, **fill), ("STR004",)))
    for f in (x for x in result.findings if x.rule == "STR002"):
        theme = f.data["theme"]
        out.append(Suggestion("theme", theme, f.data.get("after"), f.span.start,
                              data["themes"].get(theme, data["themes"]["other"]), ("STR002",)))
    if unanswered:
        last = max((p for p in doc.paragraphs if p.part == "next_steps"), key=lambda p: p.index, default=None)
        after, offset = (last.index, last.span.end) if last else (None, len(doc.text))
        start = _count_items(doc, last) if last else 0
        body = _measures(unanswered, data, first=start)
        out.append(Suggestion("measure", ",".join(sorted({u.data["category"] for u in unanswered})), after, offset,
                              "\n".join(body), ("PAR001",)))
    parts = list(taxonomy().parts)
    return sorted(out, key=lambda s: (s.offset, s.kind == "measure", parts.index(s.key) if s.key in parts else 0))


def _data(result: CheckResult) -> dict:
    """data/suggestions.yaml, overridden key by key by the ``suggest`` section of the
    profile's template wording (述责述廉: the speaker's own voice, 本人)."""
    from ..drafter.render import load_wording, template_dirs

    data = copy.deepcopy(load_yaml("suggestions.yaml"))
    wording = load_wording(template_dirs(result.profile.template or fallback()), "")
    for section, values in (wording.get("suggest") or {}).items():
        data.setdefault(section, {}).update(values)
    return data


def _top_numbers(doc) -> list[tuple[int, int]]:
    """``(paragraph index, number)`` of each top-level heading (一、二、三、…)."""
    out = []
    for p in doc.paragraphs:
        if p.level == 1 and p.marker:
            number = cn_to_int(re.sub(r"[^一二三四五六七八九十]", "", p.marker))
            if number:
                out.append((p.index, number))
    return out


def _level1_before(doc, after: int | None) -> int:
    """The number of the last top-level heading at or before paragraph ``after``."""
    numbers = [n for i, n in _top_numbers(doc) if after is not None and i <= after]
    return numbers[-1] if numbers else 0


def _next_steps(result: CheckResult, findings, data) -> tuple[str, list[str]]:
    """A whole 下一步打算 part in the drafter's form for this kind of report (drafter/templates),
    one measure per unanswered problem category, or a 【待填】 slot when none is known."""
    from ..drafter.render import render_next_steps

    measures = [{"theme": _theme_of(cat, data["measures"][cat]), "text": data["measures"][cat]}
                for cat in _categories(findings) if cat in data["measures"]]
    title, lines = render_next_steps(result.profile.template or fallback(), measures, _next_period(result))
    return title, lines


def _categories(findings) -> list[str]:
    seen: list[str] = []
    for f in findings:
        if f.data["category"] not in seen:
            seen.append(f.data["category"])
    return seen


def _theme_of(category: str, text: str) -> str:
    """The paired theme (the category's ``themes`` in ``data/labels.yaml``) whose cue words the measure text uses most."""
    from ..tagger.cues import cues, keyword_scores

    paired = taxonomy().paired_themes(category) or ("other",)
    scores = keyword_scores(text, cues().themes)
    return max(paired, key=lambda t: (scores.get(t, 0.0), -paired.index(t)))


def _next_period(result: CheckResult) -> str:
    """下一季度 / 下半年 / 2023年, as the drafter's wording calls the period after this one."""
    from .dates import parse_period

    texts = [result.doc.para_text(p) for p in result.doc.paragraphs if p.part in ("title", "opening")]
    year, kind = next((parse_period(t[:40]) for t in texts if parse_period(t[:40]) != (None, None)), (None, None))
    if kind and kind.startswith("q"):
        return "下一季度" if kind != "q4" or not year else f"{year + 1}年第一季度"
    if kind == "h1":
        return "下半年"
    return f"{year + 1}年" if year else "下一步"


def _measures(findings, data, first: int = 0) -> list[str]:
    seen, lines = [], []
    for f in findings:
        cat = f.data["category"]
        if cat not in seen and cat in data["measures"]:
            seen.append(cat)
    for k, cat in enumerate(seen):
        lines.append(f"{chinese_numeral(first + k + 1)}是{data['measures'][cat]}")
    return lines


def _count_items(doc, para) -> int:
    return len(re.findall(rf"(?:^|[。；：，])({CN_NUM})是", doc.para_text(para)))


def _context(result: CheckResult) -> dict:
    doc = result.doc
    title = next((doc.para_text(p) for p in doc.paragraphs if p.part == "title"), "")
    opening = next((doc.para_text(p) for p in doc.paragraphs if p.part == "opening"), "")
    organ = title.split("关于")[0] if "关于" in title else _organ_in(opening)
    m = re.search(r"\d{4}年(?:第[一二三四]季度|[上下]半年|度)?", title or opening)
    period = m.group(0) if m else "【待填：报告期】"
    # After the highest number in use: 一、二、三、 present (even if one is missing) → 四、
    numbers = [n for _, n in _top_numbers(doc)]
    return {"organ": organ, "period": period, "next_number": max(numbers, default=0) + 1}


def _organ_in(opening: str) -> str:
    """The sending organ named in the opening (“……，市*局党组坚持……”), else a placeholder."""
    m = re.search(r"(?:^|[，,。；])[^，,。；]*?([^，,。；\d年季度]{2,20}?(?:党组|党委|党工委|党总支|委员会))", opening)
    if not m:
        return "【待填：发文机关，如中共××局党组】"
    organ = m.group(1)
    return organ if organ.startswith(("中共", "中国共产党")) else "中共" + organ


def suggestions_json(result: CheckResult, items: list[Suggestion]) -> dict:
    tax = taxonomy()
    return {"schema": "report-nlp/suggestions@1", "path": result.doc.source, "profile": result.profile.id,
            "suggestions": [{"kind": s.kind, "key": s.key, "after": s.after, "offset": s.offset, "text": s.text,
                             "rules": list(s.rules),
                             "name": tax.part_name(s.key) if s.kind == "part" else
                             (tax.theme_name(s.key) if s.kind == "theme" else "针对问题的措施")} for s in items]}
