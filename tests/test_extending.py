"""Extending the toolkit the way docs/rules.md and the README say: a new report kind is one
YAML file plus a template folder; a new rule is one YAML entry plus at most one function."""
from __future__ import annotations

import textwrap

import pytest

from report_nlp import check, draft, segment
from report_nlp.checker import check as check_with_rules
from report_nlp.checker.registry import builtin_rules, parse_rule, rule_function, rule_functions
from report_nlp.kinds import KINDS_DIR_ENV, _registry, get_profile
from report_nlp.model import Span

KIND = textwrap.dedent("""\
    # 巡察整改进展报告（单位自定义的报告类型）
    id: inspection_progress
    name: 巡察整改进展报告
    period: any
    required_parts: [title, addressee, opening, work, next_steps, closing, signature, date]
    required_themes: [rectification]
    check_order: false
    closing: 特此报告。
    detect_order: 5
    detect: ['巡察整改进展']
    template: inspection_progress
    """)
TITLE = "{{ organ }}关于{{ period.plain }}巡察整改进展情况的报告\n"
WORDING = "parts:\n  work: 整改进展情况\n"
INPUTS = {
    "organ": "中共某县交通运输局党组", "addressee": "县委巡察办", "period": {"year": 2024},
    "date": "2024-06-20", "profile": "inspection_progress",
    "opening": {"subject": "局党组", "summary": "对照县委第二巡察组反馈的问题逐条推进整改"},
    "work": [{"theme": "rectification", "heading": "逐条推进反馈问题整改",
              "text": "对反馈的12个问题建立整改台账，已完成整改10个，其余2个正在按时序推进"}],
    "problems": [{"text": "个别问题整改进度偏慢，长效机制还不够健全", "category": "rectification"}],
    "measures": [{"theme": "rectification", "text": "对未完成的2个问题挂牌督办，6月底前全部整改到位",
                  "answers": [1]}],
}


@pytest.fixture
def own_kind(tmp_path, monkeypatch):
    (tmp_path / "inspection_progress.yaml").write_text(KIND, encoding="utf-8")
    templates = tmp_path / "inspection_progress"
    templates.mkdir()
    (templates / "title.j2").write_text(TITLE, encoding="utf-8")
    (templates / "wording.yaml").write_text(WORDING, encoding="utf-8")
    monkeypatch.setenv(KINDS_DIR_ENV, str(tmp_path))
    _registry.cache_clear()
    yield
    _registry.cache_clear()


def test_a_new_kind_is_a_yaml_file_and_a_template_folder(own_kind):
    kind = get_profile("inspection_progress")
    assert kind.name == "巡察整改进展报告" and kind.required_themes == ("rectification",)
    text = draft(INPUTS)
    assert text.splitlines()[0] == "中共某县交通运输局党组关于2024年巡察整改进展情况的报告"
    assert "整改进展情况" in text
    result = check(segment(text))
    assert result.profile.id == "inspection_progress" and result.profile_detected
    assert [f for f in result.findings if f.severity == "error"] == []


def test_a_new_rule_is_one_yaml_entry_and_one_function():
    entry = {"id": "CNT099", "severity": "info", "kind": "function", "fix": "safe",
             "message": "“{match}”可写得更具体", "suggestion": "写明具体做法", "basis": "示例规则",
             "examples": {"bad": ["进一步加强管理。"], "good": ["每月检查一次。"]}}
    rule = parse_rule(entry, "test")

    @rule_function("CNT099")
    def vague_strengthening(ctx, rule):
        text = ctx.text
        at = text.find("进一步加强")
        if at >= 0:
            span = Span(at, at + 5)
            yield ctx.finding(rule, span, fix=(span, "加强"), match=text[at:at + 5])

    try:
        rule_functions.cache_clear()
        bad = check_with_rules(segment(entry["examples"]["bad"][0]), "none", rules=(rule,)).findings
        good = check_with_rules(segment(entry["examples"]["good"][0]), "none", rules=(rule,)).findings
        assert [f.rule for f in bad] == ["CNT099"] and good == ()
        assert bad[0].message == "“进一步加强”可写得更具体" and bad[0].applicability == "safe"
    finally:
        from report_nlp.checker import registry

        registry._FUNCTIONS.pop("CNT099", None)
        rule_functions.cache_clear()


def test_every_function_rule_has_its_function_and_every_function_its_rule():
    functions = rule_functions()
    ids = {r.id for r in builtin_rules()}
    assert {r.id for r in builtin_rules() if r.kind == "function"} <= set(functions)
    assert set(functions) <= ids
