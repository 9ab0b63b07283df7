"""The library API of the README works without the CLI."""
import importlib

import docx
import yaml

import report_nlp

from .conftest import REFERENCE


def test_public_api_end_to_end(tmp_path):
    doc = report_nlp.tag(report_nlp.segment(report_nlp.load(REFERENCE)))
    assert doc.paragraphs[2].theme == "study"
    result = report_nlp.check(doc)
    assert result.profile.id == "quarterly" and result.summary()["error"] >= 15
    labels = report_nlp.classify(["个别干部纪律观念淡薄，存在迟到早退现象。"])
    assert labels[0].category == "cadre_discipline"
    inputs = yaml.safe_load((REFERENCE.parents[2] / "examples" / "quarterly-2022q1.yaml").read_text(encoding="utf-8"))
    text = report_nlp.draft(inputs, profile="quarterly")
    assert "特此报告。" in text.splitlines()
    out = tmp_path / "报告.docx"
    report_nlp.write_docx(text, out)
    assert any(p.text == "特此报告。" for p in docx.Document(str(out)).paragraphs)


def test_api_verbs_are_functions_with_signatures_whatever_is_imported():
    import inspect

    for name in ("segmenter", "tagger", "checker", "drafter", "layout", "training"):
        importlib.import_module(f"report_nlp.{name}")
    for name in ("load", "segment", "tag", "check", "suggest", "classify", "draft", "annotate", "fix_layout"):
        verb = getattr(report_nlp, name)
        assert inspect.isfunction(verb) and verb.__doc__, name
        assert verb is getattr(importlib.import_module("report_nlp.api"), name)
    assert "profile" in inspect.signature(report_nlp.check).parameters
    assert report_nlp.classify(["对“一把手”监督不够有力。"])[0].category == "supervision"
    assert len(report_nlp.segment("市纪委：\n一、工作开展情况\n").paragraphs) == 2


def test_check_tags_an_untagged_document_and_keeps_a_tagged_one():
    raw = report_nlp.segment(report_nlp.load(REFERENCE))
    assert not raw.tagged
    tagged = report_nlp.tag(raw)
    assert tagged.tagged
    assert report_nlp.check(raw).findings == report_nlp.check(tagged).findings
