import json

from .conftest import REFERENCE


def test_segment_json_schema(cli):
    code, out, err = cli("segment", REFERENCE, "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["schema"] == "report-nlp/document@1"
    assert len(data["paragraphs"]) == 15
    text = REFERENCE.read_text(encoding="utf-8")
    for para in data["paragraphs"]:
        assert text[para["start"]:para["end"]] == para["text"]
        assert para["part"] is None and para["theme"] is None
        for item in para["items"]:
            assert text[item["start"]:item["end"]] == item["text"]
    assert [i["marker"] for i in data["paragraphs"][14]["items"]] == ["一是", "二是"]


def test_segment_tree(cli):
    code, out, _ = cli("segment", REFERENCE)
    assert code == 0
    assert out.splitlines()[0].endswith("15段")
    assert "└ 一是" in out


def test_version_and_help(cli):
    code, out, _ = cli("--version")
    assert code == 0 and out.startswith("report-nlp ")
    code, out, _ = cli("--help")
    assert code == 0 and "报告" in out and "segment" in out


def test_help_and_usage_errors_are_chinese(cli):
    code, out, _ = cli("check", "--help")
    assert code == 0 and "用法：" in out and "选项：" in out and "显示本帮助并退出。" in out
    assert "Show this message" not in out and "Usage:" not in out
    code, out, err = cli("segment")
    assert code == 2 and out == "" and "错误：缺少参数" in err and "Error" not in err
    code, out, err = cli("check", "--format", "xml", "x.txt")
    assert code == 2 and "的值无效" in err


def test_json_stdout_is_never_translated(cli):
    code, out, _ = cli("segment", REFERENCE, "--format", "json")
    assert code == 0 and json.loads(out)["schema"] == "report-nlp/document@1"
