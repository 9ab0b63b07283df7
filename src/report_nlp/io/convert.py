"""Old Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice when it is installed.

LibreOffice runs headless, with a profile of its own in a temporary folder (so it neither
touches nor waits on the user's profile or an open LibreOffice window), under a time limit,
writing into a temporary folder that is removed afterwards whatever happens. Without
``soffice`` on the PATH the user is told to save the file as .docx.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import CorruptDocx, TooLarge, UnsupportedFormat
from ..model import RawText

#: Seconds one conversion may take; ``REPORT_NLP_CONVERT_SECONDS`` changes it.
TIMEOUT_SECONDS = 120
TIMEOUT_ENV = "REPORT_NLP_CONVERT_SECONDS"
#: A .doc/.wps file may be this many times the text size limit (pictures make it larger).
FILE_FACTOR = 5

NAMES = {".doc": "旧版Word（.doc）", ".wps": "WPS文字（.wps）"}
#: What a .doc/.wps may really be: OLE2 compound file (Word 97–2003, WPS), RTF, a .docx
#: renamed, or Word's HTML/XML "save as .doc". Anything else (plain text renamed) is refused.
_MAGICS = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf", b"PK\x03\x04", b"<?xml", b"<html", b"<HTML", b"MIME-Version")
_SAVE_AS = {".doc": "请在Word或WPS中另存为.docx后重试", ".wps": "请在WPS中另存为.docx后重试"}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def timeout_seconds() -> float:
    try:
        value = float(os.environ.get(TIMEOUT_ENV, TIMEOUT_SECONDS))
    except ValueError:
        value = TIMEOUT_SECONDS
    return value if 0 < value < 86400 else TIMEOUT_SECONDS


def read_converted(path: Path, name: str, *, max_bytes: int) -> RawText:
    """The text of a .doc/.wps file, read from the .docx LibreOffice makes of it."""
    from dataclasses import replace

    from .docx import read_docx

    suffix = path.suffix.lower()
    program = soffice()
    if program is None:
        raise UnsupportedFormat(f"{NAMES[suffix]}格式需要LibreOffice（soffice）才能读取，本机未安装；{_SAVE_AS[suffix]}",
                                path=name)
    size = path.stat().st_size
    if size > FILE_FACTOR * max_bytes:
        raise TooLarge(f"文件过大（{size / 1048576:.1f} MB），上限为{FILE_FACTOR * max_bytes / 1048576:.0f} MB", path=name)
    with open(path, "rb") as fh:
        head = fh.read(512)
    if not head.lstrip().startswith(_MAGICS):
        raise CorruptDocx(f"文件扩展名是{suffix}，但内容不是{NAMES[suffix]}文档，或已损坏", path=name)
    with tempfile.TemporaryDirectory(prefix="report-nlp-convert-") as tmp:
        work = Path(tmp)
        # A plain ASCII copy: LibreOffice names its output after the input, and some builds
        # mishandle names with spaces or unusual characters.
        source = work / f"input{suffix}"
        shutil.copyfile(path, source)
        out = work / "out"
        out.mkdir()
        _run([program, "--headless", "--norestore", "--nolockcheck", "--nodefault",
              f"-env:UserInstallation={(work / 'profile').as_uri()}",
              "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)], name, suffix)
        converted = out / "input.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise CorruptDocx(f"{NAMES[suffix]}文件无法转换（文件可能已损坏或已加密）；{_SAVE_AS[suffix]}", path=name)
        raw = read_docx(converted, name, max_bytes=max_bytes)
    # Word formatting of the converted copy is LibreOffice's, not the author's: no layout
    # rules, no annotating in place; the text is what counts.
    return replace(raw, format=suffix.lstrip("."),
                   notes=raw.notes + (f"{NAMES[suffix]}文件已用LibreOffice转换为.docx后读入",))


def _run(argv: list[str], name: str, suffix: str) -> None:
    limit = timeout_seconds()
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
    except OSError as e:
        raise UnsupportedFormat(f"无法启动LibreOffice（{e.strerror or type(e).__name__}）；{_SAVE_AS[suffix]}", path=name) from e
    try:
        proc.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise CorruptDocx(f"{NAMES[suffix]}文件转换超时（{limit:.0f}秒）；{_SAVE_AS[suffix]}", path=name) from None
    except BaseException:
        _kill(proc)
        raise


def _kill(proc: subprocess.Popen) -> None:
    """Stop LibreOffice and whatever it started (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError, OSError):
        proc.kill()
    proc.wait()
