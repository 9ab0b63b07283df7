"""Hostile .docx and environment input (issue 11, items 5 and 7): exit 3 with one Chinese
line, never a crash, never silently lost text."""
from __future__ import annotations

import random
import struct
import zipfile

import docx
import pytest

from report_nlp.errors import CorruptDocx, InvalidData
from report_nlp.io import load, max_bytes_setting


def _docx(path, lines=("市纪委：", "第二段ENTITY之后的文字。", "第三段。")) -> None:
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(path)


def _rewrite(src, dst, part: str, edit) -> None:
    """Copy a .docx, passing one part's bytes through ``edit``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, edit(data) if info.filename == part else data)


# --- REPORT_NLP_MAX_MB ----------------------------------------------------------------
@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "-1", "0", "abc", "1e-30", "99999999"])
def test_bad_size_limit_is_an_input_error(monkeypatch, value, cli, tmp_path):
    monkeypatch.setenv("REPORT_NLP_MAX_MB", value)
    with pytest.raises(InvalidData) as e:
        max_bytes_setting()
    assert "REPORT_NLP_MAX_MB" in str(e.value)
    path = tmp_path / "r.docx"
    _docx(path)
    for args in (("check", path), ("segment", path), ("fix-layout", path, "-o", tmp_path / "o.docx")):
        code, out, err = cli(*args)
        assert code == 3 and "REPORT_NLP_MAX_MB" in err and "Traceback" not in err, (args, err)


def test_good_size_limit(monkeypatch):
    monkeypatch.setenv("REPORT_NLP_MAX_MB", "0.5")
    assert max_bytes_setting() == 512 * 1024


# --- entities ---------------------------------------------------------------------------
def test_undeclared_entity_is_a_damaged_file(tmp_path):
    src, bad = tmp_path / "a.docx", tmp_path / "b.docx"
    _docx(src)
    _rewrite(src, bad, "word/document.xml", lambda b: b.replace(b"ENTITY", b"&foo;"))
    with pytest.raises(CorruptDocx):
        load(bad)


@pytest.mark.parametrize("decl", [
    b'<!DOCTYPE w:document [<!ENTITY foo "BAR">]>',
    b'<!DOCTYPE w:document [<!ENTITY foo SYSTEM "nowhere.txt">]>',
])
def test_declared_entity_never_drops_the_text_after_it(tmp_path, cli, decl):
    """lxml (as python-docx calls it) keeps an unresolved entity as a node and the text after
    it in the node's tail: reading only ``w:t.text`` would lose “之后的文字”. OPC forbids DTDs
    in a package, so the file is refused as damaged."""
    src, bad = tmp_path / "a.docx", tmp_path / "b.docx"
    _docx(src)

    def edit(data: bytes) -> bytes:
        data = data.replace(b"ENTITY", b"&foo;")
        k = data.index(b"?>") + 2
        return data[:k] + decl + data[k:]

    _rewrite(src, bad, "word/document.xml", edit)
    with pytest.raises(CorruptDocx) as e:
        load(bad)
    assert "DTD" in str(e.value)
    code, out, err = cli("check", bad)
    assert code == 3 and out == "" and "损坏" in err


# --- zip bombs below the ratio guard ---------------------------------------------------
def _big_styles(data: bytes, size: int) -> bytes:
    """styles.xml grown to about ``size`` bytes by varied (so only moderately compressible)
    paragraph styles: compression ratio far below the ratio guard."""
    rng = random.Random(7)
    extra = []
    total = 0
    while total < size:
        sid = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(12))
        style = (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{sid}"/>'
                 f'<w:rPr><w:sz w:val="{rng.randint(10, 80)}"/></w:rPr></w:style>').encode()
        extra.append(style)
        total += len(style)
    return data.replace(b"</w:styles>", b"".join(extra) + b"</w:styles>")


def test_large_compressible_styles_refused_before_parsing(tmp_path, monkeypatch, cli):
    src, bomb = tmp_path / "a.docx", tmp_path / "bomb.docx"
    _docx(src)
    _rewrite(src, bomb, "word/styles.xml", lambda b: _big_styles(b, 3 * 1024 * 1024))
    with zipfile.ZipFile(bomb) as zf:
        info = zf.getinfo("word/styles.xml")
        assert info.file_size > 3 * 1024 * 1024
        assert info.file_size / info.compress_size < 200  # below the ratio guard
    assert bomb.stat().st_size < 1024 * 1024
    monkeypatch.setenv("REPORT_NLP_MAX_MB", "0.1")
    assert load(src).text.startswith("市纪委：")  # an ordinary file still passes the low limit
    with pytest.raises(CorruptDocx) as e:
        load(bomb)
    assert "styles.xml" in str(e.value) and "压缩炸弹" in str(e.value)
    for args in (("check", bomb), ("segment", bomb), ("tag", bomb),
                 ("fix-layout", bomb, "-o", tmp_path / "o.docx")):
        code, out, err = cli(*args)
        assert code == 3 and "压缩炸弹" in err, (args, err)
    assert not (tmp_path / "o.docx").exists()
    # at the default limit (10 MB → 20 MB per part) the same file is fine
    monkeypatch.delenv("REPORT_NLP_MAX_MB")
    assert load(bomb).text.startswith("市纪委：")


def _patch_declared_size(path, part: str, size: int) -> None:
    """Make the zip's central directory claim ``part`` unpacks to ``size`` bytes (a lie)."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    pos = 0
    while True:
        pos = data.index(b"PK\x01\x02", pos)
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46: pos + 46 + name_len] == name:
            struct.pack_into("<I", data, pos + 24, size)
            break
        pos += 4
    path.write_bytes(bytes(data))


