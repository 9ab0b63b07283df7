"""Effective formatting of Word paragraphs and runs, resolved the way Word resolves it.

Run properties: the run's ``w:rPr`` → its character style chain → the paragraph style
chain (or the default paragraph style) → ``w:docDefaults``. Paragraph properties: the
paragraph's ``w:pPr`` → the paragraph style chain → ``w:docDefaults``. Each property is
taken from the most specific level that sets it. A theme font (``w:eastAsiaTheme``) counts
as "not set": Word then picks a font from the theme, often a Japanese one.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..io.docx import W

#: Sentinel for an East Asian font that comes from the theme or from nowhere.
NOT_SET = None


@dataclass(frozen=True)
class ParaProps:
    """Resolved paragraph properties that the layout rules look at."""

    line: int | None           # w:spacing/@w:line (twips for exact/atLeast, 240ths for auto)
    line_rule: str             # auto | exact | atLeast
    first_line: int            # twips; negative = hanging
    first_line_chars: int | None  # hundredths of a character; negative = hanging
    align: str | None          # w:jc value


class StyleResolver:
    """Resolve effective fonts, sizes, spacing and alignment in one python-docx Document."""

    def __init__(self, document) -> None:
        styles_el = document.styles.element
        self._styles = {st.get(W + "styleId"): st for st in styles_el.findall(W + "style")}
        self._default_para = None
        for st in self._styles.values():
            if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true", "on"):
                self._default_para = st.get(W + "styleId")
        defaults = styles_el.find(W + "docDefaults")
        self._rpr_default = _path(defaults, "rPrDefault", "rPr")
        self._ppr_default = _path(defaults, "pPrDefault", "pPr")

    # --- chains ---------------------------------------------------------------
    def _style_chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            st = self._styles[style_id]
            yield st
            based = st.find(W + "basedOn")
            style_id = based.get(W + "val") if based is not None else None

    def para_style_id(self, p) -> str | None:
        ppr = p.find(W + "pPr")
        ps = ppr.find(W + "pStyle") if ppr is not None else None
        return ps.get(W + "val") if ps is not None else self._default_para

    def style_name(self, p) -> str | None:
        sid = self.para_style_id(p)
        st = self._styles.get(sid)
        if st is None:
            return sid
        name = st.find(W + "name")
        return name.get(W + "val") if name is not None else sid

    def rpr_chain(self, p, r) -> list:
        """``w:rPr`` elements that apply to run ``r`` in paragraph ``p``, most specific first."""
        chain = []
        rpr = r.find(W + "rPr")
        if rpr is not None:
            chain.append(rpr)
            rs = rpr.find(W + "rStyle")
            if rs is not None:
                chain.extend(st.find(W + "rPr") for st in self._style_chain(rs.get(W + "val")))
        chain.extend(st.find(W + "rPr") for st in self._style_chain(self.para_style_id(p)))
        chain.append(self._rpr_default)
        return [el for el in chain if el is not None]

    def ppr_chain(self, p) -> list:
        chain = [p.find(W + "pPr")]
        chain.extend(st.find(W + "pPr") for st in self._style_chain(self.para_style_id(p)))
        chain.append(self._ppr_default)
        return [el for el in chain if el is not None]

    # --- run properties ---------------------------------------------------------
    def east_asia_font(self, p, r) -> str | None:
        """The East Asian font name, or None when it is a theme font or set nowhere."""
        for rpr in self.rpr_chain(p, r):
            fonts = rpr.find(W + "rFonts")
            if fonts is None:
                continue
            if fonts.get(W + "eastAsiaTheme"):
                return NOT_SET
            name = fonts.get(W + "eastAsia")
            if name:
                return name
        return NOT_SET

    def size_pt(self, p, r) -> float:
        """Font size in points (Word's default is 10 pt when nothing sets it)."""
        for rpr in self.rpr_chain(p, r):
            sz = rpr.find(W + "sz")
            half_points = _int(sz.get(W + "val")) if sz is not None else None
            if half_points is not None and half_points > 0:
                return half_points / 2
        return 10.0

    # --- paragraph properties -----------------------------------------------------
    def para_props(self, p) -> ParaProps:
        line = rule = align = None
        indent = None
        for ppr in self.ppr_chain(p):
            spacing = ppr.find(W + "spacing")
            if spacing is not None:
                if line is None and _int(spacing.get(W + "line")) is not None:
                    line = _int(spacing.get(W + "line"))
                if rule is None and spacing.get(W + "lineRule"):
                    rule = spacing.get(W + "lineRule")
            ind = ppr.find(W + "ind")
            if indent is None and ind is not None and any(
                    ind.get(W + a) is not None for a in ("firstLine", "firstLineChars", "hanging", "hangingChars")):
                indent = _indent(ind)
            jc = ppr.find(W + "jc")
            if align is None and jc is not None:
                align = jc.get(W + "val")
        first_line, chars = indent if indent is not None else (0, None)
        return ParaProps(line=line, line_rule=rule or "auto", first_line=first_line,
                         first_line_chars=chars, align=align)


def _indent(ind) -> tuple[int, int | None]:
    """(first-line twips, first-line hundredths of a char or None); hanging is negative."""
    def num(name):
        v = ind.get(W + name)
        try:
            return int(float(v)) if v is not None else None
        except ValueError:
            return None

    hanging, hanging_chars = num("hanging"), num("hangingChars")
    if hanging_chars:
        return -(hanging or 0), -hanging_chars
    if hanging:
        return -hanging, None
    chars = num("firstLineChars")
    return num("firstLine") or 0, chars if chars else None


def _int(raw) -> int | None:
    """An integer attribute, or None when it is missing or malformed (a file may say "abc")."""
    try:
        return int(float(raw)) if raw is not None else None
    except (ValueError, OverflowError):
        return None


def _path(el, *names):
    for name in names:
        if el is None:
            return None
        el = el.find(W + name)
    return el
