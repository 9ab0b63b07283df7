"""Apply safe fixes: only findings whose rule marks its fix safe, never numbering."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..errors import OutputProblem


def apply_fixes(text: str, findings) -> tuple[str, int]:
    """Text with every non-overlapping safe fix applied (earlier spans first), and the count."""
    fixes = sorted({(f.fix[0].start, f.fix[0].end, f.fix[1]) for f in findings
                    if f.fix is not None and not f.rule.startswith("NUM")})
    out, pos, applied = [], 0, 0
    for start, end, replacement in fixes:
        if start < pos:
            continue  # overlaps a fix already taken
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
        applied += 1
    out.append(text[pos:])
    return "".join(out), applied


def write_atomic(path: Path, text: str, *, backup: bool) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder; keep ``path.bak``."""
    folder = path.parent
    try:
        if backup and path.exists():
            shutil.copy2(path, path.with_name(path.name + ".bak"))
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as e:
        raise OutputProblem(f"无法写入文件（{e.strerror}）", path=str(path)) from e
