"""The drafter's entry points: validate the input, complete the context, render."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ..kinds import get_profile
from . import textutil as tu
from .render import render
from .schema import validate


@dataclass(frozen=True)
class Draft:
    """A drafted report: its text, the profile used, and warnings about the input."""

    text: str
    profile: str
    warnings: tuple[str, ...] = field(default_factory=tuple)


def make_draft(inputs: Any, profile: str | None = None, template_dir: str | Path | None = None) -> Draft:
    ctx, warnings = validate(inputs, profile)
    complete(ctx)
    ctx = {key: _records(value) for key, value in ctx.items()}
    return Draft(text=render(ctx, template_dir), profile=ctx["profile"], warnings=tuple(warnings))


def draft(inputs: Any, profile: str | None = None, template_dir: str | Path | None = None) -> str:
    """The report text drafted from ``inputs`` (a dict as loaded from YAML or JSON)."""
    return make_draft(inputs, profile, template_dir).text


def _records(value):
    """Nested mappings as attribute records: in Jinja ``s.items`` must be the field, not
    ``dict.items``; and a misspelt field stays an error under StrictUndefined."""
    if isinstance(value, dict):
        return SimpleNamespace(**{k: _records(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_records(v) for v in value]
    return value


def complete(ctx: dict) -> None:
    """Values every template may use, derived once here rather than in each template."""
    period = ctx["period"]
    year = period["year"]
    if period["quarter"]:
        period["next"] = "下一季度" if period["quarter"] < 4 else f"{year + 1}年第一季度"
    elif period["half"] == 1:
        period["next"] = "下半年"
    else:
        period["next"] = f"{year + 1}年"
    # “2023年违规吃喝问题专项整治工作” reads better than “2023年度……”.
    period["plain"] = tu.period_text(year, period["quarter"], period["half"], annual_suffix="年")
    organ = ctx["organ"] or ""
    ctx["organ_short"] = organ[2:] if organ.startswith("中共") else organ
    author = ctx["author"]
    ctx["signature"] = author["name"] if get_profile(ctx["profile"]).signer == "person" else organ
    ctx["date_text"] = tu.date_text(ctx["date"]) if ctx["date"] else tu.placeholder("成文日期，如2022年3月31日")
    if ctx["addressee"]:
        ctx["addressee"] = ctx["addressee"].rstrip("：:")


def init_yaml(profile: str) -> str:
    """A commented example input for ``profile`` (``report-nlp init``); it drafts as is."""
    import jinja2

    from ..errors import InvalidData
    from ..taxonomy import taxonomy
    from .render import COMMON, TEMPLATES

    kinds = taxonomy().kinds
    if profile not in kinds:
        raise InvalidData(f"--profile: 未知报告类型“{profile}”，可选：{', '.join(kinds)}")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES / COMMON)),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    return env.get_template("init.yaml.j2").render(profile=profile, kind=kinds[profile])
