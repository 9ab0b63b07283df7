"""A .docx made with python-docx segments like its text twin."""
import docx

from report_nlp.io import load
from report_nlp.segmenter import segment


def structure(doc):
    return [(doc.para_text(p), p.kind, p.level, p.marker, tuple(i.marker for i in p.items)) for p in doc.paragraphs]


def test_docx_matches_text_twin(tmp_path):
    d = docx.Document()
    d.add_paragraph("市纪委：")
    d.add_paragraph("现将有关情况报告如下：")
    d.add_heading("一、深化学习教育。", level=1)
    d.add_paragraph("一是领导带头学。中心组集中学习6次。")
    d.add_paragraph("加强理论学习", style="List Number")  # Word numbering renders as 1.
    d.add_paragraph("强化日常监督", style="List Number")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "谈心谈话56人次"
    table.cell(0, 1).text = "下发通报3期"
    d.add_paragraph("存在问题：一是学习不够深入；二是监督不够有力。")
    path = tmp_path / "r.docx"
    d.save(path)

    twin = ("市纪委：\n现将有关情况报告如下：\n一、深化学习教育。\n一是领导带头学。中心组集中学习6次。\n"
            "1.加强理论学习\n2.强化日常监督\n谈心谈话56人次\n下发通报3期\n存在问题：一是学习不够深入；二是监督不够有力。\n")
    txt = tmp_path / "r.txt"
    txt.write_text(twin, encoding="utf-8")

    from_docx, from_text = segment(load(path)), segment(load(txt))
    assert structure(from_docx) == structure(from_text)
    heading = from_docx.paragraphs[2]
    assert heading.style_level == 1 and heading.kind == "heading"
    numbered = from_docx.blocks[4]
    assert numbered.prefix == 2 and not numbered.in_table
    assert from_docx.blocks[6].in_table


def test_tracked_changes_read_as_accepted(tmp_path):
    from docx.oxml.ns import qn
    from lxml import etree

    d = docx.Document()
    p = d.add_paragraph("原文")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    ins = etree.SubElement(p._p, qn("w:ins"))
    r = etree.SubElement(ins, qn("w:r"))
    etree.SubElement(r, qn("w:t")).text = "新增"
    dele = etree.SubElement(p._p, qn("w:del"))
    r2 = etree.SubElement(dele, qn("w:r"))
    etree.SubElement(r2, qn("w:delText")).text = "删除"
    path = tmp_path / "t.docx"
    d.save(path)
    assert load(path).text == "原文新增"
    assert w  # namespace used above
