"""Read the body of a .docx into canonical text, one line per Word paragraph.

Paragraphs come in document order, table cells included. Word's automatic numbering is
rendered as the visible marker (一、 （一） 1.), so a list numbered by Word looks like
typed text; tracked changes are read as accepted (insertions kept, deletions dropped);
text boxes are skipped with a note. Each line keeps a :class:`Block` saying which paragraph
it came from, so findings can be mapped back onto runs.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CorruptDocx, TooLarge
from ..model import Block, RawText, Span
from ..segmenter.markers import chinese_numeral

if TYPE_CHECKING:  # python-docx's paragraph element, for the annotations only
    from docx.oxml.text.paragraph import CT_P

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_ENTRIES = 5000
MAX_RATIO = 200
# Unpacked-size bounds, in multiples of the size limit (REPORT_NLP_MAX_MB, 10 MB by default).
# python-docx loads every part of the package into memory and parses each XML part into a
# tree many times its size, so every part is bounded before anything is parsed.
#: word/document.xml: markup runs to many times the text it carries.
DOCUMENT_FACTOR = 12
#: Any other XML part (styles, numbering, comments, settings, headers…): small in real files.
PART_FACTOR = 2
PART_FLOOR = 2 * 1024 * 1024
#: All parts together, media included.
TOTAL_FACTOR = 30
TOTAL_FLOOR = 8 * 1024 * 1024
_CHUNK = 1 << 16
#: OPC (ISO/IEC 29500-2) forbids DTDs in package parts; a DTD is how entities get in.
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def part_limit(name: str, max_bytes: int) -> int:
    """The most bytes one part may unpack to."""
    if name == "word/document.xml":
        return DOCUMENT_FACTOR * max_bytes
    if _is_xml(name):
        return max(PART_FLOOR, PART_FACTOR * max_bytes)
    return total_limit(max_bytes)


def total_limit(max_bytes: int) -> int:
    return max(TOTAL_FLOOR, TOTAL_FACTOR * max_bytes)


def check_zip(path: Path, name: str, max_bytes: int) -> None:
    """Refuse non-zip, encrypted, oversized and zip-bomb files before python-docx opens them.

    Every part is bounded twice: by the sizes the zip directory declares, then by counting
    the bytes actually unpacked while streaming through it (a directory can lie). The
    stream also refuses XML parts that carry a DTD (entities would hide text from us).
    """
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise CorruptDocx("文件已加密（设有打开密码），或实为旧版.doc格式；请取消密码或另存为.docx后重试", path=name)
    if not head.startswith(b"PK"):
        raise CorruptDocx("不是有效的.docx文件（文件已损坏或扩展名不符）", path=name)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_directory(infos, name, max_bytes)
            _stream_parts(zf, infos, name, max_bytes)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError) as e:
        raise CorruptDocx("不是有效的.docx文件（压缩包已损坏）", path=name) from e


def _check_directory(infos, name: str, max_bytes: int) -> None:
    if len(infos) > MAX_ENTRIES:
        raise CorruptDocx("压缩包内文件数量异常，疑似压缩炸弹，已拒绝读取", path=name)
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > 1024 * 1024 and ratio > MAX_RATIO:
            raise CorruptDocx("压缩比异常，疑似压缩炸弹，已拒绝读取", path=name)
        _refuse_part_size(info.filename, info.file_size, name, max_bytes)
    if total > total_limit(max_bytes):
        raise _too_big_total(name, max_bytes)


def _refuse_part_size(part: str, size: int, name: str, max_bytes: int) -> None:
    if size <= part_limit(part, max_bytes):
        return
    if part == "word/document.xml":
        raise TooLarge("文档正文过大，超出处理上限", path=name)
    raise CorruptDocx(f"压缩包内“{part[:60]}”解压后过大（超过{part_limit(part, max_bytes) / 1048576:.0f} MB），"
                      "疑似压缩炸弹，已拒绝读取", path=name)


def _too_big_total(name: str, max_bytes: int) -> CorruptDocx:
    return CorruptDocx(f"解压后总体积超过{total_limit(max_bytes) / 1048576:.0f} MB，疑似压缩炸弹，已拒绝读取", path=name)


def _stream_parts(zf: zipfile.ZipFile, infos, name: str, max_bytes: int) -> None:
    """Unpack every part chunk by chunk, counting bytes; nothing is kept in memory."""
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        xml, count, tail = _is_xml(info.filename), 0, b""
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(_CHUNK)
                if not chunk:
                    break
                count += len(chunk)
                total += len(chunk)
                _refuse_part_size(info.filename, count, name, max_bytes)
                if total > total_limit(max_bytes):
                    raise _too_big_total(name, max_bytes)
                if xml:
                    window = tail + chunk
                    if any(mark in window for mark in _DTD_MARKS):
                        raise CorruptDocx(f"文件已损坏：“{info.filename[:60]}”含有DTD或实体声明"
                                          "（.docx中不允许），无法完整读取其中的文字", path=name)
                    tail = window[-24:]


def open_docx(path: Path, name: str, max_bytes: int):
    """python-docx Document after the safety checks, or a Chinese error."""
    import docx  # deferred: python-docx is only needed for .docx input

    check_zip(path, name, max_bytes)
    try:
        return docx.Document(str(path))
    except Exception as e:  # python-docx raises many types for broken packages
        raise CorruptDocx(f"无法打开.docx文件（{type(e).__name__}），文件可能已损坏", path=name) from e


def read_docx(path: Path, name: str, *, max_bytes: int) -> RawText:
    document = open_docx(path, name, max_bytes)
    reader = _BodyReader(document)
    lines: list[str] = []
    blocks: list[Block] = []
    offset = 0
    marks = CommentMarks()
    for para_el, in_table in reader.paragraphs():
        prefix = reader.numbering_prefix(para_el)
        body = paragraph_text(para_el)
        text = prefix + body
        marks.scan(para_el, offset + len(prefix))
        style, level = reader.style_of(para_el)
        blocks.append(Block(line=len(lines), span=Span(offset, offset + len(text)), prefix=len(prefix),
                            style=style, style_level=level, in_table=in_table))
        lines.append(text)
        offset += len(text) + 1
    text = "\n".join(lines)
    if len(text.encode("utf-8")) > max_bytes:
        raise TooLarge(f"文档文字过多，上限为{max_bytes / 1048576:.0f} MB", path=name)
    if not text.strip():
        from ..errors import EmptyInput

        raise EmptyInput("文档正文为空，没有可检查的文字", path=name)
    notes = (f"跳过了{reader.textboxes}个文本框中的文字",) if reader.textboxes else ()
    return RawText(source=name, text=text, format="docx", blocks=tuple(blocks), notes=notes,
                   suppress=marks.disable_ranges(document, len(text)), word=document)


#: A Word comment that switches rules off on the text it is anchored on (like the inline
#: ``<!-- report-nlp: disable RULE -->`` of .txt/.md): ``report-nlp: disable PUN001, TYP``.
DISABLE_COMMENT = re.compile(r"^\s*report-nlp\s*[:：]\s*disable\s+([A-Z]{3}(?:\d{3})?(?:\s*[,，、\s]\s*[A-Z]{3}(?:\d{3})?)*)")


class CommentMarks:
    """Where each Word comment's range starts and ends, as offsets of the canonical text."""

    def __init__(self) -> None:
        self.starts: dict[str, int] = {}
        self.ends: dict[str, int] = {}

    def scan(self, para_el, base: int) -> None:
        if para_el.find(".//" + W + "commentRangeStart") is None and para_el.find(".//" + W + "commentRangeEnd") is None:
            return
        # A set of the elements themselves: it keeps their lxml proxies alive, so iterating
        # again yields the same objects (ids of discarded proxies are reused).
        visible = set(text_runs(para_el))
        pos = base
        for el in para_el.iter(W + "r", W + "commentRangeStart", W + "commentRangeEnd"):
            if el.tag == W + "r":
                if el in visible:
                    pos += len(run_text(el))
            elif el.tag == W + "commentRangeStart":
                self.starts.setdefault(el.get(W + "id"), pos)
            else:
                self.ends.setdefault(el.get(W + "id"), pos)

    def disable_ranges(self, document, text_len: int) -> tuple[tuple[int, int, frozenset[str]], ...]:
        if not self.starts:
            return ()
        out = []
        for comment in _comments(document):
            cid = str(comment.get(W + "id"))
            if cid not in self.starts:
                continue
            m = DISABLE_COMMENT.match("".join(t.text or "" for t in comment.iter(W + "t")))
            if not m:
                continue
            ids = frozenset(re.findall(r"[A-Z]{3}(?:\d{3})?", m.group(1)))
            start = self.starts[cid]
            end = max(start, self.ends.get(cid, text_len))
            out.append((start, end, ids))
        return tuple(sorted(out, key=lambda r: (r[0], r[1])))


