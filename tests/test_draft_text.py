"""Small pieces of the drafter: punctuation, fact slots, dates, periods, numerals."""
import datetime as dt

import pytest

from report_nlp.drafter import textutil as tu


@pytest.mark.parametrize("raw, want", [
    ("开展学习", "开展学习。"),
    ("开展学习。", "开展学习。"),
    ("开展学习，", "开展学习。"),
    ("开展学习；", "开展学习。"),
    ("开展学习。；", "开展学习。"),
    ("落实“第一议题”", "落实“第一议题”。"),
    ("是否到位？", "是否到位？"),
    ("  ", ""),
])
def test_sentence(raw, want):
    assert tu.sentence(raw) == want


def test_phrase_and_clean():
    assert tu.phrase("深化学习教育。") == "深化学习教育"
    assert tu.clean("学习，\n  局领导 带头") == "学习，局领导带头"
    assert tu.clean("Times New\nRoman 字体") == "Times New Roman字体"


def test_fill_facts():
    facts = {"次数": 3, "比例": 15.0, "日期": dt.date(2022, 3, 1), "空": None}
    assert tu.fill_facts("学习{次数}次，下降{比例}%，{日期}召开，{空}人，{未知}项", facts) == \
        "学习3次，下降15%，2022年3月1日召开，【待填：空】人，【待填：未知】项"


@pytest.mark.parametrize("value, want", [
    ("2022-03-31", dt.date(2022, 3, 31)), ("2022/3/31", dt.date(2022, 3, 31)),
    ("2022年3月31日", dt.date(2022, 3, 31)), (dt.date(2024, 1, 5), dt.date(2024, 1, 5)),
    ("2022-02-30", None), ("2022.3.31", None), ("三月", None), (20220331, None),
])
def test_parse_date(value, want):
    assert tu.parse_date(value) == want


def test_date_and_period_text():
    assert tu.date_text(dt.date(2022, 3, 1)) == "2022年3月1日"
    assert tu.period_text(2022, 1, None) == "2022年第一季度"
    assert tu.period_text(2023, None, 1) == "2023年上半年"
    assert tu.period_text(2023, None, None) == "2023年度"
    assert [tu.cn(n) for n in (1, 10, 12, 20, 35)] == ["一", "十", "十二", "二十", "三十五"]


def test_package_is_callable_like_the_issue_says():
    import report_nlp.drafter

    raw = {"organ": "中共某局党组", "addressee": "市纪委", "period": {"year": 2023},
           "work": [{"theme": "study", "text": "开展学习"}]}
    from report_nlp.drafter import draft

    assert report_nlp.draft(raw) == draft(raw)
    assert report_nlp.draft(raw).startswith("中共某局党组关于2023年度党风廉政建设工作情况的报告\n")


def test_templates_are_keyed_by_theme(tmp_path):
    """A ``work_<theme>.j2`` in a user folder replaces the section template for that theme only."""
    from report_nlp.drafter import draft

    (tmp_path / "work_study.j2").write_text("（{{ ns.k|cn }}）【学习】{{ s.heading }}。{{ s.text }}\n", encoding="utf-8")
    raw = {"organ": "中共某局党组", "addressee": "市纪委", "period": {"year": 2023}, "date": "2024-01-05",
           "work": [{"theme": "study", "heading": "深化学习", "text": "开展学习"},
                    {"theme": "conduct", "heading": "改进作风", "text": "纠治四风"}]}
    lines = draft(raw, template_dir=tmp_path).splitlines()
    assert "（一）【学习】深化学习。开展学习。" in lines
    assert "（二）改进作风。纠治四风。" in lines
