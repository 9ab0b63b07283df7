"""Every terminal sample in the README and docs/ is produced by the command it shows.

A sample is a ```text block whose lines starting with ``$ `` are commands; the lines after a
command are its output (stdout and stderr together, in order). A line holding only ``…``
stands for any number of output lines. Commands run in a scratch folder that sees the
repository's ``examples/`` (so files they write go nowhere), with ``report-nlp`` meaning this
Python's ``-m report_nlp``.
"""
from __future__ import annotations

import os
import pathlib
import re
import shlex
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"^```text\n(.*?)^```", re.M | re.S)


def samples() -> list[tuple[str, str, list[str]]]:
    """``(where, command, expected output lines)`` of every sample."""
    found = []
    for doc in DOCS:
        for block in _BLOCK.findall(doc.read_text(encoding="utf-8")):
            command, lines = None, []
            for line in block.splitlines():
                if line.startswith("$ "):
                    if command is not None:
                        found.append((doc.name, command, lines))
                    command, lines = line[2:], []
                elif command is not None:
                    lines.append(line.rstrip())
            if command is not None:
                found.append((doc.name, command, lines))
    return [s for s in found if "report-nlp" in s[1]]


def run(command: str, folder: pathlib.Path) -> list[str]:
    exe = " ".join(shlex.quote(p) for p in (sys.executable, "-m", "report_nlp"))
    shell = re.sub(r"(?<![\w-])report-nlp(?![\w-])", exe, command)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"}
    if env.get("PYTHONPATH"):  # a source checkout run as PYTHONPATH=src: keep it valid in the scratch folder
        env["PYTHONPATH"] = os.pathsep.join(str(pathlib.Path(p).resolve()) for p in env["PYTHONPATH"].split(os.pathsep))
    done = subprocess.run(shell + " 2>&1", shell=True, cwd=folder, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=300)
    return [line.rstrip() for line in done.stdout.splitlines()]


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line; a ``…`` line skips any number of actual lines."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == "…":
        return any(matches(rest, actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and actual[0] == head and matches(rest, actual[1:])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("samples")
    (folder / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    return folder


def test_there_are_samples():
    assert len(samples()) >= 5


@pytest.mark.slow
@pytest.mark.parametrize("where,command,expected", samples(), ids=[f"{w}:{c[:40]}" for w, c, _ in samples()])
def test_sample_is_what_the_command_prints(where, command, expected, scratch):
    actual = run(command, scratch)
    assert matches(expected, actual), "\n".join([f"{where}: $ {command}", "--- 实际输出 ---", *actual])
