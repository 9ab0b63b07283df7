"""Word's automatic list numbering (一、 （一）) reads like typed markers; text boxes are noted."""
import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from report_nlp.io import load
from report_nlp.segmenter import segment

ABSTRACT = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
    '<w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
    '</w:abstractNum>'
)
NUM = f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'

LINES = [
    ("市纪委：", None),
    ("现将有关情况报告如下：", None),
    ("深化学习教育", 0),
    ("强化组织领导。成立领导小组，定期研究部署。", 1),
    ("加强日常监督", 1),
    ("健全廉政体系", 0),
    ("修订责任清单", 1),
    ("特此报告。", None),
]


def _numbered(p, ilvl: int) -> None:
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>'))


def structure(doc):
    return [(doc.para_text(p), p.kind, p.level, p.marker, p.heading and doc.slice(p.heading)) for p in doc.paragraphs]


def test_automatic_numbering_segments_like_typed_twin(tmp_path):
    d = docx.Document()
    numbering = d.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(parse_xml(ABSTRACT))
    else:
        numbering.append(parse_xml(ABSTRACT))
    numbering.append(parse_xml(NUM))
    for text, ilvl in LINES:
        p = d.add_paragraph(text)
        if ilvl is not None:
            _numbered(p, ilvl)
    path = tmp_path / "numbered.docx"
    d.save(path)

    typed = "市纪委：\n现将有关情况报告如下：\n一、深化学习教育\n（一）强化组织领导。成立领导小组，定期研究部署。\n" \
            "（二）加强日常监督\n二、健全廉政体系\n（一）修订责任清单\n特此报告。\n"
    twin = tmp_path / "typed.txt"
    twin.write_text(typed, encoding="utf-8")

    from_docx, from_text = segment(load(path)), segment(load(twin))
    assert from_docx.text == typed.rstrip("\n")
    assert structure(from_docx) == structure(from_text)
    assert [p.level for p in from_docx.paragraphs] == [None, None, 1, 2, 2, 1, 2, None]
    assert [b.prefix for b in from_docx.blocks] == [0, 0, 2, 3, 3, 2, 3, 0]


def test_text_box_skipped_with_note(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("正文第一段。")
    box = parse_xml(
        f'<w:r {nsdecls("w")} xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<w:pict><w:txbxContent><w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>'
    )
    p._p.append(box)
    d.add_paragraph("正文第二段。")
    path = tmp_path / "box.docx"
    d.save(path)
    raw = load(path)
    assert raw.text == "正文第一段。\n正文第二段。"
    assert raw.notes and "文本框" in raw.notes[0]
