"""Validate a drafting input (parsed YAML/JSON) and normalise it for the templates.

Every error is an :class:`InvalidData` whose message starts with the field path
(``work[1].items[0].theme: 未知主题“stduy”，可选：study, …``), so a user can find the
line to fix. Facts named in the text (``{谈话人次}``) are filled here, before any template
runs: user text never reaches Jinja, so it cannot run template code.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Literal, overload

from ..errors import InvalidData
from ..taxonomy import taxonomy
from ..kinds import get_profile
from ..user_yaml import shorten
from . import textutil as tu

TOP_KEYS = ("profile", "organ", "addressee", "salutation", "author", "subject", "title", "period", "date",
            "opening", "work", "problems_intro", "problems", "causes", "measures_intro", "measures",
            "closing", "attachments", "facts")
_TYPE_NAMES = {bool: "布尔值", int: "整数", float: "小数", str: "文本", list: "列表", dict: "映射", type(None): "空值"}
_EXPECT = {str: "文本", int: "整数", list: "列表（每项以“- ”开头）", dict: "映射（“名称: 值”的形式）"}


def fail(path: str, message: str) -> InvalidData:
    return InvalidData(f"{path}: {message}")


class Problems:
    """Every error of one input, gathered so that ``draft`` reports them all in one run."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    @contextmanager
    def field(self):
        """Run a block; an InvalidData inside is recorded and the validation goes on."""
        try:
            yield
        except InvalidData as e:
            self.messages.append(e.message)

    def run(self, func, *args, default=None):
        with self.field():
            return func(*args)
        return default

    def raise_if_any(self) -> None:
        if len(self.messages) == 1:
            raise InvalidData(self.messages[0])
        if self.messages:
            raise InvalidData(f"输入有{len(self.messages)}处错误：" + "；".join(self.messages))


def _type_name(value: Any) -> str:
    for t, name in _TYPE_NAMES.items():
        if type(value) is t:
            return name
    return "日期" if hasattr(value, "year") else type(value).__name__


def _want(value: Any, kind: type, path: str, required: bool = False, what: str = "") -> Any:
    """``value`` if it has type ``kind``; None if absent and optional; else an error."""
    if value is None or (kind is str and isinstance(value, str) and not value.strip()):
        if required:
            raise fail(path, "缺少必填字段" + (f"（{what}）" if what else ""))
        return None
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # 2023 typed without quotes in a text field is still text
    if not ok:
        shown = shorten(value, 20)
        raise fail(path, f"应为{_EXPECT[kind]}，实际是{_type_name(value)}“{shown}”")
    return value.strip() if kind is str else value


def _keys(mapping: dict, allowed: tuple[str, ...], path: str) -> None:
    for key in mapping:
        if key not in allowed:
            where = f"{path}.{key}" if path else str(key)
            raise fail(where, f"未知字段，可选：{', '.join(allowed)}")


def _choice(value: Any, options: dict, path: str, noun: str) -> str:
    """The code of a theme, category or report type, given as its code (``study``) or its
    Chinese name from data/labels.yaml (``理论学习``)."""
    value = _want(value, str, path, required=True, what=f"{noun}代码")
    if value in options:
        return value
    names = {(v["name"] if isinstance(v, dict) else v): k for k, v in options.items()}
    if value in names:
        return names[value]
    raise fail(path, f"未知{noun}“{shorten(value)}”，可选：{', '.join(options)}（或其中文名称）")


def _facts(value: Any, path: str, inherited: dict) -> dict:
    facts = dict(inherited)
    for key, fact in (_want(value, dict, path) or {}).items():
        if isinstance(fact, (list, dict)):
            raise fail(f"{path}.{key}", f"应为数字、文本或日期，实际是{_type_name(fact)}")
        facts[str(key)] = fact
    return facts


@overload
def _text(value: Any, path: str, facts: dict, *, required: Literal[True], what: str = "") -> str: ...
@overload
def _text(value: Any, path: str, facts: dict, *, required: bool = False, what: str = "") -> str | None: ...


def _text(value: Any, path: str, facts: dict, *, required: bool = False, what: str = "") -> str | None:
    """A text field with its facts filled in; None when optional and absent (a required field
    that is absent raises in :func:`_want`, hence the overload: required → ``str``)."""
    text = _want(value, str, path, required=required, what=what)
    return None if text is None else tu.fill_facts(tu.clean(text), facts)


