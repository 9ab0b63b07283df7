#!/usr/bin/env bash
# Render an annotated copy of the reference report to PDF and PNG, to look at the comments.
#
#   benchmarks/render_annotated.sh [OUT_DIR]        (default: a new folder under $TMPDIR)
#
# Needs LibreOffice and poppler (Debian/Ubuntu):
#   apt-get install -y libreoffice-writer poppler-utils fonts-noto-cjk
# Writes OUT_DIR/reference.docx, annotated.docx, fixed.docx, annotated.pdf, annotated-1.png.
# Do not commit the PDF/PNG files.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-python}"
OUT="${1:-$(mktemp -d "${TMPDIR:-/tmp}/report-nlp-render.XXXXXX")}"
mkdir -p "$OUT"

"$PY" - "$HERE/tests/fixtures/reference.txt" "$OUT" <<'PYEOF'
import re
import sys
from pathlib import Path

import docx

from report_nlp.io import load
from report_nlp.io.docx_annotate import annotate_docx
from report_nlp.io.docx_layout import fix_layout
from report_nlp.model import Finding, Span
from report_nlp.segment import segment

text_path, out = Path(sys.argv[1]), Path(sys.argv[2])
source = out / "reference.docx"
d = docx.Document()
for line in text_path.read_text(encoding="utf-8").rstrip("\n").split("\n"):
    d.add_paragraph(line)
d.save(source)

doc = segment(load(source))
try:  # the full checker (text rules + LAY rules)
    from report_nlp.check import check

    findings = list(check(doc).findings)
except Exception as e:  # noqa: BLE001 - fall back to a few synthetic findings
    print(f"checker unavailable ({type(e).__name__}: {e}); using synthetic findings", file=sys.stderr)
    from report_nlp.check.layout import check_layout

    findings = [Finding("PUN001", "error", Span(m.start(), m.end()), "中文语句中使用了半角逗号“,”", "改为全角逗号“，”")
                for m in re.finditer(",", doc.text)]
    findings += [Finding("PLH001", "warning", Span(m.start(), m.end()), "疑似未填写的占位符“*”", "填写具体内容")
                 for m in re.finditer(r"\*", doc.text)]
    findings += check_layout(source, doc)
n = annotate_docx(source, doc, findings, out / "annotated.docx")
fix_layout(source, out / "fixed.docx")
print(f"{n} comments -> {out / 'annotated.docx'}", file=sys.stderr)
PYEOF

# Comments in the right margin. LibreOffice >= 7.5 has a PDF export option for it:
#   soffice --headless --convert-to 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},"ExportNotesInMargin":{"type":"boolean","value":"true"}}' --outdir OUT annotated.docx
# LibreOffice 7.4 (Debian 12) lacks ExportNotesInMargin, so we print to a PDF file with a private
# profile whose Writer print setting puts comments in the margins (Print/Content/Note = 4).
PROFILE="$(mktemp -d "${TMPDIR:-/tmp}/report-nlp-lo.XXXXXX")"
trap 'rm -rf "$PROFILE"' EXIT
mkdir -p "$PROFILE/user"
cat > "$PROFILE/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Writer/Print/Content"><prop oor:name="Note" oor:op="fuse"><value>4</value></prop></item>
</oor:items>
XCU
soffice -env:UserInstallation="file://$PROFILE" --headless --print-to-file --outdir "$OUT" "$OUT/annotated.docx" >/dev/null 2>&1
pdftoppm -png -r 60 -f 1 -l 1 "$OUT/annotated.pdf" "$OUT/annotated" 2>/dev/null
ls "$OUT"/annotated-*1.png
