"""fix-layout on a typical received file (issue 11, item 14): typed full-width-space indents
and a title that is not centred. The roles come from the tagger check uses; check reports
both cases (LAY011, LAY012); fix-layout repairs them, and the rendered pages show it."""
from __future__ import annotations

import shutil
import subprocess

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from report_nlp.checker import check
from report_nlp.layout.facts import collect
from report_nlp.io import load
from report_nlp.io.docx import W, body_paragraphs
from report_nlp.segmenter import segment

from .docx_helpers import add_para, set_page

TITLE = "中共某市某局党组关于2022年第一季度党风廉政建设工作情况的报告"
BODY = ("2022年第一季度，市某局党组坚持以习近平新时代中国特色社会主义思想为指导，"
        "认真落实党风廉政建设主体责任，现将有关情况报告如下：")
LINES = [
    ("title", TITLE),
    ("addressee", "市纪委："),
    ("body", "\u3000\u3000" + BODY),
    ("level1", "\u3000\u3000一、深化学习教育"),
    ("body", "\u3000\u3000党组中心组集中学习6次，专题研讨2次，撰写心得体会12篇，推动学习教育走深走实。"),
    ("body", "  \t存在的问题是个别干部纪律观念淡薄，存在迟到早退现象，监督检查不够经常。"),
    ("body", "\u3000\u3000特此报告。"),
    ("signature", "中共某市某局党组"),
    ("date", "2022年4月6日"),
]


def typical_docx(path) -> None:
    """As such files arrive: A4 and the right fonts, but indents typed as 　　 and a title that
    is left-aligned like the body (no first-line indent set anywhere)."""
    d = docx.Document()
    set_page(d)
    for role, text in LINES:
        if role == "title":
            add_para(d, text, font="方正小标宋简体", size=22, indent=False, line=28.9)
        elif role == "level1":
            add_para(d, text, font="黑体", indent=False)
        elif role in ("signature", "date"):
            add_para(d, text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        else:
            add_para(d, text, indent=False)
    d.save(path)


def lay(path) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in check(segment(load(path))).findings:
        if f.rule.startswith("LAY"):
            out.setdefault(f.rule, []).append(f)
    return out


def test_check_reports_typed_indents_and_an_uncentred_title(tmp_path):
    path = tmp_path / "收文.docx"
    typical_docx(path)
    found = lay(path)
    assert set(found) == {"LAY011", "LAY012"}, {k: [f.message for f in v] for k, v in found.items()}
    typed = found["LAY011"][0]
    assert typed.data["count"] == 5 and typed.data["paragraphs"] == [2, 3, 4, 5, 6]
    assert "全角空格" in typed.message and "半角空格" in typed.message and "制表符" in typed.message
    title = found["LAY012"][0]
    assert "居中" in title.message and title.data["paragraphs"] == [0]


def test_check_passes_the_well_laid_out_twin(tmp_path):
    from .docx_helpers import well_formed_docx

    path = tmp_path / "good.docx"
    well_formed_docx(path)
    assert not {"LAY011", "LAY012"} & set(lay(path))


def test_roles_come_from_the_tagger(tmp_path):
    from report_nlp.tagger import tag

    path = tmp_path / "收文.docx"
    typical_docx(path)
    document = tag(segment(load(path)))
    facts = collect(docx.Document(str(path)), document)
    assert [p.part for p in document.paragraphs][:2] == ["title", "addressee"]
    assert [p.part for p in document.paragraphs][-2:] == ["signature", "date"]
    assert [f.is_title for f in facts] == [True] + [False] * 8
    assert [bool(f.typed_indent) for f in facts] == [False, False, True, True, True, True, True, False, False]


def _props(path):
    d = docx.Document(str(path))
    out = []
    for p, _ in body_paragraphs(d):
        ppr = p.find(W + "pPr")
        jc = ppr.find(W + "jc") if ppr is not None else None
        ind = ppr.find(W + "ind") if ppr is not None else None
        out.append((jc.get(W + "val") if jc is not None else None,
                    int(ind.get(W + "firstLine") or 0) if ind is not None else 0))
    return out


def test_fix_layout_repairs_them(tmp_path, cli):
    src, fixed = tmp_path / "收文.docx", tmp_path / "规范.docx"
    typical_docx(src)
    code, _, err = cli("fix-layout", src, "-o", fixed)
    assert code == 0, err
    # the text is unchanged except for the typed blanks before it
    assert load(fixed).text.split("\n") == [t.lstrip(" \t\u3000") for _, t in LINES]
    props = _props(fixed)
    assert props[0] == ("center", 0)                 # title centred, not indented
    assert props[1] == ("left", 0)                   # 主送机关 flush left
    assert [p[1] for p in props[2:7]] == [640] * 5   # one real indent of two 16-pt characters
    assert [p[0] for p in props[7:]] == ["right", "right"]
    assert [p[1] for p in props[7:]] == [0, 0]
    # and check now passes the layout it complained about
    assert not {"LAY011", "LAY012", "LAY009"} & set(lay(fixed))


def _render(docx_path, outdir):
    """PDF of a .docx by LibreOffice (a private profile, so parallel runs do not collide)."""
    profile = outdir / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), str(docx_path)], check=True, capture_output=True, timeout=180)
    return outdir / (docx_path.stem + ".pdf")


def test_rendered_pages_before_and_after(tmp_path, cli):
    import pypdf

    assert shutil.which("soffice"), "LibreOffice (soffice) is needed: apt-get install -y libreoffice-writer-nogui"
    src, fixed = tmp_path / "before.docx", tmp_path / "after.docx"
    typical_docx(src)
    assert cli("fix-layout", src, "-o", fixed)[0] == 0
    pages = {}
    for path in (src, fixed):
        pdf = _render(path, tmp_path)
        reader = pypdf.PdfReader(str(pdf))
        pages[path.stem] = reader
        if shutil.which("pdftoppm"):  # a PNG of page 1 to look at (stays in the temp folder)
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                            str(tmp_path / path.stem)], check=True, timeout=120)
            assert list(tmp_path.glob(f"{path.stem}*.png"))
    assert len(pages["before"].pages) == 1 and len(pages["after"].pages) == 1

    def words(reader):
        return "".join("".join(page.extract_text().split()) for page in reader.pages)

    expected = "".join("".join(t.split()) for _, t in LINES)
    assert words(pages["before"]) == expected
    assert words(pages["after"]) == expected
    # the typed 　　 are gone from the rendered text of the fixed copy: each body line now
    # starts with its first character, while the original shows the full-width blanks
    after_lines = [line.strip() for line in pages["after"].pages[0].extract_text().split("\n") if line.strip()]
    assert any(line.startswith("一、深化学习教育") for line in after_lines)
