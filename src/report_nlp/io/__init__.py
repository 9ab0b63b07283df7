"""Loading files into RawText: the one entry point is :func:`load`."""
from __future__ import annotations

import math
import os
from pathlib import Path

from ..errors import FileMissing, InvalidData, NotAFile, TooLarge, UnsupportedFormat, os_reason
from ..model import RawText
from .text import decode

#: Default limit on the size of one input (bytes of text; a .docx is checked on its XML).
#: ``REPORT_NLP_MAX_MB`` in the environment changes it for every command.
MAX_BYTES = 10 * 1024 * 1024
MAX_ENV = "REPORT_NLP_MAX_MB"


#: The largest limit ``REPORT_NLP_MAX_MB`` may set (10 GB): beyond it the unpacked-size
#: bounds of a .docx, which scale with the limit, would no longer protect anything.
MAX_ENV_MB = 10240


def max_bytes_setting() -> int:
    """The size limit in force: ``REPORT_NLP_MAX_MB`` if set (a positive number of MB, at most
    :data:`MAX_ENV_MB`), else 10 MB. nan, inf, 1e400, -1 or abc are an input error (exit 3)."""
    raw = os.environ.get(MAX_ENV)
    if not raw:
        return MAX_BYTES
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 0 < value <= MAX_ENV_MB or int(value * 1024 * 1024) < 1:
        shown = raw if len(raw) <= 20 else raw[:20] + "…"
        raise InvalidData(f"环境变量 {MAX_ENV}=“{shown}” 应为不超过{MAX_ENV_MB}的正数（单位MB）")
    return int(value * 1024 * 1024)

_CONVERT_HINT = {
    ".rtf": "RTF格式不受支持，请另存为.docx或.txt后重试",
    ".odt": "ODT格式不受支持，请另存为.docx后重试",
}
_IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
#: Read through a converter: the PDF text layer (io/pdf.py), .doc/.wps via LibreOffice (io/convert.py).
CONVERTED_SUFFIXES = {".pdf", ".doc", ".wps"}
SUFFIXES = TEXT_SUFFIXES | {".docx"} | CONVERTED_SUFFIXES


def require_file(path: str | os.PathLike) -> Path:
    """``path`` as a Path, or a Chinese error when it is missing or a folder."""
    p = Path(path)
    if not p.exists():
        raise FileMissing("文件不存在", path=str(path))
    if p.is_dir():
        raise NotAFile("这是一个文件夹，不是文件", path=str(path))
    return p


def load(path: str | os.PathLike, *, max_bytes: int | None = None) -> RawText:
    """Read a .txt/.md/.docx (or .pdf/.doc/.wps) file into its canonical text, or raise an InputError.

    ``max_bytes``: the size limit; by default :func:`max_bytes_setting`."""
    max_bytes = max_bytes_setting() if max_bytes is None else max_bytes
    p = require_file(path)
    name = str(path)
    suffix = p.suffix.lower()
    if suffix in _CONVERT_HINT:
        raise UnsupportedFormat(_CONVERT_HINT[suffix], path=name)
    if suffix in _IMAGES:
        raise UnsupportedFormat("图片文件不受支持，请使用.docx或.txt格式的报告文本", path=name)
    if suffix not in SUFFIXES:
        raise UnsupportedFormat(f"不支持“{suffix or '无扩展名'}”文件，请使用.txt、.md、.docx或.pdf", path=name)
    try:  # an unreadable file (no permission) is the user's to fix, for .docx as for text
        with open(p, "rb"):
            size = p.stat().st_size
    except OSError as e:
        raise FileMissing(f"无法读取文件（{os_reason(e)}）", path=name) from e
    if suffix == ".docx":
        from .docx import read_docx

        return read_docx(p, name, max_bytes=max_bytes)
    if suffix == ".pdf":
        from .pdf import read_pdf

        return read_pdf(p, name, max_bytes=max_bytes)
    if suffix in CONVERTED_SUFFIXES:
        from .convert import read_converted

        return read_converted(p, name, max_bytes=max_bytes)
    if size > max_bytes:
        raise too_large(size, max_bytes, name)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise FileMissing(f"无法读取文件（{os_reason(e)}）", path=name) from e
    fmt = "md" if suffix in {".md", ".markdown"} else "txt"
    return from_bytes(data, name, fmt, max_bytes=max_bytes)


def from_bytes(data: bytes, source: str, fmt: str = "txt", *, max_bytes: int | None = None) -> RawText:
    """Text bytes from anywhere (a file, stdin) into RawText, with the checks every file gets:
    the size limit, binary content, NUL bytes and the encoding (see :func:`report_nlp.io.text.decode`)."""
    max_bytes = max_bytes_setting() if max_bytes is None else max_bytes
    if len(data) > max_bytes:
        raise too_large(len(data), max_bytes, source)
    return RawText(source=source, text=decode(data, source), format=fmt)


def too_large(size: int, max_bytes: int, source: str) -> TooLarge:
    return TooLarge(f"文件过大（{size / 1048576:.1f} MB），上限为{max_bytes / 1048576:.0f} MB", path=source)
