"""Issue 14: ``report-nlp review`` over an inbox of corpus reports with planted copies,
recurring problems, copied measures, a changed figure and boilerplate."""
from __future__ import annotations

import json
import re

import pytest

from report_nlp.cli import main
from .review_helpers import BOILERPLATE, build


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    base = tmp_path_factory.mktemp("inbox")
    planted = build(base)
    (base / "current" / "损坏.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    # Document text that looks like markup must come out as text.
    hostile = base / "current" / "zz-hostile.txt"
    hostile.write_text("中共石门县审计局党组关于2024年第二季度党风廉政建设工作情况的报告\n县纪委：\n"
                       "一、工作开展情况\n局党组召开会议研究部署党风廉政建设工作，专题学习《条例》2次。\n"
                       "二、存在问题\n一是个别干部<script>alert(1)</script>纪律观念淡薄&，存在迟到早退现象。\n特此报告。\n中共石门县审计局党组\n2024年7月2日\n", encoding="utf-8")
    outs = {k: base / f"review.{k}" for k in ("json", "html", "xlsx")}
    code = main(["review", str(base / "current"), "--previous", str(base / "previous"),
                 *[a for p in outs.values() for a in ("-o", str(p))]])
    payload = json.loads(outs["json"].read_text(encoding="utf-8"))
    return {"base": base, "planted": planted, "code": code, "payload": payload, "outs": outs}


def _copies(payload, kind):
    return [c for c in payload["copies"] if c["kind"] == kind]


def test_unreadable_file_exit_3_rest_reviewed(inbox):
    p = inbox["payload"]
    assert inbox["code"] == 3
    assert [e["path"].endswith("损坏.docx") for e in p["errors"]] == [True]
    assert p["stats"]["reports"] == 13 and p["stats"]["previous_reports"] == 3


def test_units_read_from_reports(inbox):
    units = {r["path"].rsplit("/", 1)[-1][:-4]: r["unit"] for r in inbox["payload"]["reports"] if r["period"] == "current"}
    for rid, unit in inbox["planted"]["units"].items():
        assert units[rid] == unit
    assert units["zz-hostile"] == "中共石门县审计局党组"


def test_every_planted_copy_and_no_boilerplate_pair(inbox):
    p, planted = inbox["payload"], inbox["planted"]
    across = _copies(p, "across_units")
    found = {(frozenset((c["a"]["unit"], c["b"]["unit"])), c["a"]["text"] if c["a"]["text"] in
              [t for _, _, t in planted["copies"]] else c["b"]["text"]) for c in across}
    expected = {(frozenset((a, b)), text) for a, b, text in planted["copies"]}
    assert found == expected  # every planted copy, and nothing else (the boilerplate in six units is not a pair)
    verbatim = [c for c in across if c["verbatim"]]
    near = [c for c in across if not c["verbatim"]]
    assert len(verbatim) == 1 and len(near) == 1 and p["settings"]["copy_threshold"] <= near[0]["similarity"] < 1
    for c in p["copies"]:
        for side in ("a", "b"):
            assert BOILERPLATE not in c[side]["text"] and c[side]["text"] not in ("特此报告。",)
            assert c[side]["spans"] and all(0 <= s < e <= len(c[side]["text"]) for s, e in c[side]["spans"])
    carried = {(c["a"]["unit"], c["a"]["text"]) for c in _copies(p, "previous")}
    for unit, text in planted["previous_copies"]:
        assert (unit, text) in carried


def test_every_planted_recurrence_measure_and_figure(inbox):
    p, planted = inbox["payload"], inbox["planted"]
    for unit, now, before in planted["recurring"]:
        hits = [x for x in p["recurring_problems"] if x["unit"] == unit]
        assert hits and all(x["current"]["text"] in now and x["previous"]["text"] in before for x in hits)
    assert {x["unit"] for x in p["recurring_problems"]} == {u for u, _, _ in planted["recurring"]}
    for unit, measure in planted["measures"]:
        hits = [x for x in p["copied_measures"] if x["unit"] == unit]
        assert hits and all(x["current"]["text"] in measure for x in hits)
    assert {x["unit"] for x in p["copied_measures"]} == {u for u, _ in planted["measures"]}
    (unit, now, before), = planted["figures"]
    conflicts = p["figure_conflicts"]
    assert [(c["unit"], c["current"]["value"], c["previous"]["value"], c["severity"]) for c in conflicts] == \
        [(unit, now, before, "info")]


def test_json_schema(inbox):
    p = inbox["payload"]
    assert p["schema"] == "report-nlp/review@1"
    assert set(p) >= {"settings", "reports", "errors", "completeness", "landscape", "copies", "recurring_problems",
                      "copied_measures", "figures", "figure_conflicts", "stats"}
    assert set(p["settings"]) >= {"shingle", "permutations", "bands", "rows", "copy_threshold", "min_chars",
                                  "boilerplate_units", "problem_similarity", "measure_similarity"}
    row = p["completeness"]["rows"][0]
    assert set(row) >= {"report", "unit", "kind", "kind_name", "parts", "error", "warning", "info"}
    assert set(row["parts"].values()) <= {"present", "missing", "not_required"}
    land = p["landscape"]
    assert sum(c["count"] for c in land["overall"]["category"]) == len(land["statements"]) > 0
    for cell in land["cells"]:
        assert cell["count"] == len(cell["statements"])
        assert all(land["statements"][k]["unit"] == cell["unit"] for k in cell["statements"])
    fig = p["figures"][0]
    assert set(fig) == {"report", "unit", "value", "measure", "context", "anchor", "paragraph"}
    hostile = next(r for r in p["reports"] if r["path"].endswith("zz-hostile.txt"))
    assert any(r["missing_parts"] for r in p["reports"]) and "next_steps" in hostile["missing_parts"]


def test_html_self_contained_and_escaped(inbox):
    page = inbox["outs"]["html"].read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page)
    assert page.count("<svg") == 1 and "<mark>" in page
    for r in inbox["payload"]["reports"]:
        assert f'id="report-{r["id"]}"' in page


