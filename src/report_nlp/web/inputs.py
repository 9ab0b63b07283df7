"""What a request brings: pasted text or uploaded files (a .zip opens into its files).

Uploaded documents are never kept: text is read in memory; a file is copied into a private
temporary folder only while the library reads it (the readers take paths, and the .docx
layout rules reopen the file), and the folder is removed when the request is done. Names
and text are never logged. The limits are the command line's (``REPORT_NLP_MAX_MB``).
"""
from __future__ import annotations

import contextlib
import io
import re
import tempfile
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Iterator

from ..errors import EmptyInput, InvalidData, ReportNLPError, TooLarge, UnsafeArchive
from ..io import max_bytes_setting
from ..model import RawText

#: A .docx may carry pictures: its file may be this many times the text limit (its XML is
#: still held to the limit by the reader).
FILE_FACTOR = 5
MAX_FILES = 500
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_RATIO = 200
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,10}$")


@dataclass(frozen=True)
class Upload:
    """One input: ``text`` (pasted) or ``data`` (a file's bytes), shown to the user as ``name``."""

    name: str
    data: bytes | None = None
    text: str | None = None

    @property
    def suffix(self) -> str:
        suffix = PurePosixPath(self.name).suffix.lower()
        return suffix if _SUFFIX.match(suffix) else ""


def file_limit() -> int:
    return max_bytes_setting() * FILE_FACTOR


def body_limit() -> int:
    """The largest request body: a batch of files (or one .zip) up to twice a file's limit."""
    return file_limit() * 2 + 1024 * 1024


def clean_name(name: str | None, default: str = "上传文件") -> str:
    """The last component of a client-supplied file name, without control characters."""
    name = re.sub(r"[\x00-\x1f\x7f]", "", (name or "").replace("\\", "/")).split("/")[-1].strip()
    return name[:200] or default


def renamed(error: ReportNLPError, name: str) -> ReportNLPError:
    """The same error naming ``name`` instead of the temporary copy it was read from."""
    new = type(error).__new__(type(error))
    ReportNLPError.__init__(new, error.message, path=name)
    new.code = error.code
    return new


@contextlib.contextmanager
def opened(upload: Upload, *, default_format: str = "txt") -> Iterator[RawText]:
    """The upload as RawText. A file lives in a temporary folder until the block ends (its
    ``source`` is that path, as the .docx readers need); errors name ``upload.name``."""
    if upload.text is not None:
        yield text_raw(upload, default_format)
        return
    from ..io import load

    data = upload.data or b""
    with tempfile.TemporaryDirectory(prefix="report-nlp-") as folder:
        path = Path(folder) / ("upload" + upload.suffix)
        path.write_bytes(data)
        try:
            raw = load(path)
            yield raw
        except ReportNLPError as e:
            if e.path is not None and e.path.startswith(folder):
                raise renamed(e, upload.name) from e
            raise


def text_raw(upload: Upload, default_format: str = "txt") -> RawText:
    """Pasted text under the same policy as a .txt file (empty, binary, size)."""
    from ..io.text import decode

    data = (upload.text or "").encode("utf-8")
    limit = max_bytes_setting()
    if len(data) > limit:
        raise TooLarge(f"文字过多（{len(data) / 1048576:.1f} MB），上限为{limit / 1048576:.0f} MB", path=upload.name)
    fmt = "md" if upload.suffix in (".md", ".markdown") else default_format
    return RawText(source=upload.name, text=decode(data, upload.name), format=fmt)


def expand(uploads: list[Upload]) -> list[Upload]:
    """Files as given, each .zip replaced by the files inside it (in the archive's order)."""
    out: list[Upload] = []
    for up in uploads:
        out.extend(unzip(up) if up.suffix == ".zip" else [up])
        if len(out) > MAX_FILES:
            raise TooLarge(f"文件过多，一次最多检查{MAX_FILES}个文件")
    if not out:
        raise EmptyInput("没有收到文件")
    return out


def unzip(upload: Upload) -> list[Upload]:
    """The report files inside a .zip, read in memory. A path leaving the archive's folder
    (``../x``, ``/etc/x``, ``C:\\x``), encryption, too many entries or an implausible size or
    compression ratio refuses the whole archive."""
    limit = file_limit()
    try:
        zf = zipfile.ZipFile(io.BytesIO(upload.data or b""))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise UnsafeArchive("不是有效的.zip压缩包（文件已损坏或扩展名不符）", path=upload.name) from e
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UnsafeArchive("压缩包内文件数量异常，疑似压缩炸弹，已拒绝读取", path=upload.name)
    total, out = 0, []
    for info in infos:
        name = _entry_name(info)
        _refuse_unsafe(name, upload.name)
        if info.is_dir() or _skipped(name):
            continue
        if info.flag_bits & 0x1:
            raise UnsafeArchive("压缩包已加密，请解压后上传其中的文件", path=upload.name)
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if (info.file_size > 1024 * 1024 and ratio > MAX_ZIP_RATIO) or total > limit * 4:
            raise UnsafeArchive("压缩比或解压后体积异常，疑似压缩炸弹，已拒绝读取", path=upload.name)
        if info.file_size > limit:
            raise TooLarge(f"压缩包内文件“{name}”过大，上限为{limit / 1048576:.0f} MB", path=upload.name)
        try:
            with zf.open(info) as fh:
                data = fh.read(limit + 1)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as e:
            raise UnsafeArchive(f"压缩包内文件“{name}”已损坏，无法读取", path=upload.name) from e
        if len(data) != info.file_size:  # the header lied about the size
            raise UnsafeArchive("压缩包内文件大小与目录不符，疑似压缩炸弹，已拒绝读取", path=upload.name)
        out.append(Upload(name=f"{clean_name(upload.name)}/{name}", data=data))
    return out


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name; archives made on Chinese Windows store GBK names without the UTF-8 flag."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _refuse_unsafe(name: str, archive: str) -> None:
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in parts or "\x00" in name:
        raise UnsafeArchive(f"压缩包内有不安全的路径“{name[:60]}”，已拒绝读取", path=archive)


def _skipped(name: str) -> bool:
    """Folders' metadata that archivers add (macOS, Office lock files, hidden files)."""
    parts = name.split("/")
    return parts[0] == "__MACOSX" or any(p.startswith((".", "~$")) for p in parts if p)


def one_upload(uploads: list[Upload]) -> Upload:
    if not uploads:
        raise InvalidData("请提供 text（文字）或 file（文件）")
    if len(uploads) > 1:
        raise InvalidData("此接口一次只处理一个文件")
    return uploads[0]


def with_name(raw: RawText, name: str) -> RawText:
    return replace(raw, source=name)
