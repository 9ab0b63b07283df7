"""Builders and readers of .docx files shared by the Word round-trip tests."""
from __future__ import annotations

import docx
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from report_nlp.io.docx import W, run_text, text_runs


def text_to_docx(text: str, path, *, chunk: int = 7) -> None:
    """One paragraph per line; each line cut into runs of ``chunk`` characters, alternately bold."""
    d = docx.Document()
    for line in text.split("\n"):
        p = d.add_paragraph()
        for i in range(0, len(line), chunk):
            run = p.add_run(line[i : i + chunk])
            run.bold = (i // chunk) % 2 == 1
    d.save(path)


def body_text(path) -> str:
    """The text python-docx sees: paragraphs (tables included, in order) joined by newlines."""
    from report_nlp.io.docx import body_paragraphs

    d = docx.Document(str(path))
    return "\n".join("".join(run_text(r) for r in text_runs(p)) for p, _ in body_paragraphs(d))


def anchored_texts(path) -> dict[int, str]:
    """Comment id → the text between its ``commentRangeStart`` and ``commentRangeEnd``."""
    d = docx.Document(str(path))
    body = d.element.body
    open_ids: set[int] = set()
    texts: dict[int, str] = {}
    for el in body.iter():
        tag = el.tag
        if tag == W + "commentRangeStart":
            cid = int(el.get(W + "id"))
            open_ids.add(cid)
            texts[cid] = ""
        elif tag == W + "commentRangeEnd":
            open_ids.discard(int(el.get(W + "id")))
        elif tag == W + "r" and open_ids:
            p = el.getparent()
            while p is not None and p.tag != W + "p":
                p = p.getparent()
            if p is not None and any(r is el for r in text_runs(p)):
                for cid in open_ids:
                    texts[cid] += run_text(el)
        elif tag == W + "p" and open_ids:
            for cid in open_ids:
                if texts[cid]:
                    texts[cid] += "\n"
    return texts


def run_formats(path) -> list[tuple[str, bool | None]]:
    """(text, bold) per text run in body order: a split must keep each character's formatting."""
    from report_nlp.io.docx import body_paragraphs

    d = docx.Document(str(path))
    out = []
    for p, _ in body_paragraphs(d):
        for r in text_runs(p):
            rpr = r.find(W + "rPr")
            bold = rpr is not None and rpr.find(W + "b") is not None
            for ch in run_text(r):
                out.append((ch, bold))
    return out


def set_east_asia(run, name: str) -> None:
    """Set a run's East Asian font the way Word does (python-docx's Font.name does not)."""
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")


def set_page(d, *, a4=True, margins=(37, 35, 28, 26)) -> None:
    for s in d.sections:
        if a4:
            s.page_width, s.page_height = Mm(210), Mm(297)
        s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = (Mm(m) for m in margins)


def add_para(d, text: str, *, font="仿宋_GB2312", size=16, line=28.9, indent=True, align=None, style=None):
    """A paragraph in one run with the given East Asian font, size, exact spacing and indent."""
    from docx.enum.text import WD_LINE_SPACING

    p = d.add_paragraph(style=style)
    run = p.add_run(text)
    if font is not None:  # None: leave the theme font python-docx's template uses
        set_east_asia(run, font)
    run.font.size = Pt(size)
    fmt = p.paragraph_format
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        p.alignment = align
    return p


GOOD_BODY = "2022年第一季度，市某局党组坚持以习近平新时代中国特色社会主义思想为指导，全面落实党风廉政建设主体责任。"


def well_formed_docx(path) -> None:
    """A short report laid out exactly as GB/T 9704 wants (as the writer should produce it)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    set_page(d)
    add_para(d, "中共某市某局党组关于2022年第一季度党风廉政建设工作情况的报告", font="方正小标宋简体", size=22,
             indent=False, line=None, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_para(d, "市纪委：", indent=False)
    add_para(d, GOOD_BODY + "现将有关情况报告如下：")
    add_para(d, "一、深化学习教育", font="黑体")
    add_para(d, "（一）强化组织领导", font="楷体_GB2312")
    p = add_para(d, "（二）强化日常监督。", font="楷体_GB2312")
    run = p.add_run("成立领导小组，定期研究部署党风廉政建设工作，压实各级责任。")
    set_east_asia(run, "仿宋_GB2312")
    run.font.size = Pt(16)
    add_para(d, "1.开展专题学习。党组中心组集中学习6次，专题研讨2次，撰写心得体会12篇。")
    add_para(d, "特此报告。")
    add_para(d, "中共某市某局党组", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    add_para(d, "2022年4月6日", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    d.save(path)
