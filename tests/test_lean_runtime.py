"""Issue 12 item 5: scikit-learn and scipy are only in the ``[train]`` extra. Nothing but
``train`` and ``evaluate`` needs them, and those two say in one Chinese line how to install
them when they are missing (exit code 3), instead of a traceback."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Run the CLI in a fresh interpreter where importing scikit-learn or scipy fails, as after a
# plain ``pip install .`` (a None entry in sys.modules makes ``import`` raise ImportError).
WRAPPER = textwrap.dedent("""\
    import sys
    for name in ("sklearn", "scipy"):
        sys.modules[name] = None
    from report_nlp.cli import main
    code = main(sys.argv[1:])
    leaked = sorted(m for m in sys.modules if m.split(".")[0] in ("sklearn", "scipy") and sys.modules[m] is not None)
    if leaked:
        print("LEAKED " + " ".join(leaked), file=sys.stderr)
    sys.exit(code)
    """)


def without_training(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-c", WRAPPER, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_train_and_evaluate_without_the_train_extra(command):
    done = without_training(command, "--corpus", str(ROOT / "corpora"))
    assert done.returncode == 3, done.stderr
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "pip install '.[train]'" in done.stderr and "scikit-learn" in done.stderr
    assert done.stderr.startswith("错误[E201]：")


def test_the_runtime_commands_never_import_the_training_libraries(tmp_path):
    report = tmp_path / "报告.txt"
    report.write_text((ROOT / "tests" / "fixtures" / "reference.txt").read_text(encoding="utf-8"), encoding="utf-8")
    draft_out = tmp_path / "草稿.docx"
    for args in (["check", str(report), "--fail-on", "never"], ["tag", str(report)], ["classify", str(report)],
                 ["suggest", str(report)], ["review", str(ROOT / "examples"), "-f", "json"],
                 ["draft", str(ROOT / "examples" / "quarterly-2022q1.yaml"), "-o", str(draft_out)]):
        done = without_training(*args)
        assert done.returncode == 0, (args, done.stderr)
        assert "LEAKED" not in done.stderr, args
    assert draft_out.stat().st_size > 0
