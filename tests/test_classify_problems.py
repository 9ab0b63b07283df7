"""classify(): categories, tags, alternatives; the problems@1 JSON."""
from __future__ import annotations

import json

from report_nlp.tagger import ProblemLabel, classify, problem_items, problems_json, tag
from report_nlp.io import load
from report_nlp.segmenter import segment
from report_nlp.taxonomy import taxonomy

from .conftest import REFERENCE


def _reference_problems() -> list[str]:
    return [text for _, text in problem_items(tag(segment(load(REFERENCE))))]


def test_reference_problem_items_are_the_two_statements():
    texts = _reference_problems()
    assert len(texts) == 2
    assert texts[0].startswith("一是在对") and texts[1].startswith("二是抓工作纪律")


def test_reference_problems_are_classified_as_in_taxonomy():
    first, second = classify(_reference_problems())
    assert first.category == "political_study"
    assert second.category == "cadre_discipline"
    assert "work" in second.discipline


def test_labels_carry_confidence_and_two_alternatives():
    (label,) = classify(["个别干部违规收受管理服务对象礼品礼金，节日期间公车私用现象仍有发生。"])
    assert isinstance(label, ProblemLabel)
    assert label.category == "hedonism_extravagance"
    assert 0.0 < label.confidence <= 1.0
    assert len(label.alternatives) == 2
    assert all(c != label.category and 0.0 <= p <= label.confidence for c, p in label.alternatives)
    assert set(label.discipline) <= set(taxonomy().disciplines)
    assert set(label.sifeng) <= set(taxonomy().sifeng)


def test_problems_json_schema():
    data = problems_json(classify(["“三会一课”制度落实不规范，组织生活会批评和自我批评辣味不足。"]))
    assert data["schema"] == "report-nlp/problems@1"
    (item,) = data["items"]
    assert set(item) == {"text", "category", "confidence", "discipline", "sifeng", "alternatives"}
    assert item["category"] in taxonomy().categories and item["category"] == "org_life"
    assert isinstance(item["discipline"], list) and isinstance(item["sifeng"], list)
    assert [set(a) for a in item["alternatives"]] == [{"category", "confidence"}] * 2


def test_cli_classify_a_whole_report(cli):
    code, out, _ = cli("classify", REFERENCE, "--format", "json")
    assert code == 0
    cats = [x["category"] for x in json.loads(out)["items"]]
    assert cats == ["political_study", "cadre_discipline"]


def test_cli_classify_lines_table(cli, tmp_path):
    path = tmp_path / "problems.txt"
    path.write_text("选人用人把关不严，个别干部带病提拔。\n\n巡察反馈问题整改不彻底，屡查屡犯。\n", encoding="utf-8")
    code, out, _ = cli("classify", path)
    assert code == 0
    lines = out.splitlines()
    assert "类别" in lines[0]
    assert "干部选拔任用与队伍建设" in out and "问题整改与长效机制" in out


def test_cli_classify_empty_file_is_an_input_error(cli, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n", encoding="utf-8")
    code, _, err = cli("classify", path)
    assert code == 3 and err.strip()
