"""The same report in four encodings and three line-end styles gives the same document@1 JSON."""
import json

import pytest

from report_nlp.io import load
from report_nlp.output import document_json
from report_nlp.segmenter import segment


def as_json(path):
    data = document_json(segment(load(path)))
    data.pop("source")
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


@pytest.mark.parametrize("encoding, newline", [
    ("utf-8-sig", "\n"), ("utf-16", "\n"), ("gb18030", "\n"), ("utf-8", "\r\n"), ("gbk", "\r"),
])
def test_same_document_in_every_encoding(tmp_path, reference_text, encoding, newline):
    base = tmp_path / "utf8.txt"
    base.write_bytes(reference_text.encode("utf-8"))
    other = tmp_path / f"other-{encoding}.txt"
    other.write_bytes(reference_text.replace("\n", newline).encode(encoding))
    assert as_json(other) == as_json(base)


def test_text_is_not_width_normalised(tmp_path, reference_text):
    path = tmp_path / "r.txt"
    path.write_text(reference_text, encoding="gb18030")
    assert "2022年第一季度,市*局" in load(path).text  # the half-width comma stays
