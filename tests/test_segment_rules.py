"""Heading markers, lead phrases and the guards of item detection."""
import pytest

from report_nlp.segmenter import segment


def first(text: str):
    d = segment(text, tokens=False)
    return d, d.paragraphs[0]


@pytest.mark.parametrize("line, level, marker", [
    ("一、深化学习教育", 1, "一、"),
    ("十二、其他工作", 1, "十二、"),
    ("（一）强化组织领导", 2, "（一）"),
    ("(二)压实责任", 2, "(二)"),
    ("（一）、压实责任", 2, "（一）、"),
    ("1.加强学习", 3, "1."),
    ("2、加强学习", 3, "2、"),
    ("3．加强学习", 3, "3．"),
    ("（1）开展谈话", 4, "（1）"),
    ("①召开会议", 5, "①"),
    ("一.深化学习", 1, "一."),
])
def test_heading_markers(line, level, marker):
    _, para = first(line)
    assert (para.level, para.marker) == (level, marker)


@pytest.mark.parametrize("line", ["1.5万元用于培训", "2022年第一季度工作", "2023.3.31", "一二三四五", "十分重视"])
def test_not_headings(line):
    _, para = first(line)
    assert para.level is None


def test_lead_phrase_heading():
    d, para = first("（一）强化组织领导。成立了以党组书记为组长的领导小组。")
    assert para.kind == "paragraph" and para.level == 2
    assert d.slice(para.heading) == "（一）强化组织领导。"


@pytest.mark.parametrize("text, markers", [
    ("工作如下：一是抓学习；二是抓监督；三是抓整改。", ["一是", "二是", "三是"]),
    ("第一，压实责任。第二，强化监督。", ["第一", "第二"]),
    ("其一，学习不深；其二，监督不严。", ["其一", "其二"]),
    ("首先，加强学习。其次，强化监督。最后，狠抓整改。", ["首先", "其次", "最后"]),
])
def test_items_found(text, markers):
    _, para = first(text)
    assert [i.marker for i in para.items] == markers


@pytest.mark.parametrize("text", [
    "第一书记带头讲党课，第一时间传达精神，第一次召开专题会。",
    "坚持一是一、二是二，实事求是。",
    "统一是前提，唯一是目标。",
    "一是加强学习。",  # one ordinal only
    "班子成员第一，群众利益第一。",  # 第一 as a value, not a series (no 第二)
])
def test_items_guarded(text):
    _, para = first(text)
    assert para.items == ()


def test_markdown_heading_and_directive_comment():
    from report_nlp.model import RawText

    d = segment(RawText("a.md", "# 关于工作的报告\n<!-- report-nlp: disable PUN001 -->\n正文。\n", "md"), tokens=False)
    assert [d.para_text(p) for p in d.paragraphs] == ["关于工作的报告", "正文。"]
    assert d.paragraphs[0].kind == "heading"
