"""The reviewer's desk: many units' reports of one period, read together.

    payload = review([Path("收文/2024Q2")], previous=[Path("收文/2024Q1")])   # report-nlp/review@1

Every report is read, tagged and checked once by the batch machinery
(:mod:`report_nlp.batch`, worker processes with ``jobs``), which also hands back what
the review needs of it (:mod:`.extract`). Then, across reports: which required parts each
left out (completeness), how their problem statements fall into categories and 纪律/四风
tags (landscape), which paragraphs were copied between units or from the unit's previous
report (:mod:`.copies`, an LSH index: no pair table), which problems come back and which
measures are carried over unchanged (:mod:`.recurring`), and what figures each states
(:mod:`.figures`). Output as HTML, XLSX and JSON: :mod:`.render`.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from pathlib import Path

from . import copies as copies_mod
from . import figures as figures_mod
from . import recurring
from .extract import report_data
from .units import clean, mapped_unit

REVIEW_SCHEMA = "report-nlp/review@1"

__all__ = ["review", "REVIEW_SCHEMA", "report_data"]


def review(paths: list[Path], previous: list[Path] | None = None, *, units: dict[str, str] | None = None,
           profile: str = "auto", config=None, jobs: int = 1, progress_stream=None,
           boilerplate_units: int | None = None, threshold: float = copies_mod.THRESHOLD) -> dict:
    """The ``report-nlp/review@1`` payload for the report files under ``paths``."""
    from ..batch import Progress, collect, run_batch
    from ..checker.config import Config

    config = config or Config()
    files = collect(list(paths))
    old_files = collect(list(previous)) if previous else []
    progress = Progress(len(files) + len(old_files), stream=progress_stream) if files else None
    reports, errors = [], []
    data: dict[str, dict] = {}
    for k, outcome in enumerate(run_batch(files + old_files, profile, config, jobs, progress, extract=report_data)):
        period = "current" if k < len(files) else "previous"
        if "error" in outcome:
            path, code, message = outcome["error"]
            errors.append({"path": path, "code": code, "message": message, "period": period})
            continue
        rid = f"{'r' if period == 'current' else 'p'}{k + 1 if period == 'current' else k - len(files) + 1}"
        record, extra = _record(rid, period, outcome, units or {})
        reports.append(record)
        data[rid] = extra
    return assemble(reports, errors, data, boilerplate_units=boilerplate_units, threshold=threshold)


def _record(rid: str, period: str, outcome: dict, units: dict[str, str]) -> tuple[dict, dict]:
    from ..kinds import get_profile

    j, extra = outcome["json"], outcome["extra"]
    mapped = mapped_unit(units, j["path"]) if units else None
    unit, source = (mapped, "mapping") if mapped else (extra["unit"], extra["unit_source"])
    findings = [{"rule": f["rule"], "severity": f["severity"], "line": f["line"], "column": f["column"],
                 "message": f["message"]} for f in j["findings"]]
    missing = [f["data"]["part"] for f in j["findings"] if f["rule"] == "STR001" and "part" in f["data"]]
    record = {"id": rid, "path": j["path"], "period": period, "unit": unit, "unit_source": source,
              "title": extra["title"], "period_label": extra["period"], "format": extra["format"],
              "profile": j["profile"], "profile_name": get_profile(j["profile"]).name,
              "profile_detected": j["profile_detected"], "summary": j["summary"],
              "required_parts": extra["required_parts"], "missing_parts": missing, "findings": findings}
    return record, extra


def assemble(reports: list[dict], errors: list[dict], data: dict[str, dict], *,
             boilerplate_units: int | None = None, threshold: float = copies_mod.THRESHOLD) -> dict:
    from .. import __version__
    from ..taxonomy import taxonomy

    tax = taxonomy()
    current = [r for r in reports if r["period"] == "current"]
    older = [r for r in reports if r["period"] == "previous"]
    by_unit_old: dict[str, list[dict]] = defaultdict(list)
    for r in older:
        by_unit_old[clean(r["unit"])].append(r)
    n_units = len({r["unit"] for r in current})
    boiler_units = boilerplate_units if boilerplate_units is not None else \
        max(copies_mod.BOILERPLATE_UNITS, math.ceil(0.01 * n_units))
    for r in reports:
        r["problems"] = [{k: p[k] for k in ("text", "category", "confidence", "discipline", "sifeng", "paragraph")}
                         | {"category_name": tax.category_name(p["category"])} for p in data[r["id"]]["problems"]]
    copy_pairs, index_stats, boiler = _copies(current, data, boiler_units, threshold)
    payload = {
        "schema": REVIEW_SCHEMA, "version": __version__,
        "settings": {"shingle": copies_mod.SHINGLE, "permutations": copies_mod.PERMUTATIONS,
                     "bands": copies_mod.BANDS, "rows": copies_mod.ROWS, "copy_threshold": threshold,
                     "min_chars": copies_mod.MIN_CHARS, "boilerplate_units": boiler_units,
                     "frame_parts": sorted(copies_mod.FRAME_PARTS),
                     "problem_similarity": recurring.PROBLEM_SIMILARITY,
                     "measure_similarity": recurring.MEASURE_SIMILARITY},
        "reports": reports, "errors": errors,
        "completeness": _completeness(current, tax),
        "landscape": _landscape(current, tax),
        "copies": copy_pairs,
        "recurring_problems": [], "copied_measures": [],
        "figures": [], "figure_conflicts": [],
    }
    for r in current:
        extra = data[r["id"]]
        payload["figures"] += [{"report": r["id"], "unit": r["unit"]} | _figure(f) for f in extra["figures"]]
        for old in by_unit_old.get(clean(r["unit"]), []):
            old_extra = data[old["id"]]
            for mine, theirs, sim in recurring.carried_paragraphs(extra["paragraphs"], old_extra["paragraphs"],
                                                                  threshold, boiler.get(r["id"], set())):
                payload["copies"].append(_pair("previous", sim, r, mine, old, theirs))
            for mine, theirs, sim in recurring.recurring_problems(extra["problems"], old_extra["problems"]):
                payload["recurring_problems"].append({
                    "report": r["id"], "unit": r["unit"], "category": mine["category"],
                    "category_name": tax.category_name(mine["category"]), "similarity": round(sim, 3),
                    "current": {"text": mine["text"], "paragraph": mine["paragraph"]},
                    "previous": {"report": old["id"], "text": theirs["text"], "paragraph": theirs["paragraph"]}})
            for mine, theirs, sim in recurring.copied_measures(extra["measures"], old_extra["measures"]):
                payload["copied_measures"].append({
                    "report": r["id"], "unit": r["unit"], "similarity": round(sim, 3),
                    "current": {"text": mine["text"], "paragraph": mine["paragraph"]},
                    "previous": {"report": old["id"], "text": theirs["text"], "paragraph": theirs["paragraph"]}})
            for mine, theirs in figures_mod.conflicts(extra["figures"], old_extra["figures"]):
                payload["figure_conflicts"].append({
                    "report": r["id"], "unit": r["unit"], "severity": "info", "anchor": mine["anchor"],
                    "lead": mine["lead"], "measure": mine["measure"],
                    "current": {"value": mine["value"], "context": mine["context"], "paragraph": mine["paragraph"]},
                    "previous": {"report": old["id"], "value": theirs["value"], "context": theirs["context"],
                                 "paragraph": theirs["paragraph"]}})
    payload["stats"] = {"reports": len(current), "previous_reports": len(older), "units": n_units,
                        "failed": len(errors), "copy_index": index_stats,
                        "copies": len(payload["copies"]), "recurring_problems": len(payload["recurring_problems"]),
                        "copied_measures": len(payload["copied_measures"]),
                        "figure_conflicts": len(payload["figure_conflicts"])}
    return payload


def _figure(f: dict) -> dict:
    return {k: f[k] for k in ("value", "measure", "context", "anchor", "paragraph")}


def _copies(current: list[dict], data: dict[str, dict], boiler_units: int, threshold: float):
    index = copies_mod.CopyIndex()
    texts: list[tuple[dict, dict]] = []
    for r in current:
        for p in data[r["id"]]["paragraphs"]:
            norm = copies_mod.eligible(p["part"], p["text"])
            if norm:
                index.add(len(texts), r["unit"], p["index"], norm)
                texts.append((r, p))
    found = index.pairs(threshold, boiler_units)
    boiler: dict[str, set[int]] = defaultdict(set)
    for k in index.boilerplate:
        r, p = texts[k]
        boiler[r["id"]].add(p["index"])
    pairs = [_pair("across_units", sim, *texts[i], *texts[j]) for i, j, sim in found]
    pairs.sort(key=lambda x: (-x["similarity"], x["a"]["report"], x["a"]["paragraph"]))
    stats = dict(index.stats, boilerplate=len(index.boilerplate))
    return pairs, stats, boiler


def _pair(kind: str, sim: float, ra: dict, pa: dict, rb: dict, pb: dict) -> dict:
    spans_a, spans_b = copies_mod.shared_spans(pa["text"], pb["text"])
    verbatim = copies_mod.normalise(pa["text"]) == copies_mod.normalise(pb["text"])
    return {"kind": kind, "similarity": round(sim, 3), "verbatim": verbatim,
            "a": {"report": ra["id"], "unit": ra["unit"], "paragraph": pa["index"], "text": pa["text"], "spans": spans_a},
            "b": {"report": rb["id"], "unit": rb["unit"], "paragraph": pb["index"], "text": pb["text"], "spans": spans_b}}


def _completeness(current: list[dict], tax) -> dict:
    parts = [p for p in tax.parts if any(p in r["required_parts"] for r in current)]
    rows = []
    for r in current:
        cells = {p: ("missing" if p in r["missing_parts"] else "present") if p in r["required_parts"] else "not_required"
                 for p in parts}
        rows.append({"report": r["id"], "unit": r["unit"], "path": r["path"], "kind": r["profile"],
                     "kind_name": r["profile_name"], "parts": cells, **r["summary"],
                     "missing": sum(v == "missing" for v in cells.values())})
    return {"parts": [{"id": p, "name": tax.part_name(p)} for p in parts], "rows": rows}


def _landscape(current: list[dict], tax) -> dict:
    statements: list[dict] = []
    cells: defaultdict[tuple, list] = defaultdict(list)
    totals: dict[str, Counter[str]] = {"category": Counter(), "discipline": Counter(), "sifeng": Counter()}
    for r in current:
        for p in r["problems"]:
            k = len(statements)
            statements.append({"report": r["id"], "unit": r["unit"], **p})
            keys = [("category", p["category"])] + [("discipline", d) for d in p["discipline"]] + \
                   [("sifeng", s) for s in p["sifeng"]]
            for axis, key in keys:
                totals[axis][key] += 1
                cells[(r["unit"], axis, key)].append(k)
    names = {"category": tax.category_name, "discipline": lambda k: tax.disciplines.get(k, k),
             "sifeng": lambda k: tax.sifeng.get(k, k)}
    order = {"category": list(tax.categories), "discipline": list(tax.disciplines), "sifeng": list(tax.sifeng)}
    overall = {axis: [{"id": k, "name": names[axis](k), "count": totals[axis][k]} for k in order[axis]]
               for axis in order}
    return {"overall": overall, "statements": statements,
            "cells": [{"unit": u, "axis": axis, "key": key, "name": names[axis](key), "count": len(ks), "statements": ks}
                      for (u, axis, key), ks in sorted(cells.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2]))]}
