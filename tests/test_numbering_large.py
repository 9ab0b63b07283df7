"""Chinese numbers of any size (issue 11, item 2) and malformed Word numbering (item 3)."""
from __future__ import annotations

import re

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from report_nlp.checker import check_text
from report_nlp.io import load
from report_nlp.segmenter import segment
from report_nlp.segmenter.markers import CN_NUM, chinese_numeral, cn_to_int, match_heading_marker


@pytest.mark.parametrize("n, text", [
    (1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (99, "九十九"), (100, "一百"), (101, "一百零一"),
    (110, "一百一十"), (111, "一百一十一"), (200, "二百"), (1000, "一千"), (1005, "一千零五"),
    (1010, "一千零一十"), (1100, "一千一百"), (10000, "一万"), (10001, "一万零一"), (100000, "十万"),
    (123456789, "一亿二千三百四十五万六千七百八十九"),
])
def test_chinese_numeral_and_inverse(n, text):
    assert chinese_numeral(n) == text
    assert cn_to_int(text) == n


def test_round_trip_and_marker_pattern_for_every_number_below_20000():
    marker = re.compile(CN_NUM)
    for n in range(1, 20000):
        text = chinese_numeral(n)
        assert cn_to_int(text) == n, (n, text)
        if n < 10000:
            assert marker.fullmatch(text), (n, text)


def test_zero_negative_and_garbage():
    assert chinese_numeral(0) == "零"
    with pytest.raises(ValueError):
        chinese_numeral(-1)
    for garbage in ("", "十十", "一二", "百", "零百", "千百", "abc"):
        assert cn_to_int(garbage) == 0, garbage


def test_headings_past_ninety_nine_are_recognised():
    assert match_heading_marker("一百、加强监督").number == 100
    assert match_heading_marker("（一百零一）加强监督").number == 101
    # body text that merely starts with a number is not a heading
    assert match_heading_marker("一百、") is None


def test_item_ninety_nine_followed_by_more_items_does_not_crash():
    # 一是…九十九是…三是: the third number is checked against 一百 (the one after 九十九)
    result = check_text("市纪委：\n主要做法：一是加强学习，九十九是强化监督，三是严肃问责。\n")
    messages = [f.message for f in result.findings if f.rule == "NUM005"]
    assert messages == ["“九十九是”不连续，此处应为“二是”", "“三是”不连续，此处应为“一百是”"]
    # item paragraphs across one section: 九十九是 then 三是
    result = check_text("市纪委：\n九十九是加强学习。\n三是强化监督。\n")
    assert [f.message for f in result.findings if f.rule == "NUM005"] == ["“三是”不连续，此处应为“一百是”"]


def test_draft_sections_past_one_hundred_number_on():
    from report_nlp.drafter.textutil import cn

    assert [cn(n) for n in (99, 100, 101, 120)] == ["九十九", "一百", "一百零一", "一百二十"]


def test_level_one_marker_past_one_hundred_is_not_a_punctuation_error():
    lines = ["市纪委："] + [f"{chinese_numeral(n)}、第{n}项工作" for n in range(1, 103)]
    result = check_text("\n".join(lines))
    rules = {f.rule for f in result.findings if f.span.start >= len("\n".join(lines[:100]))}
    doc_levels = [p.level for p in result.doc.paragraphs[1:]]
    assert doc_levels == [1] * 102
    marker_rules = [f for f in result.findings if f.rule in ("NUM001", "NUM002", "NUM003")]
    assert not marker_rules, marker_rules
    assert rules is not None


def test_suggest_numbers_the_next_part_one_hundred():
    from report_nlp.checker import check
    from report_nlp.checker.suggest import suggest

    lines = ["市纪委：", "今年以来，我们认真落实党风廉政建设主体责任，现将有关情况报告如下："]
    lines += [f"{chinese_numeral(n)}、第{n}项工作情况" for n in range(1, 100)]
    result = check(segment("\n".join(lines)), "quarterly")
    texts = [s.text for s in suggest(result)]
    assert any(t.startswith("一百、") for t in texts), texts[:3]


# --- Word numbering ---------------------------------------------------------------
def _abstract(levels: str, aid="90") -> str:
    return (f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
            f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')


def _lvl(ilvl="0", start="1", fmt="chineseCounting", text="%1、") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


def numbered_docx(path, abstract_xml: str | None, lines, *, num_aid="90", override: str = "") -> None:
    """``lines``: (text, ilvl or None); ilvl is written as given (it may be malformed)."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    if abstract_xml is not None:
        first_num = numbering.find(qn("w:num"))
        el = parse_xml(abstract_xml)
        if first_num is not None:
            first_num.addprevious(el)
        else:
            numbering.append(el)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="{num_aid}"/>'
                               f'{override}</w:num>'))
    for text, ilvl in lines:
        p = d.add_paragraph(text)
        if ilvl is not None:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>'))
    d.save(path)


def test_chinese_counting_list_past_ninety_nine(tmp_path):
    path = tmp_path / "long.docx"
    lines = [("市纪委：", None)] + [(f"第{n}项工作", 0) for n in range(1, 103)]
    numbered_docx(path, _abstract(_lvl()), lines)
    doc = segment(load(path))
    texts = [doc.para_text(p) for p in doc.paragraphs]
    assert texts[99] == "九十九、第99项工作"
    assert texts[100] == "一百、第100项工作"
    assert texts[102] == "一百零二、第102项工作"
    assert [p.level for p in doc.paragraphs[1:]] == [1] * 102


@pytest.mark.parametrize("start, first", [("0", "零、"), ("-5", "零、"), ("98", "九十八、")])
def test_zero_and_negative_starts(tmp_path, start, first):
    """Word shows a start of 0 as 零 in Chinese counting and treats negative starts as 0;
    a 零、 line is not read as a heading (never as 七、 or 一、)."""
    path = tmp_path / "start.docx"
    numbered_docx(path, _abstract(_lvl(start=start)), [("甲项工作", 0), ("乙项工作", 0), ("丙项工作", 0)])
    doc = segment(load(path))
    texts = [doc.para_text(p) for p in doc.paragraphs]
    assert texts[0] == first + "甲项工作"
    if first == "零、":
        assert texts[1:] == ["一、乙项工作", "二、丙项工作"]
        assert doc.paragraphs[0].level is None
    else:
        assert texts[2] == "一百、丙项工作"


MALFORMED = {
    "ilvl_x": (_abstract(_lvl()), "x", "90", ""),
    "level_9": (_abstract(_lvl()), "9", "90", ""),
    "level_9_defined": (_abstract(_lvl(ilvl="9")), "9", "90", ""),
    "start_abc": (_abstract(_lvl(start="abc")), "0", "90", ""),
    "start_huge": (_abstract(_lvl(start="9" * 5000)), "0", "90", ""),
    "missing_abstract": (None, "0", "77", ""),
    "override_abc": (_abstract(_lvl()), "0", "90",
                     '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="abc"/></w:lvlOverride>'),
    "level_text_zero": (_abstract(_lvl(text="%0、")), "0", "90", ""),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_numbering_reads_as_unnumbered(tmp_path, case):
    abstract, ilvl, aid, override = MALFORMED[case]
    path = tmp_path / f"{case}.docx"
    numbered_docx(path, abstract, [("市纪委：", None), ("深化学习教育", ilvl), ("强化日常监督", ilvl)],
                  num_aid=aid, override=override)
    raw = load(path)
    lines = raw.text.split("\n")
    assert lines[0] == "市纪委："
    assert lines[1].endswith("深化学习教育") and lines[2].endswith("强化日常监督")
    assert "七" not in raw.text


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_numbering_every_docx_command(tmp_path, cli, case):
    abstract, ilvl, aid, override = MALFORMED[case]
    path = tmp_path / f"{case}.docx"
    numbered_docx(path, abstract, [("市纪委：", None), ("深化学习教育", ilvl), ("强化日常监督", ilvl),
                                   ("特此报告。", None)], num_aid=aid, override=override)
    for args in (("check", path, "--fail-on", "never"), ("segment", path), ("tag", path),
                 ("fix-layout", path, "-o", tmp_path / "out.docx", "--force"),
                 ("check", path, "--fail-on", "never", "--annotate", tmp_path / "ann.docx")):
        code, out, err = cli(*args)
        assert code == 0, (args, err)
        assert "Traceback" not in err
