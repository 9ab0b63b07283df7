"""tag() on the reference report against taxonomy.md §4."""
from __future__ import annotations

import json

import pytest

from report_nlp.classify import tag
from report_nlp.io import load
from report_nlp.segment import segment

from .conftest import REFERENCE

# taxonomy.md §4: (part, theme, [(item part, item theme), ...]) per paragraph.
EXPECTED = [
    ("addressee", None, []),
    ("opening", None, []),
    ("work", "study", []),
    ("work", "study", []),
    ("work", "study", []),
    ("work", "study", []),
    ("work", "responsibility", []),
    ("work", "responsibility", []),
    ("work", "responsibility", []),
    ("work", "responsibility", []),
    ("work", "org_life", []),
    ("work", "org_life", [("work", "org_life"), ("work", "org_life"), ("work", "rectification")]),
    ("work", "self_discipline", []),
    ("work", "self_discipline", [("work", "self_discipline"), ("work", "conduct"), ("work", "self_discipline")]),
    ("problems", None, [("problems", None), ("problems", None)]),
]


@pytest.fixture(scope="module")
def tagged():
    return tag(segment(load(REFERENCE)))


def test_every_paragraph_and_item_has_a_part_and_confidence(tagged):
    assert len(tagged.paragraphs) == len(EXPECTED)
    for para in tagged.paragraphs:
        assert para.part is not None and 0.0 < para.confidence <= 1.0
        for item in para.items:
            assert item.part is not None and 0.0 < item.confidence <= 1.0


def test_parts_match_taxonomy(tagged):
    got = [(p.part, [i.part for i in p.items]) for p in tagged.paragraphs]
    assert got == [(part, [ip for ip, _ in items]) for part, _, items in EXPECTED]


def test_themes_of_the_first_two_sections_and_untagged_parts(tagged):
    themes = [p.theme for p in tagged.paragraphs]
    assert themes[:10] == [t for _, t, _ in EXPECTED[:10]]
    assert themes[14] is None and [i.theme for i in tagged.paragraphs[14].items] == [None, None]


# Labels the tagger still gets wrong on the reference report: (paragraph, item or None).
# It is a judgement between close themes: an item on 整改 (rectification) inside an org_life
# section, read as org_life. Listed so every other label is held exactly.
KNOWN_MISSES = {(11, 2)}


def _labels(doc):
    for para in doc.paragraphs:
        yield (para.index, None), para.theme
        for k, item in enumerate(para.items):
            yield (para.index, k), item.theme


def _expected():
    for index, (_, theme, items) in enumerate(EXPECTED):
        yield (index, None), theme
        for k, (_, item_theme) in enumerate(items):
            yield (index, k), item_theme


def test_themes_match_taxonomy_apart_from_known_misses(tagged):
    got = {key: theme for key, theme in _labels(tagged) if key not in KNOWN_MISSES}
    want = {key: theme for key, theme in _expected() if key not in KNOWN_MISSES}
    assert got == want


@pytest.mark.xfail(strict=True, reason="1 of 35 theme labels differs (see KNOWN_MISSES); see the theme "
                   "macro-F1 in models/README.md")
def test_all_themes_match_taxonomy(tagged):
    assert dict(_labels(tagged)) == dict(_expected())


def test_problem_paragraph_without_heading_is_found_by_rules_alone():
    """The cue phrases alone (no model) tag a lead-in problems paragraph and what follows."""
    from report_nlp.classify.scorer import RuleScorer
    from report_nlp.classify.tagger import tag_document

    text = ("县纪委监委：\n今年以来，局党组认真落实主体责任。现将有关情况报告如下：\n"
            "一、强化理论学习。党组中心组集中学习6次。\n"
            "工作中也存在一些不足：\n一是学习不够深入。\n二是监督不够有力。\n"
            "下一步，局党组将持续加强日常监督。\n特此报告。\n中共××县财政局党组\n2023年4月6日")
    doc = tag_document(segment(text), RuleScorer())
    assert [p.part for p in doc.paragraphs] == [
        "addressee", "opening", "work", "problems", "problems", "problems", "next_steps",
        "closing", "signature", "date"]
    assert doc.paragraphs[2].theme == "study"


def test_cli_tag_json_has_labels(cli):
    code, out, _ = cli("tag", REFERENCE, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "report-nlp/document@1"
    assert [p["part"] for p in data["paragraphs"]] == [part for part, _, _ in EXPECTED]
    assert data["paragraphs"][11]["items"][0]["part"] == "work"


def test_cli_tag_tree_shows_chinese_labels(cli):
    code, out, _ = cli("tag", REFERENCE)
    assert code == 0 and "[主送机关" in out and "[存在问题" in out
