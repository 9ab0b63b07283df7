"""The reference report segments as the foundation issue's acceptance says."""
from report_nlp.io import load
from report_nlp.segmenter import segment

from .conftest import REFERENCE


def doc():
    return segment(load(REFERENCE))


def test_fifteen_paragraphs():
    assert len(doc().paragraphs) == 15


def test_level_one_headings():
    d = doc()
    heads = [(p.index, p.marker) for p in d.paragraphs if p.level == 1]
    assert heads == [(2, "一、"), (6, "二、"), (10, "三、"), (12, "四、")]
    assert all(d.paragraphs[i].kind == "heading" for i, _ in heads)


def test_inline_items():
    d = doc()
    for index, markers in ((11, ["一是", "二是", "三是"]), (13, ["一是", "二是", "三是"]), (14, ["一是", "二是"])):
        assert [i.marker for i in d.paragraphs[index].items] == markers
    assert d.slice(d.paragraphs[14].items[1].span).startswith("二是抓工作纪律")
    assert d.slice(d.paragraphs[14].items[1].span).endswith("提前下班的问题。")


def test_paragraph_leading_markers():
    d = doc()
    for index, marker in zip((3, 4, 5, 7, 8, 9), ["一是", "二是", "三是"] * 2):
        para = d.paragraphs[index]
        assert para.kind == "item" and para.marker == marker and not para.items
    assert d.slice(d.paragraphs[3].heading) == "一是领导带头学。"


def test_domain_terms_are_single_tokens():
    d = doc()
    tokens = {d.slice(t) for p in d.paragraphs for t in p.tokens}
    for term in ("中央八项规定精神", "党风廉政建设", "一岗双责"):
        assert term in tokens


def test_spans_slice_text():
    d = doc()
    for para in d.paragraphs:
        assert d.para_text(para) == d.text[para.span.start:para.span.end]
        assert d.para_text(para).strip() == d.para_text(para)
        for s in para.sentences:
            assert para.span.contains(s)
        for t in para.tokens:
            assert para.span.contains(t)
    assert d.para_text(d.paragraphs[0]) == "市纪委："


def test_sentences_respect_quotes():
    d = segment("他说：“要学深一步。再悟一层。”然后散会。\n")
    assert [d.slice(s) for s in d.paragraphs[0].sentences] == ["他说：“要学深一步。再悟一层。”", "然后散会。"]
