"""Configuration, inline directives, --fix, batch runs and the rules command."""
import json

from report_nlp.checker import check_text
from report_nlp.checker.config import load_config

from .conftest import REFERENCE

DRAFT = ("中共某市统计局党组关于2023年第一季度党风廉政建设工作情况的报告\n市纪委：\n"
         "2023年第一季度,局党组认真履行主体责任。现将有关情况报告如下：\n一、工作开展情况\n"
         "开展谈心谈话18人次。。下发通报3期。\n二、存在的问题\n个别干部纪律观念淡薄，存在迟到早退现象。\n"
         "三、下一步工作打算\n加强干部日常管理监督，严肃工作纪律，严格考勤和请销假制度。\n特此报告。\n"
         "中共某市统计局党组\n2023年04月06日\n")


def rules_of(result):
    return sorted(f.rule for f in result.findings)


def test_fix_is_idempotent(cli, tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    code, _, err = cli("check", path, "--fix", "--fail-on", "never")
    assert code == 0 and "已修正3处" in err
    fixed = path.read_text(encoding="utf-8")
    assert "2023年第一季度，局党组" in fixed and "18人次。下发" in fixed and fixed.endswith("2023年4月6日\n")
    assert (tmp_path / "d.txt.bak").read_text(encoding="utf-8") == DRAFT
    cli("check", path, "--fix", "--fail-on", "never")
    assert path.read_text(encoding="utf-8") == fixed


def test_fix_never_touches_numbering(cli, tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("一、工作开展情况\n1、开展学习,强化监督。\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    cli("check", path, "--fix", "-o", out, "--fail-on", "never")
    assert out.read_text(encoding="utf-8") == "一、工作开展情况\n1、开展学习，强化监督。\n"
    assert path.read_text(encoding="utf-8") == "一、工作开展情况\n1、开展学习,强化监督。\n"  # input untouched


def test_config_disables_and_overrides(tmp_path):
    cfg = tmp_path / "report-nlp.yaml"
    cfg.write_text("disable: [PUN, ELM004]\nseverity: {PUN004: info}\n", encoding="utf-8")
    config = load_config(cfg)
    result = check_text(DRAFT, config=config)
    assert "PUN001" not in rules_of(result) and "ELM004" not in rules_of(result)
    assert "PUN004" not in rules_of(result)  # family disabled wins


def test_config_severity(tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("severity: {PUN001: info}\n", encoding="utf-8")
    result = check_text(DRAFT, config=load_config(cfg))
    assert [f.severity for f in result.findings if f.rule == "PUN001"] == ["info"]


def test_config_adds_formulation_and_refuses_bad_entry(tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("formulations:\n  - {correct: 统计督察, wrong: ['统计督查'], severity: warning,"
                   " examples: {bad: ['开展统计督查'], good: ['开展统计督察']}}\n", encoding="utf-8")
    result = check_text("开展统计督查工作。", profile="none", config=load_config(cfg))
    assert [f.severity for f in result.findings if f.rule == "TRM001"] == ["warning"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("typos:\n  - {wrong: '督查', right: 督察, examples: {bad: ['统计检查']}}\n", encoding="utf-8")
    import pytest

    from report_nlp.errors import InvalidData

    with pytest.raises(InvalidData):
        load_config(bad)


def test_inline_directives():
    text = "开展学习,强化监督。\n<!-- report-nlp: disable PUN001 -->\n开展学习,强化监督。\n<!-- report-nlp: enable PUN001 -->\n开展学习,强化监督。\n"
    result = check_text(text, profile="none")
    assert len([f for f in result.findings if f.rule == "PUN001"]) == 2


def test_bad_config_exit_3(cli, tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("disable: [PUN\n", encoding="utf-8")
    code, out, err = cli("check", REFERENCE, "--config", cfg)
    assert code == 3 and out == "" and "YAML" in err


def test_batch_folder_with_unreadable_file(cli, tmp_path):
    (tmp_path / "a.txt").write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text(DRAFT, encoding="utf-8")
    code, out, err = cli("check", tmp_path, "--jobs", "2", "--format", "json")
    data = json.loads(out)
    # issue 11 item 1: the unreadable file is a file entry too (with an error object), in input order
    assert [f["path"].split("/")[-1] for f in data["files"]] == ["a.txt", "b.txt", "c.md"]
    assert data["files"][1]["error"]["code"] == "E103" and data["files"][1]["findings"] == []
    assert "error" not in data["files"][0] and "error" not in data["files"][2]
    assert data["errors"][0]["path"].endswith("b.txt") and "为空" in err
    assert code == 3  # the other files are still checked and reported
    code, out, _ = cli("check", tmp_path, "--fail-on", "never")
    assert "文件\t类型\t错误\t疑似\t提示\t缺少部分" in out


def test_rules_command(cli):
    code, out, _ = cli("rules", "--format", "json")
    ids = [r["id"] for r in json.loads(out)["rules"]]
    assert code == 0 and "PUN001" in ids and "STR001" in ids and ids == sorted(ids)
