"""``fix-layout``: rewrite a .docx's fonts, sizes, spacing, indents and margins to GB/T 9704.

Not one character of the text changes, except spaces and tabs typed at the start of a
paragraph in place of an indent (　　 or blanks): they are removed where the real indent is set,
so the page does not show four characters of indent. Runs are only split where a heading's
lead phrase and the body text share one run, so each half can take its own font. Bold,
italic, underline and colour stay as they were. Tables and automatic-numbering markers are
left alone (the LAY rules do not judge them). The copy is written atomically.

Each paragraph's role comes from the same tagger ``check`` uses (:func:`report_nlp.tag`):
the title is centred in the title font whether or not it was centred before; 主送机关 sits
flush left; 署名 and 成文日期 are right-aligned, two characters in from the right; headings
take the font of their level; everything else is body text with a two-character indent.
"""
from __future__ import annotations

from pathlib import Path

from docx.shared import Mm

from ..errors import OutputProblem
from ..io import load
from ..io.docx import W, body_paragraphs, text_runs
from ..io.docx_annotate import Anchorer, runs_with_offsets, save_atomic
from ..io.files import same_file

XML_LANG = "zh-CN"
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def fix_layout(in_path, out_path) -> int:
    """Write ``in_path`` reformatted to ``out_path``; returns the number of paragraphs changed."""
    from .rules import layout_profile
    from .facts import collect, role_at
    from ..tagger import tag
    from ..segmenter import segment

    src, out = Path(in_path), Path(out_path)
    if same_file(src, out):
        raise OutputProblem("输出文件不能与输入文件相同", path=str(out))
    document = tag(segment(load(src)))
    wdoc = document.word  # parsed once, by the loader
    profile = layout_profile()
    fix_page(wdoc, profile)
    fix_defaults(wdoc, profile)
    facts = {f.para.index: f for f in collect(wdoc, document)}
    anchorer = Anchorer(wdoc, document)
    paras = body_paragraphs(wdoc)
    fonts, latin = profile["fonts"], profile["fonts"]["latin"]
    line_twips = round(profile["line_spacing_pt"] * 20)
    changed, done = 0, set()
    for para in document.paragraphs:
        fact = facts.get(para.index)
        if fact is None:
            continue  # inside a table
        bi, _ = anchorer.position(para.span.start)
        p = paras[bi][0]
        done.add(bi)
        if para.heading is not None and para.span.start < para.heading.end < para.span.end:
            anchorer.split_at(para.heading.end)  # a run boundary at the lead phrase's end
        block = document.blocks[bi]
        base = block.span.start + block.prefix
        for r, a, _b in runs_with_offsets(p):
            pos = max(base + a, para.span.start)
            role = "title" if fact.is_title else role_at(para, pos)
            spec = fonts.get(role)
            if spec is None:  # a heading of unclear level: keep its font if it has one
                spec = {"east_asia": None, "size": fonts["body"]["size"]}
            set_run_format(r, spec["east_asia"], latin, spec["size"], fallback=fonts["body"]["east_asia"])
        size = fonts["title" if fact.is_title else "body"]["size"]
        chars = profile["first_line_indent_chars"]
        if fact.is_title:
            set_paragraph_format(p, line_twips=None, indent_twips=0, align="center")
        elif para.part == "addressee":
            set_paragraph_format(p, line_twips=line_twips, indent_twips=0, align="left")
        elif para.part in ("signature", "date"):
            set_paragraph_format(p, line_twips=line_twips, indent_twips=0, align="right",
                                 right_twips=round(size * 20 * chars))
        else:
            indent = fact.indent_applies or bool(fact.typed_indent)
            set_paragraph_format(p, line_twips=line_twips,
                                 indent_twips=round(size * 20 * chars) if indent else None, chars=chars * 100)
        if fact.typed_indent:
            strip_leading_blanks(p, len(fact.typed_indent))
        changed += 1
    # blank lines outside tables keep the 22-lines grid too
    for bi, (p, in_table) in enumerate(paras):
        if not in_table and bi not in done:
            set_paragraph_format(p, line_twips=line_twips, indent_twips=None)
    save_atomic(wdoc, out)
    return changed


def fix_page(wdoc, profile: dict) -> None:
    """A4 portrait and the GB/T 9704 margins on every section."""
    page, margins = profile["page"], profile["margins_mm"]
    for section in wdoc.sections:
        section.page_width, section.page_height = Mm(page["width_mm"]), Mm(page["height_mm"])
        section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
        section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])


def fix_defaults(wdoc, profile: dict) -> None:
    """Body font and size in the document defaults; no theme fonts left in any style."""
    styles = wdoc.styles.element
    body, latin = profile["fonts"]["body"], profile["fonts"]["latin"]
    defaults = _child(styles, "docDefaults", first=True)
    rpr = _child(_child(defaults, "rPrDefault", first=True), "rPr", first=True)
    set_rpr(rpr, body["east_asia"], latin, body["size"])
    for style in styles.findall(W + "style"):
        srpr = style.find(W + "rPr")
        fonts = srpr.find(W + "rFonts") if srpr is not None else None
        if fonts is not None and any(fonts.get(W + a) for a in _THEME_ATTRS):
            for a in _THEME_ATTRS:
                fonts.attrib.pop(W + a, None)
            fonts.set(W + "eastAsia", fonts.get(W + "eastAsia") or body["east_asia"])
            fonts.set(W + "ascii", fonts.get(W + "ascii") or latin)
            fonts.set(W + "hAnsi", fonts.get(W + "hAnsi") or latin)


