"""The example inputs draft to complete reports: parts in order, numbering right, no doubled
punctuation, no empty headings, and the structure survives a round trip through the loader."""
import pathlib
import re

import pytest
import yaml

from report_nlp.cli.draft_cmds import _self_check
from report_nlp.drafter import draft, make_draft, write_output
from report_nlp.io import load
from report_nlp.segmenter import segment
from report_nlp.segmenter.markers import cn_to_int

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"
NAMES = ["quarterly-2022q1", "annual-responsibility-2023", "shuze-shulian-2023"]
CN_ORDINAL = re.compile(r"[一二三四五六七八九十]+")
SHI = [f"{c}是" for c in "一二三四五六七八九十"]


def inputs(name):
    return yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))


def ordinal(marker):
    return cn_to_int(CN_ORDINAL.search(marker).group(0)) if CN_ORDINAL.search(marker) else int(re.search(r"\d+", marker).group(0))


@pytest.mark.parametrize("name", NAMES)
def test_example_drafts_and_matches_committed_text(name):
    text = draft(inputs(name))
    committed = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    assert text == committed, "examples/*.txt is stale: redraft with report-nlp draft"
    for suffix in (".md", ".docx"):
        assert (EXAMPLES / f"{name}{suffix}").is_file()


@pytest.mark.parametrize("name", NAMES)
def test_elements_in_order(name):
    raw = inputs(name)
    lines = draft(raw).splitlines()
    shuze = raw["profile"] == "shuze_shulian"
    assert lines[0].endswith("述责述廉报告" if shuze else "的报告")
    assert not re.search(r"[。，；：！？]$", lines[0])
    assert lines[1] == ("各位领导、同志们：" if shuze else raw["addressee"] + "：")
    assert lines[2].endswith("现将有关情况报告如下：")
    assert lines[-3] == ("以上报告，请予评议。" if shuze else "特此报告。")
    assert ("特此报告" in "".join(lines)) is not shuze
    assert lines[-2] == (raw["author"]["name"] if shuze else raw["organ"])
    assert re.fullmatch(r"20\d\d年[1-9]\d?月[1-9]\d?日", lines[-1])
    problems = next(i for i, line in enumerate(lines) if re.match(r"[一二三四五六七八九十]+、存在的问题", line))
    plans = next(i for i, line in enumerate(lines) if re.match(r"[一二三四五六七八九十]+、.*(打算|努力方向)$", line))
    assert 3 < problems < plans < len(lines) - 3


@pytest.mark.parametrize("name", NAMES)
def test_numbering_consecutive(name):
    doc = segment(draft(inputs(name)), tokens=False)
    expected = {}  # level → next ordinal, reset when a higher level appears
    series = 0  # 一是 paragraphs one per line
    for para in doc.paragraphs:
        if para.level in (1, 2, 3, 4) and para.marker:
            assert ordinal(para.marker) == expected.get(para.level, 1), doc.para_text(para)
            expected[para.level] = ordinal(para.marker) + 1
            for deeper in range(para.level + 1, 6):
                expected.pop(deeper, None)
            series = 0
        if para.kind == "item":
            series += 1
            assert para.marker == SHI[series - 1], doc.para_text(para)
        else:
            series = 0
        markers = [i.marker for i in para.items]
        if markers and markers[0].endswith("是"):
            assert markers == SHI[: len(markers)], doc.para_text(para)


@pytest.mark.parametrize("name", NAMES)
def test_no_doubled_punctuation_no_empty_headings(name):
    raw = inputs(name)
    text = draft(raw)
    assert not re.search(r"[。，、；：！？][。，、；：！？]", text)
    assert "【待填" not in text and "{" not in text and "×" not in text
    assert _self_check(text, raw["profile"]) == []


def expected_headings(raw):
    """Work headings in the order the profile places them (述廉 sections after 述责)."""
    work = raw["work"]
    if raw["profile"] == "shuze_shulian":
        work = [s for s in work if s["theme"] != "self_discipline"] + [s for s in work if s["theme"] == "self_discipline"]
    return [s["heading"] for s in work]


def headings(doc):
    """(level, heading text without marker or final 。) for every heading, standalone or run-in."""
    out = []
    for para in doc.paragraphs:
        if para.level and para.heading is not None:
            text = doc.slice(para.heading)[len(para.marker):].rstrip("。")
            out.append((para.level, text))
    return out


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx"])
@pytest.mark.parametrize("name", NAMES)
def test_round_trip_structure(name, suffix, tmp_path):
    raw = inputs(name)
    path = tmp_path / f"draft{suffix}"
    write_output(draft(raw), path)
    doc = segment(load(path), tokens=False)
    found = headings(doc)
    want = expected_headings(raw)
    work_level = 1 if raw["profile"] == "quarterly" else 2
    got = [text for level, text in found if level == work_level and text in want]
    assert got == want
    titles = [text for _, text in found]
    # every work heading comes before the problems part, which comes before the measures
    problems = next(i for i, t in enumerate(titles) if t.startswith("存在的问题"))
    assert max(titles.index(h) for h in want) < problems
    at = doc.text.index("存在的问题")
    for m in raw.get("measures", []):
        if "heading" in m:  # a heading (（一）) or an item's lead phrase (一是), after the problems
            assert doc.text.index(m["heading"] + "。") > at
    assert sum(len(p.items) for p in doc.paragraphs) + sum(p.kind == "item" for p in doc.paragraphs) > 0


@pytest.mark.parametrize("profile", ["quarterly", "half_year", "annual", "responsibility", "shuze_shulian", "special"])
def test_every_profile_drafts_from_its_init_example(cli, tmp_path, profile):
    src = tmp_path / "in.yaml"
    code, _, _ = cli("init", "--profile", profile, "-o", src)
    assert code == 0 and src.read_text(encoding="utf-8").startswith("# 起草输入示例")
    result = make_draft(yaml.safe_load(src.read_text(encoding="utf-8")))
    assert result.profile == profile
    # The init example keeps ×× in names for the user to fill in; the self-check must say so,
    # and find nothing else.
    lines = _self_check(result.text, profile)
    assert any("PLH001" in line and "××" in line for line in lines)
    assert [line for line in lines if "PLH001" not in line] == []
    code, out, err = cli("draft", src, "-o", tmp_path / "out.docx")
    assert code == 0 and out == "" and "已写入" in err


def test_missing_fact_becomes_placeholder():
    raw = inputs("quarterly-2022q1")
    del raw["facts"]["责任书份数"]
    raw.pop("date")
    text = draft(raw)
    assert "签订党风廉政建设责任书【待填：责任书份数】份" in text
    assert text.splitlines()[-1].startswith("【待填：成文日期")
    assert "草稿中有2处" in _self_check(text, "quarterly")[-1]


def test_missing_problems_and_measures_leave_slots():
    raw = inputs("annual-responsibility-2023")
    for key in ("problems", "measures", "causes"):
        raw.pop(key)
    text = draft(raw)
    assert "【待填：存在的问题，请逐条写明】" in text
    assert "【待填：下一步工作打算及针对上述问题的整改措施】" in text
    assert "原因分析" not in text


def test_docs_example_is_what_the_drafter_writes():
    doc = (EXAMPLES.parent / "docs" / "drafting.md").read_text(encoding="utf-8")
    source = re.search(r"## 4\..*?```yaml\n(.*?)```", doc, re.S).group(1)
    shown = re.search(r"起草结果（`.txt`）：\n\n```text\n(.*?)```", doc, re.S).group(1)
    assert draft(yaml.safe_load(source)) == shown
