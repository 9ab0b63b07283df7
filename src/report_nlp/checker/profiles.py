"""Profiles: what a kind of report must contain, and which one a document is."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..errors import InvalidData
from ..resources import data_path, load_yaml

#: Order in which --profile auto tries the profiles (most specific first).
AUTO_ORDER = ("shuze_shulian", "special", "responsibility", "quarterly", "half_year", "annual")
FALLBACK = "quarterly"


@dataclass(frozen=True)
class Profile:
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


#: A profile with no requirements: used to run single rules on their examples.
NONE = Profile(id="none", name="无", period="any", required_parts=(), required_themes=(), check_order=False,
               closing="特此报告。", detect=())


@functools.lru_cache(maxsize=None)
def get_profile(pid: str) -> Profile:
    if pid == "none":
        return NONE
    names = available()
    if pid not in names:
        raise InvalidData(f"未知的报告类型“{pid}”，可选：{', '.join(names)}, auto")
    raw = load_yaml("profiles", f"{pid}.yaml")
    return Profile(
        id=raw["id"], name=raw["name"], period=raw["period"],
        required_parts=tuple(raw["required_parts"]), required_themes=tuple(raw.get("required_themes") or ()),
        check_order=bool(raw.get("check_order")), closing=raw.get("closing", "特此报告。"),
        detect=tuple(raw.get("detect") or ()), severity=dict(raw.get("severity") or {}),
        disable=tuple(raw.get("disable") or ()), template=raw.get("template", pid),
        theme_parts=dict(raw.get("theme_parts") or {}),
    )


def available() -> list[str]:
    return sorted(p.stem for p in data_path("profiles").glob("*.yaml"))


def detect_profile(title: str | None, opening: str) -> tuple[str, bool]:
    """``(profile id, recognised)`` from the title (or, lacking one, the opening)."""
    probe = title or opening[:120]
    for pid in AUTO_ORDER:
        if pid == "special" and not title:
            continue  # openings mention 专项整治 too often to decide from them
        if any(re.search(p, probe) for p in get_profile(pid).detect):
            return pid, True
    return FALLBACK, False
