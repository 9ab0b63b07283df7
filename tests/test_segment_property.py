"""Property: the segmenter never crashes and every span slices the text exactly, in order."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_nlp.segmenter import segment

ALPHABET = st.characters(blacklist_categories=("Cs",))  # lone surrogates excluded
PIECES = st.sampled_from([
    "一、", "（一）", "(二)", "1.", "1、", "（1）", "①", "一是", "二是", "三是", "第一，", "第二，", "其一", "其二",
    "首先", "其次", "最后", "。", "，", ",", "；", "：", "“", "”", "《", "》", "（", "）", "\n", "\r\n", " ", "\u3000",
    "党风廉政建设", "中央八项规定精神", "学习", "😀", "ＡＢＣ", "abc", "2022.3.31", "×", "*",
])
TEXTS = st.one_of(
    st.text(ALPHABET, max_size=300),
    st.lists(st.one_of(PIECES, st.text(ALPHABET, max_size=5)), max_size=80).map("".join),
    st.text(st.sampled_from("学习教育工作"), min_size=2000, max_size=4000),  # very long line, no punctuation
)


def check_spans(doc):
    last = 0
    for para in doc.paragraphs:
        assert last <= para.span.start < para.span.end <= len(doc.text)
        last = para.span.end
        for group in (para.sentences, para.tokens, tuple(i.span for i in para.items)):
            prev = para.span.start
            for span in group:
                assert prev <= span.start <= span.end <= para.span.end
                prev = span.end
        if para.heading:
            assert para.span.contains(para.heading)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_segment_never_crashes_and_spans_are_exact(text):
    doc = segment(text.replace("\r\n", "\n").replace("\r", "\n"))
    check_spans(doc)
