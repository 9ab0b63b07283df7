"""Write a fixed text back in the form of its input file (``check --fix``).

Writing back keeps the form of the input file: its line ends (CRLF, CR or LF: the loader
turns them all into LF, :func:`text_form` finds which one the file used) and its byte-order
mark. The text is always written as UTF-8 (a UTF-16 or GBK input becomes UTF-8; with a BOM
when the input had one, so that Windows editors still recognise it).
"""
from __future__ import annotations

import codecs
import os
import shutil
from pathlib import Path

from ..errors import OutputProblem, os_reason
from .files import atomic_write, same_file, writable_target


def text_form(path: str | os.PathLike) -> tuple[bool, str]:
    """``(has a BOM, line end)`` of a text file; the line end is the most frequent one."""
    data = Path(path).read_bytes()
    bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    crlf = data.count(b"\r\n")
    counts = {"\r\n": crlf, "\r": data.count(b"\r") - crlf, "\n": data.count(b"\n") - crlf}
    newline = max(counts, key=lambda k: (counts[k], k == "\n"))
    return bom, newline if counts[newline] else "\n"


def encode_like(text: str, bom: bool, newline: str) -> bytes:
    """Canonical (LF) text as UTF-8 bytes with the given BOM and line ends."""
    if newline != "\n":
        text = text.replace("\n", newline)
    return (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")


def backup_name(path: Path) -> Path:
    """``X.bak`` for the first backup, then ``X.bak.1``, ``X.bak.2`` …: a backup is never overwritten."""
    candidate = path.with_name(path.name + ".bak")
    n = 0
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.name}.bak.{n}")
    return candidate


def write_fixed(source: Path, target: Path, text: str) -> Path | None:
    """Write fixed canonical ``text`` to ``target`` in the form of ``source``.

    When ``target`` is ``source`` however spelled (another path, a hard link, a symbolic link),
    the old content is first copied to a new backup, whose name is returned."""
    bom, newline = text_form(source)
    data = encode_like(text, bom, newline)
    writable_target(target)  # refuse a read-only target before making a backup
    backup = None
    if target.exists() and same_file(source, target):
        backup = backup_name(target)
        try:
            shutil.copy2(target, backup)
        except OSError as e:
            raise OutputProblem(f"无法写入备份文件（{os_reason(e)}）", path=str(backup)) from e
    atomic_write(target, lambda fh: fh.write(data))
    return backup

