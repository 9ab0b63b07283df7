"""Project configuration (``report-nlp.yaml`` or ``--config``) and inline directives.

```yaml
disable: [CNT, PUN003]        # rule ids or family prefixes
severity: {TYP001: error}     # per rule id or family
whitelist: [哈哈]             # extra real reduplications
formulations: [...]           # extra entries, same schema as data/formulations.yaml
typos: [...]                  # extra entries, same schema as data/typos.yaml
# (patterns of user entries are RE2 syntax: linear time, no lookaround, see user_patterns.py)
date_margin_days: 120
```

Inline, in .txt/.md: ``<!-- report-nlp: disable PUN001 -->`` … ``<!-- report-nlp: enable PUN001 -->``
(``disable`` with no rule id turns every rule off until the matching ``enable``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Applicability, Severity
from ..errors import InvalidData
from ..user_yaml import read_user_yaml, shorten
from .user_patterns import PatternError, user_pattern

CONFIG_NAME = "report-nlp.yaml"
_DIRECTIVE = re.compile(r"<!--\s*report-nlp:\s*(disable|enable)\s*([A-Z0-9 ,]*)-->")
_KEYS = ("disable", "severity", "fixes", "whitelist", "formulations", "typos", "date_margin_days")
#: A config file is a few lines; anything larger is a mistake.
MAX_CONFIG_BYTES = 1024 * 1024
_SEVERITIES = tuple(s.value for s in Severity)
#: Fields of a user lexicon entry (same schema as data/formulations.yaml and data/typos.yaml).
_FORMULATION_KEYS = ("id", "correct", "wrong", "series", "replacement", "safe", "severity", "source", "note",
                     "examples")
_TYPO_KEYS = ("id", "wrong", "right", "safe", "severity", "context_not", "source", "note", "examples")


@dataclass(frozen=True)
class Config:
    disable: tuple[str, ...] = ()
    severity: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    fixes: dict = field(default_factory=dict)

    def enabled(self, rule_id: str) -> bool:
        return not any(rule_id == d or rule_id.startswith(d) for d in self.disable)

    def severity_for(self, rule_id: str, default: str) -> str:
        return self.severity.get(rule_id) or self.severity.get(rule_id[:3]) or default

    def applicability_for(self, rule_id: str, default: str | None) -> str | None:
        """A fix's applicability, lowered where ``fixes:`` says so (never raised: a rule
        whose fix is only displayed does not become safe by configuration)."""
        wanted = self.fixes.get(rule_id) or self.fixes.get(rule_id[:3])
        if default is None or wanted is None:
            return default
        order = [a.value for a in Applicability]
        return max(default, wanted, key=order.index)


def load_config(path: str | Path | None = None, *, cwd: Path | None = None) -> Config:
    """The given config file, else ``report-nlp.yaml`` in the working folder, else defaults.

    The whole file is validated here (:func:`validate_config`): a wrong value is an exit-3
    error naming its key path, never a rule silently switched off or a finding per character.
    """
    if path is None:
        candidate = (cwd or Path.cwd()) / CONFIG_NAME
        if not candidate.is_file():
            return Config()
        path = candidate
    p = Path(path)
    name = str(path)
    if not p.is_file():
        raise InvalidData("配置文件不存在", path=name)
    raw = read_user_yaml(p, what="配置文件", max_bytes=MAX_CONFIG_BYTES)
    return validate_config(raw, name)


def validate_config(raw, name: str = CONFIG_NAME) -> Config:
    """A :class:`Config` from parsed YAML, or one InvalidData listing every wrong key path."""
    errors = _Errors()
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise InvalidData(f"配置文件顶层应为“键: 值”的映射，可用的键：{', '.join(_KEYS)}", path=name)
    for key in raw:
        if key not in _KEYS:
            errors.add(shorten(key), f"未知的配置项，可用：{', '.join(_KEYS)}")
    known = _known_rules()
    disable = _rule_list(raw.get("disable"), "disable", known, errors)
    severity = _severity_map(raw.get("severity"), known, errors)
    fixes = _fixes_map(raw.get("fixes"), known, errors)
    options: dict = {}
    if raw.get("whitelist") is not None:
        options["whitelist"] = _strings(raw["whitelist"], "whitelist", errors)
    if "date_margin_days" in raw:
        margin = raw["date_margin_days"]
        if type(margin) is not int or not 0 <= margin <= 3660:
            errors.add("date_margin_days", f"应为0—3660之间的整数（天数），实际是“{shorten(margin)}”")
        else:
            options["date_margin_days"] = margin
    for key in ("formulations", "typos"):
        if raw.get(key) is None:
            continue
        entries = raw[key]
        if not isinstance(entries, list):
            errors.add(key, "应为条目列表（每项以“- ”开头）")
            continue
        options[key] = [e for k, item in enumerate(entries)
                        if (e := _entry(key, item, f"{key}[{k}]", errors)) is not None]
    errors.raise_if_any(name)
    return Config(disable=tuple(disable), severity=severity, options=options, fixes=fixes)


class _Errors:
    """Every problem of one file, reported together in one line."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")

    def raise_if_any(self, name: str) -> None:
        if len(self.items) == 1:
            raise InvalidData(self.items[0], path=name)
        if self.items:
            raise InvalidData(f"配置有{len(self.items)}处错误：" + "；".join(self.items), path=name)


