"""Findings written back as Word comments, anchored on exactly the offending text."""
import copy
import hashlib
import re

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from report_nlp.errors import InputError, OutputProblem
from report_nlp.io import load
from report_nlp.io.docx import W, run_text
from report_nlp.io.docx_annotate import Anchorer, annotate_docx, comment_text, split_run
from report_nlp.model import Finding, Span
from report_nlp.segmenter import segment

from .docx_helpers import anchored_texts, body_text, run_formats, text_to_docx


def _findings(doc):
    out = []
    for m in re.finditer(",", doc.text):
        out.append(Finding("PUN001", "error", Span(m.start(), m.end()), "中文语句中使用了半角逗号“,”", "改为全角逗号“，”"))
    for m in re.finditer(r"\*", doc.text):
        out.append(Finding("PLH001", "warning", Span(m.start(), m.end()), "疑似未填写的占位符“*”", "填写具体内容"))
    m = re.search("党史学习教育育", doc.text)
    out.append(Finding("TYP001", "warning", Span(m.start(), m.end()), "疑似多字：“教育育”", "改为“党史学习教育”"))
    end = len(doc.text)
    out.append(Finding("STR001", "error", Span(end, end), "缺少“下一步工作打算”部分", None, data={"part": "next_steps"}))
    return out


@pytest.fixture
def reference_docx(tmp_path, reference_text):
    path = tmp_path / "reference.docx"
    text_to_docx(reference_text, path)
    return path


def test_reference_annotated_copy(tmp_path, reference_docx):
    doc = segment(load(reference_docx))
    findings = _findings(doc)
    assert sum(f.rule == "PUN001" for f in findings) == 3
    assert sum(f.rule == "PLH001" for f in findings) >= 8
    before = hashlib.sha256(reference_docx.read_bytes()).hexdigest()
    out = tmp_path / "annotated.docx"
    assert annotate_docx(reference_docx, doc, findings, out) == len(findings)

    assert hashlib.sha256(reference_docx.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotated.docx", "reference.docx"]
    annotated = docx.Document(str(out))
    comments = list(annotated.comments)
    assert len(comments) == len(findings)
    assert {c.author for c in comments} == {"report-nlp"} and {c.initials for c in comments} == {"RN"}
    assert [c.text for c in comments] == [comment_text(f) for f in findings]
    assert comments[0].text == "【错误】中文语句中使用了半角逗号“,” 建议：改为全角逗号“，”"

    anchored = anchored_texts(out)
    ids = [c.comment_id for c in comments]
    last_para = doc.paragraphs[-1]
    for cid, finding in zip(ids, findings):
        expected = doc.slice(finding.span) if len(finding.span) else doc.para_text(last_para)
        assert anchored[cid] == expected, finding
    assert body_text(out) == body_text(reference_docx) == doc.text
    assert run_formats(out) == run_formats(reference_docx)
    assert segment(load(out)).text == doc.text


def test_existing_comments_are_kept(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("市纪委：")
    d.add_comment(p.runs, text="原有批注", author="审核人", initials="SH")
    d.add_paragraph("2022年第一季度,我局坚持党建引领。")
    src = tmp_path / "with_comment.docx"
    d.save(src)
    doc = segment(load(src))
    m = doc.text.index(",")
    out = tmp_path / "out.docx"
    annotate_docx(src, doc, [Finding("PUN001", "error", Span(m, m + 1), "半角逗号", "改为“，”")], out)
    comments = list(docx.Document(str(out)).comments)
    assert [(c.author, c.text) for c in comments] == [("审核人", "原有批注"), ("report-nlp", "【错误】半角逗号 建议：改为“，”")]
    anchored = anchored_texts(out)
    assert anchored[comments[0].comment_id] == "市纪委："
    assert anchored[comments[1].comment_id] == ","


def test_page_level_and_multi_paragraph_and_prefix_spans(tmp_path):
    d = docx.Document()
    d.add_paragraph("市纪委：")
    d.add_paragraph("加强理论学习", style="List Number")  # rendered as "1." from numbering
    d.add_paragraph("强化日常监督。")
    src = tmp_path / "n.docx"
    d.save(src)
    doc = segment(load(src))
    assert doc.text == "市纪委：\n1.加强理论学习\n强化日常监督。"
    findings = [
        Finding("LAY001", "error", Span(0, 0), "纸张大小不是A4", data={"page_level": True}),
        Finding("NUM001", "warning", Span(5, 9), "序号后文字", None),          # starts inside "1."
        Finding("X", "info", Span(2, 16), "跨段", None),
    ]
    out = tmp_path / "out.docx"
    annotate_docx(src, doc, findings, out)
    comments = list(docx.Document(str(out)).comments)
    anchored = anchored_texts(out)
    assert anchored[comments[0].comment_id] == "市纪委："
    assert anchored[comments[1].comment_id] == "加强"
    assert anchored[comments[2].comment_id] == "委：\n加强理论学习\n强化"  # the numbering prefix "1." is in no run


def test_locate_maps_offsets_exactly(tmp_path):
    d = docx.Document()
    p = d.add_paragraph()
    for chunk in ("市纪", "委：", "\u3000"):
        p.add_run(chunk)
    d.add_paragraph("加强理论学习", style="List Number")
    src = tmp_path / "l.docx"
    d.save(src)
    wdoc = docx.Document(str(src))
    doc = segment(load(src))
    anchorer = Anchorer(wdoc, doc)
    runs = wdoc.paragraphs[0]._p.findall(W + "r")
    for offset, (run_index, i) in {0: (0, 0), 1: (0, 1), 2: (1, 0), 3: (1, 1), 4: (2, 0), 5: (2, 1)}.items():
        p_el, r, k = anchorer.locate(offset)
        assert p_el is wdoc.paragraphs[0]._p and r is runs[run_index] and k == i, offset
    second = wdoc.paragraphs[1]._p
    assert doc.text.split("\n")[1] == "1.加强理论学习"
    p_el, r, k = anchorer.locate(6)          # inside the numbering prefix "1."
    assert p_el is second and k == 0 and run_text(r) == "加强理论学习"
    p_el, r, k = anchorer.locate(10)         # "理"
    assert run_text(r)[k] == "理"


def test_split_run_keeps_properties_and_text():
    r = parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:b/><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr>'
                  '<w:t>甲乙</w:t><w:tab/><w:t xml:space="preserve">丙 丁</w:t><w:br/><w:t>戊</w:t></w:r>')
    p = parse_xml(f'<w:p {nsdecls("w")}/>')
    p.append(r)
    original = run_text(r)
    for k in range(1, len(original)):
        p2 = copy.deepcopy(p)
        left, right = split_run(p2[0], k)
        assert run_text(left) + run_text(right) == original
        assert run_text(left) == original[:k]
        for half in (left, right):
            assert half.find(W + "rPr") is not None and half.find(W + "rPr").find(W + "b") is not None


def test_refuses_to_overwrite_source_and_non_docx(tmp_path, reference_docx, reference_text):
    doc = segment(load(reference_docx))
    with pytest.raises(OutputProblem):
        annotate_docx(reference_docx, doc, [], reference_docx)
    with pytest.raises(InputError):
        annotate_docx(reference_docx, segment(reference_text), [], tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()
