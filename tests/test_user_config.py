"""report-nlp.yaml under hostile input (issue 11, items 4, 8, 9 and 20): every wrong value is
one Chinese exit-3 line naming its key path; aliases are refused; user patterns run on RE2."""
import pytest

REPORT = "开展统计督查工作。局党组认真学习。\n"

BAD_CONFIGS = [
    # (id, config text, expected on stderr)
    ("whitelist-number", "whitelist: 5\n", "whitelist: 应为字符串列表"),
    ("whitelist-nested", "whitelist: [[哈哈]]\n", "whitelist[0]: 应为非空字符串"),
    ("disable-nested", "disable: [[PUN]]\n", "disable[0]: 应为规则编号"),
    ("formulation-wrong-numbers", "formulations:\n  - {correct: 统计督察, wrong: [1, 2]}\n",
     "formulations[0].wrong[0]: 应为非空字符串"),
    ("formulation-wrong-number", "formulations:\n  - {correct: 统计督察, wrong: 5}\n",
     "formulations[0].wrong: 应为字符串列表"),
    ("formulation-wrong-empty", "formulations:\n  - {correct: 统计督察, wrong: []}\n",
     "formulations[0].wrong: 应为字符串列表，至少一项"),
    ("formulation-wrong-empty-string", "formulations:\n  - {correct: 统计督察, wrong: ['']}\n",
     "formulations[0].wrong[0]: 应为非空字符串"),
    ("formulation-matches-empty", "formulations:\n  - {correct: 统计督察, wrong: ['督*']}\n",
     "formulations[0].wrong[0]: 正则表达式“督*”能匹配空文本"),
    ("formulation-no-correct", "formulations:\n  - {wrong: [统计督查]}\n", "formulations[0].correct: 应为非空字符串"),
    ("formulation-unknown-field", "formulations:\n  - {correct: 统计督察, wrong: [统计督查], wrng: x}\n",
     "formulations[0].wrng: 未知字段"),
    ("formulations-not-list", "formulations: {correct: 统计督察}\n", "formulations: 应为条目列表"),
    ("typo-wrong-list", "typos:\n  - {wrong: [督查], right: 督察}\n", "typos[0].wrong: 应为非空字符串"),
    ("typo-bad-context-regex", "typos:\n  - {wrong: 督查, right: 督察, context_not: '(统计'}\n",
     "typos[0].context_not: 正则表达式“(统计”括号没有闭合"),
    ("typo-lookaround", "typos:\n  - {wrong: '(?<!统计)督查', right: 督察}\n",
     "typos[0].wrong: 正则表达式“(?<!统计)督查”使用了不支持的语法"),
    ("severity-fatal", "severity: {PUN001: fatal}\n", "severity.PUN001: 级别应为 error、warning 或 info"),
    ("severity-unknown-rule", "severity: {XYZ001: error}\n", "severity.XYZ001: 未知的规则编号或规则族"),
    ("entry-severity-fatal", "typos:\n  - {wrong: 督查, right: 督察, severity: fatal}\n",
     "typos[0].severity: 应为 error、warning 或 info"),
    ("margin-text", "date_margin_days: abc\n", "date_margin_days: 应为0—3660之间的整数"),
    ("margin-bool", "date_margin_days: true\n", "date_margin_days: 应为0—3660之间的整数"),
    ("disable-empty-string", 'disable: [""]\n', "disable[0]: 应为规则编号"),
    ("disable-unknown", "disable: [PAR01]\n", "disable[0]: 未知的规则编号或规则族“PAR01”"),
    ("disable-not-list", "disable: PUN\n", "disable: 应为规则编号或规则族的列表"),
    ("unknown-top-key", "disabel: [PUN]\n", "disabel: 未知的配置项"),
    ("top-level-list", "- PUN\n", "配置文件顶层应为“键: 值”的映射"),
    ("bad-example", "typos:\n  - {wrong: 督查, right: 督察, examples: {bad: ['统计检查']}}\n",
     "typos[0].examples.bad[0]: 错例“统计检查”不能被 wrong 匹配"),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in BAD_CONFIGS], ids=[c[0] for c in BAD_CONFIGS])