def validate(raw: Any, profile: str | None = None) -> tuple[dict, list[str]]:
    """The template context for ``raw`` and a list of Chinese warnings, or one InvalidData
    listing every field that is wrong (not just the first)."""
    tax = taxonomy()
    if not isinstance(raw, dict):
        raise InvalidData(f"输入应为映射（“名称: 值”的形式），实际是{_type_name(raw)}")
    errs = Problems()
    for key in raw:
        if key not in TOP_KEYS:
            errs.messages.append(f"{shorten(key)}: 未知字段，可选：{', '.join(TOP_KEYS)}")
    period = errs.run(_period, raw.get("period"))
    if profile is None:
        profile = raw.get("profile")
        path = "profile"
    else:
        path = "--profile"
    if profile is None:
        profile = _kind_for_period(period)
    profile = errs.run(_choice, profile, tax.kinds, path, "报告类型")
    if period and profile:
        errs.run(_period_fits, period, profile)
    facts = errs.run(_facts, raw.get("facts"), "facts", {}, default={})
    shuze = bool(profile) and get_profile(profile).signer == "person"
    ctx: dict[str, Any] = {"profile": profile, "profile_name": tax.kinds.get(profile), "period": period}
    ctx["author"] = errs.run(_author, raw.get("author"), shuze)
    ctx["organ"] = errs.run(_want, raw.get("organ"), str, "organ", not shuze, "发文机关署名，如“中共××市××局党组”")
    ctx["addressee"] = errs.run(_want, raw.get("addressee"), str, "addressee", not shuze, "主送机关，如“市纪委”")
    ctx["salutation"] = errs.run(_want, raw.get("salutation"), str, "salutation")
    ctx["subject"] = errs.run(_want, raw.get("subject"), str, "subject", profile == "special",
                              "专项工作名称，如“违规吃喝问题专项整治工作”")
    ctx["title"] = errs.run(_want, raw.get("title"), str, "title")
    ctx["date"] = errs.run(_date, raw.get("date"))
    ctx["opening"] = errs.run(_opening, raw.get("opening"), facts, default={})
    ctx["work"] = _work(raw.get("work"), facts, tax, errs)
    ctx["problems_intro"] = errs.run(_text, raw.get("problems_intro"), "problems_intro", facts)
    before = len(errs.messages)
    ctx["problems"] = _problems(raw.get("problems"), facts, tax, errs)
    problems_ok = len(errs.messages) == before  # else a measure's answer may name a problem that failed
    ctx["causes"] = _each(errs, raw.get("causes"), "causes",
                          lambda v, path: tu.sentence(_text(v, path, facts, required=True)))
    ctx["measures_intro"] = errs.run(_text, raw.get("measures_intro"), "measures_intro", facts)
    ctx["measures"] = _measures(raw.get("measures"), ctx["problems"] if problems_ok else None, facts, tax, errs)
    ctx["closing"] = errs.run(_text, raw.get("closing"), "closing", facts)
    ctx["attachments"] = _each(errs, raw.get("attachments"), "attachments",
                               lambda v, path: tu.phrase(_want(v, str, path, required=True)))
    errs.raise_if_any()
    return ctx, _warnings(ctx, tax)


def _each(errs: Problems, value: Any, key: str, convert) -> list:
    """``convert(item, path)`` for each item of the list ``value``; errors recorded, item skipped."""
    out = []
    for i, item in enumerate(errs.run(_want, value, list, key) or []):
        with errs.field():
            out.append(convert(item, f"{key}[{i}]"))
    return out


def _period(value: Any) -> dict:
    period = _want(value, dict, "period", required=True, what="报告期间，如 {year: 2022, quarter: 1}")
    _keys(period, ("year", "quarter", "half"), "period")
    year = _want(period.get("year"), int, "period.year", required=True, what="年份，如2022")
    if not 1990 <= year <= 2100:
        raise fail("period.year", f"年份“{year}”不在1990—2100之间")
    quarter = _want(period.get("quarter"), int, "period.quarter")
    half = _want(period.get("half"), int, "period.half")
    if quarter is not None and not 1 <= quarter <= 4:
        raise fail("period.quarter", f"季度应为1—4，实际是{quarter}")
    if half is not None and half not in (1, 2):
        raise fail("period.half", f"半年应为1（上半年）或2（下半年），实际是{half}")
    if quarter and half:
        raise fail("period", "quarter 与 half 只能填写一个")
    return {"year": year, "quarter": quarter, "half": half, "text": tu.period_text(year, quarter, half)}


