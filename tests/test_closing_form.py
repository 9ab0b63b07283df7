"""ELM003 reads the closing formula from the kind's profile (``closing:``), not a fixed 特此报告。"""
from __future__ import annotations

import dataclasses

from report_nlp.checker import check_text
from report_nlp.checker.registry import builtin_rules
from report_nlp.kinds import get_profile
from report_nlp.checker.rules.structure import closing_form
from report_nlp.checker.context import Context
from report_nlp import segment, tag

BODY = "县纪委：\n现将有关情况报告如下：\n一、工作开展情况\n开展谈心谈话21人次。\n{closing}\n中共某县水利局党组\n2023年7月5日"
ELM003 = next(r for r in builtin_rules() if r.id == "ELM003")


def _findings(closing_line: str, kind_closing: str):
    profile = dataclasses.replace(get_profile("special"), closing=kind_closing)
    doc = tag(segment(BODY.format(closing=closing_line)))
    return list(closing_form(Context(doc=doc, profile=profile, options={}), ELM003))


def test_the_kinds_own_closing_is_the_expected_form():
    found = _findings("以上报告，请予审阅", "以上报告，请予审阅。")
    assert [f.message for f in found] == ["结束语“以上报告，请予审阅”写法不规范"]
    assert found[0].fix[1] == "以上报告，请予审阅。"
    assert found[0].suggestion == "写作“以上报告，请予审阅。”（本类报告的结束语），单独成段"
    assert _findings("以上报告，请予审阅。", "以上报告，请予审阅。") == []


def test_another_kinds_formula_is_not_forced_to_特此报告():
    # Under a kind whose closing is not 特此报告。, a bare 特此报告 is not that kind's formula
    # missing its mark, so ELM003 says nothing and suggests no rewrite to 特此报告。
    assert _findings("特此报告", "以上报告，请予审阅。") == []


def test_the_shipped_kinds_keep_特此报告():
    result = check_text(BODY.format(closing="特此报告！"), "special")
    found = [f for f in result.findings if f.rule == "ELM003"]
    assert [f.fix[1] for f in found] == ["特此报告。"]
    assert get_profile("special").closing == "特此报告。"
