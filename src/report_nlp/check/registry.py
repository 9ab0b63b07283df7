"""The rule catalogue: rules are data (``data/rules/*.yaml``) run by a few kinds of logic.

A rule entry has ``id`` (family prefix + 3 digits), ``severity``, ``message`` (a Chinese
template filled from the match), ``suggestion``, ``basis``, ``kind`` and its parameters,
and ``examples: {bad: [...], good: [...]}``, which one parametrised test runs.

Kinds: ``regex`` (a pattern over the text of chosen parts, optional safe replacement),
``function`` (a named function in :data:`report_nlp.check.FUNCTIONS`, for what a pattern
cannot say) and ``layout`` (.docx formatting, run by :mod:`.layout` on Word input only).
Adding a rule touches a YAML file and, at most, one small function.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..errors import InvalidData
from ..resources import data_path, load_yaml

SEVERITIES = ("error", "warning", "info")
SEVERITY_NAMES = {"error": "错误", "warning": "疑似", "info": "提示"}
_ID = re.compile(r"^[A-Z]{3}\d{3}$")


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
    safe_fix: bool = False
    name: str = ""

    @property
    def family(self) -> str:
        return self.id[:3]


def parse_rule(raw: dict, where: str) -> Rule:
    try:
        rid = raw["id"]
        if not _ID.match(rid):
            raise InvalidData(f"{where}: 规则编号“{rid}”应为三个大写字母加三位数字")
        if raw["severity"] not in SEVERITIES:
            raise InvalidData(f"{where} {rid}: severity 应为 error、warning 或 info")
        kind = raw.get("kind", "function")
        params = {k: v for k, v in raw.items() if k not in {
            "id", "severity", "message", "suggestion", "basis", "kind", "examples", "safe", "name"}}
        if kind == "regex":
            re.compile(params["pattern"])
        elif kind not in ("function", "layout"):
            raise InvalidData(f"{where} {rid}: 未知的规则类型“{kind}”")
        return Rule(id=rid, severity=raw["severity"], message=raw["message"], suggestion=raw.get("suggestion") or "",
                    basis=raw.get("basis") or "", kind=kind, params=params, examples=raw.get("examples") or {},
                    safe_fix=bool(raw.get("safe", False)), name=raw.get("name", ""))
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
