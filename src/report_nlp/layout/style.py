"""GB/T 9704 formatting primitives over python-docx, shared by the writer and the LAY rules.

Every number comes from ``data/layout.yaml`` (the ``gbt9704`` mapping, passed in as
``layout``). python-docx's ``Font.name`` sets only the Latin font, and the default template
names theme fonts that Word resolves to a Japanese face for Chinese text; so the East Asian
font is written explicitly (``w:rFonts/@w:eastAsia``) on the defaults, each style and each
run, the theme attributes are removed, and ``w:lang/@w:eastAsia`` is ``zh-CN``.
"""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

THEME_ATTRS = ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme")
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
         "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
#: Style ids of the paragraph roles the writer uses (ASCII ids; names shown in Word).
STYLE_PREFIX = "GB"
#: Word's grid type. Lines are placed by the exact line spacing, so the grid stays off
#: ("default"): with a line grid, LibreOffice puts a 22 pt title line on two grid lines, and
#: with a character grid it spreads the characters. The pitch values are still written, so
#: a user who switches the grid on in Word gets 22 × 28.
GRID_TYPE = "default"


def layout_config() -> dict:
    from ..resources import load_yaml

    return load_yaml("layout.yaml")["gbt9704"]


def _rpr_of(element):
    """The ``w:rPr`` to edit for a run, a style, a docDefaults rPrDefault or an rPr itself."""
    el = getattr(element, "element", None)
    el = getattr(element, "_r", None) if el is None else el
    el = element if el is None else el
    if el.tag == qn("w:rPr"):
        return el
    if el.tag == qn("w:rPrDefault"):
        rpr = el.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            el.append(rpr)
        return rpr
    return el.get_or_add_rPr()


def _child(parent, tag: str):
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def set_east_asian_font(element, name: str, latin: str | None = None, lang: str = "zh-CN") -> None:
    """Name the East Asian (and, if given, Latin) font of ``element`` explicitly; drop theme fonts."""
    rpr = _rpr_of(element)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)  # rFonts comes first in CT_RPr
    for attr in THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:eastAsia"), name)
    if latin:
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), latin)
    _child(rpr, "w:lang").set(qn("w:eastAsia"), lang)


def strip_theme_fonts(root) -> None:
    """Remove theme font attributes anywhere under ``root`` (e.g. the styles part)."""
    for fonts in root.iter(qn("w:rFonts")):
        for attr in THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)


def font_spec(layout: dict, key: str) -> dict:
    spec = dict(layout["fonts"][key])
    spec.setdefault("latin", layout["fonts"]["latin"])
    spec.setdefault("bold", False)
    return spec


def style_run(run, spec: dict) -> None:
    """Font name (East Asian + Latin), size and weight of one run."""
    set_east_asian_font(run, spec["east_asia"], spec["latin"])
    run.font.size = Pt(spec["size"])
    run.font.bold = bool(spec["bold"])


def apply_defaults(document, layout: dict) -> None:
    """docDefaults and the Normal style: body font, size, zh-CN, no theme fonts."""
    styles = document.styles.element
    strip_theme_fonts(styles)
    body = font_spec(layout, "body")
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = _child(defaults, "w:rPrDefault")
    set_east_asian_font(rpr_default, body["east_asia"], body["latin"])
    rpr = _rpr_of(rpr_default)
    for tag in ("w:sz", "w:szCs"):
        _child(rpr, tag).set(qn("w:val"), str(int(body["size"] * 2)))
    # The template's default paragraph spacing (10 pt after, 1.15 lines) would apply to any
    # paragraph a user adds later; make the default the 公文 one.
    spacing = _child(_child(_child(defaults, "w:pPrDefault"), "w:pPr"), "w:spacing")
    for attr, value in (("w:before", "0"), ("w:after", "0"), ("w:line", str(round(layout["line_spacing_pt"] * 20))),
                        ("w:lineRule", "exact")):
        spacing.set(qn(attr), value)
    normal = document.styles["Normal"]
    set_east_asian_font(normal, body["east_asia"], body["latin"])
    normal.font.size = Pt(body["size"])