def test_lying_declared_size_is_caught_while_reading(tmp_path, monkeypatch):
    src, bomb = tmp_path / "a.docx", tmp_path / "liar.docx"
    _docx(src)
    _rewrite(src, bomb, "word/styles.xml", lambda b: _big_styles(b, 3 * 1024 * 1024))
    _patch_declared_size(bomb, "word/styles.xml", 40_000)
    with zipfile.ZipFile(bomb) as zf:
        assert zf.getinfo("word/styles.xml").file_size == 40_000  # the directory passes the check
    monkeypatch.setenv("REPORT_NLP_MAX_MB", "0.1")
    with pytest.raises(CorruptDocx):
        load(bomb)


def test_total_of_all_parts_is_bounded(tmp_path, monkeypatch):
    """Many parts each under their own bound still add up: the total is bounded too."""
    src, many = tmp_path / "a.docx", tmp_path / "many.docx"
    _docx(src)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        rng = random.Random(3)
        for k in range(6):
            # 1.5 MB of two symbols: about 1 bit per byte, so a ratio near 7
            blob = bytes(rng.choice(b"ab") for _ in range(1536 * 1024))
            zout.writestr(f"word/media/image{k}.bin", blob)
    monkeypatch.setenv("REPORT_NLP_MAX_MB", "0.1")  # total bound: max(8 MB, 3 MB) = 8 MB; parts: 9 MB
    with pytest.raises(CorruptDocx) as e:
        load(many)
    assert "总体积" in str(e.value)


# --- years --------------------------------------------------------------------------------
REPORT = ("中共某局党组关于{year}年第一季度党风廉政建设工作情况的报告\n市纪委：\n"
          "2022年第一季度，市某局党组坚持学习。\n特此报告。\n中共某局党组\n{date}")


def test_five_thousand_digit_year_names_no_period():
    from report_nlp.checker import check_text
    from report_nlp.checker.dates import parse_date, parse_period

    digits = "1" * 4996 + "2021"
    assert parse_period(f"{digits}年第一季度") == (None, "q1")
    assert parse_date(f"{digits}年4月6日") is None
    result = check_text(REPORT.format(year=digits, date="2022年4月6日"))
    assert not [f for f in result.findings if f.rule in ("ELM005", "PER001")]
    result = check_text(REPORT.format(year="2022", date="9" * 5000 + "2022年4月6日"))
    assert not [f for f in result.findings if f.rule == "ELM005"]


@pytest.mark.parametrize("year", ["9999", "0000"])
def test_years_a_calendar_cannot_hold_do_not_crash(year):
    from report_nlp.checker import check_text

    result = check_text(REPORT.format(year=year, date="2022年4月6日"))
    assert not [f for f in result.findings if f.rule == "ELM005"]


def test_malformed_formatting_values_do_not_crash(tmp_path, cli):
    """A size, line spacing or grid pitch that is no number counts as not set."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = tmp_path / "odd.docx"
    d = docx.Document()
    p = d.add_paragraph("市纪委：")
    p.add_run("正文").font.size = None
    rpr = p.runs[0]._r.get_or_add_rPr()
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="abc"/>'))
    p._p.get_or_add_pPr().append(parse_xml(f'<w:spacing {nsdecls("w")} w:line="x" w:lineRule="exact"/>'))
    d.sections[0]._sectPr.append(parse_xml(f'<w:docGrid {nsdecls("w")} w:type="lines" w:linePitch="zz"/>'))
    d.save(path)
    for args in (("check", path, "--fail-on", "never"), ("fix-layout", path, "-o", tmp_path / "o.docx"),
                 ("check", path, "--fail-on", "never", "--annotate", tmp_path / "a.docx")):
        code, _, err = cli(*args)
        assert code == 0 and "Traceback" not in err, (args, err)
