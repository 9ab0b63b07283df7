"""Issue 11 items 6 and 19: ``classify`` never drops a statement, says how it read the input,
checks stdin like a file; JSON on stdout is UTF-8 and carries errors as an error@1 object."""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REFERENCE

SRC = Path(__file__).resolve().parents[1] / "src"

# Hand-written statements in the style of 存在问题 lists (a test input for counting rows only).
STATEMENTS = [
    "理论学习不够深入，学用结合不紧密。",
    "个别干部纪律观念淡薄，存在迟到早退现象。",
    "对“一把手”和领导班子监督不够有力。",
    "“三会一课”制度落实不规范，组织生活会辣味不足。",
    "巡察反馈问题整改不彻底，屡查屡犯。",
    "选人用人把关不严，个别干部带病提拔。",
    "主体责任压力传导层层递减。",
    "廉政风险点排查不全面，防控措施针对性不强。",
    "执纪问责偏宽偏软，“四种形态”运用不充分。",
    "文山会海问题依然存在，基层负担较重。",
    "公务接待管理不够规范。",
    "意识形态工作责任制落实不到位。",
    "警示教育形式单一，以案促改效果不明显。",
    "基层党组织战斗堡垒作用发挥不充分。",
    "干部担当作为意识不强，遇到难题绕着走。",
    "一、学习不深入。",  # a single numbered line in a list is still a statement
    "落实中央八项规定精神还有薄弱环节。",
    "财务管理制度执行不严格。",
    "党风廉政建设与业务工作结合不紧。",
    "谈心谈话流于形式。",
    "调查研究不够深入，存在走马观花现象。",
    "对下属单位督促指导不够。",
    "廉洁文化建设载体不多。",
    "制度建设存在短板，个别制度更新不及时。",
    "问题线索处置不够及时。",
    "部分党员发挥先锋模范作用不明显。",
    "执行请销假制度不严格。",
    "督查检查过多过频。",
    "政府采购监管存在漏洞。",
    "作风建设常态化长效化机制不健全。",
]


def three_hundred_lines() -> list[str]:
    lines = []
    for k in range(300):
        base = STATEMENTS[k % len(STATEMENTS)]
        lines.append(base if k < len(STATEMENTS) else f"{base[:-1]}（第{k + 1}条）。")
    return lines


