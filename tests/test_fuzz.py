"""Fuzzing (issue 11, "done when"): mutated reports through the whole check, and generated Word
numbering through every .docx reader. Whatever the input, the result is findings with spans
inside the text, or an input error with a code — never another exception. Bounded example
counts keep the run short; hypothesis's database is off so CI runs are repeatable."""
from __future__ import annotations

import pathlib
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_nlp import check, load, segment
from report_nlp.errors import InputError

from .conftest import REFERENCE
from .test_numbering_large import _abstract, _lvl, numbered_docx

REFERENCE_LINES = REFERENCE.read_text(encoding="utf-8").splitlines()
EDITS = st.sampled_from(["delete", "duplicate", "swap", "insert", "cut"])
SNIPPETS = st.sampled_from([
    "", "一、", "（一）", "1.", "一是", "二是", "特此报告。", "市纪委：", "2022年3月31日", "2022.3.31", "××", "XX", "x人",
    "请予批准。", "妥否，请批示。", "全面从严治当", "廉洁洁自律", "【待填：人次】", "〔2023〕", "[2023]", "上半年，", "“", "”",
    "中共某局党组", "关于2022年第一季度党风廉政建设工作情况的报告", "\u3000\u3000", ",", "。。", "😀", "\x0b",
])


@st.composite
def mutated_report(draw) -> str:
    lines = list(REFERENCE_LINES)
    for _ in range(draw(st.integers(1, 12))):
        edit, k = draw(EDITS), draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            lines.append(draw(SNIPPETS))
        elif edit == "delete":
            lines.pop(k)
        elif edit == "duplicate":
            lines.insert(k, lines[k])
        elif edit == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[k], lines[j] = lines[j], lines[k]
        elif edit == "insert":
            at = draw(st.integers(0, len(lines[k])))
            lines[k] = lines[k][:at] + draw(SNIPPETS) + lines[k][at:]
        else:
            at = draw(st.integers(0, len(lines[k])))
            lines[k] = lines[k][:at]
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_report())
def test_mutated_reports_give_findings_inside_the_text(text):
    result = check(segment(text))
    for f in result.findings:
        assert 0 <= f.span.start <= f.span.end <= len(result.doc.text)
        if f.fix is not None:
            assert 0 <= f.fix[0].start <= f.fix[0].end <= len(result.doc.text)


LEVEL = st.one_of(st.sampled_from(["0", "1", "2", "8", "9", "-1", "x", "", "99999999999"]), st.integers(-3, 12).map(str))
START = st.one_of(st.sampled_from(["1", "0", "-5", "abc", "", "1" * 40]), st.integers(-2, 250).map(str))
FORMAT = st.sampled_from(["chineseCounting", "decimal", "chineseCountingThousand", "japaneseCounting", "bullet",
                          "upperRoman", "none", "bogus", ""])
LEVEL_TEXT = st.sampled_from(["%1、", "（%1）", "%1.", "（%2）", "%9、", "%0", "", "%1%1", "%"])


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(defined=LEVEL, start=START, fmt=FORMAT, text=LEVEL_TEXT,
       used=st.lists(st.one_of(st.none(), LEVEL), min_size=1, max_size=6))
def test_generated_word_numbering_reads_or_refuses_cleanly(defined, start, fmt, text, used):
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "n.docx"
        lines = [("市纪委：", None)] + [(f"第{k}项工作。", level) for k, level in enumerate(used)]
        numbered_docx(path, _abstract(_lvl(ilvl=defined, start=start, fmt=fmt, text=text)), lines)
        try:
            doc = segment(load(path))
        except InputError as e:
            assert e.code.startswith("E1")
            return
        assert len(doc.paragraphs) == len(lines)
        result = check(doc)
        assert all(0 <= f.span.start <= f.span.end <= len(doc.text) for f in result.findings)
