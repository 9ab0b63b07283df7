"""Growth of check and check --annotate with document size (issue 11, item 11).

    python benchmarks/bench_growth.py [--max 64]

The reference report concatenated 1×, 4×, 16×, 64× (as .txt and as a .docx with one Word
paragraph per line), each checked in-process, warm. Prints seconds per size and the ratio per
4× step: a linear pipeline stays near 4, a quadratic one near 16. Files are made in a
temporary folder and removed.
"""
from __future__ import annotations

import argparse
import pathlib
import shutil
import sys
import tempfile

from _common import REFERENCE, ROOT, best_of

sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max", type=int, default=64, help="largest multiple (1, 4, 16, … up to this)")
    parser.add_argument("--repeat", type=int, default=1)
    opts = parser.parse_args()

    from docx_helpers import text_to_docx

    from report_nlp.checker import check
    from report_nlp.checker.report import file_json
    from report_nlp.io import load
    from report_nlp.comments import annotate_result
    from report_nlp.segmenter import segment

    base = REFERENCE.read_text(encoding="utf-8").strip()
    folder = pathlib.Path(tempfile.mkdtemp(prefix="report-nlp-growth-"))
    check(segment(load(REFERENCE)))  # warm: models and lexicons loaded once
    rows = []
    try:
        k = 1
        while k <= opts.max:
            text = "\n".join([base] * k)
            txt, dx = folder / f"r{k}.txt", folder / f"r{k}.docx"
            txt.write_text(text, encoding="utf-8")
            text_to_docx(text, dx)
            t_txt = best_of(lambda: file_json(check(segment(load(txt)))), opts.repeat)
            t_docx = best_of(lambda: file_json(check(segment(load(dx)))), opts.repeat)
            result = check(segment(load(dx)))
            t_ann = best_of(lambda: annotate_result(result, dx, folder / "out.docx"), opts.repeat) + t_docx
            rows.append((k, len(text.encode("utf-8")) / 1e6, t_txt, t_docx, t_ann))
            k *= 4
    finally:
        shutil.rmtree(folder)
    print("倍数\t大小MB\tcheck .txt s\tcheck .docx s\t--annotate s\t（比值：相对上一行，线性≈4）")
    prev = None
    for row in rows:
        k, mb, a, b, c = row
        ratios = "" if prev is None else f"\t×{a / prev[2]:.1f} ×{b / prev[3]:.1f} ×{c / prev[4]:.1f}"
        print(f"{k}×\t{mb:.2f}\t{a:.2f}\t{b:.2f}\t{c:.2f}{ratios}")
        prev = row


if __name__ == "__main__":
    main()
