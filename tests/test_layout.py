"""LAY rules: a .docx's layout against GB/T 9704 (profile gbt9704 of layout.yaml)."""
import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from report_nlp.layout.rules import check_layout, layout_rules
from report_nlp.io import load
from report_nlp.segmenter import segment

from .docx_helpers import GOOD_BODY, add_para, set_east_asia, set_page, well_formed_docx


def lay(path):
    return check_layout(path, segment(load(path)))


def summary(findings):
    return sorted((f.rule, tuple(f.data.get("paragraphs", ()))) for f in findings)


def test_well_formed_has_no_findings(tmp_path):
    path = tmp_path / "good.docx"
    well_formed_docx(path)
    assert lay(path) == []


def test_aliases_styles_and_grid_are_accepted(tmp_path):
    """仿宋/SimHei aliases, fonts set on the Normal style, single spacing on a 22-line grid."""
    d = docx.Document()
    set_page(d)
    normal = d.styles["Normal"].element
    rpr = normal.get_or_add_rPr()
    rpr.append(parse_xml(f'<w:rFonts {nsdecls("w")} w:eastAsia="仿宋" w:ascii="Times New Roman"/>'))
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="32"/>'))
    sect = d.sections[0]._sectPr
    grid = sect.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), "579")
    for text, font in ((GOOD_BODY, None), ("一、深化学习教育", "SimHei"), (GOOD_BODY, "FangSong")):
        p = d.add_paragraph()
        run = p.add_run(text)
        if font:
            set_east_asia(run, font)
        p.paragraph_format.first_line_indent = Pt(32)
        p.paragraph_format.line_spacing = 1.0
    path = tmp_path / "styled.docx"
    d.save(path)
    assert lay(path) == []


def wrong_docx(path):
    d = docx.Document()  # Letter paper, 25.4/31.75 mm margins
    add_para(d, "中共某市某局党组关于2022年第一季度党风廉政建设工作情况的报告", font="宋体", size=18,
             indent=False, line=None, align=WD_ALIGN_PARAGRAPH.CENTER)                  # 0: title
    add_para(d, "市纪委：", indent=False)                                              # 1
    for _ in range(3):
        add_para(d, GOOD_BODY, font="宋体")                                            # 2 3 4: LAY005
    add_para(d, "一、深化学习教育", font="仿宋_GB2312")                                  # 5: LAY007
    add_para(d, GOOD_BODY, size=12)                                                    # 6: LAY006
    add_para(d, GOOD_BODY, line=None)                                                  # 7: LAY008
    add_para(d, GOOD_BODY, line=20)                                                    # 8: LAY008
    add_para(d, GOOD_BODY, indent=False)                                               # 9: LAY009
    add_para(d, GOOD_BODY, font=None)                                                  # 10: LAY010
    d.save(path)


def test_wrong_layout_has_exactly_the_expected_findings(tmp_path):
    path = tmp_path / "wrong.docx"
    wrong_docx(path)
    findings = lay(path)
    assert summary(findings) == sorted([
        ("LAY001", ()), ("LAY002", ()),
        ("LAY003", (0,)), ("LAY004", (0,)),
        ("LAY005", (2, 3, 4)), ("LAY006", (6,)), ("LAY007", (5,)),
        ("LAY008", (7,)), ("LAY008", (8,)),
        ("LAY009", (9,)), ("LAY010", (10,)),
    ])
    by_rule = {f.rule: f for f in findings}
    assert by_rule["LAY001"].severity == "error" and by_rule["LAY001"].data["page_level"]
    assert by_rule["LAY001"].span.start == by_rule["LAY001"].span.end == 0
    assert {f.severity for f in findings if f.rule != "LAY001"} == {"warning"}
    assert by_rule["LAY005"].message == "正文3段字体为宋体，应为仿宋_GB2312（如第3段“2022年第一季度，市某…”等）"
    assert by_rule["LAY007"].message.startswith("一级标题1处字体为仿宋_GB2312，应为黑体")
    assert "12磅（小四）" in by_rule["LAY006"].message and "16磅（三号）" in by_rule["LAY006"].message
    assert "18磅（小二）" in by_rule["LAY004"].message
    assert "上边距25.4毫米" in by_rule["LAY002"].message and "左边距31.8毫米" in by_rule["LAY002"].message
    spacing = sorted(f.data["found"] for f in findings if f.rule == "LAY008")
    assert spacing == ["1.15倍行距", "固定值20磅"]
    doc = segment(load(path))
    assert by_rule["LAY005"].span == doc.paragraphs[2].span
    for f in findings:
        assert f.suggestion and all(ord(c) < 128 for c in f.rule)


def test_catalogue_is_complete():
    rules = layout_rules()
    assert sorted(rules) == [f"LAY{i:03d}" for i in range(1, 13)]
    for rule in rules.values():
        assert "GB/T 9704-2012" in rule["basis"]
        assert rule["severity"] == ("error" if rule["id"] == "LAY001" else "warning")


def test_reference_as_plain_docx(tmp_path, reference_text):
    """python-docx's template: every paragraph is off, but each deviation is reported once."""
    from .docx_helpers import text_to_docx

    path = tmp_path / "ref.docx"
    text_to_docx(reference_text, path)
    findings = lay(path)
    rules = [f.rule for f in findings]
    assert len(findings) <= 8 and len(rules) - len(set(rules)) <= 2
    assert "LAY010" in rules and "LAY005" not in rules  # no font set: not also reported as a wrong font


@pytest.mark.parametrize("font", ["仿宋_GB2312", "方正仿宋_GBK", "FangSong"])
def test_body_font_aliases(tmp_path, font):
    d = docx.Document()
    set_page(d)
    add_para(d, GOOD_BODY, font=font)
    path = tmp_path / "a.docx"
    d.save(path)
    assert lay(path) == []


def test_drafter_output_has_no_findings(tmp_path):
    write = pytest.importorskip("report_nlp.layout.write")
    text = ("中共某市审计局党组关于2023年第三季度党风廉政建设工作情况的报告\n\n市纪委：\n"
            "2023年第三季度，我局党组坚持以习近平新时代中国特色社会主义思想为指导，现将有关情况报告如下：\n"
            "一、深化学习教育\n（一）强化组织领导。成立领导小组，定期研究部署党风廉政建设工作，压实各级责任。\n"
            "1.开展专题学习。党组中心组集中学习6次，专题研讨2次，撰写心得体会12篇。\n"
            "（1）集中学习。党组中心组集中学习6次。\n二、存在问题\n一是学习不够深入；二是监督不够有力。\n"
            "特此报告。\n\n中共某市审计局党组\n2023年10月8日\n")
    path = tmp_path / "draft.docx"
    write.write_docx(text, path)
    assert lay(path) == []
