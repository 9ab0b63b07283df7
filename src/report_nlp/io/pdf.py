"""Read the text layer of a PDF into canonical text, one line per paragraph.

Reviewers often receive the signed report as a PDF exported from Word or WPS. Its text layer
holds the characters but not the paragraphs: every printed line is a line of its own, and
page headers, footers and page numbers (“— 1 —”, GB/T 9704-2012 §7.5) sit among the body.
So lines are put in reading order (top to bottom, left to right), page furniture is dropped
(page numbers, and lines repeated at the top or bottom of most pages), and a line is joined
to the one before it when that one runs to the right margin and this one does not start
indented (公文 paragraphs start with a two-character indent). A PDF without a text layer (a
scan) is refused with a clear message: there is no OCR here.
"""
from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorruptDocx, TooLarge, UnsupportedFormat
from ..model import RawText

#: A PDF file may be this many times the text size limit (fonts and images make it larger).
FILE_FACTOR = 5
_PAGE_NUMBER = re.compile(r"^[\s\-—–－_·•]*(?:第\s*)?[0-9０-９]{1,4}\s*(?:页)?(?:\s*[/／]\s*[0-9]{1,4}|\s*共\s*[0-9]{1,4}\s*页)?[\s\-—–－_·•]*$")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2018-\u201d\u2014\u2026"
# pdfminer puts a space wherever a run of glyphs was positioned apart (around digits, after
# punctuation); Chinese text has none there.
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}]) +|(?<=\S) +(?=[{_CJK}])")


@dataclass
class _Line:
    page: int
    x0: float
    x1: float
    y0: float
    y1: float
    height: float
    text: str


def read_pdf(path: Path, name: str, *, max_bytes: int) -> RawText:
    size = path.stat().st_size
    if size > FILE_FACTOR * max_bytes:
        raise TooLarge(f"PDF文件过大（{size / 1048576:.1f} MB），上限为{FILE_FACTOR * max_bytes / 1048576:.0f} MB", path=name)
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise CorruptDocx("文件扩展名是.pdf，但内容不是PDF，或已损坏", path=name)
    pages, images = _lines(path, name)
    if not any(line.text.strip() for page in pages for line in page):
        why = "（可能是扫描件）" if images or pages else ""
        raise UnsupportedFormat(f"PDF中没有可提取的文字{why}；本工具不做文字识别（OCR），请使用原始的.docx文件或带文字层的PDF",
                                path=name)
    text = "\n".join(_paragraphs(_drop_furniture(pages)))
    if len(text.encode("utf-8")) > max_bytes:
        raise TooLarge(f"PDF中的文字过多（{len(text.encode('utf-8')) / 1048576:.1f} MB），上限为{max_bytes / 1048576:.0f} MB",
                       path=name)
    return RawText(source=name, text=text, format="pdf",
                   notes=("PDF按文字层读入：已去掉页眉、页脚和页码，同一段落内的换行已合并",))


def _lines(path: Path, name: str) -> tuple[list[list[_Line]], int]:
    """Text lines of each page in reading order, and the number of images seen."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextContainer, LTTextLine

    log = logging.getLogger("pdfminer")
    if not log.handlers:  # its warnings about odd files are not for our users' stderr
        log.addHandler(logging.NullHandler())
    log.propagate = False
    pages: list[list[_Line]] = []
    images = 0
    try:
        for number, page in enumerate(extract_pages(str(path), laparams=LAParams())):
            lines: list[_Line] = []
            for element in page:
                if isinstance(element, (LTImage, LTFigure)):
                    images += 1
                if not isinstance(element, LTTextContainer):
                    continue
                for line in element:
                    if isinstance(line, LTTextLine) and line.get_text().strip():
                        lines.append(_Line(number, line.x0, line.x1, line.y0, line.y1, line.height,
                                           _clean(line.get_text())))
            pages.append(_reading_order(lines))
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds for damaged or locked files
        kind = type(e).__name__
        if "Password" in kind or "Encrypt" in kind:
            raise CorruptDocx("PDF文件已加密，请提供未加密的文件", path=name) from e
        raise CorruptDocx(f"PDF文件已损坏或无法解析（{kind}）", path=name) from e
    return pages, images


def _clean(text: str) -> str:
    text = text.replace("\n", "").replace("\u00a0", " ").replace("\t", " ")
    return _SPACE_NEAR_CJK.sub("", text).strip()


def _reading_order(lines: list[_Line]) -> list[_Line]:
    """Top to bottom; lines on the same baseline (table cells) left to right."""
    lines.sort(key=lambda ln: (-ln.y1, ln.x0))
    out: list[_Line] = []
    for line in lines:
        if out and abs(out[-1].y0 - line.y0) < 0.5 * min(out[-1].height, line.height) and line.x0 < out[-1].x0:
            out.insert(len(out) - 1, line)
        else:
            out.append(line)
    return out


def _furniture_key(text: str) -> str:
    return re.sub(r"[0-9０-９]+", "#", text)


def _drop_furniture(pages: list[list[_Line]]) -> list[_Line]:
    """Page numbers at the top or bottom of a page, and header/footer lines that recur at the
    top or bottom of at least half of the pages (two pages at least)."""
    edge: Counter[str] = Counter()
    for page in pages:
        for key in {_furniture_key(line.text) for line in page[:2] + page[-2:]}:
            edge[key] += 1
    repeated = {k for k, n in edge.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    out: list[_Line] = []
    for page in pages:
        ends = {id(x) for x in (page[:2] + page[-2:])}
        for line in page:
            if id(line) in ends and (_PAGE_NUMBER.match(line.text) or _furniture_key(line.text) in repeated):
                continue
            out.append(line)
    return out


def _paragraphs(lines: list[_Line]) -> list[str]:
    if not lines:
        return []
    ch = statistics.median(ln.height for ln in lines) or 12.0
    left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
    rights = sorted(ln.x1 for ln in lines)
    right = rights[int(0.75 * (len(rights) - 1))]
    centre = (left + right) / 2
    paras: list[str] = []
    prev: _Line | None = None
    for line in lines:
        if prev is not None and _continues(prev, line, ch, left, right, centre):
            glue = " " if re.match(r"[A-Za-z0-9]", line.text) and re.search(r"[A-Za-z0-9,.;]$", paras[-1]) else ""
            paras[-1] += glue + line.text
        else:
            paras.append(line.text)
        prev = line
    return paras


def _centred(line: _Line, ch: float, left: float, centre: float) -> bool:
    return line.x0 > left + 0.3 * ch and abs((line.x0 + line.x1) / 2 - centre) < 0.6 * ch


def _continues(prev: _Line, line: _Line, ch: float, left: float, right: float, centre: float) -> bool:
    """Whether ``line`` carries on the paragraph of ``prev``."""
    if line.page == prev.page and prev.y0 - line.y1 > 1.2 * max(prev.height, line.height):
        return False  # a blank line's worth of space
    if abs(prev.height - line.height) > 0.25 * ch:
        return False  # another font size: title, heading or note
    if _centred(prev, ch, left, centre) and _centred(line, ch, left, centre):
        return not prev.text.endswith(("。", "：", ":"))  # a title broken over two centred lines
    indented = line.x0 > left + 0.5 * ch
    full = prev.x1 >= right - 1.5 * ch
    return full and not indented
