"""What the LAY rules look at: per paragraph, the effective fonts, sizes, spacing, indent.

Each paragraph of the segmented Document is matched to its Word paragraph through the
Document's blocks. Characters are attributed to a role: ``title``, ``body``, ``level1``…
``level4`` (the heading span of a paragraph whose marker has that level), or ``other``
(a heading whose extent or level is unclear: its font is not judged). Table cells and
automatic-numbering prefixes are not judged.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..io.docx import body_paragraphs, run_text
from ..io.docx_annotate import runs_with_offsets
from .props import ParaProps, StyleResolver
from ..model import Document, Paragraph

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e“”‘’…—]")
_TITLE_TEXT = re.compile(r"^[^。！？]{0,40}(?:关于[^。！？]+的[^。！？]*报告|报告)$")
#: Body paragraphs shorter than this are not judged for indent (署名, 日期 and the like).
MIN_INDENT_CHARS = 15


@dataclass
class ParaFacts:
    """Effective formatting of one paragraph of the Document."""

    para: Paragraph
    text: str
    props: ParaProps
    is_title: bool
    indent_applies: bool
    typed_indent: str = ""   # spaces/tabs typed before the text (used instead of an indent)
    fonts: dict[str, Counter] = field(default_factory=dict)   # role → font (None = unset) → CJK chars
    sizes: dict[str, Counter] = field(default_factory=dict)   # role → size pt → chars

    def main_size(self) -> float | None:
        total: Counter[float] = Counter()
        for c in self.sizes.values():
            total.update(c)
        return total.most_common(1)[0][0] if total else None


def collect(wdoc, document: Document) -> list[ParaFacts]:
    """Facts for every paragraph of ``document`` that lies outside tables."""
    resolver = StyleResolver(wdoc)
    paras = body_paragraphs(wdoc)
    if len(paras) != len(document.blocks):
        return []
    starts = [b.span.start for b in document.blocks]
    facts = []
    for para in document.paragraphs:
        bi = bisect_right(starts, para.span.start) - 1
        block = document.blocks[bi]
        p, in_table = paras[bi]
        if in_table or block.in_table:
            continue
        text = document.para_text(para)
        props = resolver.para_props(p)
        # The title as the tagger (check's STR rules) sees it, or — untagged — a centred first line
        is_title = para.part == "title" or (para.index == 0 and _looks_like_title(text, props, resolver.style_name(p)))
        typed = document.text[block.span.start + block.prefix:para.span.start] if block.span.start <= para.span.start else ""
        fact = ParaFacts(para=para, text=text, props=props, is_title=is_title,
                         indent_applies=_indent_applies(para, text, props, is_title),
                         typed_indent=typed if typed and not typed.strip() else "")
        base = block.span.start + block.prefix
        for r, a, b in runs_with_offsets(p):
            chars = run_text(r)
            font = size = None
            for i, ch in enumerate(chars):
                pos = base + a + i
                if ch.isspace() or not (para.span.start <= pos < para.span.end):
                    continue
                role = "title" if is_title else role_at(para, pos)
                if size is None:
                    font, size = resolver.east_asia_font(p, r), resolver.size_pt(p, r)
                fact.sizes.setdefault(role, Counter())[size] += 1
                if _CJK.match(ch):
                    fact.fonts.setdefault(role, Counter())[font] += 1
        facts.append(fact)
    return facts


def role_at(para: Paragraph, pos: int) -> str:
    """The role of the character at ``pos``: its heading level inside a heading span, else body."""
    if para.level is not None and 1 <= para.level <= 4:
        if para.heading is None:
            return "other"
        return f"level{para.level}" if para.heading.start <= pos < para.heading.end else "body"
    if para.kind == "heading":
        return "other"  # a Word heading style without a 公文 marker: level unclear
    return "body"


def _looks_like_title(text: str, props: ParaProps, style_name: str | None) -> bool:
    """Conservative: 关于…的报告 / …报告, and centred or in the Title style."""
    if not _TITLE_TEXT.match(text.strip()):
        return False
    return props.align == "center" or (style_name or "").strip().lower() in ("title", "标题")


#: Parts laid out on their own, never with a first-line indent (GB/T 9704 7.2–7.3).
UNINDENTED_PARTS = ("title", "addressee", "signature", "date", "header", "colophon")


def _indent_applies(para: Paragraph, text: str, props: ParaProps, is_title: bool) -> bool:
    """Body paragraphs and level headings; not the title, 主送机关, centred/right lines, short lines."""
    if is_title or props.align in ("center", "right", "end") or para.part in UNINDENTED_PARTS:
        return False
    stripped = text.strip()
    if stripped.endswith(("：", ":")) and len(stripped) <= 30 and para.index <= 1:
        return False  # 主送机关 sits flush left
    if para.level is not None and 1 <= para.level <= 4:
        return True
    if len(stripped) < 30 and not any(ch in stripped for ch in "。；！？，"):
        return False  # 署名, 成文日期, 附件名称 and similar lines have their own placement
    return len(stripped) >= MIN_INDENT_CHARS
