"""Apply fixes to a text: only those a person need not look at (applicability ``safe``).

Writing the fixed text back to disk is :mod:`report_nlp.io.rewrite`'s.
"""
from __future__ import annotations

from ..model import Applicability


def apply_fixes(text: str, findings) -> tuple[str, int]:
    """Text with every non-overlapping safe fix applied (earlier spans first), and the count."""
    fixes = sorted({(f.fix[0].start, f.fix[0].end, f.fix[1]) for f in findings
                    if f.fix is not None and f.applicability == Applicability.SAFE.value})
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
