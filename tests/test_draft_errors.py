"""Every schema error path through the CLI: exit code 3, the field named on stderr in one
Chinese line, and the output file not created."""
import copy
import json

import pytest
import yaml

BASE = {
    "profile": "quarterly",
    "organ": "中共临江市统计局党组",
    "addressee": "市纪委",
    "period": {"year": 2022, "quarter": 1},
    "date": "2022-03-31",
    "work": [
        {"theme": "study", "heading": "深化学习教育", "items": [{"lead": "领导带头学", "text": "中心组集中学习3次"}]},
        {"theme": "responsibility", "heading": "健全廉政体系", "items": [{"text": "修订主体责任清单"}]},
    ],
    "problems": [{"id": "p1", "category": "political_study", "text": "学习自觉性不高"}],
    "measures": [{"answers": ["p1"], "theme": "study", "text": "落实中心组学习制度"}],
}


def mutate(path, value):
    """A copy of BASE with the field at ``path`` (dotted, [i] for lists) set, or deleted if value is DEL."""
    data = copy.deepcopy(BASE)
    keys = [int(k) if k.isdigit() else k for k in path.replace("[", ".").replace("]", "").split(".")]
    node = data
    for k in keys[:-1]:
        node = node[k]
    if value is DEL:
        del node[keys[-1]]
    else:
        node[keys[-1]] = value
    return data


DEL = object()

CASES = [
    # (id, path, value, expected text on stderr)
    ("missing-organ", "organ", DEL, "organ: 缺少必填字段"),
    ("missing-year", "period.year", DEL, "period.year: 缺少必填字段"),
    ("missing-item-text", "work[0].items[0].text", DEL, "work[0].items[0].text: 缺少必填字段"),
    ("missing-quarter", "period.quarter", DEL, "period.quarter: 季度报告需要填写季度"),
    ("wrong-type-work", "work", "学习", "work: 应为列表"),
    ("wrong-type-year", "period.year", "二〇二二", "period.year: 应为整数"),
    ("wrong-type-items", "work[0].items", {"text": "x"}, "work[0].items: 应为列表"),
    ("unknown-theme", "work[1].items[0].theme", "stduy", "work[1].items[0].theme: 未知主题“stduy”，可选：political, study"),
    ("unknown-section-theme", "work[0].theme", "xuexi", "work[0].theme: 未知主题“xuexi”"),
    ("unknown-category", "problems[0].category", "politics", "problems[0].category: 未知问题类别“politics”，可选：political_study"),
    ("unknown-field", "orgn", "中共某局党组", "orgn: 未知字段"),
    ("unknown-profile", "profile", "monthly", "profile: 未知报告类型“monthly”"),
    ("bad-date-string", "date", "2022.3.31", "date: 无法识别的日期“2022.3.31”"),
    ("bad-date-value", "date", "2022-02-30", "date: 无法识别的日期“2022-02-30”"),
    ("bad-quarter", "period.quarter", 5, "period.quarter: 季度应为1—4"),
    ("measure-nonexistent-problem", "measures[0].answers", ["p9"], "measures[0].answers[0]: 没有id为“p9”的问题，已有：p1"),
    ("measure-unknown-theme", "measures[0].theme", "studies", "measures[0].theme: 未知主题“studies”"),
    ("empty-section", "work[1].items", [], "work[1]: 这一部分既没有 text 也没有 items"),
    ("fact-as-list", "facts", {"次数": [1, 2]}, "facts.次数: 应为数字、文本或日期"),
]


def run_draft(cli, tmp_path, data, *extra, suffix=".docx"):
    src = tmp_path / "in.yaml"
    src.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / f"out{suffix}"
    code, stdout, err = cli("draft", src, "-o", out, *extra)
    return code, stdout, err, out


def assert_input_error(code, stdout, err, out, expected):
    assert code == 3, err
    assert expected in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert stdout == ""
    assert not out.exists()
    assert not list(out.parent.glob(".out*"))  # no temp file left behind


def test_base_input_is_valid(cli, tmp_path):
    code, _, err, out = run_draft(cli, tmp_path, BASE)
    assert code == 0, err
    assert out.is_file()


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_schema_error(cli, tmp_path, case):
    _, path, value, expected = case
    assert_input_error(*run_draft(cli, tmp_path, mutate(path, value)), expected)