def test_bad_config_is_exit_3_naming_the_key(cli, tmp_path, text, expected):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    cfg = tmp_path / "report-nlp.yaml"
    cfg.write_text(text, encoding="utf-8")
    code, out, err = cli("check", report, "--config", cfg)
    assert code == 3, err
    assert out == ""
    assert "report-nlp.yaml：" in err and expected in err, err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_all_errors_of_a_config_reported_at_once(cli, tmp_path):
    cfg = tmp_path / "report-nlp.yaml"
    cfg.write_text("disable: [PAR01]\nseverity: {PUN001: fatal}\ndate_margin_days: abc\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    code, _, err = cli("check", report, "--config", cfg)
    assert code == 3 and "配置有3处错误" in err
    assert "disable[0]" in err and "severity.PUN001" in err and "date_margin_days" in err


def test_valid_config_still_works(cli, tmp_path):
    cfg = tmp_path / "report-nlp.yaml"
    cfg.write_text("disable: [PUN, ELM004]\nseverity: {TRM: info}\nwhitelist: [哈哈]\ndate_margin_days: 90\n"
                   "formulations:\n  - {correct: 统计督察, wrong: '统计督查', examples: {bad: ['开展统计督查']}}\n",
                   encoding="utf-8")
    from report_nlp.checker import check_text
    from report_nlp.checker.config import load_config

    config = load_config(cfg)
    assert config.options["formulations"][0]["wrong"] == ["统计督查"]  # a single pattern becomes a list
    result = check_text(REPORT, profile="none", config=config)
    assert [(f.rule, f.severity) for f in result.findings if f.rule.startswith("TRM")] == [("TRM001", "info")]


def test_config_alias_bomb_fails_fast(cli, tmp_path):
    """Nine levels of anchors in a small config: refused at the first alias, exit 3."""
    lines = ['a0: "学学学学学学学学学学"']
    for k in range(1, 10):
        lines.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 9) + "]")
    lines[0] = 'a0: &a0 "学学学学学学学学学学"'
    text = "\n".join(lines) + "\n"
    assert len(text.encode()) < 1024
    cfg = tmp_path / "report-nlp.yaml"
    cfg.write_text(text, encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    code, out, err = cli("check", report, "--config", cfg)
    assert code == 3 and out == ""
    assert "不支持YAML锚点和别名" in err and "第1行" in err
    assert len(err) < 300  # no expanded value echoed


@pytest.mark.parametrize("where", ["formulation", "typo", "context_not", "example"])
def test_catastrophic_user_pattern_completes(cli, tmp_path, where):
    """``(学+)+$`` would backtrack for ages on Python ``re``; on RE2 it is linear."""
    long_run = "学" * 30000 + "。"
    entry = {
        "formulation": "formulations:\n  - {correct: 学习, wrong: ['(学+)+$']}\n",
        "typo": "typos:\n  - {wrong: '(学+)+$', right: 学}\n",
        "context_not": "typos:\n  - {wrong: '学学学', right: 学, context_not: '(学+)+$'}\n",
        "example": "typos:\n  - {wrong: '(学+)+$', right: 学, examples: {good: ['" + "学" * 3000 + "!']}}\n",
    }[where]
    cfg = tmp_path / "report-nlp.yaml"
    cfg.write_text(entry, encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(long_run + "\n", encoding="utf-8")
    code, out, err = cli("check", report, "--config", cfg, "--profile", "quarterly", "--format", "json",
                         "--fail-on", "never")
    assert code == 0, err
    import json

    rules = [f["rule"] for f in json.loads(out)["files"][0]["findings"]]
    assert "TRM001" not in rules
    if where == "context_not":
        # 学学学 hits everywhere; (学+)+$ in the window excuses all but the hits near the 。
        assert 0 < rules.count("TYP002") < 10
    else:
        # “学…学。” ends in 。, so (学+)+$ never matches: no lexicon finding at all.
        assert "TYP002" not in rules


def test_user_pattern_matches_on_re2(tmp_path):
    from report_nlp.checker import check_text
    from report_nlp.checker.config import load_config

    cfg = tmp_path / "c.yaml"
    cfg.write_text("typos:\n  - {wrong: '(学+)+$', right: 学}\n", encoding="utf-8")
    result = check_text("我们学学学", profile="none", config=load_config(cfg))
    hits = [f for f in result.findings if f.rule == "TYP002"]
    assert [(f.span.start, f.span.end) for f in hits] == [(2, 5)]


def test_config_yaml_errors_in_chinese(cli, tmp_path):
    cfg = tmp_path / "report-nlp.yaml"
    cfg.write_text("disable:\n\t- PUN\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    code, _, err = cli("check", report, "--config", cfg)
    assert code == 3 and "YAML格式错误（第2行第1列）：不能用制表符（Tab）" in err
    assert "found character" not in err