def _kind_for_period(period: dict | None) -> str:
    """The kind marked ``period_default`` for the period the input names: a quarter, a
    half-year, else a whole year."""
    from ..kinds import kinds

    want = "quarter" if period and period.get("quarter") else "half" if period and period.get("half") else "year"
    return next((pid for pid, k in kinds().items() if k.period == want and k.period_default),
                next(pid for pid, k in kinds().items() if k.period == want))


def _period_fits(period: dict, profile: str) -> None:
    kind_period = get_profile(profile).period
    if kind_period == "quarter" and not period["quarter"]:
        raise fail("period.quarter", "季度报告需要填写季度（1—4）")
    if kind_period == "half" and not period["half"]:
        raise fail("period.half", "半年报告需要填写 half（1为上半年，2为下半年）")
    if kind_period == "year":
        for key in ("quarter", "half"):
            if period[key]:
                raise fail(f"period.{key}", "年度报告不应填写季度或半年，请删除此项或改用对应的报告类型")


def _author(value: Any, required: bool) -> dict | None:
    author = _want(value, dict, "author", required=required, what="述责述廉人，如 {name: 张三, post: 局党组书记、局长}")
    if author is None:
        return None
    _keys(author, ("name", "post"), "author")
    return {"name": _want(author.get("name"), str, "author.name", required=True, what="姓名"),
            "post": _want(author.get("post"), str, "author.post", required=True, what="职务")}


def _date(value: Any):
    if value is None or value == "":
        return None
    d = tu.parse_date(value)
    if d is None:
        raise fail("date", f"无法识别的日期“{value}”，应写作 2022-03-31 或 2022年3月31日")
    return d


def _opening(value: Any, facts: dict) -> dict:
    opening = _want(value, dict, "opening") or {}
    _keys(opening, ("subject", "guidance", "summary", "text"), "opening")
    out = {key: _text(opening.get(key), f"opening.{key}", facts) for key in ("subject", "guidance", "summary", "text")}
    for key in ("guidance", "summary"):
        value = out[key]
        if value:
            out[key] = tu.phrase(value)
    opening_text = out["text"]
    if opening_text:
        out["text"] = tu.sentence(opening_text)
    return out


def _work(value: Any, facts: dict, tax, errs: Problems) -> list[dict]:
    sections = errs.run(_want, value, list, "work", True, "工作开展情况，至少一部分")
    if sections is None:
        return []
    if not sections:
        errs.messages.append("work: 至少需要一部分工作情况")
    out = []
    for i, raw in enumerate(sections):
        with errs.field():
            out.append(_section(raw, f"work[{i}]", facts, tax, errs))
    return out


def _section(raw: Any, path: str, facts: dict, tax, errs: Problems) -> dict:
    section = _want(raw, dict, path, required=True)
    _keys(section, ("theme", "heading", "text", "items", "facts"), path)
    sfacts = _facts(section.get("facts"), f"{path}.facts", facts)
    theme = _choice(section.get("theme"), tax.themes, f"{path}.theme", "主题")
    items, failed = [], 0
    for j, raw_item in enumerate(_want(section.get("items"), list, f"{path}.items") or []):
        item = errs.run(_item, raw_item, f"{path}.items[{j}]", sfacts, tax, theme)
        failed += item is None
        if item is not None:
            items.append(item)
    text = _text(section.get("text"), f"{path}.text", sfacts)
    if not items and not text and not failed:
        raise fail(path, "这一部分既没有 text 也没有 items，标题下不能没有内容")
    heading = _text(section.get("heading"), f"{path}.heading", sfacts)
    return {"theme": theme, "theme_name": tax.theme_name(theme),
            "heading": tu.phrase(heading) if heading else None,
            "text": tu.sentence(text) if text else None, "items": items}


def _item(raw: Any, path: str, facts: dict, tax, theme: str) -> dict:
    if isinstance(raw, str):  # a bare string is an item without a lead phrase
        raw = {"text": raw}
    item = _want(raw, dict, path, required=True)
    _keys(item, ("lead", "text", "theme", "facts"), path)
    ifacts = _facts(item.get("facts"), f"{path}.facts", facts)
    item_theme = theme if item.get("theme") is None else _choice(item.get("theme"), tax.themes, f"{path}.theme", "主题")
    lead = _text(item.get("lead"), f"{path}.lead", ifacts)
    text = tu.sentence(_text(item.get("text"), f"{path}.text", ifacts, required=True, what="条目正文"))
    lead = tu.phrase(lead) if lead else None
    return {"lead": lead, "text": text, "theme": item_theme, "full": f"{lead}。{text}" if lead else text}


