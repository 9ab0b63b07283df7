"""What a reviewer flags in the reference report (tests/fixtures/reference.txt), and nothing a careful
reviewer would call false."""
import json

from report_nlp.checker import check
from report_nlp.io import load
from report_nlp.segmenter import segment

from .conftest import REFERENCE


def findings():
    return check(segment(load(REFERENCE))).findings


def test_profile_is_quarterly():
    assert check(segment(load(REFERENCE))).profile.id == "quarterly"


def test_missing_parts():
    missing = sorted(f.data["part"] for f in findings() if f.rule == "STR001")
    assert missing == ["closing", "date", "next_steps", "signature", "title"]


def test_placeholders_each_flagged():
    text = REFERENCE.read_text(encoding="utf-8")
    flagged = [f for f in findings() if f.rule == "PLH001"]
    assert len(flagged) == text.count("*") == 9
    assert all(text[f.span.start:f.span.end] == "*" for f in flagged)


def test_three_half_width_commas():
    commas = [f for f in findings() if f.rule == "PUN001"]
    assert len(commas) == 3 and all(f.fix[1] == "，" for f in commas)


def test_doubled_character():
    text = REFERENCE.read_text(encoding="utf-8")
    typ = [f for f in findings() if f.rule == "TYP001"]
    assert [text[f.span.start - 5:f.span.end] for f in typ] == ["党史学习教育育"]


def test_two_problems_without_measure():
    par = [f for f in findings() if f.rule == "PAR001"]
    assert [f.data["category"] for f in par] == ["political_study", "cadre_discipline"]


def test_no_other_findings():
    expected = {"STR001", "PLH001", "PUN001", "TYP001", "TYP002", "PAR001"}
    assert {f.rule for f in findings()} <= expected


def test_json_output(cli):
    code, out, err = cli("check", REFERENCE, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["schema"] == "report-nlp/findings@1"
    f = data["files"][0]
    assert f["profile"] == "quarterly" and f["summary"]["error"] >= 15
    text = REFERENCE.read_text(encoding="utf-8")
    for item in f["findings"]:
        assert text[item["start"]:item["end"]] == item["match"]
        assert item["line"] >= 1 and item["column"] >= 1 and isinstance(item["paragraph"], int)
    assert any(x["rule"] == "STR001" and x["data"]["part"] == "next_steps" for x in f["findings"])


def test_sarif_and_fail_on(cli):
    code, out, _ = cli("check", REFERENCE, "--format", "sarif", "--fail-on", "never")
    assert code == 0
    data = json.loads(out)
    assert data["version"] == "2.1.0" and data["runs"][0]["results"]


def test_suggest_reference(cli):
    code, out, _ = cli("suggest", REFERENCE, "--format", "json")
    assert code == 0
    data = json.loads(out)
    by_key = {s["key"]: s for s in data["suggestions"]}
    nxt = by_key["next_steps"]["text"]
    # The quarterly drafter's form (templates/quarterly): 下一季度工作打算, a lead-in, 一是/二是.
    assert nxt.startswith("五、下一季度工作打算\n针对上述问题")
    assert "一是" in nxt and "二是" in nxt and "学习" in nxt and "考勤" in nxt
    for part in ("closing", "signature", "date", "title"):
        assert part in by_key
    assert by_key["closing"]["text"] == "特此报告。"


def test_suggest_uses_the_profile_form(cli, tmp_path):
    """An annual report missing its 下一步打算 gets it in the annual drafter's （一） form."""
    text = ("中共某市民政局党组关于2023年度党风廉政建设工作情况的报告\n市纪委：\n"
            "2023年，局党组认真履行主体责任。现将有关情况报告如下：\n一、工作开展情况\n"
            "（一）压实主体责任。党组召开会议专题研究党风廉政建设4次，签订责任书36份。\n"
            "（二）强化日常监督。开展谈心谈话56人次，排查廉政风险点42个。\n"
            "（三）纠治“四风”。元旦春节前开展明察暗访3次，严格落实中央八项规定精神。\n"
            "二、存在的问题\n个别干部纪律观念淡薄，存在上班时间串岗、迟到早退现象。\n"
            "特此报告。\n中共某市民政局党组\n2024年1月10日\n")
    path = tmp_path / "annual.txt"
    path.write_text(text, encoding="utf-8")
    code, out, _ = cli("suggest", path, "--format", "json")
    nxt = {s["key"]: s for s in json.loads(out)["suggestions"]}["next_steps"]["text"].splitlines()
    assert nxt[0] == "三、2024年工作打算"  # the annual wording: {next}工作打算
    assert nxt[1].startswith("（一）") and "考勤" in nxt[1]
