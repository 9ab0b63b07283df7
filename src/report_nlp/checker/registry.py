"""The rule catalogue: rules are data (``data/rules/*.yaml``) run by a few kinds of logic.

A rule entry has ``id`` (family prefix + 3 digits), ``severity``, ``message`` (a Chinese
template filled from the match), ``suggestion``, ``basis``, ``kind`` and its parameters,
and ``examples: {bad: [...], good: [...]}``, which one parametrised test runs.

Kinds: ``regex`` (a pattern over the text of chosen parts, optional replacement),
``function`` (a function registered for the rule's id with :func:`rule_function`, for what a
pattern cannot say) and ``layout`` (.docx formatting, computed by :mod:`report_nlp.layout.rules`
on Word input only). ``fix:`` says whether the rule's replacement may be applied: ``safe``
(by ``--fix``), ``unsafe`` (one by one, on request) or ``display`` (shown only); a config
file can lower it. Adding a rule touches a YAML file and, at most, one decorated function.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..errors import InvalidData
from ..model import Applicability, Severity
from ..resources import data_path, load_yaml

_ID = re.compile(r"^[A-Z]{3}\d{3}$")
_FUNCTIONS: dict = {}


def rule_function(*rule_ids: str):
    """Register the decorated ``(ctx, rule) -> findings`` function for these rule ids."""
    def register(function):
        for rid in rule_ids:
            if rid in _FUNCTIONS:
                raise InvalidData(f"规则 {rid} 的函数重复登记")
            _FUNCTIONS[rid] = function
        return function
    return register


@functools.lru_cache(maxsize=1)
def rule_functions() -> dict:
    """Every registered rule function by rule id (imports the modules of ``checker.rules``)."""
    import importlib
    import pkgutil

    from . import rules

    for module in pkgutil.iter_modules(rules.__path__):
        importlib.import_module(f"{rules.__name__}.{module.name}")
    return dict(_FUNCTIONS)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    message: str
    suggestion: str
    basis: str
    kind: str
    params: dict = field(default_factory=dict)
    examples: dict = field(default_factory=dict)
    fix: str | None = None     # an Applicability value, or None: the rule offers no fix
    name: str = ""

    @property
    def family(self) -> str:
        return self.id[:3]


def parse_rule(raw: dict, where: str) -> Rule:
    try:
        rid = raw["id"]
        if not _ID.match(rid):
            raise InvalidData(f"{where}: 规则编号“{rid}”应为三个大写字母加三位数字")
        if raw["severity"] not in {s.value for s in Severity}:
            raise InvalidData(f"{where} {rid}: severity 应为 error、warning 或 info")
        if raw.get("fix") is not None and raw["fix"] not in {a.value for a in Applicability}:
            raise InvalidData(f"{where} {rid}: fix 应为 safe、unsafe 或 display")
        kind = raw.get("kind", "function")
        params = {k: v for k, v in raw.items() if k not in {
            "id", "severity", "message", "suggestion", "basis", "kind", "examples", "fix", "name"}}
        if kind == "regex":
            re.compile(params["pattern"])
        elif kind not in ("function", "layout"):
            raise InvalidData(f"{where} {rid}: 未知的规则类型“{kind}”")
        return Rule(id=rid, severity=raw["severity"], message=raw["message"], suggestion=raw.get("suggestion") or "",
                    basis=raw.get("basis") or "", kind=kind, params=params, examples=raw.get("examples") or {},
                    fix=raw.get("fix"), name=raw.get("name", ""))
    except KeyError as e:
        raise InvalidData(f"{where}: 规则缺少字段 {e.args[0]}") from e
    except re.error as e:
        raise InvalidData(f"{where} {raw.get('id')}: 正则表达式有误（{e}）") from e


@functools.lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    rules = []
    for path in sorted(data_path("rules").glob("*.yaml")):
        content = load_yaml("rules", path.name) or []
        # A file is a list of rules, or {kind: …, rules: [...]} giving a default kind.
        default_kind = content.get("kind", "function") if isinstance(content, dict) else "function"
        for raw in content.get("rules", []) if isinstance(content, dict) else content:
            rules.append(parse_rule({"kind": default_kind, **raw}, f"rules/{path.name}"))
    ids = [r.id for r in rules]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise InvalidData(f"规则编号重复：{', '.join(sorted(dupes))}")
    return tuple(sorted(rules, key=lambda r: r.id))


def rules_by_id() -> dict[str, Rule]:
    return {r.id: r for r in builtin_rules()}