def test_xlsx_read_back(inbox):
    from openpyxl import load_workbook

    p = inbox["payload"]
    wb = load_workbook(inbox["outs"]["xlsx"])
    assert wb.sheetnames == ["完整性", "问题分布", "分类汇总", "雷同段落", "反复出现的问题", "照搬的措施", "数字",
                             "数字不一致", "无法读取"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    assert wb["雷同段落"].max_row == 1 + len(p["copies"])
    assert wb["反复出现的问题"].max_row == 1 + len(p["recurring_problems"])
    assert wb["完整性"].max_row == 1 + len(p["completeness"]["rows"])
    assert wb["无法读取"]["C2"].value == p["errors"][0]["code"]
    texts = {c.value for row in wb["雷同段落"].iter_rows(min_row=2) for c in row}
    assert all(text in texts for _, _, text in inbox["planted"]["copies"])


def test_units_mapping_overrides(tmp_path, cli):
    (tmp_path / "a.txt").write_text("中共甲局党组关于2024年第一季度党风廉政建设工作情况的报告\n市纪委：\n特此报告。\n中共甲局党组\n",
                                    encoding="utf-8")
    mapping = tmp_path / "units.csv"
    mapping.write_text("文件,单位\na.txt,甲局（对照表）\n", encoding="utf-8")
    code, out, err = cli("review", tmp_path / "a.txt", "--units", mapping, "--format", "json")
    assert code == 0
    (report,) = json.loads(out)["reports"]
    assert report["unit"] == "甲局（对照表）" and report["unit_source"] == "mapping"
    mapping.write_text("只有一列\n", encoding="utf-8")
    code, out, err = cli("review", tmp_path / "a.txt", "--units", mapping)
    assert code == 3 and err.count("\n") == 1 and "第1行" in err


def test_review_usage_and_input_errors(tmp_path, cli):
    code, _, err = cli("review", tmp_path / "nowhere")
    assert code == 3 and "不存在" in err
    (tmp_path / "empty").mkdir()
    code, _, err = cli("review", tmp_path / "empty")
    assert code == 3 and err.count("\n") == 1
    code, _, err = cli("review", tmp_path / "empty", "-o", tmp_path / "review.pdf")
    assert code == 2 and ".pdf" in err


def test_progress_lines_when_not_a_terminal(tmp_path, monkeypatch, capsys):
    from report_nlp import batch

    monkeypatch.setattr(batch, "PROGRESS_SECONDS", 0.0)
    for k in range(3):
        (tmp_path / f"{k}.txt").write_text(f"中共第{k}局党组关于2024年第一季度党风廉政建设工作情况的报告\n市纪委：\n特此报告。\n",
                                           encoding="utf-8")
    assert main(["review", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "已检查 3/3 个文件" in err


def test_check_output_unchanged_by_extract(tmp_path):
    """The review's extraction rides along in the worker; the check's own outcome is the same."""
    from report_nlp.batch import check_one
    from report_nlp.checker.config import Config
    from report_nlp.review import report_data

    path = tmp_path / "r.txt"
    path.write_text("中共甲局党组关于2024年第一季度党风廉政建设工作情况的报告\n市纪委：\n二、存在问题\n"
                    "一是个别干部纪律观念淡薄，存在迟到早退现象。\n特此报告。\n", encoding="utf-8")
    plain = check_one(str(path), "auto", Config())
    extended = check_one(str(path), "auto", Config(), report_data)
    assert {k: v for k, v in extended.items() if k != "extra"} == plain
    assert extended["extra"]["problems"][0]["category"] == "cadre_discipline"
