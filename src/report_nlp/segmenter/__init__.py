"""Structure of a report: paragraphs, heading levels and markers, items, sentences, tokens.

``segment(raw)`` turns a :class:`RawText` (or a plain string) into a :class:`Document`
whose paragraphs carry exact ``[start, end)`` spans into the canonical text. Labels
(part, theme) stay empty here; the tagger fills them.
"""
from __future__ import annotations

import re

from ..model import Block, Document, Item, Paragraph, RawText, Span
from .items import find_items
from .markers import match_heading_marker
from .sentences import split_sentences

#: A heading that runs into body text ends its lead phrase with 。 within this many characters.
MAX_LEAD_PHRASE = 40
#: A line with a marker and no more text than this, ending without a full stop, is a heading.
MAX_HEADING_LINE = 60

_ITEM_LEAD = re.compile(r"(?P<m>[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}(?=[，,、：:])|其[一二三四五六七八九](?=[，,、：:是])|首先|其次|再次|最后)")
_MD_HEADING = re.compile(r"#{1,6}[ \t]+")
_COMMENT = re.compile(r"\s*<!--.*?-->\s*")
_SPACE = " \t\u3000\ufeff"


def segment(raw: RawText | str, *, tokens: bool = True) -> Document:
    """Split ``raw`` into paragraphs with headings, items, sentences and (optionally) tokens."""
    if isinstance(raw, str):
        raw = RawText(source="<文本>", text=raw)
    text = raw.text
    block_by_line = {b.line: b for b in raw.blocks}
    tokenizer = None
    if tokens:
        from .tokens import default_tokenizer

        tokenizer = default_tokenizer()
    paragraphs: list[Paragraph] = []
    offset = 0
    for line_no, line in enumerate(text.split("\n")):
        start, end = offset, offset + len(line)
        offset = end + 1
        start, end, md_heading = _content_bounds(text, start, end, raw.format)
        if start >= end:
            continue
        para = _paragraph(text, len(paragraphs), start, end, block_by_line.get(line_no), md_heading)
        if tokenizer is not None:
            para_tokens = tuple(Span(start + s, start + e) for s, e in tokenizer.tokenize(text[start:end]))
            para = _replace_tokens(para, para_tokens)
        paragraphs.append(para)
    return Document(source=raw.source, text=text, paragraphs=tuple(paragraphs), format=raw.format,
                    blocks=raw.blocks, notes=raw.notes, suppress=raw.suppress, word=raw.word)


def _content_bounds(text: str, start: int, end: int, fmt: str) -> tuple[int, int, bool]:
    """Trim spaces, a Markdown ``#`` prefix and comment-only lines (directives)."""
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    if _COMMENT.fullmatch(text, start, end):
        return start, start, False
    md_heading = False
    if fmt == "md":
        m = _MD_HEADING.match(text, start, end)
        if m:
            start, md_heading = m.end(), True
    return start, end, md_heading


def _paragraph(text: str, index: int, start: int, end: int, block: Block | None, md_heading: bool) -> Paragraph:
    line = text[start:end]
    kind, level, marker, marker_span, heading = "paragraph", None, None, None, None
    found = match_heading_marker(line)
    if found is not None:
        level, marker = found.level, found.text
        marker_span = Span(start, start + len(marker))
        heading = _heading_span(line, start, len(marker))
        kind = "heading" if heading is not None and heading.end == end else "paragraph"
    else:
        lead = _ITEM_LEAD.match(line)
        if lead is not None:
            marker = lead.group("m")
            marker_span = Span(start, start + len(marker))
            heading = _heading_span(line, start, len(marker))
            kind = "item"
    style_level = block.style_level if block is not None else None
    if (md_heading or (style_level is not None and style_level >= 1)) and kind == "paragraph" and heading is None:
        kind, heading = "heading", Span(start, end)
    raw_items = find_items(line)
    items: tuple[Item, ...] = ()
    if raw_items:
        items = tuple(Item(span=Span(start + a, start + b), marker=m) for a, b, m in raw_items)
        if kind == "item" and items[0].span.start == start:
            # The line leads a series of its own: the items carry the markers.
            kind, marker, marker_span, heading = "paragraph", None, None, None
    item_starts = frozenset(i.span.start for i in items)
    sentences = tuple(Span(a, b) for a, b in split_sentences(text, start, end, item_starts))
    return Paragraph(index=index, span=Span(start, end), kind=kind, level=level, marker=marker,
                     marker_span=marker_span, heading=heading, items=items, sentences=sentences,
                     style_level=style_level)


def _heading_span(line: str, start: int, marker_len: int) -> Span | None:
    """Span of the heading text: the whole line, or a lead phrase ending in 。/．."""
    rest = line[marker_len:]
    cut = _first_stop(rest)
    if cut is None:
        if len(line) <= MAX_HEADING_LINE:
            return Span(start, start + len(line))
        return None
    if cut + 1 >= len(rest.rstrip()):
        return Span(start, start + len(line)) if len(line) <= MAX_HEADING_LINE + 2 else None
    if cut <= MAX_LEAD_PHRASE:
        return Span(start, start + marker_len + cut + 1)
    return None


def _first_stop(rest: str) -> int | None:
    depth = 0
    for i, ch in enumerate(rest):
        if ch in "“《（(":
            depth += 1
        elif ch in "”》）)":
            depth = max(0, depth - 1)
        elif ch in "。！？" and depth == 0:
            return i
    return None


def _replace_tokens(para: Paragraph, tokens: tuple[Span, ...]) -> Paragraph:
    from dataclasses import replace

    return replace(para, tokens=tokens)
