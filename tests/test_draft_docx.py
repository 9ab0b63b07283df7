"""The .docx writer: GB/T 9704 page, margins, fonts (East Asian included), sizes, spacing,
署名/日期 placement, page numbers; and the write is atomic."""
import pathlib
import zipfile

import docx
import pytest
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from report_nlp.drafter import draft
from report_nlp.errors import OutputProblem
from report_nlp.layout.write import atomic_write, write_docx

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"
THEME_ATTRS = ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    raw = yaml.safe_load((EXAMPLES / "annual-responsibility-2023.yaml").read_text(encoding="utf-8"))
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    write_docx(draft(raw), path)
    return path, docx.Document(str(path))


def east_asia(el):
    rpr = el.find(qn("w:rPr")) if el.tag != qn("w:rPr") else el
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def content(document):
    return [p for p in document.paragraphs if p.text.strip()]


def test_page_and_margins(written):
    _, d = written
    for s in d.sections:
        assert (round(s.page_width.mm, 1), round(s.page_height.mm, 1)) == (210.0, 297.0)
        margins = [s.top_margin.mm, s.bottom_margin.mm, s.left_margin.mm, s.right_margin.mm]
        assert margins == pytest.approx([37, 35, 28, 26], abs=0.1)


def test_east_asian_fonts_everywhere(written):
    path, d = written
    defaults = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert defaults.find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman"
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    used = {p.style.name for p in d.paragraphs}
    for name in used | {"Normal"}:
        assert east_asia(d.styles[name].element) is not None, name
    for p in d.paragraphs:
        for r in p.runs:
            assert east_asia(r._r), (p.text, r.text)
            assert r._r.rPr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    with zipfile.ZipFile(path) as zf:
        for part in ("word/styles.xml", "word/document.xml", "word/footer1.xml"):
            xml = zf.read(part).decode("utf-8")
            assert not any(attr in xml for attr in THEME_ATTRS), part


def test_roles_fonts_and_sizes(written):
    _, d = written
    paras = content(d)
    title, addressee, opening = paras[0], paras[1], paras[2]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {(east_asia(r._r), r.font.size.pt, bool(r.font.bold)) for r in title.runs} == {("方正小标宋简体", 22.0, False)}
    assert addressee.paragraph_format.first_line_indent.pt == 0
    assert addressee.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert east_asia(opening.runs[0]._r) == "仿宋_GB2312" and opening.runs[0].font.size.pt == 16
    assert opening.paragraph_format.first_line_indent.pt == 32  # 2 characters of 三号
    level1 = next(p for p in paras if p.text.startswith("一、"))
    assert [east_asia(r._r) for r in level1.runs] == ["黑体"]
    run_in = next(p for p in paras if p.text.startswith("（一）"))
    assert east_asia(run_in.runs[0]._r) == "楷体_GB2312" and run_in.runs[0].text.endswith("。")
    assert east_asia(run_in.runs[1]._r) == "仿宋_GB2312"
    assert all(r.font.size.pt == 16 for p in paras[1:] for r in p.runs)
    for p in paras:
        fmt = p.paragraph_format
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert fmt.line_spacing.pt == pytest.approx(28.9, abs=0.05)


def test_signature_and_date_placement(written):
    _, d = written
    paras = d.paragraphs
    sig, date = paras[-2], paras[-1]
    assert paras[-3].text == "" and paras[-4].text == "特此报告。"  # one blank line above the 署名
    assert sig.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    size = 16
    sig_indent, date_indent = sig.paragraph_format.right_indent.pt / size, date.paragraph_format.right_indent.pt / size
    assert sig_indent == pytest.approx(2)
    width = lambda s: sum(0.5 if ord(c) < 0x2000 else 1 for c in s)  # noqa: E731
    # the date starts two characters to the right of the 署名's first character
    assert (sig_indent + width(sig.text)) - (date_indent + width(date.text)) == pytest.approx(2)
    assert date.text == "2024年1月16日"


def test_page_numbers_odd_right_even_left(written):
    path, d = written
    assert d.settings.odd_and_even_pages_header_footer
    with zipfile.ZipFile(path) as zf:
        settings = zf.read("word/settings.xml").decode("utf-8")
    assert "evenAndOddHeaders" in settings
    section = d.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        para = footer.paragraphs[0]
        assert para.alignment == align
        assert para.text == "— 1 —"
        assert "PAGE" in "".join(t.text for t in para._p.iter(qn("w:instrText")))
        assert {(east_asia(r._r), r.font.size.pt) for r in para.runs} == {("宋体", 14.0)}


def test_docx_reads_back_as_the_text(written):
    from report_nlp.io import load

    path, _ = written
    raw = yaml.safe_load((EXAMPLES / "annual-responsibility-2023.yaml").read_text(encoding="utf-8"))
    assert load(path).text.replace("\n\n", "\n").strip() == draft(raw).strip()


def test_write_is_atomic(tmp_path):
    target = tmp_path / "keep.docx"
    target.write_bytes(b"old")

    def boom(fh):
        fh.write(b"partial")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(target, boom)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.docx"]
    with pytest.raises(OutputProblem):
        write_docx("市纪委：\n正文。\n", tmp_path / "no-such-folder" / "x.docx")
    assert not (tmp_path / "no-such-folder").exists()


def test_accepts_a_segmented_document(tmp_path):
    from report_nlp.segmenter import segment

    doc = segment("关于测试的报告\n市纪委：\n一、总体情况\n（一）加强学习。开展学习3次。\n1.具体做法\n特此报告。\n中共某局党组\n2024年1月5日\n",
                  tokens=False)
    path = tmp_path / "seg.docx"
    write_docx(doc, path)
    d = docx.Document(str(path))
    styles = [p.style.name for p in d.paragraphs if p.text]
    assert styles == ["GBTitle", "GBAddressee", "GBLevel1", "GBBody", "GBLevel3", "GBBody", "GBSignature", "GBDate"]


def test_written_file_has_ordinary_permissions(tmp_path):
    import os

    target = tmp_path / "perm.txt"
    atomic_write(target, lambda fh: fh.write(b"x"))
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
