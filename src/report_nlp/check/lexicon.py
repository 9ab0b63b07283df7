"""Lexicon rules: canonical formulations (TRM, ``data/formulations.yaml``) and common
typos (TYP, ``data/typos.yaml``). Users extend both through the config file."""
from __future__ import annotations

import functools
import re

from ..model import Span
from ..resources import data_path, load_yaml
from .context import Context
from .registry import Rule

SERIES_WINDOW = 30


@functools.lru_cache(maxsize=1)
def formulations() -> tuple[dict, ...]:
    return tuple(load_yaml("formulations.yaml") or ()) if data_path("formulations.yaml").exists() else ()


@functools.lru_cache(maxsize=1)
def _typos_file() -> dict:
    if not data_path("typos.yaml").exists():
        return {}
    raw = load_yaml("typos.yaml")
    if isinstance(raw, list):
        return {"entries": raw}
    return {"entries": [e for e in raw.get("entries", raw.get("typos", []))], **raw}


def typos() -> tuple[dict, ...]:
    raw = _typos_file()
    entries = raw.get("entries") or [v for k, v in raw.items() if isinstance(v, dict) and "wrong" in v]
    return tuple(entries)


@functools.lru_cache(maxsize=1)
def reduplication_whitelist() -> frozenset[str]:
    return frozenset(_typos_file().get("reduplication_whitelist") or ())


@functools.lru_cache(maxsize=None)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _entry_severity(entry: dict, rule: Rule) -> str:
    return entry.get("severity") or rule.severity


def wrong_formulations(ctx: Context, rule: Rule):
    entries = list(formulations()) + list(ctx.options.get("formulations", ()))
    for para in ctx.doc.paragraphs:
        start, end = para.span.start, para.span.end
        for entry in entries:
            for pattern in entry.get("wrong") or ():
                for m in _compile(pattern).finditer(ctx.text, start, end):
                    span = Span(m.start(), m.end())
                    replacement = entry.get("replacement")
                    fix = (span, replacement) if replacement and entry.get("safe") else None
                    f = ctx.finding(rule, span, fix=fix, data={"entry": entry.get("id")}, match=m.group(),
                                    correct=entry["correct"], suggestion=f"改为规范表述：{entry['correct']}")
                    yield _with(f, entry, rule, fix)


def series_order(ctx: Context, rule: Rule):
    """Items of a fixed series (四个意识, 四风 …) named close together in another order."""
    entries = [e for e in list(formulations()) + list(ctx.options.get("formulations", ())) if e.get("series")]
    for para in ctx.doc.paragraphs:
        text = ctx.para_text(para)
        for entry in entries:
            series = entry["series"]
            hits = sorted((m.start(), k, m.end()) for k, item in enumerate(series) for m in re.finditer(re.escape(item), text))
            for a in range(len(hits) - 1):
                window = [h for h in hits[a:] if h[0] - hits[a][0] <= SERIES_WINDOW]
                order = [k for _, k, _ in window]
                if len(set(order)) >= 2 and len(order) == len(set(order)) and order != sorted(order):
                    span = Span(para.span.start + window[0][0], para.span.start + window[-1][2])
                    yield _with(ctx.finding(rule, span, data={"entry": entry.get("id")}, match=ctx.text[span.start:span.end],
                                            correct="、".join(series)), entry, rule, None)
                    break


def typo_lexicon(ctx: Context, rule: Rule):
    entries = list(typos()) + list(ctx.options.get("typos", ()))
    for para in ctx.doc.paragraphs:
        start, end = para.span.start, para.span.end
        for entry in entries:
            context_not = entry.get("context_not")
            for m in _compile(entry["wrong"]).finditer(ctx.text, start, end):
                if context_not:
                    window = ctx.text[max(start, m.start() - 12): min(end, m.end() + 12)]
                    if _compile(context_not).search(window):
                        continue
                span = Span(m.start(), m.end())
                fix = (span, entry["right"]) if entry.get("safe") and entry.get("right") else None
                f = ctx.finding(rule, span, fix=fix, data={"entry": entry.get("id")}, match=m.group(),
                                right=entry.get("right", ""), suggestion=f"改为“{entry.get('right', '')}”")
                yield _with(f, entry, rule, fix)


def _with(finding, entry: dict, rule: Rule, fix):
    """Per-entry severity and basis; a fix only where the entry is marked safe."""
    from dataclasses import replace

    data = dict(finding.data)
    if entry.get("source"):
        data["basis"] = entry["source"]
    return replace(finding, severity=_entry_severity(entry, rule), fix=fix, data=data)
