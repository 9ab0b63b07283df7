"""Every bad input: one Chinese line on stderr naming the file, exit code 3, nothing on stdout."""
import io
import zipfile

import docx
import pytest


def make_bad(tmp_path, kind):
    p = tmp_path / kind
    if kind == "empty.txt":
        p.write_bytes(b"")
    elif kind == "blank.txt":
        p.write_bytes(b"  \n\r\n ")
    elif kind == "binary.txt":
        p.write_bytes(bytes(range(256)) * 20)
    elif kind == "undecodable.txt":
        p.write_bytes("正文".encode("utf-8") + b"\xff\xff\x80")
    elif kind == "mixed.txt":
        p.write_bytes("第一行是UTF-8。\n".encode("utf-8") + "第二行是GBK。\n".encode("gbk"))
    elif kind == "huge.txt":
        p.write_bytes(("党风廉政建设" * 100 + "\n").encode("utf-8") * 6000)  # ~10.8 MB
    elif kind == "corrupt.docx":
        p.write_bytes(b"PK\x03\x04 this is not really a zip")
    elif kind == "notzip.docx":
        p.write_bytes("其实是文本".encode("utf-8"))
    elif kind == "encrypted.docx":
        p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    elif kind == "bomb.docx":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("[Content_Types].xml", "<Types/>")
            zf.writestr("word/document.xml", b"\x00" * (30 * 1024 * 1024))
        p.write_bytes(buf.getvalue())
    elif kind == "nodocument.docx":
        with zipfile.ZipFile(p, "w") as zf:
            zf.writestr("hello.txt", "hi")
    elif kind == "old.doc":
        p.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    elif kind == "scan.pdf":
        p.write_bytes(b"%PDF-1.4")
    elif kind == "image.png":
        p.write_bytes(b"\x89PNG")
    elif kind == "data.xlsx":
        p.write_bytes(b"PK")
    elif kind == "folder":
        p.mkdir()
    elif kind == "missing.txt":
        pass
    return p


BAD = ["empty.txt", "blank.txt", "binary.txt", "undecodable.txt", "mixed.txt", "huge.txt", "corrupt.docx",
       "notzip.docx", "encrypted.docx", "bomb.docx", "nodocument.docx", "old.doc", "scan.pdf", "image.png",
       "data.xlsx", "folder", "missing.txt"]


@pytest.mark.parametrize("kind", BAD)
def test_bad_input_exit_3(cli, tmp_path, kind):
    path = make_bad(tmp_path, kind)
    code, out, err = cli("segment", path)
    assert code == 3
    assert out == ""
    assert str(path) in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err)


def test_debug_shows_traceback(cli, tmp_path):
    path = make_bad(tmp_path, "empty.txt")
    code, _, err = cli("--debug", "segment", path)
    assert code == 3 and "Traceback" in err


def test_usage_error_exit_2(cli):
    code, out, _ = cli("segment")
    assert code == 2 and out == ""


def test_empty_docx(cli, tmp_path):
    path = tmp_path / "empty.docx"
    docx.Document().save(path)
    code, out, err = cli("segment", path)
    assert code == 3 and "为空" in err and out == ""


def test_size_limit_is_configurable(cli, tmp_path, monkeypatch):
    path = tmp_path / "r.txt"
    path.write_text("党风廉政建设工作情况。\n" * 60000, encoding="utf-8")  # about 2 MB
    assert cli("segment", path)[0] == 0
    monkeypatch.setenv("REPORT_NLP_MAX_MB", "1")
    code, out, err = cli("segment", path)
    assert code == 3 and out == "" and "上限为1 MB" in err
    monkeypatch.setenv("REPORT_NLP_MAX_MB", "lots")
    code, _, err = cli("segment", path)
    assert code == 3 and "REPORT_NLP_MAX_MB" in err
