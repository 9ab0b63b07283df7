"""Draft inputs under hostile or careless input (issue 11, items 8 and 20): aliases refused,
YAML errors in Chinese, Chinese theme names, all errors at once, problems without ids,
placeholder locations, and titles broken between words."""
import copy

import pytest
import yaml

from .test_draft_errors import BASE, assert_input_error, run_draft


def write(tmp_path, text: str):
    src = tmp_path / "in.yaml"
    src.write_text(text, encoding="utf-8")
    return src


def test_alias_bomb_fails_fast_without_echoing(cli, tmp_path):
    lines = ["profile: quarterly", 'a0: &a0 "学学学学学学学学学学"']
    for k in range(1, 10):
        lines.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 9) + "]")
    lines.append("organ: *a9")
    text = "\n".join(lines) + "\n"
    assert len(text.encode()) < 1024
    src = write(tmp_path, text)
    out = tmp_path / "out.txt"
    code, stdout, err = cli("draft", src, "-o", out)
    assert_input_error(code, stdout, err, out, "不支持YAML锚点和别名")
    assert "第2行" in err and len(err) < 300


YAML_ERRORS = [
    ("tab", "profile: quarterly\nperiod:\n\tyear: 2022\n", "（第3行第1列）：不能用制表符（Tab）"),
    ("unclosed-quote", 'organ: "中共某局党组\naddressee: 市纪委\n', "引号没有闭合"),
    ("bad-indent", "period:\n  year: 2022\n quarter: 1\n", "（第3行第2列）：缩进不一致"),
    ("colon-in-value", "organ: 中共某局党组: 办公室\n", "（第1行第14列）：此处不能出现“: ”"),
    ("duplicate-key", "organ: 甲\norgan: 乙\n", "（第2行第1列）：键“organ”在同一层重复出现"),
    ("unclosed-bracket", "work: [a, b\n", "方括号列表 [ ] 没有正确闭合"),
    ("python-tag", "organ: !!python/object/apply:os.system ['echo x']\n", "不支持的YAML标签"),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in YAML_ERRORS], ids=[c[0] for c in YAML_ERRORS])
def test_yaml_errors_are_chinese_with_position(cli, tmp_path, text, expected):
    src = write(tmp_path, text)
    out = tmp_path / "out.txt"
    code, stdout, err = cli("draft", src, "-o", out)
    assert_input_error(code, stdout, err, out, expected)
    assert "YAML格式错误" in err
    assert not any(w in err for w in ("found", "expected", "while scanning", "mapping values"))


def test_chinese_theme_and_category_names(cli, tmp_path):
    data = copy.deepcopy(BASE)
    data["work"][0]["theme"] = "理论学习"
    data["problems"][0]["category"] = "政治建设与理论武装"
    data["measures"][0]["theme"] = "理论学习"
    code, _, err, out = run_draft(cli, tmp_path, data, suffix=".txt")
    assert code == 0, err
    from report_nlp.drafter import draft

    assert draft(data) == draft(BASE)


def test_all_input_errors_reported_at_once(cli, tmp_path):
    data = copy.deepcopy(BASE)
    del data["organ"]
    data["work"][0]["theme"] = "stduy"
    data["work"][1]["items"][0]["theme"] = "xuexi"
    data["problems"][0]["category"] = "politics"
    data["period"]["quarter"] = 5
    code, stdout, err, out = run_draft(cli, tmp_path, data)
    assert_input_error(code, stdout, err, out, "输入有5处错误")
    for path in ("organ: 缺少必填字段", "work[0].theme: 未知主题“stduy”", "work[1].items[0].theme: 未知主题“xuexi”",
                 "problems[0].category: 未知问题类别“politics”", "period.quarter: 季度应为1—4"):
        assert path in err, err


def test_problems_without_id_are_numbered(cli, tmp_path):
    data = copy.deepcopy(BASE)
    data["problems"] = [{"category": "political_study", "text": "学习自觉性不高"},
                        {"category": "cadre_discipline", "text": "个别干部迟到早退"}]
    data["measures"] = [{"answers": [1], "theme": "study", "text": "落实中心组学习制度"},
                        {"answers": [2], "theme": "cadres", "text": "严格考勤管理"}]
    code, _, err, out = run_draft(cli, tmp_path, data, suffix=".txt")
    assert code == 0, err
    assert "没有对应的整改措施" not in err
    text = out.read_text(encoding="utf-8")
    assert "学习自觉性不高" in text and "个别干部迟到早退" in text


def test_self_check_says_where_each_placeholder_is(cli, tmp_path):
    data = copy.deepcopy(BASE)
    del data["date"]
    data["work"][0]["items"][0]["text"] = "中心组集中学习{学习次数}次"
    code, _, err, out = run_draft(cli, tmp_path, data, suffix=".txt")
    assert code == 0, err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "草稿中有2处【待填：…】需要补全" in err
    for number, line in enumerate(lines, 1):
        column = line.find("【待填：")
        if column >= 0:
            slot = line[column:line.index("】", column) + 1]
            assert f"自查：第{number}段第{column + 1}字：{slot}" in err, err


def test_title_breaks_between_words():
    from report_nlp.drafter.titles import title_lines

    title = "中共临江市市场监督管理局党组关于2023年度落实全面从严治党主体责任情况的报告"
    lines = title_lines(title, 20)
    assert "".join(lines) == title and len(lines) == 2
    assert not any(line.endswith("2023年") for line in lines)  # never “2023年 / 度”
    assert lines == ["中共临江市市场监督管理局党组关于2023年度", "落实全面从严治党主体责任情况的报告"]
    quarterly = title_lines("中共临江市统计局党组关于2022年第一季度党风廉政建设工作情况的报告", 20)
    assert all("2022年第一季度" in line or "2022" not in line for line in quarterly)
    assert title_lines("短标题的报告", 20) == ["短标题的报告"]


def test_docx_title_has_a_line_break_at_a_word_boundary(cli, tmp_path):
    import zipfile

    data = copy.deepcopy(BASE)
    data.update(profile="responsibility", organ="中共临江市市场监督管理局党组", period={"year": 2023})
    code, _, err, out = run_draft(cli, tmp_path, data)
    assert code == 0, err
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    first = xml[xml.index("<w:p>"):xml.index("</w:p>")]
    assert "<w:t>中共临江市市场监督管理局党组关于2023年度</w:t><w:br/><w:t>落实全面从严治党主体责任情况的报告</w:t>" in first
    code, stdout, _ = cli("check", out, "--fail-on", "error")
    assert code == 0, stdout