def set_run_format(r, east_asia: str | None, latin: str, size: float, *, fallback: str) -> None:
    """East Asian + Latin font and size on one run; ``east_asia=None`` keeps a font already set."""
    rpr = r.find(W + "rPr")
    if rpr is None:
        rpr = r.makeelement(W + "rPr", {})
        r.insert(0, rpr)
    if east_asia is None:
        fonts = rpr.find(W + "rFonts")
        has = fonts is not None and fonts.get(W + "eastAsia") and not fonts.get(W + "eastAsiaTheme")
        east_asia = fonts.get(W + "eastAsia") if has else fallback
    set_rpr(rpr, east_asia, latin, size)


def set_rpr(rpr, east_asia: str, latin: str, size: float) -> None:
    """Write rFonts (no theme attributes), sz/szCs and the zh-CN East Asian language."""
    fonts = _child(rpr, "rFonts", first=True)
    for a in _THEME_ATTRS:
        fonts.attrib.pop(W + a, None)
    fonts.set(W + "eastAsia", east_asia)
    fonts.set(W + "ascii", latin)
    fonts.set(W + "hAnsi", latin)
    half_points = str(round(size * 2))
    _ordered(rpr, "sz").set(W + "val", half_points)
    _ordered(rpr, "szCs").set(W + "val", half_points)
    _ordered(rpr, "lang").set(W + "eastAsia", XML_LANG)


def strip_leading_blanks(p, count: int) -> None:
    """Remove the first ``count`` characters of a paragraph's visible text, which are typed
    spaces, full-width spaces or tabs (checked: nothing else is ever removed)."""
    for r in text_runs(p):
        for child in list(r):
            if count <= 0:
                return
            if child.tag == W + "tab":
                r.remove(child)
                count -= 1
            elif child.tag == W + "t":
                text = child.text or ""
                k = 0
                while k < len(text) and k < count and text[k].isspace():
                    k += 1
                if k < len(text) and k < count:
                    return  # not a blank: stop rather than remove text
                child.text = text[k:]
                if not child.text:
                    r.remove(child)
                count -= k
            elif child.tag in (W + "br", W + "cr", W + "noBreakHyphen"):
                return


def set_paragraph_format(p, *, line_twips: int | None, indent_twips: int | None,
                         chars: int = 200, align: str | None = None, right_twips: int | None = None) -> None:
    """Exact line spacing, no space before/after, a first-line indent, optional alignment."""
    from docx.text.paragraph import Paragraph

    ppr = p.find(W + "pPr")
    if ppr is None:
        ppr = p.makeelement(W + "pPr", {})
        p.insert(0, ppr)
    # python-docx wants the story part for a proxy; paragraph_format reads only the element.
    fmt = Paragraph(p, None).paragraph_format  # type: ignore[arg-type]
    if line_twips is not None:
        fmt.space_before = fmt.space_after = 0
        spacing = _child(ppr, "spacing")
        for a in ("beforeLines", "afterLines", "beforeAutospacing", "afterAutospacing"):
            spacing.attrib.pop(W + a, None)
        spacing.set(W + "line", str(line_twips))
        spacing.set(W + "lineRule", "exact")
    if indent_twips is not None:
        fmt.first_line_indent = indent_twips * 635  # twips → EMU
        ind = _child(ppr, "ind")
        for a in ("hanging", "hangingChars", "firstLineChars"):
            ind.attrib.pop(W + a, None)
        ind.set(W + "firstLine", str(indent_twips))
        if indent_twips:
            ind.set(W + "firstLineChars", str(chars))
    if indent_twips == 0:
        ind = _child(ppr, "ind")
        for a in ("left", "leftChars", "start", "startChars"):
            ind.attrib.pop(W + a, None)  # 顶格 / centred: no left indent either
    if right_twips is not None:
        fmt.right_indent = right_twips * 635
    if align is not None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        fmt.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                         "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]


# Children of w:rPr in schema order (the ones we may add); Word rejects out-of-order rPr.
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
              "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
              "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
              "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
              "specVanish", "oMath")


def _ordered(rpr, name: str):
    """The ``name`` child of a ``w:rPr``, created at its schema position if missing."""
    el = rpr.find(W + name)
    if el is not None:
        return el
    el = rpr.makeelement(W + name, {})
    rank = _RPR_ORDER.index(name)
    for i, child in enumerate(rpr):
        local = child.tag.rsplit("}", 1)[-1]
        if local in _RPR_ORDER and _RPR_ORDER.index(local) > rank:
            rpr.insert(i, el)
            return el
    rpr.append(el)
    return el


def _child(parent, name: str, *, first: bool = False):
    """Child ``w:name`` of ``parent``, created if missing (at the front for ``first``)."""
    if name == "rFonts":
        return _ordered(parent, "rFonts")
    el = parent.find(W + name)
    if el is None:
        el = parent.makeelement(W + name, {})
        if first:
            parent.insert(0, el)
        else:
            parent.append(el)
    return el
