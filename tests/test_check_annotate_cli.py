"""`check --annotate`: the reference report as a .docx, checked, with the findings as Word comments."""
import json

import docx

from .conftest import REFERENCE
from .docx_helpers import anchored_texts, body_text, text_to_docx


def comment_count(path) -> int:
    return len(docx.Document(str(path)).comments)


def test_annotate_reference_docx(cli, tmp_path):
    src = tmp_path / "收文.docx"
    text = REFERENCE.read_text(encoding="utf-8").rstrip("\n")
    text_to_docx(text, src)
    before = src.read_bytes()
    out = tmp_path / "收文-批注.docx"
    code, stdout, err = cli("check", src, "--annotate", out, "--format", "json")
    assert code == 1
    findings = json.loads(stdout)["files"][0]["findings"]
    assert {"STR001", "PLH001", "PUN001", "TYP001", "PAR001"} <= {f["rule"] for f in findings}
    assert src.read_bytes() == before  # the original is never touched
    assert body_text(out) == body_text(src)
    assert comment_count(out) == len(findings)
    anchored = sorted(anchored_texts(out).values())
    expected = sorted(f["match"] or "" for f in findings)
    # Every finding with a text span is anchored on exactly that text; missing-part findings
    # (empty match) anchor on a whole paragraph.
    for match in (m for m in expected if m):
        assert match in anchored
        anchored.remove(match)
    assert len(anchored) == sum(1 for m in expected if not m)


def test_annotate_dir(cli, tmp_path):
    folder = tmp_path / "收文"
    folder.mkdir()
    text_to_docx(REFERENCE.read_text(encoding="utf-8").rstrip("\n"), folder / "a.docx")
    (folder / "b.txt").write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "批注"
    code, _, _ = cli("check", folder, "--annotate-dir", out, "--fail-on", "never")
    assert code == 0
    assert [p.name for p in out.iterdir()] == ["a.docx"] and comment_count(out / "a.docx") > 10


def test_annotate_bad_docx_writes_nothing(cli, tmp_path):
    for name, data in (("corrupt.docx", b"PK\x03\x04 broken"), ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)):
        src = tmp_path / name
        src.write_bytes(data)
        out = tmp_path / f"out-{name}"
        code, stdout, err = cli("check", src, "--annotate", out)
        assert code == 3 and stdout == "" and name in err
        assert not out.exists()


def test_annotate_needs_docx(cli, tmp_path):
    out = tmp_path / "x.docx"
    code, _, err = cli("check", REFERENCE, "--annotate", out)
    assert code == 2 and ".docx" in err and not out.exists()
