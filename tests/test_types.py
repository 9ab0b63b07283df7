"""mypy over src/ (settings in pyproject.toml's [tool.mypy]; report_nlp.api must be fully
annotated): the type checker passes, so a change that breaks a signature fails the suite."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_mypy_passes_on_src():
    done = subprocess.run([sys.executable, "-m", "mypy", "src/report_nlp"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
