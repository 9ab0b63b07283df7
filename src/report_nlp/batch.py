"""Checking many files: walk folders, run in worker processes, keep going past bad files.

Whatever goes wrong with one file (bad input, or a fault of ours) becomes an error entry
for that file; the other files are still checked and reported.
"""
from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .errors import INTERNAL_CODE, ReportNLPError
from .io import SUFFIXES

#: Seconds between two progress lines when stderr is not a terminal (a log file, CI, a pipe).
PROGRESS_SECONDS = 5.0


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


def failed(path: str, code: str, message: str) -> dict:
    """The outcome of a file that could not be checked."""
    return {"path": path, "error": (path, code, message)}


def check_one(path: str, profile: str, config, extract=None) -> dict:
    """Check one file; returns plain data (it crosses process boundaries). Never raises for
    a problem with this one file: a fault in one report must not lose the others.

    ``extract``: a module-level function of the CheckResult whose plain-data return value is
    added as ``extra`` (``report-nlp review`` takes what it needs from each report this way,
    in the worker, so that every report is read, tagged and checked once)."""
    from .checker import check
    from .io import load
    from .segmenter import segment
    from .checker.report import file_json, text_lines

    try:
        result = check(segment(load(path)), profile, config)
        outcome = {"path": path, "json": file_json(result), "lines": text_lines(result)}
        if extract is not None:
            outcome["extra"] = extract(result)
        return outcome
    except ReportNLPError as e:
        return failed(path, e.code, str(e))
    except (Exception, RecursionError, MemoryError) as e:  # noqa: BLE001 - reported per file, run goes on
        return failed(path, INTERNAL_CODE, f"{path}：检查时出现内部错误（{type(e).__name__}: {e}），已跳过此文件；请报告此问题")


def check_many(paths: list[str], profile: str, config, extract=None) -> list[dict]:
    """One chunk of a batch, run in a worker process."""
    return [check_one(p, profile, config, extract) for p in paths]


class Progress:
    """``已检查 k/N 个文件`` on stderr: redrawn in place on a terminal; otherwise one plain
    line every :data:`PROGRESS_SECONDS` seconds, so that logs show a long run is alive."""

    def __init__(self, total: int, stream=None, interval: float | None = None) -> None:
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        self.interval = PROGRESS_SECONDS if interval is None else interval
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last = time.monotonic()
        self._printed = False
        self._reported = -1

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.tty:
            self.stream.write(f"\r已检查 {self.done}/{self.total} 个文件")
            self.stream.flush()
            self._printed = True
        elif time.monotonic() - self._last >= self.interval:
            self._line()

    def finish(self) -> None:
        if self.tty and self._printed:
            self.stream.write("\n")
        elif self._printed and self._reported != self.done:
            self._line()
        self.stream.flush()

    def _line(self) -> None:
        self.stream.write(f"已检查 {self.done}/{self.total} 个文件\n")
        self.stream.flush()
        self._last = time.monotonic()
        self._printed = True
        self._reported = self.done


def run_batch(files: list[Path], profile: str, config, jobs: int, progress: Progress | None = None, extract=None):
    """Yield per-file outcomes in input order (each has ``json`` and ``lines``, or ``error``;
    with ``extract``, also ``extra``: see :func:`check_one`)."""
    names = [str(f) for f in files]
    if jobs <= 1 or len(names) <= 1:
        for name in names:
            outcome = check_one(name, profile, config, extract)
            if progress:
                progress.step()
            yield outcome
    else:
        yield from _in_pool(names, profile, config, jobs, progress, extract)
    if progress:
        progress.finish()


def _in_pool(names: list[str], profile: str, config, jobs: int, progress: Progress | None, extract=None):
    size = max(1, len(names) // (jobs * 8))
    chunks = [names[i:i + size] for i in range(0, len(names), size)]
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(chunks)))
    try:
        futures = [pool.submit(check_many, chunk, profile, config, extract) for chunk in chunks]
        for chunk, future in zip(chunks, futures):
            try:
                outcomes = future.result()
            except Exception as e:  # noqa: BLE001 - a worker died (killed, out of memory): its files fail, not the run
                outcomes = [failed(n, INTERNAL_CODE, f"{n}：检查进程意外退出（{type(e).__name__}），已跳过此文件")
                            for n in chunk]
            if progress:
                progress.step(len(chunk))
            yield from outcomes
    finally:
        # Wait for the workers to exit before the interpreter does: a pool left to the
        # exit handlers can print "Bad file descriptor" tracebacks.
        pool.shutdown(wait=True, cancel_futures=True)
