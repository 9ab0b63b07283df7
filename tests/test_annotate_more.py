"""`--annotate` (issue 11, item 15) and the offset indexes behind check and annotate (item 11).

No timing here: the indexes are tested for giving the answers a plain scan gives."""
from __future__ import annotations

import random

import docx

from report_nlp.checker import check
from report_nlp.checker.context import Context
from report_nlp.io import load
from report_nlp.io.docx_annotate import Anchorer
from report_nlp.model import Document, Paragraph, Span
from report_nlp.segmenter import segment

from .conftest import REFERENCE
from .docx_helpers import anchored_texts, text_to_docx


# --- item 11: indexes -----------------------------------------------------------------------
def _scan_paragraph_at(doc, offset):
    """The linear scan ``Context.paragraph_at`` used before it was indexed."""
    for para in doc.paragraphs:
        if para.span.start <= offset <= para.span.end:
            return para.index
        if para.span.start > offset:
            return max(0, para.index - 1)
    return doc.paragraphs[-1].index if doc.paragraphs else None


def test_paragraph_at_matches_a_scan_everywhere(reference_text):
    from report_nlp.kinds import get_profile

    doc = segment(load(REFERENCE))
    ctx = Context(doc=doc, profile=get_profile("quarterly"))
    for offset in range(0, len(doc.text) + 3):
        assert ctx.paragraph_at(offset) == _scan_paragraph_at(doc, offset), offset


def test_paragraph_at_random_layouts():
    from report_nlp.kinds import get_profile

    rng = random.Random(11)
    for _ in range(200):
        paras, pos = [], rng.randint(0, 3)
        for i in range(rng.randint(0, 8)):
            length = rng.randint(0, 5)
            paras.append(Paragraph(index=i, span=Span(pos, pos + length), kind="paragraph"))
            pos += length + rng.randint(0, 3)
        doc = Document(source="x", text="x" * (pos + 5), paragraphs=tuple(paras))
        ctx = Context(doc=doc, profile=get_profile("quarterly"))
        for offset in range(pos + 5):
            assert ctx.paragraph_at(offset) == _scan_paragraph_at(doc, offset)


def test_anchorer_paragraph_lookup_matches_a_scan(tmp_path):
    path = tmp_path / "r.docx"
    text_to_docx(REFERENCE.read_text(encoding="utf-8").rstrip("\n"), path)
    doc = segment(load(path))
    anchorer = Anchorer(docx.Document(str(path)), doc)
    for offset in range(0, len(doc.text) + 2, 7):
        chosen = doc.paragraphs[0]
        for para in doc.paragraphs:
            if para.span.start <= offset:
                chosen = para
            else:
                break
        assert anchorer._paragraph_for(offset) is chosen


def test_many_comments_get_distinct_ids(tmp_path, cli):
    """Comment ids are handed out in sequence (python-docx's own allocation rescans every
    comment): each id is unique and every comment keeps its anchor."""
    src = tmp_path / "big.docx"
    text = "\n".join([REFERENCE.read_text(encoding="utf-8").rstrip("\n")] * 3)
    text_to_docx(text, src)
    pre = docx.Document(str(src))
    pre.add_comment(pre.paragraphs[0].runs[0], text="已有批注", author="张三")
    pre.save(src)
    out = tmp_path / "out.docx"
    code, _, err = cli("check", src, "--annotate", out, "--fail-on", "never")
    assert code == 0
    d = docx.Document(str(out))
    ids = [c.comment_id for c in d.comments]
    assert len(ids) == len(set(ids)) and len(ids) > 50
    assert "已有批注" in [c.text for c in d.comments]
    assert set(anchored_texts(out)) == set(ids)


# --- item 15 ------------------------------------------------------------------------------
REPORT = ("市纪委：\n2022年第一季度，市某局党组坚持以习近平新时代中国特色社会主义思想为指导,全面落实主体责任。\n"
          "一、工作开展情况\n党组中心组集中学习6次,专题研讨2次。\n二、存在问题\n个别干部纪律观念淡薄，存在迟到早退现象。")


def test_stderr_says_what_was_written_and_author_is_configurable(tmp_path, cli):
    src, out = tmp_path / "r.docx", tmp_path / "r-批注.docx"
    text_to_docx(REPORT, src)
    code, stdout, err = cli("check", src, "--annotate", out, "--author", "纪检组王五", "--fail-on", "never")
    assert code == 0
    comments = list(docx.Document(str(out)).comments)
    assert f"已写入{len(comments)}条批注 → {out}" in err
    assert comments and {c.author for c in comments} == {"纪检组王五"}
    code, _, err = cli("check", src, "--annotate", out, "--fail-on", "never")
    assert {c.author for c in docx.Document(str(out)).comments} == {"report-nlp"}


def test_missing_part_comment_carries_the_suggested_text(tmp_path, cli):
    from report_nlp.checker.suggest import suggest

    src, out = tmp_path / "r.docx", tmp_path / "out.docx"
    text_to_docx(REPORT, src)
    result = check(segment(load(src)))
    drafts = {s.key: s.text for s in suggest(result) if s.kind == "part"}
    assert "next_steps" in drafts
    cli("check", src, "--annotate", out, "--fail-on", "never")
    texts = [c.text for c in docx.Document(str(out)).comments]
    next_steps = [t for t in texts if "缺少“下一步打算”部分" in t]
    assert len(next_steps) == 1
    assert drafts["next_steps"] in next_steps[0]
    assert "report-nlp suggest" not in next_steps[0]
    # a finding that is not a missing part keeps its one-line suggestion
    assert any(t.startswith("【错误】中文文本中使用了半角标点") and "建议：" in t for t in texts)


def _with_disable_comment(src, path, *, para: int, directive: str) -> None:
    d = docx.Document(str(src))
    p = d.paragraphs[para]
    d.add_comment([p.runs[0], p.runs[-1]], text=directive, author="张三")
    d.save(path)


def test_word_comment_disables_a_rule_on_its_span(tmp_path, cli):
    src, marked = tmp_path / "r.docx", tmp_path / "marked.docx"
    text_to_docx(REPORT, src)
    before = [f for f in check(segment(load(src))).findings if f.rule == "PUN001"]
    assert len(before) == 2  # one half-width comma in paragraph 2, one in paragraph 4
    _with_disable_comment(src, marked, para=1, directive="report-nlp: disable PUN001 这里按原文保留")
    raw = load(marked)
    assert raw.suppress and raw.suppress[0][2] == frozenset({"PUN001"})
    after = [f for f in check(segment(raw)).findings if f.rule == "PUN001"]
    assert [f.span for f in after] == [before[1].span]  # only the commented paragraph's is gone
    # other rules on the same span stay; a family prefix works too
    _with_disable_comment(src, marked, para=3, directive="report-nlp：disable PUN")
    after = [f for f in check(segment(load(marked))).findings if f.rule == "PUN001"]
    assert [f.span for f in after] == [before[0].span]
    # a comment that only mentions the words does not switch anything off
    _with_disable_comment(src, marked, para=1, directive="请勿 report-nlp: disable PUN001")
    assert len([f for f in check(segment(load(marked))).findings if f.rule == "PUN001"]) == 2
    code, stdout, _ = cli("check", marked, "--format", "json", "--fail-on", "never")
    assert code == 0
