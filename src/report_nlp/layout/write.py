"""Write a report as a .docx in GB/T 9704 layout.

The text is segmented first, so heading levels come from the same code that reads reports:
a heading line takes its level's font (一、 黑体, （一） 楷体_GB2312, 1./（1） 仿宋_GB2312);
a heading that runs into its text (“（一）强化组织领导。成立……”) gets the heading font on the
lead phrase only, as a separate run. Title, addressee, 署名 and 成文日期 are recognised by
position and form. All layout values come from ``data/layout.yaml``.
"""
from __future__ import annotations

import os
import re

from ..model import Document, Paragraph, RawText
from ..io.files import atomic_write
from .style import (add_page_numbers, apply_defaults, apply_page_setup, font_spec, layout_config,
                         role_style, style_paragraph, style_run)

_DATE = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})年.{1,3}月.{1,3}日|【待填：成文日期.*】")
_END_PUNCT = "。！？；，：:;,"
_LEVEL_ROLES = {1: "level1", 2: "level2", 3: "level3", 4: "level4"}


def write_docx(text_or_document: str | RawText | Document, path: str | os.PathLike) -> None:
    """Write the report (its text, a RawText or a segmented Document) as a GB/T 9704 .docx."""
    document = build_docx(_as_document(text_or_document))
    atomic_write(path, document.save)


def _as_document(value) -> Document:
    from ..segmenter import segment

    if isinstance(value, Document):
        return value
    if isinstance(value, str):
        value = RawText(source="<草稿>", text=value.replace("\r\n", "\n"))
    return segment(value, tokens=False)


def build_docx(doc: Document, layout: dict | None = None):
    """A python-docx Document holding ``doc`` in GB/T 9704 layout (not yet saved)."""
    import docx

    layout = layout or layout_config()
    document = docx.Document()
    body = document.element.body
    for p in list(body.iterchildren()):  # the default template's empty paragraph
        if p.tag.endswith("}p"):
            body.remove(p)
    apply_defaults(document, layout)
    for section in document.sections:
        apply_page_setup(section, layout)
    roles = paragraph_roles(doc)
    sig = layout["signature"]
    widths = _signature_indents(doc, roles, sig)
    for para, role in roles:
        if role == "signature":
            for _ in range(sig["blank_lines_before"]):
                _blank(document, layout)
        _add(document, doc, para, role, layout, widths)
        if role == "title":
            for _ in range(layout["title_blank_lines_after"]):
                _blank(document, layout)
    add_page_numbers(document, layout)
    return document


def paragraph_roles(doc: Document) -> list[tuple[Paragraph, str]]:
    """Each paragraph with the layout role it takes (title, addressee, body, level1…, date)."""
    paras = list(doc.paragraphs)
    roles = ["body"] * len(paras)
    text = [doc.para_text(p) for p in paras]
    first = 0
    if paras and paras[0].marker is None and text[0][-1] not in _END_PUNCT and (
            text[0].endswith("报告") or "关于" in text[0]):
        roles[0], first = "title", 1
    if first < len(paras) and len(text[first]) <= 40 and text[first][-1] in "：:" and "。" not in text[first]:
        roles[first] = "addressee"
    last = len(paras) - 1
    if last > first and _DATE.fullmatch(text[last]):
        roles[last] = "date"
        if last - 1 > first and len(text[last - 1]) <= 40 and text[last - 1][-1] not in _END_PUNCT:
            roles[last - 1] = "signature"
    in_attachment = False
    for i, para in enumerate(paras):
        if roles[i] != "body":
            continue
        if text[i].startswith("附件："):
            roles[i], in_attachment = "attachment", True
            continue
        if in_attachment and re.match(r"\d+[.．]", text[i]):
            roles[i] = "attachment_more"
            continue
        in_attachment = False
        if para.level in _LEVEL_ROLES and para.kind == "heading":
            roles[i] = _LEVEL_ROLES[para.level]
    return list(zip(paras, roles))


def _add(document, doc: Document, para: Paragraph, role: str, layout: dict, widths: dict) -> None:
    text = doc.para_text(para)
    base = "attachment" if role == "attachment_more" else role
    out = document.add_paragraph(style=role_style(document, base, layout))
    if role == "attachment_more":
        text = "\u3000" * 3 + text  # align under the first attachment's name (7.3.4)
    split = _run_in_heading(para, role)
    if split is not None:
        cut = split - para.span.start
        out.add_run(text[:cut])
        out.add_run(text[cut:])
    else:
        out.add_run(text)
    style_paragraph(out, base, layout)
    if split is not None and para.level is not None:  # the lead phrase in the heading font of its level
        style_run(out.runs[0], font_spec(layout, layout["paragraphs"][_LEVEL_ROLES[para.level]]["font"]))
    if role in widths:
        from docx.shared import Pt

        out.paragraph_format.right_indent = Pt(widths[role] * font_spec(layout, "body")["size"])


def _run_in_heading(para: Paragraph, role: str) -> int | None:
    """End offset of a heading lead phrase that runs into body text, if any."""
    if role != "body" or para.level not in _LEVEL_ROLES or para.heading is None:
        return None
    if para.heading.end >= para.span.end:
        return None
    return para.heading.end


def _blank(document, layout: dict) -> None:
    style_paragraph(document.add_paragraph(style=role_style(document, "blank", layout)), "blank", layout)


def _width(text: str) -> float:
    """Width in 字 (one Chinese character); half-width characters count half."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


def _signature_indents(doc: Document, roles, conf: dict) -> dict:
    """Right indents (in 字) of 署名 and date per GB/T 9704 7.3.5.2 (unsealed document).

    The 署名 sits ``right_indent_chars`` in from the right; the date starts
    ``date_offset_chars`` to the right of the 署名's first character. When the date is the
    longer line it sits ``right_indent_chars`` in and the 署名 moves left to match.
    """
    found = {role: _width(doc.para_text(p)) for p, role in roles if role in ("signature", "date")}
    if "signature" not in found or "date" not in found:
        return {"date": conf["right_indent_chars"]} if "date" in found else {}
    sig, date = found["signature"], found["date"]
    r_sig = max(conf["right_indent_chars"], date - sig + conf["date_offset_chars"] + conf["right_indent_chars"])
    return {"signature": r_sig, "date": r_sig + sig - conf["date_offset_chars"] - date}
