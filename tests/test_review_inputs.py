"""Issue 14: what reviewers receive — PDF with a text layer, scanned or locked PDF, .doc/.wps
through LibreOffice — and the review's HTML in a real browser."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from report_nlp.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCX = ROOT / "examples" / "quarterly-2022q1.docx"
TEXT = ROOT / "examples" / "quarterly-2022q1.txt"
# LibreOffice and Chromium are part of what is tested: .ci/run installs them, and a machine
# without them fails these tests.


def soffice_convert(src: Path, target: str, outdir: Path) -> Path:
    profile = outdir / "lo-profile"
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", target, "--outdir", str(outdir), str(src)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    return outdir / f"{src.stem}.{target.split(':')[0]}"


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    assert shutil.which("soffice"), "LibreOffice (soffice) is needed: apt-get install -y libreoffice-writer-nogui"
    out = tmp_path_factory.mktemp("converted")
    return {"pdf": soffice_convert(DOCX, "pdf", out), "doc": soffice_convert(DOCX, "doc", out)}


@pytest.mark.slow
def test_pdf_text_layer_reads_as_the_report(converted):
    from report_nlp.io import load

    raw = load(converted["pdf"])
    # Page numbers (— 1 —) dropped, lines of a paragraph joined, the two-line title joined.
    assert raw.text.strip() == TEXT.read_text(encoding="utf-8").strip()
    assert raw.format == "pdf"


@pytest.mark.slow
def test_doc_converted_with_libreoffice(converted, cli, tmp_path):
    from report_nlp.io import load

    raw = load(converted["doc"])
    lines = [line for line in raw.text.splitlines() if line.strip()]  # Word 97 keeps the title's spacing paragraph
    assert lines == TEXT.read_text(encoding="utf-8").strip().splitlines() and raw.format == "doc"
    wps = tmp_path / "报告.wps"
    shutil.copyfile(converted["doc"], wps)  # WPS 文字 files are the same compound-file format
    code, out, err = cli("check", wps, "--fail-on", "never")
    assert code == 0 and "季度报告（自动识别）" in out
    leftovers = [p for p in Path(__import__("tempfile").gettempdir()).glob("report-nlp-convert-*")]
    assert leftovers == []


@pytest.mark.slow
def test_review_reads_pdf_and_doc(converted, tmp_path):
    folder = tmp_path / "收文"
    folder.mkdir()
    shutil.copyfile(converted["pdf"], folder / "统计局.pdf")
    shutil.copyfile(converted["doc"], folder / "统计局-旧版.doc")
    (folder / "扫描件.pdf").write_bytes(_blank_pdf())
    out = tmp_path / "review.json"
    assert main(["review", str(folder), "-o", str(out)]) == 3
    import json

    payload = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(r["format"] for r in payload["reports"]) == ["doc", "pdf"]
    assert [e["code"] for e in payload["errors"]] == ["E107"] and "OCR" in payload["errors"][0]["message"]
    # The same report twice, from one unit: not a copy between units.
    assert payload["copies"] == [] and len({r["unit"] for r in payload["reports"]}) == 1


def _blank_pdf(password: str | None = None, text: bool = False) -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_scanned_pdf_is_refused_in_chinese(cli, tmp_path):
    pdf = tmp_path / "扫描件.pdf"
    pdf.write_bytes(_blank_pdf())
    code, out, err = cli("check", pdf)
    assert code == 3 and out == "" and err.count("\n") == 1
    assert "没有可提取的文字" in err and "OCR" in err and str(pdf) in err


@pytest.mark.parametrize("kind", ["encrypted", "corrupt", "not-a-pdf", "oversized"])
def test_bad_pdf_exit_3(cli, tmp_path, monkeypatch, kind):
    pdf = tmp_path / f"{kind}.pdf"
    if kind == "encrypted":
        pdf.write_bytes(_blank_pdf(password="secret"))
    elif kind == "corrupt":
        pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    elif kind == "not-a-pdf":
        pdf.write_text("其实是文本", encoding="utf-8")
    else:
        pdf.write_bytes(_blank_pdf())
        monkeypatch.setenv("REPORT_NLP_MAX_MB", "0.00001")
    code, out, err = cli("segment", pdf)
    assert code == 3 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert {"encrypted": "加密", "corrupt": "PDF", "not-a-pdf": "不是PDF", "oversized": "过大"}[kind] in err


def test_doc_without_libreoffice_says_save_as_docx(cli, tmp_path, monkeypatch):
    from report_nlp.io import convert

    monkeypatch.setattr(convert, "soffice", lambda: None)
    doc = tmp_path / "旧.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    code, _, err = cli("check", doc)
    assert code == 3 and "LibreOffice" in err and "另存为.docx" in err and err.count("\n") == 1


@pytest.mark.slow
def test_doc_that_is_renamed_text_or_damaged(cli, tmp_path):
    text = tmp_path / "文本.doc"
    text.write_text("其实是文本", encoding="utf-8")
    damaged = tmp_path / "损坏.wps"
    damaged.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    for path in (text, damaged):
        code, out, err = cli("check", path)
        assert code == 3 and out == "" and err.count("\n") == 1 and str(path) in err


def test_convert_time_limit_kills_the_converter(tmp_path, monkeypatch):
    """A hung converter is stopped at the time limit and the file reported, nothing left behind."""
    from report_nlp.errors import CorruptDocx
    from report_nlp.io import convert

    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setattr(convert, "soffice", lambda: str(fake))
    monkeypatch.setenv(convert.TIMEOUT_ENV, "0.5")
    doc = tmp_path / "慢.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(CorruptDocx, match="超时"):
        convert.read_converted(doc, str(doc), max_bytes=10 << 20)


@pytest.mark.slow
def test_review_html_in_chromium(tmp_path):
    """No console error, no request leaving the file; a screenshot for the docs."""
    import playwright.sync_api as sync_api

    assert Path("/usr/bin/chromium").exists(), "Chromium is needed: apt-get install -y chromium"
    from .review_helpers import build

    build(tmp_path)
    page_path = tmp_path / "review.html"
    assert main(["review", str(tmp_path / "current"), "--previous", str(tmp_path / "previous"),
                 "-o", str(page_path)]) == 0
    errors, requests = [], []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            assert page.locator("svg rect").count() >= 5
            assert page.locator("mark").count() > 0
            page.click('a[href="#copies"]')
            shot = ROOT / "docs" / "screenshots" / "review.png"
            page.goto(page_path.as_uri())
            page.screenshot(path=str(shot), full_page=False)
        finally:
            browser.close()
    assert errors == []
    assert all(u.startswith("file://") for u in requests), requests
    assert shot.stat().st_size > 10_000