def _known_rules() -> tuple[set[str], set[str]]:
    from .registry import builtin_rules

    ids = {r.id for r in builtin_rules()}
    return ids, {i[:3] for i in ids}


def _rule_ref(value, where: str, known, errors: _Errors) -> str | None:
    ids, families = known
    if not isinstance(value, str) or not value.strip():
        errors.add(where, f"应为规则编号（如 PUN001）或规则族（如 PUN），实际是“{shorten(value)}”")
        return None
    value = value.strip()
    if value not in ids and value not in families:
        errors.add(where, f"未知的规则编号或规则族“{shorten(value)}”（report-nlp rules 列出全部规则）")
        return None
    return value


def _rule_list(value, key: str, known, errors: _Errors) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        errors.add(key, "应为规则编号或规则族的列表，如 [CNT, PUN002]")
        return []
    return [r for k, v in enumerate(value) if (r := _rule_ref(v, f"{key}[{k}]", known, errors))]


def _fixes_map(value, known, errors: _Errors) -> dict:
    return _rule_map(value, "fixes", [a.value for a in Applicability], "应为", known, errors)


def _severity_map(value, known, errors: _Errors) -> dict:
    return _rule_map(value, "severity", list(_SEVERITIES), "级别应为", known, errors)


def _rule_map(value, key: str, allowed: list[str], what: str, known, errors: _Errors) -> dict:
    """``{rule id or family: one of allowed}``, every wrong key or value recorded."""
    if value is None:
        return {}
    choices = "|".join(allowed)
    if not isinstance(value, dict):
        errors.add(key, f"应为“规则编号: {choices}”的映射")
        return {}
    out = {}
    for rule, chosen in value.items():
        ref = _rule_ref(rule, f"{key}.{shorten(rule)}", known, errors)
        if chosen not in allowed:
            names = "、".join(allowed[:-1]) + " 或 " + allowed[-1]
            errors.add(f"{key}.{shorten(rule)}", f"{what} {names}，实际是“{shorten(chosen)}”")
        elif ref:
            out[ref] = chosen
    return out


