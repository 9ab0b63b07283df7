"""Project configuration (``report-nlp.yaml`` or ``--config``) and inline directives.

```yaml
disable: [CNT, PUN003]        # rule ids or family prefixes
severity: {TYP001: error}     # per rule id or family
whitelist: [哈哈]             # extra real reduplications
formulations: [...]           # extra entries, same schema as data/formulations.yaml
typos: [...]                  # extra entries, same schema as data/typos.yaml
date_margin_days: 120
```

Inline, in .txt/.md: ``<!-- report-nlp: disable PUN001 -->`` … ``<!-- report-nlp: enable PUN001 -->``
(``disable`` with no rule id turns every rule off until the matching ``enable``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import InvalidData

CONFIG_NAME = "report-nlp.yaml"
_DIRECTIVE = re.compile(r"<!--\s*report-nlp:\s*(disable|enable)\s*([A-Z0-9 ,]*)-->")
_KEYS = {"disable", "severity", "whitelist", "formulations", "typos", "date_margin_days"}


@dataclass(frozen=True)
class Config:
    disable: tuple[str, ...] = ()
    severity: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)

    def enabled(self, rule_id: str) -> bool:
        return not any(rule_id == d or rule_id.startswith(d) for d in self.disable)

    def severity_for(self, rule_id: str, default: str) -> str:
        return self.severity.get(rule_id) or self.severity.get(rule_id[:3]) or default


def load_config(path: str | Path | None = None, *, cwd: Path | None = None) -> Config:
    """The given config file, else ``report-nlp.yaml`` in the working folder, else defaults."""
    if path is None:
        candidate = (cwd or Path.cwd()) / CONFIG_NAME
        if not candidate.is_file():
            return Config()
        path = candidate
    p = Path(path)
    name = str(path)
    if not p.is_file():
        raise InvalidData("配置文件不存在", path=name)
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise InvalidData(f"配置文件不是有效的YAML（{type(e).__name__}）", path=name) from e
    if not isinstance(raw, dict):
        raise InvalidData("配置文件顶层应为键值对", path=name)
    unknown = set(raw) - _KEYS
    if unknown:
        raise InvalidData(f"未知的配置项：{', '.join(sorted(unknown))}；可用：{', '.join(sorted(_KEYS))}", path=name)
    disable = raw.get("disable") or []
    severity = raw.get("severity") or {}
    if not isinstance(disable, list) or not all(isinstance(d, str) for d in disable):
        raise InvalidData("disable 应为规则编号或规则族前缀的列表", path=name)
    if not isinstance(severity, dict) or any(v not in ("error", "warning", "info") for v in severity.values()):
        raise InvalidData("severity 应为“规则编号: error|warning|info”", path=name)
    options = {k: raw[k] for k in ("whitelist", "formulations", "typos", "date_margin_days") if k in raw}
    for key in ("formulations", "typos"):
        for k, entry in enumerate(options.get(key, [])):
            if not isinstance(entry, dict) or ("wrong" not in entry) or (key == "formulations" and "correct" not in entry):
                raise InvalidData(f"{key}[{k}] 应含 wrong{'、correct' if key == 'formulations' else '、right'} 字段", path=name)
            patterns = [entry["wrong"]] if isinstance(entry["wrong"], str) else list(entry["wrong"])
            try:
                compiled = [re.compile(p) for p in patterns]
            except re.error as e:
                raise InvalidData(f"{key}[{k}] 的正则表达式有误（{e}）", path=name) from e
            if key == "formulations":
                entry["wrong"] = patterns
            # Like the built-in catalogue, a user entry must fire on its own bad examples.
            examples = entry.get("examples") or {}
            for bad in examples.get("bad") or []:
                if not any(c.search(bad) for c in compiled):
                    raise InvalidData(f"{key}[{k}] 的错例“{bad}”不能被 wrong 匹配，该条目未被采用", path=name)
            for good in examples.get("good") or []:
                if any(c.search(good) for c in compiled):
                    raise InvalidData(f"{key}[{k}] 的正例“{good}”被 wrong 误匹配，该条目未被采用", path=name)
    return Config(disable=tuple(disable), severity=dict(severity), options=options)


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
