"""Checking many files: walk folders, run in worker processes, keep going past bad files."""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..errors import ReportNLPError
from ..io import SUFFIXES


def collect(paths: list[Path]) -> list[Path]:
    """Files given, plus report files (.txt .md .docx) found below given folders, in sorted order."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if Path(name).suffix.lower() in SUFFIXES and not name.startswith((".", "~$")):
                        out.append(Path(root) / name)
        else:
            out.append(p)
    return out


def check_one(path: str, profile: str, config) -> dict:
    """Check one file; returns plain data (it crosses process boundaries)."""
    from . import check
    from ..io import load
    from ..segment import segment
    from .report import file_json, text_lines

    try:
        result = check(segment(load(path)), profile, config)
    except ReportNLPError as e:
        return {"path": path, "error": (path, e.code, str(e))}
    return {"path": path, "json": file_json(result), "lines": text_lines(result)}


def run_batch(files: list[Path], profile: str, config, jobs: int, progress: bool):
    """Yield per-file outcomes in input order."""
    names = [str(f) for f in files]
    if jobs <= 1 or len(names) <= 1:
        outcomes = (check_one(n, profile, config) for n in names)
    else:
        pool = ProcessPoolExecutor(max_workers=jobs)
        chunk = max(1, len(names) // (jobs * 8))
        outcomes = pool.map(check_one, names, [profile] * len(names), [config] * len(names), chunksize=chunk)
    for k, outcome in enumerate(outcomes, 1):
        if progress:
            sys.stderr.write(f"\r已检查 {k}/{len(names)} 个文件")
            sys.stderr.flush()
        yield outcome
    if progress:
        sys.stderr.write("\n")
