"""The kinds of report (季度报告, 述责述廉报告 …), built from the profile files.

One registry for the checker (required parts and themes, rules switched off), the drafter
(period fields, who signs, templates), ``suggest`` and the CLI's help. A kind is one YAML
file in ``data/profiles/`` plus, for drafting, a folder ``drafter/templates/<id>/`` that
carries only what differs from ``_common``. A unit can add kinds of its own without touching
the package: a folder named by ``REPORT_NLP_KINDS_DIR`` holding ``<id>.yaml`` and, for
drafting, ``<id>/`` with its templates.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InvalidData
from .resources import data_path, load_yaml

#: Environment variable naming a folder of extra kinds (``<id>.yaml`` + ``<id>/`` templates).
KINDS_DIR_ENV = "REPORT_NLP_KINDS_DIR"
#: Periods a kind can cover, and what the drafter's ``period`` input must then hold.
PERIODS = ("quarter", "half", "year", "any")


@dataclass(frozen=True)
class Profile:
    """A kind of report: what it must contain, how to recognise it, who signs it."""

    id: str
    name: str
    period: str
    required_parts: tuple[str, ...]
    required_themes: tuple[str, ...]
    check_order: bool
    closing: str
    detect: tuple[str, ...]
    severity: dict = field(default_factory=dict)
    disable: tuple[str, ...] = ()
    template: str = ""
    #: Required themes that this kind of report gives a part of its own: theme → part name.
    theme_parts: dict = field(default_factory=dict)
    #: ``organ`` (a 党组 signs) or ``person`` (述责述廉: the speaker signs, first person).
    signer: str = "organ"
    #: Place in ``--profile auto``'s trial order (lower first: most specific kinds first).
    detect_order: int = 50
    #: The kind assumed when no kind is recognised (one kind says so).
    fallback: bool = False
    #: The kind the drafter picks for an input that names only a period of this kind's.
    period_default: bool = False
    #: Folder of this kind's own templates (a user kind's; built-in kinds use the package's).
    template_dir: Path | None = None


#: A profile with no requirements: used to run single rules on their examples.
NONE = Profile(id="none", name="无", period="any", required_parts=(), required_themes=(), check_order=False,
               closing="特此报告。", detect=())


def _profile(raw: dict, where: str, template_dir: Path | None = None) -> Profile:
    try:
        period = raw["period"]
        if period not in PERIODS:
            raise InvalidData(f"{where}: period 应为 {'、'.join(PERIODS)} 之一")
        return Profile(
            id=raw["id"], name=raw["name"], period=period,
            required_parts=tuple(raw["required_parts"]), required_themes=tuple(raw.get("required_themes") or ()),
            check_order=bool(raw.get("check_order")), closing=raw.get("closing", "特此报告。"),
            detect=tuple(raw.get("detect") or ()), severity=dict(raw.get("severity") or {}),
            disable=tuple(raw.get("disable") or ()), template=raw.get("template", raw["id"]),
            theme_parts=dict(raw.get("theme_parts") or {}), signer=raw.get("signer", "organ"),
            detect_order=int(raw.get("detect_order", 50)), fallback=bool(raw.get("fallback")),
            period_default=bool(raw.get("period_default")),
            template_dir=template_dir,
        )
    except (KeyError, TypeError, ValueError) as e:
        raise InvalidData(f"{where}: 报告类型定义有误（{e}）") from e


@functools.lru_cache(maxsize=None)
def _registry(extra: str | None) -> dict[str, Profile]:
    kinds = {p.stem: _profile(load_yaml("profiles", p.name), f"profiles/{p.name}")
             for p in sorted(data_path("profiles").glob("*.yaml"))}
    if extra:
        from .user_yaml import read_user_yaml

        folder = Path(extra)
        if not folder.is_dir():
            raise InvalidData(f"{KINDS_DIR_ENV} 所指的文件夹不存在", path=extra)
        for path in sorted(folder.glob("*.yaml")):
            raw = read_user_yaml(path, what="报告类型定义") or {}
            own = folder / path.stem
            kinds[path.stem] = _profile(raw, str(path), own if own.is_dir() else None)
    return dict(sorted(kinds.items(), key=lambda kv: (kv[1].detect_order, kv[0])))


def kinds() -> dict[str, Profile]:
    """Every kind by id, in ``--profile auto``'s trial order."""
    return _registry(os.environ.get(KINDS_DIR_ENV) or None)


def available() -> list[str]:
    return sorted(kinds())


def get_profile(pid: str) -> Profile:
    if pid == "none":
        return NONE
    found = kinds().get(pid)
    if found is None:
        raise InvalidData(f"未知的报告类型“{pid}”，可选：{', '.join(available())}, auto")
    return found


def fallback() -> str:
    """The kind assumed when none is recognised (the one marked ``fallback: true``)."""
    return next((pid for pid, k in kinds().items() if k.fallback), next(iter(kinds())))


def detect_profile(title: str | None, opening: str) -> tuple[str, bool]:
    """``(profile id, recognised)`` from the title (or, lacking one, the opening)."""
    probe = title or opening[:120]
    for pid, kind in kinds().items():
        if kind.period == "any" and not title:
            continue  # a kind of any period (专项) is told by its title: openings mention it too often
        if any(re.search(p, probe) for p in kind.detect):
            return pid, True
    return fallback(), False


def help_text(with_auto: bool = True) -> str:
    """“报告类型：auto（自动识别）、quarterly（季度报告）、…” for the CLI's help."""
    names = [f"{pid}（{k.name}）" for pid, k in sorted(kinds().items())]
    return "报告类型：" + "、".join((["auto（自动识别）"] if with_auto else []) + names) + "。"