def test_a_list_of_300_gives_300_rows_in_order(cli, tmp_path):
    lines = three_hundred_lines()
    path = tmp_path / "问题清单.txt"
    path.write_text("\n".join(lines[:150]) + "\n\n  \n" + "\n".join(lines[150:]) + "\n", encoding="utf-8")
    code, out, err = cli("classify", path, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["mode"] == "lines"
    assert [x["text"] for x in data["items"]] == lines
    assert "逐行" in err and "300条" in err


def test_text_table_has_one_row_per_line(cli, tmp_path):
    lines = three_hundred_lines()
    path = tmp_path / "问题清单.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    code, out, err = cli("classify", path)
    rows = [r for r in out.splitlines()[1:] if not r.lstrip().startswith("备选")]
    assert code == 0 and len(rows) == 300
    assert [int(r.split()[0]) for r in rows] == list(range(1, 301))
    assert "分类方式：逐行" in err


def test_a_report_is_detected_by_its_headings(cli):
    code, out, err = cli("classify", REFERENCE, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["mode"] == "report" and len(data["items"]) == 2
    assert "存在问题" in err


def test_lines_mode_forced_on_a_report(cli):
    code, out, _ = cli("classify", REFERENCE, "--lines", "--format", "json")
    expected = [ln.strip() for ln in REFERENCE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert code == 0 and [x["text"] for x in json.loads(out)["items"]] == expected


def test_a_report_is_detected_by_its_title(cli, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("中共某县林业局党组关于2023年上半年党风廉政建设工作情况的报告\n县纪委：\n"
                    "上半年，局党组认真履行主体责任。\n存在的问题：一是理论学习不够深入。二是个别干部纪律观念淡薄。\n"
                    "特此报告。\n", encoding="utf-8")
    code, out, _ = cli("classify", path, "--format", "json")
    assert code == 0 and json.loads(out)["mode"] == "report"


def test_report_mode_without_problems_part_is_an_input_error(cli, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("理论学习不够深入。\n个别干部纪律观念淡薄。\n", encoding="utf-8")
    code, out, err = cli("classify", path, "--report")
    assert code == 3 and out == "" and "--lines" in err


def test_lines_and_report_together_is_a_usage_error(cli, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("理论学习不够深入。\n", encoding="utf-8")
    code, _, err = cli("classify", path, "--lines", "--report")
    assert code == 2 and "只能选一个" in err


# --- item 19: stdin gets the file checks; JSON errors on stdout ------------------------------

def feed(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.mark.parametrize("data,code_id", [
    (bytes(range(256)) * 8, "E104"),                                   # binary
    ("理论学习不够深入。\x00\n".encode("utf-8"), "E104"),               # NUL byte
    ("第一行是UTF-8。\n".encode("utf-8") + "第二行是GBK。\n".encode("gbk"), "E105"),  # mixed encodings
    (b"   \n\n", "E103"),                                              # nothing to classify
])
def test_stdin_is_checked_like_a_file(cli, monkeypatch, data, code_id):
    feed(monkeypatch, data)
    code, out, err = cli("classify", "-", "--format", "json")
    assert code == 3 and err.count("\n") == 1 and "Traceback" not in err
    payload = json.loads(out)
    assert payload["schema"] == "report-nlp/error@1" and payload["error"]["code"] == code_id
    assert payload["error"]["message"] in err


def test_stdin_size_limit(cli, monkeypatch):
    monkeypatch.setenv("REPORT_NLP_MAX_MB", "0.001")  # about 1 KB
    feed(monkeypatch, "理论学习不够深入。\n".encode("utf-8") * 200)
    code, out, _ = cli("classify", "-", "--format", "json")
    assert code == 3 and json.loads(out)["error"]["code"] == "E106"


def test_stdin_in_gbk_is_read(cli, monkeypatch):
    feed(monkeypatch, "理论学习不够深入。\n个别干部纪律观念淡薄。\n".encode("gbk"))
    code, out, _ = cli("classify", "-", "--format", "json")
    assert code == 0 and [x["text"] for x in json.loads(out)["items"]] == ["理论学习不够深入。", "个别干部纪律观念淡薄。"]


def test_json_error_object_for_a_missing_file(cli, tmp_path):
    code, out, err = cli("segment", tmp_path / "无此文件.txt", "--format", "json")
    assert code == 3 and json.loads(out)["error"]["code"] == "E101" and "文件不存在" in err


def run_gbk(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(SRC), PYTHONIOENCODING="gbk")
    return subprocess.run([sys.executable, "-m", "report_nlp", *args], input=stdin, capture_output=True,
                          env=env, timeout=300)


def test_json_and_sarif_are_utf8_under_a_gbk_locale():
    for args in (("check", str(REFERENCE), "--format", "json"), ("check", str(REFERENCE), "--format", "sarif"),
                 ("rules", "--format", "json")):
        proc = run_gbk(*args)
        text = proc.stdout.decode("utf-8")  # raises if the bytes are GBK
        assert "错" in text or "缺少" in text
        json.loads(text)
    proc = run_gbk("classify", "-", "--format", "json", stdin="理论学习不够深入。\n".encode("utf-8"))
    assert json.loads(proc.stdout.decode("utf-8"))["items"][0]["text"] == "理论学习不够深入。"


def test_text_output_on_a_gbk_console_does_not_crash(tmp_path):
    path = tmp_path / "报告😀.txt"  # GBK has no emoji: the name cannot be written as is
    path.write_text("开展学习,强化监督。\n", encoding="utf-8")
    proc = run_gbk("check", str(path), "--profile", "none")
    text = proc.stdout.decode("gbk")
    assert proc.returncode == 1 and "PUN001" in text and "报告?.txt" in text
    proc = run_gbk("check", str(path), "--profile", "none", "--format", "json")
    assert json.loads(proc.stdout.decode("utf-8"))["files"][0]["path"] == str(path)
