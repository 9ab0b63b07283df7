"""Which unit sent a report: read from the report, or from a reviewer's mapping file.

A 公文 names its sender three times (GB/T 9704-2012 §7.2–7.3): the 发文机关标志 of the
版头 (“中共××局党组文件”), the title (“中共××局党组关于……的报告”) and the 署名. The
signature is used when it names an organisation; a person's name (述责述廉报告) is too
short to tell units apart, so the title's sender comes first then.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..errors import InvalidData

_TITLE_SENDER = re.compile(r"^(.{2,60}?)(?:关于|(?:19|20)\d{2}年|[一二〇○]{4}年|[第本上下全]?[一二三四]?季度|上半年|下半年|年度)")
_SIGNATURE_LABEL = re.compile(r"^(?:述职人|报告人|署名|单位|发文机关)[:：]\s*")
_HEADER_TAIL = re.compile(r"\s*文件$")
_SPACES = re.compile(r"\s+")
#: A signature this long names an organisation, not a person (中共××局党组 has 7).
ORG_MIN_CHARS = 5


def clean(name: str) -> str:
    return _SPACES.sub("", name).strip("，。：:;；、 ")


def unit_of(header: str | None, title: str | None, signature: str | None, path: str) -> tuple[str, str]:
    """``(unit, where it was read: header|signature|title|file)``."""
    sig = clean(_SIGNATURE_LABEL.sub("", signature or ""))
    if header and _HEADER_TAIL.search(header):
        name = clean(_HEADER_TAIL.sub("", header))
        if len(name) >= 2:
            return name, "header"
    if len(sig) >= ORG_MIN_CHARS:
        return sig, "signature"
    m = _TITLE_SENDER.match(clean(title or ""))
    if m and len(clean(m.group(1))) >= 2:
        return clean(m.group(1)), "title"
    if sig:
        return sig, "signature"
    return Path(path).stem, "file"


def load_units_csv(path: str | Path) -> dict[str, str]:
    """``file,unit`` rows (a header row ``file,unit`` or ``文件,单位`` is skipped): file → unit.

    A file may be given by its path as reviewed, or by its name alone."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InvalidData("单位对照表不存在", path=str(path)) from None
    except OSError as e:
        raise InvalidData(f"无法读取单位对照表（{e.strerror}）", path=str(path)) from e
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InvalidData("单位对照表的编码无法识别，请保存为UTF-8", path=str(path))
    out: dict[str, str] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise InvalidData(f"单位对照表第{number}行应为“文件,单位”两列", path=str(path))
        if number == 1 and row[0].strip().lower() in ("file", "文件", "path", "文件名"):
            continue
        out[row[0].strip()] = clean(row[1])
    return out


def mapped_unit(mapping: dict[str, str], path: str) -> str | None:
    p = Path(path)
    for key in (str(p), p.as_posix(), p.name, p.stem):
        if key in mapping:
            return mapping[key]
    return None
