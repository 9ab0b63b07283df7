"""tag() on the reference report (tests/fixtures/reference.txt) against its hand labels below."""
from __future__ import annotations


import pytest

from report_nlp.tagger import tag
from report_nlp.io import load
from report_nlp.segmenter import segment

from .conftest import REFERENCE

# Hand labels: (part, theme, [(item part, item theme), ...]) per paragraph.
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


def test_all_themes_match_taxonomy(tagged):
    assert dict(_labels(tagged)) == dict(_expected())
