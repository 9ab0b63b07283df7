"""Read .txt/.md bytes into one canonical text.

Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK. Line ends become
``\\n``. Nothing else is normalised: full-width and half-width characters stay as typed,
because the punctuation checks need the original.
"""
from __future__ import annotations

import codecs
import re

from ..errors import BinaryInput, EmptyInput, EncodingProblem

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes, path: str) -> str:
    """Decode file bytes, or raise a Chinese InputError naming the file."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise EmptyInput("文件为空，没有可检查的文字", path=path)
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8", path)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", path)
    else:
        if b"\x00" in data:
            raise BinaryInput("看起来是二进制文件或无BOM的UTF-16文件，无法作为文本读取；请另存为UTF-8文本", path=path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            _refuse_mixed(data, path)
            text = _strict(data, "gb18030", path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    controls = len(_CONTROL.findall(text))
    if controls > max(3, len(text) // 100):
        raise BinaryInput("文件含有大量控制字符，不像文本文件", path=path)
    if not text.strip():
        raise EmptyInput("文件为空，没有可检查的文字", path=path)
    return text


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise EncodingProblem(
            f"无法按{encoding.upper()}解码（第{e.start}字节附近），请另存为UTF-8编码后重试", path=path
        ) from e


def _refuse_mixed(data: bytes, path: str) -> None:
    """A file whose non-ASCII lines are partly valid UTF-8 and partly not is mixed."""
    utf8_lines = other_lines = 0
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            other_lines += 1
    if utf8_lines and other_lines:
        raise EncodingProblem(
            f"文件混用了多种编码（{utf8_lines}行为UTF-8，{other_lines}行不是），请统一另存为UTF-8编码", path=path
        )
