"""fix-layout: GB/T 9704 formatting without changing one character of the text."""
import io
import zipfile

import docx
import pytest

from report_nlp.layout.rules import check_layout
from report_nlp.io import load
from report_nlp.io.docx import W, body_paragraphs, run_text, text_runs
from report_nlp.layout.fix import fix_layout
from report_nlp.segmenter import segment

from .docx_helpers import body_text, text_to_docx
from .test_layout import wrong_docx


def lay(path):
    return check_layout(path, segment(load(path)))


def char_formats(path):
    """(character, bold, italic, underline) for every character in body order."""
    out = []
    for p, _ in body_paragraphs(docx.Document(str(path))):
        for r in text_runs(p):
            rpr = r.find(W + "rPr")
            flags = tuple(rpr is not None and rpr.find(W + t) is not None for t in ("b", "i", "u"))
            out.extend((ch, *flags) for ch in run_text(r))
    return out


@pytest.fixture
def reference_docx(tmp_path, reference_text):
    path = tmp_path / "reference.docx"
    text_to_docx(reference_text, path)
    d = docx.Document(str(path))
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "谈心谈话56人次"
    table.cell(0, 1).text = "下发通报3期"
    p = d.add_paragraph()
    p.add_run("（一）强化组织领导。").italic = True
    p.add_run("成立领导小组，定期研究部署，压实各级责任。").underline = True
    d.save(path)
    return path


def test_fixed_reference_has_no_findings_and_same_text(tmp_path, reference_docx):
    assert lay(reference_docx)
    out = tmp_path / "fixed.docx"
    before = reference_docx.read_bytes()
    fix_layout(reference_docx, out)
    assert reference_docx.read_bytes() == before
    assert lay(out) == []
    assert body_text(out) == body_text(reference_docx)
    assert char_formats(out) == char_formats(reference_docx)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixed.docx", "reference.docx"]


def test_fixed_wrong_layout(tmp_path):
    src, out = tmp_path / "wrong.docx", tmp_path / "fixed.docx"
    wrong_docx(src)
    assert len(lay(src)) == 11
    fix_layout(src, out)
    assert lay(out) == []
    assert body_text(out) == body_text(src)
    assert char_formats(out) == char_formats(src)


def test_cli_fix_layout(cli, tmp_path, reference_docx):
    out = tmp_path / "out.docx"
    code, stdout, err = cli("fix-layout", reference_docx, "-o", out)
    assert code == 0, err
    assert out.exists() and "已按" in stdout
    code, _, err = cli("fix-layout", reference_docx, "-o", out)
    assert code == 3 and "--force" in err
    assert cli("fix-layout", reference_docx, "-o", out, "--force")[0] == 0
    code, _, err = cli("fix-layout", reference_docx, "-o", reference_docx)
    assert code == 3 and "输入文件" in err


def _zip_bomb(path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b" " * (40 * 1024 * 1024))
    path.write_bytes(buf.getvalue())


@pytest.mark.parametrize("kind", ["corrupt", "truncated", "encrypted", "zip_bomb"])
def test_bad_docx_exit_3_nothing_written(cli, tmp_path, kind, reference_docx):
    bad = tmp_path / f"{kind}.docx"
    if kind == "corrupt":
        bad.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    elif kind == "truncated":
        bad.write_bytes(reference_docx.read_bytes()[:2000])
    elif kind == "encrypted":
        bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    else:
        _zip_bomb(bad)
    out = tmp_path / "out.docx"
    code, stdout, err = cli("fix-layout", bad, "-o", out)
    assert code == 3, err
    assert err.startswith("错误[") and str(bad) in err and stdout == ""
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.docx")]