def role_style(document, role: str, layout: dict):
    """The paragraph style of ``role`` (GBBody, GBLevel1…), created on first use."""
    from docx.enum.style import WD_STYLE_TYPE

    name = STYLE_PREFIX + role.title().replace("_", "")
    styles = document.styles
    if name in [s.name for s in styles]:
        return styles[name]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    spec = font_spec(layout, layout["paragraphs"][role]["font"])
    set_east_asian_font(style, spec["east_asia"], spec["latin"])
    style.font.size = Pt(spec["size"])
    style.font.bold = bool(spec["bold"])
    _format(style.paragraph_format, role, layout)
    return style


def _format(fmt, role: str, layout: dict) -> None:
    conf = layout["paragraphs"][role]
    fmt.alignment = ALIGN[conf["align"]]
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(layout["line_spacing_pt"])
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    size = font_spec(layout, conf["font"])["size"]
    fmt.first_line_indent = Pt(layout["first_line_indent_chars"] * size) if conf["indent"] else Pt(0)


def style_paragraph(paragraph, role: str, layout: dict, document=None) -> None:
    """Give ``paragraph`` the style and direct format of ``role``; style all its runs."""
    if document is not None:
        paragraph.style = role_style(document, role, layout)
    _format(paragraph.paragraph_format, role, layout)
    spec = font_spec(layout, layout["paragraphs"][role]["font"])
    for run in paragraph.runs:
        style_run(run, spec)


def apply_page_setup(section, layout: dict) -> None:
    """A4, the four margins, footer distance and the 22 × 28 document grid."""
    page, margins = layout["page"], layout["margins_mm"]
    section.page_width, section.page_height = Mm(page["width_mm"]), Mm(page["height_mm"])
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    section.footer_distance = Mm(layout["footer_distance_mm"])
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    # linePitch in twips; charSpace is the change of the character pitch from the body font
    # size, in 1/4096 pt, that fits chars_per_line characters into the text width.
    width_pt = (page["width_mm"] - margins["left"] - margins["right"]) / 25.4 * 72
    pitch = width_pt / layout["grid"]["chars_per_line"]
    body_size = layout["fonts"]["body"]["size"]
    if GRID_TYPE == "default":
        grid.attrib.pop(qn("w:type"), None)
    else:
        grid.set(qn("w:type"), GRID_TYPE)
    grid.set(qn("w:linePitch"), str(round(layout["line_spacing_pt"] * 20)))
    grid.set(qn("w:charSpace"), str(round((pitch - body_size) * 4096)))


def add_page_numbers(document, layout: dict) -> None:
    """“— 1 —” in 四号宋体: odd pages right, even pages left, one character in."""
    conf = layout["page_number"]
    spec = font_spec(layout, "page_number")
    spec["latin"] = conf.get("latin", spec["latin"])
    document.settings.odd_and_even_pages_header_footer = True
    for section in document.sections:
        for footer, side in ((section.footer, conf["odd_align"]), (section.even_page_footer, conf["even_align"])):
            footer.is_linked_to_previous = False
            para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            for run in list(para.runs):
                run._r.getparent().remove(run._r)
            fmt = para.paragraph_format
            fmt.alignment = ALIGN[side]
            indent = Pt(conf["indent_chars"] * spec["size"])
            fmt.right_indent, fmt.left_indent = (indent, Pt(0)) if side == "right" else (Pt(0), indent)
            fmt.first_line_indent = Pt(0)
            for piece in _page_field(para, conf):
                style_run(piece, spec)


def _page_field(para, conf: dict):
    """Runs: before-text, a PAGE field (begin / instr / separate / 1 / end), after-text."""
    runs = [para.add_run(conf["before"])]
    for kind in ("begin", "instr", "separate", "value", "end"):
        run = para.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        elif kind == "value":
            run.text = "1"
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        runs.append(run)
    runs.append(para.add_run(conf["after"]))
    return runs