def _comments(document):
    """The ``w:comment`` elements of the comments part, if the package has one (not created)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in document.part.rels.values():
        if rel.reltype == RT.COMMENTS and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)
            if element is None:
                from docx.oxml.parser import parse_xml

                element = parse_xml(part.blob)
            return list(element.iter(W + "comment"))
    return []


def body_paragraphs(document) -> list[tuple[CT_P, bool]]:
    """``(w:p element, in_table)`` for every body paragraph, in the order :func:`read_docx` reads them.

    The i-th entry is the paragraph of the i-th :class:`Block` of the loaded text.
    """
    return list(_BodyReader(document).paragraphs())


def text_runs(para_el):
    """The ``w:r`` elements whose text is visible once tracked changes are accepted."""
    for el in para_el.iter(W + "r"):
        if _inside(el, para_el, {W + "del", W + "txbxContent", W + "moveFrom"}):
            continue
        yield el


def run_text(run_el) -> str:
    parts = []
    for child in run_el:
        tag = child.tag
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append(" ")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def paragraph_text(para_el) -> str:
    return "".join(run_text(r) for r in text_runs(para_el))


def _inside(el, stop, tags) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


class _BodyReader:
    """Walks the body in order and renders Word list numbering."""

    def __init__(self, document) -> None:
        self.document = document
        self.body = document.element.body
        self.textboxes = 0
        self._styles = {}
        for st in document.styles.element.iter(W + "style"):
            sid = st.get(W + "styleId")
            name_el = st.find(W + "name")
            self._styles[sid] = st
            st.set("_name", name_el.get(W + "val") if name_el is not None else sid)
        self._abstract, self._num = self._numbering_tables()
        self._counters: dict[str, list[int | None]] = {}

    def paragraphs(self):
        yield from self._walk(self.body, in_table=False)

    def _walk(self, container, in_table):
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self.textboxes += sum(1 for _ in child.iter(W + "txbxContent"))
                yield child, in_table
            elif tag == W + "tbl":
                for tr in child.iter(W + "tr"):
                    if tr.getparent() is not child:
                        continue
                    for tc in tr.findall(W + "tc"):
                        yield from self._walk(tc, in_table=True)
            elif tag in (W + "sdt",):
                content = child.find(W + "sdtContent")
                if content is not None:
                    yield from self._walk(content, in_table)

    # --- styles -------------------------------------------------------------
    def style_of(self, para_el) -> tuple[str | None, int | None]:
        ppr = para_el.find(W + "pPr")
        sid = None
        if ppr is not None and ppr.find(W + "pStyle") is not None:
            sid = ppr.find(W + "pStyle").get(W + "val")
        st = self._styles.get(sid)
        name = st.get("_name") if st is not None else sid
        if not name:
            return None, None
        m = _HEADING_STYLE.match(name.strip())
        if m:
            return name, int(m.group(1))
        if name.lower() in ("title", "标题"):
            return name, 0
        return name, None

    # --- numbering ----------------------------------------------------------
    # Word's numbering part is user data: a level may be "x" or 9, a start "abc", an
    # abstractNum may be missing. Whatever cannot be read is treated as "no numbering" for
    # that paragraph (its text is still read), never as an error of ours.
    def _numbering_tables(self):
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        num: dict[str, tuple[str, dict[int, int]]] = {}
        try:
            numbering = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return abstract, num
        for an in numbering.iter(W + "abstractNum"):
            levels = {}
            for lvl in an.findall(W + "lvl"):
                ilvl = _level(lvl.get(W + "ilvl", "0"))
                start = _start(_val(lvl.find(W + "start"), "1"))
                if ilvl is None or start is None:
                    continue
                fmt = _val(lvl.find(W + "numFmt"), "decimal")
                text = _val(lvl.find(W + "lvlText"), "")
                levels[ilvl] = (fmt, text or "", start)
            abstract[an.get(W + "abstractNumId")] = levels
        for n in numbering.iter(W + "num"):
            aid = _val(n.find(W + "abstractNumId"), None)
            overrides = {}
            for ov in n.findall(W + "lvlOverride"):
                so = ov.find(W + "startOverride")
                level = _level(ov.get(W + "ilvl", "0"))
                start = _start(so.get(W + "val")) if so is not None else None
                if level is not None and start is not None:
                    overrides[level] = start
            num[n.get(W + "numId")] = (aid, overrides)
        return abstract, num

    def _num_pr(self, para_el):
        ppr = para_el.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        if numpr is None and ppr is not None and ppr.find(W + "pStyle") is not None:
            st = self._styles.get(ppr.find(W + "pStyle").get(W + "val"))
            spr = st.find(W + "pPr") if st is not None else None
            numpr = spr.find(W + "numPr") if spr is not None else None
        if numpr is None:
            return None
        num_id = _val(numpr.find(W + "numId"), None)
        ilvl = _level(_val(numpr.find(W + "ilvl"), "0"))
        if num_id in (None, "0") or ilvl is None:
            return None
        return num_id, ilvl

    def numbering_prefix(self, para_el) -> str:
        pr = self._num_pr(para_el)
        if pr is None or pr[0] not in self._num:
            return ""
        num_id, ilvl = pr
        aid, overrides = self._num[num_id]
        levels = self._abstract.get(aid, {})
        if ilvl not in levels:
            return ""
        # None: the level has not been used since its parent last advanced (a start may be 0)
        counters = self._counters.setdefault(num_id, [None] * LEVELS)
        start = overrides.get(ilvl, levels[ilvl][2])
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, LEVELS):
            counters[deeper] = None
        fmt, pattern, _ = levels[ilvl]
        if fmt in ("bullet", "none") or not pattern:
            return ""

        def sub(m: re.Match) -> str:
            lv = int(m.group(1)) - 1
            if not 0 <= lv < LEVELS:
                return ""  # %0 names no level: Word shows nothing for it
            lfmt = levels.get(lv, ("decimal", "", 1))[0]
            count = counters[lv]
            value = count if count is not None else levels.get(lv, ("", "", 1))[2]
            return format_number(value, lfmt)

        return re.sub(r"%(\d)", sub, pattern)


#: Word has nine list levels, 0–8.
LEVELS = 9
#: A list start Word accepts (it stores a 16-bit value); larger or garbled starts are unreadable.
MAX_START = 32767


def _level(raw) -> int | None:
    """A list level 0–8, or None when ``raw`` is no such level ("x", "9", "-1")."""
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    return value if 0 <= value < LEVELS else None


def _start(raw) -> int | None:
    """A list start value. Negative starts count as 0, as Word shows them; a start that is
    no number or beyond Word's range is None (the level is treated as unnumbered)."""
    s = str(raw).strip() if raw is not None else ""
    if not s or len(s) > 12:
        return None
    try:
        value = int(s)
    except ValueError:
        return None
    if value > MAX_START:
        return None
    return max(0, value)


def _val(el, default):
    return el.get(W + "val") if el is not None else default


def format_number(n: int, fmt: str) -> str:
    """The visible number of a list item. A start of 0 shows as 零 in the Chinese formats and
    0 in the others (a 0 marker is not read as a heading, so it never looks like 一、)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional",
               "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting", "chineseLegalSimplified"):
        return chinese_numeral(max(0, n))
    if n <= 0:
        return "0"
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out, k = "", n
        for v, s in vals:
            while k >= v:
                out, k = out + s, k - v
        return out if fmt == "upperRoman" else out.lower()
    return str(n)
