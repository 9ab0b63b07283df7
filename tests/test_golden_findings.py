"""Every finding on every fixture, example and corpus report, compared with a stored snapshot.

A refactor must not change what the checker says. When a change is *meant* to change
findings (a new rule, a fixed false alarm), regenerate the snapshot deliberately and review
its diff:

    REPORT_NLP_GOLDEN=write python -m pytest tests/test_golden_findings.py
"""
from __future__ import annotations

import json
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "data" / "golden_findings.json"


def _inputs() -> dict:
    """name → input (a file path, or the text of a corpus report) the snapshot covers."""
    texts: dict = {}
    for folder in ("tests/fixtures/clean", "tests/fixtures/defective", "examples"):
        for path in sorted((ROOT / folder).glob("*")):
            if path.suffix in (".txt", ".md", ".docx"):
                texts[f"{folder}/{path.name}"] = path
    reports: dict[str, list[str]] = {}
    for path in sorted((ROOT / "corpora" / "sections").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            reports.setdefault(rec["report"], []).append(rec["text"])
    for rid, paras in reports.items():
        texts[f"corpora/{rid}"] = "\n".join(paras) + "\n"
    return texts


def _findings(name: str, source) -> list[list]:
    from report_nlp import check, load, segment
    from report_nlp.model import RawText

    raw = load(source) if isinstance(source, pathlib.Path) else RawText(source=name, text=source)
    result = check(segment(raw))
    return [[f.rule, f.severity, f.span.start, f.span.end, f.message] for f in result.findings]


@pytest.mark.slow
def test_findings_match_the_snapshot():
    current = {name: _findings(name, text) for name, text in _inputs().items()}
    if os.environ.get("REPORT_NLP_GOLDEN") == "write":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(json.dumps(current, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    stored = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    changed = sorted(n for n in set(stored) | set(current) if stored.get(n) != current.get(n))
    assert not changed, f"findings changed on {len(changed)} inputs, e.g. {changed[:5]}"
