"""Apply safe fixes: only findings whose rule marks its fix safe, never numbering."""
from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import OutputProblem
from ..io.files import atomic_write


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
    """Write ``text`` to ``path`` atomically; with ``backup``, keep the old file as ``path.bak``."""
    if backup and path.exists():
        try:
            shutil.copy2(path, path.with_name(path.name + ".bak"))
        except OSError as e:
            raise OutputProblem(f"无法写入备份文件（{e.strerror}）", path=str(path)) from e
    data = text.encode("utf-8")
    atomic_write(path, lambda fh: fh.write(data))