def _strings(value, where: str, errors: _Errors, *, allow_empty_list: bool = True) -> list[str] | None:
    """A list of non-empty strings (a single string is taken as a one-item list)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or (not value and not allow_empty_list):
        errors.add(where, "应为字符串列表" if isinstance(value, list) else
                   f"应为字符串列表，实际是“{shorten(value)}”")
        return None
    ok = True
    for k, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            errors.add(f"{where}[{k}]", f"应为非空字符串，实际是“{shorten(item)}”")
            ok = False
    return list(value) if ok else None


def _entry(key: str, item, where: str, errors: _Errors) -> dict | None:
    """One user lexicon entry, checked field by field; its patterns compiled with RE2."""
    if not isinstance(item, dict):
        errors.add(where, "应为映射，如 {wrong: [错误写法], correct: 规范写法}" if key == "formulations"
                   else "应为映射，如 {wrong: 错误写法, right: 正确写法}")
        return None
    before = len(errors.items)
    allowed = _FORMULATION_KEYS if key == "formulations" else _TYPO_KEYS
    for field_name in item:
        if field_name not in allowed:
            errors.add(f"{where}.{shorten(field_name)}", f"未知字段，可用：{', '.join(allowed)}")
    entry = dict(item)
    text_field = "correct" if key == "formulations" else "right"
    if key == "formulations" or "right" in item:
        value = item.get(text_field)
        if not isinstance(value, str) or not value.strip():
            errors.add(f"{where}.{text_field}", f"应为非空字符串，实际是“{shorten(value)}”")
    if item.get("severity") is not None and item["severity"] not in _SEVERITIES:
        errors.add(f"{where}.severity", f"应为 error、warning 或 info，实际是“{shorten(item['severity'])}”")
    for flag in ("safe",):
        if flag in item and not isinstance(item[flag], bool):
            errors.add(f"{where}.{flag}", f"应为 true 或 false，实际是“{shorten(item[flag])}”")
    for text in ("id", "source", "note", "replacement"):
        if item.get(text) is not None and not isinstance(item[text], str):
            errors.add(f"{where}.{text}", f"应为字符串，实际是“{shorten(item[text])}”")
    if key == "formulations":
        series = item.get("series")
        if series is not None:
            series = _strings(series, f"{where}.series", errors)
            if series is not None and len(series) < 2:
                errors.add(f"{where}.series", "应至少列出两项")
        wrong = _strings(item.get("wrong", []), f"{where}.wrong", errors)
        if wrong is not None and not wrong and not series:
            errors.add(f"{where}.wrong", "应为字符串列表，至少一项（错误写法的正则表达式）")
        patterns = [(f"{where}.wrong[{k}]", p) for k, p in enumerate(wrong or [])]
        entry["wrong"] = wrong or []
    else:
        wrong = item.get("wrong")
        if not isinstance(wrong, str) or not wrong.strip():
            errors.add(f"{where}.wrong", f"应为非空字符串（错误写法的正则表达式），实际是“{shorten(wrong)}”")
            patterns = []
        else:
            patterns = [(f"{where}.wrong", wrong)]
        context_not = item.get("context_not")
        if context_not is not None and (not isinstance(context_not, str) or not context_not.strip()):
            errors.add(f"{where}.context_not", f"应为非空字符串（正则表达式），实际是“{shorten(context_not)}”")
            context_not = None
    compiled = [c for path, p in patterns if (c := _compile(p, path, errors, wrong=True)) is not None]
    if key == "typos" and context_not:
        _compile(context_not, f"{where}.context_not", errors, wrong=False)
    if len(errors.items) > before:
        return None
    _examples(item.get("examples"), compiled, where, errors)
    return entry if len(errors.items) == before else None


def _compile(pattern: str, where: str, errors: _Errors, *, wrong: bool):
    try:
        compiled = user_pattern(pattern)
    except PatternError as e:
        errors.add(where, f"正则表达式“{shorten(pattern)}”{e}")
        return None
    if wrong and compiled.search("") is not None:
        # A pattern that matches the empty text would put a finding between every two characters.
        errors.add(where, f"正则表达式“{shorten(pattern)}”能匹配空文本，请写出要查找的文字")
        return None
    return compiled


def _examples(examples, compiled, where: str, errors: _Errors) -> None:
    """Like the built-in catalogue, a user entry must fire on its bad examples, not on its good ones."""
    if examples is None:
        return
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        errors.add(f"{where}.examples", "应为 {bad: [错例], good: [正例]}")
        return
    for kind in ("bad", "good"):
        values = _strings(examples.get(kind) or [], f"{where}.examples.{kind}", errors)
        for k, text in enumerate(values or []):
            hit = any(c.search(text) for c in compiled)
            if kind == "bad" and not hit:
                errors.add(f"{where}.examples.bad[{k}]", f"错例“{shorten(text)}”不能被 wrong 匹配，该条目未被采用")
            if kind == "good" and hit:
                errors.add(f"{where}.examples.good[{k}]", f"正例“{shorten(text)}”被 wrong 误匹配，该条目未被采用")


def disabled_ranges(text: str) -> list[tuple[int, int, frozenset[str] | None]]:
    """``(start, end, rule ids or None for all)`` ranges switched off by inline directives."""
    open_: dict[frozenset[str] | None, int] = {}
    ranges = []
    for m in _DIRECTIVE.finditer(text):
        ids = frozenset(re.findall(r"[A-Z]{3}\d{3}|[A-Z]{3}", m.group(2))) or None
        if m.group(1) == "disable":
            open_.setdefault(ids, m.start())
        elif ids in open_:
            ranges.append((open_.pop(ids), m.end(), ids))
        elif ids is None:
            for key, start in list(open_.items()):
                ranges.append((start, m.end(), key))
            open_.clear()
    ranges += [(start, len(text), ids) for ids, start in open_.items()]
    return ranges


def suppressed(rule_id: str, offset: int, ranges) -> bool:
    for start, end, ids in ranges:
        if start <= offset <= end and (ids is None or any(rule_id == i or rule_id.startswith(i) for i in ids)):
            return True
    return False