def test_impossible_yaml_date_literal(cli, tmp_path):
    src = tmp_path / "in.yaml"
    text = yaml.safe_dump({k: v for k, v in BASE.items() if k != "date"}, allow_unicode=True)
    src.write_text(text + "date: 2022-02-30\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    assert_input_error(*cli("draft", src, "-o", out)[:3], out, "date: 日期无效“2022-02-30”")


def test_invalid_yaml_syntax(cli, tmp_path):
    src = tmp_path / "in.yaml"
    src.write_text("organ: [未闭合\nperiod: {year: 2022\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    assert_input_error(*cli("draft", src, "-o", out)[:3], out, "YAML格式错误（第")


def test_json_input_and_json_error(cli, tmp_path):
    src = tmp_path / "in.json"
    src.write_text(json.dumps(BASE, ensure_ascii=False), encoding="utf-8")
    code, _, err = cli("draft", src, "-o", tmp_path / "ok.md")
    assert code == 0, err
    src.write_text('{"organ": "x",}', encoding="utf-8")
    out = tmp_path / "out.md"
    assert_input_error(*cli("draft", src, "-o", out)[:3], out, "JSON格式错误（第1行")


def test_bad_profile_option(cli, tmp_path):
    assert_input_error(*run_draft(cli, tmp_path, BASE, "--profile", "weekly"), "--profile: 未知报告类型“weekly”")


def test_user_template_with_undefined_variable(cli, tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "work.j2").write_text("{{ ns.n|cn }}、{{ s.heading }}{{ s.summary_line }}\n", encoding="utf-8")
    assert_input_error(*run_draft(cli, tmp_path, BASE, "--templates", folder), "模板 work.j2 第1行：字段“summary_line”不存在")
    (folder / "work.j2").write_text("{{ undefined_name }}\n", encoding="utf-8")
    assert_input_error(*run_draft(cli, tmp_path, BASE, "--templates", folder), "变量“undefined_name”未定义")


def test_user_template_runs_in_sandbox(cli, tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "title.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    assert_input_error(*run_draft(cli, tmp_path, BASE, "--templates", folder), "沙箱")


def test_user_template_overrides_one_file(cli, tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "title.j2").write_text("{{ organ }}关于{{ period.text }}全面从严治党工作情况的报告\n", encoding="utf-8")
    code, _, err, out = run_draft(cli, tmp_path, BASE, "--templates", folder, suffix=".txt")
    assert code == 0, err
    assert out.read_text(encoding="utf-8").splitlines()[0] == "中共临江市统计局党组关于2022年第一季度全面从严治党工作情况的报告"


def test_template_folder_missing(cli, tmp_path):
    assert_input_error(*run_draft(cli, tmp_path, BASE, "--templates", tmp_path / "nope"), "模板文件夹不存在")


def test_refuses_to_overwrite_without_force(cli, tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("原有内容", encoding="utf-8")
    code, _, err, _ = run_draft(cli, tmp_path, BASE, suffix=".txt")
    assert code == 3 and "--force" in err and out.read_text(encoding="utf-8") == "原有内容"
    code, _, err, _ = run_draft(cli, tmp_path, BASE, "--force", suffix=".txt")
    assert code == 0 and out.read_text(encoding="utf-8").startswith("中共临江市统计局党组关于")


def test_refuses_to_overwrite_the_input(cli, tmp_path):
    src = tmp_path / "same.txt"
    src.write_text("x", encoding="utf-8")
    code, _, err = cli("draft", src, "-o", src, "--force")
    assert code == 3 and "输入文件本身" in err and src.read_text(encoding="utf-8") == "x"


def test_unsupported_output_suffix_is_a_usage_error(cli, tmp_path):
    code, _, err, out = run_draft(cli, tmp_path, BASE, suffix=".pdf")
    assert code == 2 and ".pdf" in err and not out.exists()


def test_missing_input_file(cli, tmp_path):
    code, _, err = cli("draft", tmp_path / "nope.yaml", "-o", tmp_path / "o.txt")
    assert code == 3 and "文件不存在" in err


def test_stdout_when_no_output(cli, tmp_path):
    src = tmp_path / "in.yaml"
    src.write_text(yaml.safe_dump(BASE, allow_unicode=True), encoding="utf-8")
    code, out, err = cli("draft", src)
    assert code == 0 and out.startswith("中共临江市统计局党组关于2022年第一季度党风廉政建设工作情况的报告\n")
    assert "特此报告。" in out


def test_warnings_for_unanswered_problem(cli, tmp_path):
    data = copy.deepcopy(BASE)
    data["problems"].append({"id": "p2", "category": "cadre_discipline", "text": "个别人员迟到早退"})
    data["measures"][0]["theme"] = "responsibility"
    code, _, err, out = run_draft(cli, tmp_path, data)
    assert code == 0 and out.is_file()
    assert "问题“p2”" in err and "measures[0].theme" in err


def test_init_refuses_overwrite_and_unknown_profile(cli, tmp_path):
    target = tmp_path / "in.yaml"
    assert cli("init", "-o", target)[0] == 0
    code, _, err = cli("init", "-o", target)
    assert code == 3 and "--force" in err
    code, out, err = cli("init", "--profile", "weekly")
    assert code == 3 and "--profile" in err and out == ""
    code, out, _ = cli("init", "--profile", "shuze_shulian")
    assert code == 0 and "author:" in out and "述责述廉" in out
