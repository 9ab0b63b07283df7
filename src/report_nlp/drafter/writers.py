"""Put a drafted report on disk as .txt, .md or .docx (format from the suffix), atomically."""
from __future__ import annotations

import math
import os
from pathlib import Path

from ..errors import OutputProblem
from ..layout.write import build_docx, paragraph_roles
from ..io.files import atomic_write

FORMATS = {".txt": "txt", ".md": "md", ".docx": "docx"}


def write_txt(text: str, path: str | os.PathLike) -> None:
    """UTF-8 without BOM, ``\\n`` line ends: one paragraph per line."""
    data = text.encode("utf-8")
    atomic_write(path, lambda fh: fh.write(data))


def to_markdown(text: str) -> str:
    """Markdown twin of the text: ``#`` title, ``##``/``###`` for standalone level-1/2
    headings, a blank line between paragraphs. No emphasis marks, so the loader reads the
    same markers back."""
    from ..segmenter import segment

    doc = segment(text, tokens=False)
    out = []
    for i, para in enumerate(doc.paragraphs):
        line = doc.para_text(para)
        if i == 0 and para.marker is None and line.endswith("报告"):
            line = "# " + line
        elif para.kind == "heading" and para.level in (1, 2):
            line = "#" * (para.level + 1) + " " + line
        out.append(line)
    return "\n\n".join(out) + "\n"


def write_md(text: str, path: str | os.PathLike) -> None:
    data = to_markdown(text).encode("utf-8")
    atomic_write(path, lambda fh: fh.write(data))


def write_docx(text: str, path: str | os.PathLike) -> None:
    """GB/T 9704 .docx of the text (io/docx_write), with a long title broken between words
    (:mod:`.titles`) instead of wherever Word's line fills."""
    from ..layout.style import layout_config
    from ..model import RawText
    from ..segmenter import segment
    from .titles import title_lines

    doc = segment(RawText(source="<草稿>", text=text.replace("\r\n", "\n")), tokens=False)
    layout = layout_config()
    document = build_docx(doc, layout)
    roles = paragraph_roles(doc)
    if roles and roles[0][1] == "title" and document.paragraphs and len(document.paragraphs[0].runs) == 1:
        run = document.paragraphs[0].runs[0]
        lines = title_lines(run.text, _title_chars_per_line(layout))
        if len(lines) > 1:
            run.text = "\n".join(lines)  # python-docx writes each \n as a line break (w:br)
    atomic_write(path, document.save)


def _title_chars_per_line(layout: dict) -> float:
    """How many title characters fit on a line: the type area's width over the title's size."""
    mm_to_pt = 72 / 25.4
    text_width = (layout["page"]["width_mm"] - layout["margins_mm"]["left"] - layout["margins_mm"]["right"]) * mm_to_pt
    return math.floor(text_width / layout["fonts"]["title"]["size"])


def write_output(text: str, path: str | os.PathLike) -> str:
    """Write ``text`` in the format named by the suffix of ``path``; returns the format."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise OutputProblem(f"不支持的输出格式“{Path(path).suffix or '无扩展名'}”，请使用 .txt、.md 或 .docx",
                            path=str(path))
    {"txt": write_txt, "md": write_md, "docx": write_docx}[fmt](text, path)
    return fmt