def _problems(value: Any, facts: dict, tax, errs: Problems) -> list[dict]:
    out: list[dict] = []
    seen: set[str] = set()
    for i, raw in enumerate(errs.run(_want, value, list, "problems") or []):
        with errs.field():
            out.append(_problem(raw, i, facts, tax, seen))
    return out


def _problem(raw: Any, i: int, facts: dict, tax, seen: set) -> dict:
    """One problem; without an ``id`` it is known by its number (1, 2, 3 …), as
    docs/drafting.md says, so ``measures[].answers: [2]`` can point at it."""
    path = f"problems[{i}]"
    if isinstance(raw, str):
        raise fail(path, "问题应为映射，至少包含 category 和 text")
    problem = _want(raw, dict, path, required=True)
    _keys(problem, ("id", "category", "heading", "text", "facts"), path)
    pid = _want(problem.get("id"), str, f"{path}.id") or str(i + 1)
    if pid in seen:
        raise fail(f"{path}.id", f"问题id“{shorten(pid)}”重复")
    seen.add(pid)
    pfacts = _facts(problem.get("facts"), f"{path}.facts", facts)
    category = _choice(problem.get("category"), tax.categories, f"{path}.category", "问题类别")
    heading = _text(problem.get("heading"), f"{path}.heading", pfacts)
    text = tu.sentence(_text(problem.get("text"), f"{path}.text", pfacts, required=True, what="问题表述"))
    return {"id": pid, "number": i + 1, "category": category,
            "category_name": tax.category_name(category), "heading": tu.phrase(heading) if heading else None,
            "text": text, "full": f"{tu.phrase(heading)}。{text}" if heading else text}


def _measures(value: Any, problems: list[dict] | None, facts: dict, tax, errs: Problems) -> list[dict]:
    out = []
    for i, raw in enumerate(errs.run(_want, value, list, "measures") or []):
        with errs.field():
            out.append(_measure(raw, i, problems, facts, tax))
    return out


def _measure(raw: Any, i: int, problems: list[dict] | None, facts: dict, tax) -> dict:
    ids = {p["id"]: p for p in problems or ()}
    path = f"measures[{i}]"
    measure = _want(raw, dict, path, required=True)
    _keys(measure, ("answers", "theme", "heading", "text", "facts"), path)
    mfacts = _facts(measure.get("facts"), f"{path}.facts", facts)
    answers = measure.get("answers")
    answers = [] if answers is None else answers if isinstance(answers, list) else [answers]
    answered = []
    for j, ref in enumerate(answers):
        key = str(ref)
        if key not in ids and problems is not None:
            known = "、".join(ids) or "（尚未填写任何问题）"
            raise fail(f"{path}.answers[{j}]", f"没有id为“{shorten(key)}”的问题，已有：{shorten(known, 60)}")
        answered.append(key)
    theme = _choice(measure.get("theme"), tax.themes, f"{path}.theme", "主题")
    heading = _text(measure.get("heading"), f"{path}.heading", mfacts)
    text = tu.sentence(_text(measure.get("text"), f"{path}.text", mfacts, required=True, what="措施内容"))
    return {"answers": answered, "theme": theme, "heading": tu.phrase(heading) if heading else None,
            "text": text, "full": f"{tu.phrase(heading)}。{text}" if heading else text}


def _warnings(ctx: dict, tax) -> list[str]:
    """Things a reviewer would query; the draft is still written."""
    warnings = []
    answered = {a for m in ctx["measures"] for a in m["answers"]}
    for p in ctx["problems"]:
        if ctx["measures"] and p["id"] not in answered:
            warnings.append(f"问题“{p['id']}”（{p['category_name']}）没有对应的整改措施（measures[].answers）")
    by_id = {p["id"]: p for p in ctx["problems"]}
    for i, m in enumerate(ctx["measures"]):
        for ref in m["answers"]:
            paired = tax.paired_themes(by_id[ref]["category"])
            if paired and m["theme"] not in paired:
                warnings.append(f"measures[{i}].theme: 主题“{m['theme']}”与问题“{ref}”的类别不对应，"
                                f"检查时可能被视为未整改；建议使用：{', '.join(paired)}")
    return warnings
