"""Lexicon rules: canonical formulations (TRM, ``data/formulations.yaml``) and common
typos (TYP, ``data/typos.yaml``). Users extend both through the config file."""
from __future__ import annotations

import functools
import re
from typing import Any, Callable

from ...model import Span
from ...resources import load_yaml
from ..context import Context
from ..registry import Rule, rule_function

@functools.lru_cache(maxsize=1)
def formulations() -> tuple[dict, ...]:
    return tuple(load_yaml("formulations.yaml"))


def _typos_file() -> dict:
    """typos.yaml: ``entries`` (the lexicon), ``organ_suffixes``, ``reduplication_whitelist``."""
    return load_yaml("typos.yaml")


def typos() -> tuple[dict, ...]:
    return tuple(_typos_file()["entries"])


@functools.lru_cache(maxsize=1)
def reduplication_whitelist() -> frozenset[str]:
    return frozenset(_typos_file().get("reduplication_whitelist") or ())


@functools.lru_cache(maxsize=1)
def organ_suffixes() -> frozenset[str]:
    return frozenset(_typos_file().get("organ_suffixes") or ())


@functools.lru_cache(maxsize=None)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _entry_severity(entry: dict, rule: Rule) -> str:
    return entry.get("severity") or rule.severity


def _with_engines(builtin, user) -> list[tuple[dict, Callable[[str], Any]]]:
    """Each entry with its compiler: Python ``re`` for the shipped lexicons (they use
    lookaround), RE2 for a user's entries (linear time whatever they wrote; see
    :mod:`.user_patterns`)."""
    from ..user_patterns import user_pattern

    return [(e, _compile) for e in builtin] + [(e, user_pattern) for e in user]


@rule_function("TRM001")
def wrong_formulations(ctx: Context, rule: Rule):
    for entry, compile_ in _with_engines(formulations(), ctx.options.get("formulations", ())):
        for pattern in entry.get("wrong") or ():
            for m in _line_matches(compile_(pattern), ctx.text):
                span = Span(m.start(), m.end())
                replacement = entry.get("replacement")
                fix = (span, replacement) if replacement and entry.get("safe") else None
                f = ctx.finding(rule, span, fix=fix, data={"entry": entry.get("id")}, match=m.group(),
                                correct=entry["correct"], suggestion=f"改为规范表述：{entry['correct']}")
                yield _with(f, entry, rule, fix)


def _line_matches(pattern: re.Pattern[str], text: str):
    """Matches over the whole text at once (cheaper than per paragraph), none across a line end."""
    return (m for m in pattern.finditer(text) if "\n" not in m.group())


@rule_function("TRM002")
def series_order(ctx: Context, rule: Rule):
    """Items of a fixed series (四个意识, 四风 …) listed together in another order.

    Only items joined as one list (by 、 ， 和 与 及 or quote marks) count: the same items in
    separate clauses (享乐主义、奢靡之风得到遏制，形式主义、官僚主义仍…) are ordinary prose.
    """
    entries = [e for e in list(formulations()) + list(ctx.options.get("formulations", ())) if e.get("series")]
    for entry in entries:
        # Over the whole text at once: joiners never include a line end, so no run crosses one.
        for run in _listed_runs(ctx.text, entry["series"]):
            order = [k for _, k, _ in run]
            if len(order) >= 2 and len(order) == len(set(order)) and order != sorted(order):
                span = Span(run[0][0], run[-1][2])
                yield _with(ctx.finding(rule, span, data={"entry": entry.get("id")},
                                        match=ctx.text[span.start:span.end], correct="、".join(entry["series"])),
                            entry, rule, None)


_JOINERS = re.compile(r"[、，,和与及“”‘’\" \t\u3000]{0,3}")


def _listed_runs(text: str, series: list[str]) -> list[list[tuple[int, int, int]]]:
    """Runs of series items that follow each other separated only by list joiners."""
    hits = sorted((m.start(), k, m.end()) for k, item in enumerate(series)
                  for m in re.finditer(re.escape(item), text))
    runs: list[list[tuple[int, int, int]]] = []
    for hit in hits:
        if runs and hit[0] >= runs[-1][-1][2] and _JOINERS.fullmatch(text[runs[-1][-1][2]:hit[0]]):
            runs[-1].append(hit)
        else:
            runs.append([hit])
    return runs


@rule_function("TYP002")
def typo_lexicon(ctx: Context, rule: Rule):
    text = ctx.text
    for entry, compile_ in _with_engines(typos(), ctx.options.get("typos", ())):
        context_not = entry.get("context_not")
        for m in _line_matches(compile_(entry["wrong"]), text):
            if context_not and compile_(context_not).search(_window(text, m.start(), m.end())):
                continue
            span = Span(m.start(), m.end())
            fix = (span, entry["right"]) if entry.get("safe") and entry.get("right") else None
            f = ctx.finding(rule, span, fix=fix, data={"entry": entry.get("id")}, match=m.group(),
                            right=entry.get("right", ""), suggestion=f"改为“{entry.get('right', '')}”")
            yield _with(f, entry, rule, fix)


def _window(text: str, start: int, end: int, width: int = 12) -> str:
    """``width`` characters either side of a hit, within its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return text[max(line_start, start - width): min(line_end, end + width)]


def _with(finding, entry: dict, rule: Rule, fix):
    """Per-entry severity and basis; a fix only where the entry is marked safe."""
    from dataclasses import replace

    data = dict(finding.data)
    if entry.get("source"):
        data["basis"] = entry["source"]
    return replace(finding, severity=_entry_severity(entry, rule), fix=fix, data=data)
