"""Issue 11 items 1, 12, 13 and 18: a batch survives any per-file fault; --fix keeps backups,
follows links, respects read-only files, cleans its leftovers, keeps line ends and BOM, and
reports what remains."""
import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import report_nlp.checker as check_pkg
from report_nlp import batch
from report_nlp.kinds import get_profile
from report_nlp.io.files import remove_stale_temps

SRC = Path(__file__).resolve().parents[1] / "src"

REPORT = ("中共某县审计局党组关于2023年第一季度党风廉政建设工作情况的报告\n县纪委：\n"
          "2023年第一季度，局党组认真履行主体责任。现将有关情况报告如下：\n一、工作开展情况\n"
          "开展谈心谈话12人次，下发通报2期。\n二、存在的问题\n个别干部纪律观念淡薄，存在迟到早退现象。\n"
          "三、下一步工作打算\n加强干部日常管理监督，严肃工作纪律，严格考勤和请销假制度。\n特此报告。\n"
          "中共某县审计局党组\n2023年4月6日\n")


@pytest.fixture
def three_files(tmp_path):
    folder = tmp_path / "收文"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(REPORT, encoding="utf-8")
    return folder


@pytest.fixture
def b_crashes(monkeypatch):
    """The checker raises a non-input error (a fault of ours) for b.txt only."""
    real = check_pkg.check

    def flaky(doc, *args, **kwargs):
        if doc.source.endswith("b.txt"):
            raise RuntimeError("模拟的内部故障")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(check_pkg, "check", flaky)


# --- item 1: one bad file must not lose the batch -----------------------------------------

def test_internal_fault_in_one_file_json(cli, three_files, b_crashes):
    code, out, err = cli("check", three_files, "--format", "json", "--fail-on", "never")
    assert code == 3
    files = json.loads(out)["files"]
    assert [Path(f["path"]).name for f in files] == ["a.txt", "b.txt", "c.txt"]
    assert files[1]["error"]["code"] == "E900" and "模拟的内部故障" in files[1]["error"]["message"]
    assert files[1]["findings"] == []
    assert files[0]["profile"] == "quarterly" and files[2]["profile"] == "quarterly"
    assert "Traceback" not in err and "b.txt" in err


def test_internal_fault_in_one_file_sarif(cli, three_files, b_crashes):
    code, out, _ = cli("check", three_files, "--format", "sarif")
    assert code == 3
    run = json.loads(out)["runs"][0]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["descriptor"]["id"] == "E900"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("b.txt")


def test_internal_fault_in_one_file_table(cli, three_files, b_crashes):
    code, out, _ = cli("check", three_files, "--fail-on", "never")
    assert code == 3
    rows = [r for r in out.splitlines() if "\t" in r]
    b_row = next(r for r in rows if r.startswith(str(three_files / "b.txt")))
    assert "无法检查" in b_row and "E900" in b_row
    assert rows[-1].startswith("合计（2个文件，1个无法检查）")


def test_unreadable_file_appears_in_sarif(cli, three_files):
    (three_files / "b.txt").write_bytes(b"\x00\x01\x02" * 50)
    code, out, _ = cli("check", three_files, "--format", "sarif")
    (note,) = json.loads(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert code == 3 and note["descriptor"]["id"] == "E104"


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patched checker reaches workers only by fork")
def test_internal_fault_in_worker_process(cli, three_files, b_crashes):
    code, out, _ = cli("check", three_files, "--jobs", "2", "--format", "json", "--fail-on", "never")
    files = json.loads(out)["files"]
    assert code == 3 and [("error" in f) for f in files] == [False, True, False]


# --- item 18: progress, Chinese kinds, totals, clean pool shutdown ---------------------------

def test_progress_lines_when_stderr_is_not_a_terminal(cli, three_files, monkeypatch):
    monkeypatch.setattr(batch, "PROGRESS_SECONDS", 0.0)
    _, _, err = cli("check", three_files, "--fail-on", "never")
    assert [ln for ln in err.splitlines() if ln.startswith("已检查")] == \
        ["已检查 1/3 个文件", "已检查 2/3 个文件", "已检查 3/3 个文件"]


def test_progress_is_quiet_on_short_runs(cli, three_files):
    _, _, err = cli("check", three_files, "--fail-on", "never")  # far below PROGRESS_SECONDS
    assert "已检查" not in err


def test_batch_table_uses_chinese_kind_names_and_totals(cli, three_files):
    (three_files / "c.txt").write_text(REPORT.replace("加强干部", "加强干部,"), encoding="utf-8")
    code, out, _ = cli("check", three_files, "--fail-on", "never")
    rows = [r.split("\t") for r in out.splitlines() if "\t" in r]
    assert rows[0] == ["文件", "类型", "错误", "疑似", "提示", "缺少部分"]
    kinds = {r[1] for r in rows[1:-1]}
    assert kinds == {get_profile("quarterly").name} and "quarterly" not in out
    body = rows[1:-1]
    assert rows[-1][0] == "合计（3个文件）"
    assert [int(x) for x in rows[-1][2:5]] == [sum(int(r[k]) for r in body) for k in (2, 3, 4)]
    assert int(rows[-1][2]) >= 1  # the half-width comma in c.txt


def test_pool_shuts_down_cleanly(tmp_path):
    for k in range(6):
        (tmp_path / f"r{k}.txt").write_text(REPORT, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(SRC))
    proc = subprocess.run([sys.executable, "-m", "report_nlp", "check", str(tmp_path), "--jobs", "2",
                           "--format", "json", "--fail-on", "never"], capture_output=True, env=env, timeout=300)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 0 and "Traceback" not in err and "Bad file descriptor" not in err
    assert len(json.loads(proc.stdout.decode("utf-8"))["files"]) == 6


# --- item 12: backups, links, read-only files, leftovers, line ends -------------------------

BAD = "开展学习,强化监督。\n"
GOOD = "开展学习，强化监督。\n"


def fix(cli, *args):
    return cli("check", *args, "--profile", "none", "--fix", "--fail-on", "never")


@pytest.mark.parametrize("spelling", ["absolute", "dotdot", "relative"])
def test_fix_onto_itself_however_spelled_keeps_a_backup(cli, tmp_path, monkeypatch, spelling):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    path = tmp_path / "x.txt"
    path.write_text(BAD, encoding="utf-8")
    out = {"absolute": str(path.resolve()), "dotdot": "sub/../x.txt", "relative": "./x.txt"}[spelling]
    code, _, err = fix(cli, "x.txt", "-o", out)
    assert code == 0 and "已修正1处" in err
    assert path.read_text(encoding="utf-8") == GOOD
    assert (tmp_path / "x.txt.bak").read_text(encoding="utf-8") == BAD


def test_fix_onto_a_hard_link_keeps_a_backup(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(BAD, encoding="utf-8")
    other = tmp_path / "y.txt"
    os.link(path, other)
    fix(cli, path, "-o", other)
    assert other.read_text(encoding="utf-8") == GOOD
    assert (tmp_path / "y.txt.bak").read_text(encoding="utf-8") == BAD


def test_second_fix_does_not_overwrite_the_first_backup(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(BAD, encoding="utf-8")
    fix(cli, path)
    path.write_text(GOOD + "加强监督;严肃纪律。\n", encoding="utf-8")
    fix(cli, path)
    assert (tmp_path / "x.txt.bak").read_text(encoding="utf-8") == BAD
    assert (tmp_path / "x.txt.bak.1").read_text(encoding="utf-8") == GOOD + "加强监督;严肃纪律。\n"
    assert path.read_text(encoding="utf-8") == GOOD + "加强监督；严肃纪律。\n"
    fix(cli, path)  # nothing left to fix: no write, no third backup
    assert not (tmp_path / "x.txt.bak.2").exists()


def test_fix_through_a_symlink_writes_the_target_and_keeps_the_link(cli, tmp_path):
    real = tmp_path / "data" / "real.txt"
    real.parent.mkdir()
    real.write_text(BAD, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    code, _, _ = fix(cli, link)
    assert code == 0 and link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == GOOD
    assert (tmp_path / "link.txt.bak").read_text(encoding="utf-8") == BAD


def test_fix_refuses_a_read_only_file(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(BAD, encoding="utf-8")
    path.chmod(0o444)
    code, out, err = fix(cli, path)
    assert code == 3 and "只读" in err and err.count("\n") == 1
    assert path.read_text(encoding="utf-8") == BAD and path.stat().st_mode & 0o777 == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]


def _dead_pid() -> int:
    pid = 999_999
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid -= 1


def test_fix_removes_temp_files_left_by_a_killed_run(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(BAD, encoding="utf-8")
    dead = tmp_path / f".x.txt.rnlp{_dead_pid()}-k1ll3d.tmp"
    old_legacy = tmp_path / ".x.txt.ab12cd34.tmp"
    young_legacy = tmp_path / ".x.txt.zz99yy88.tmp"
    not_ours = tmp_path / ".x.txt.mine.tmp"
    for p in (dead, old_legacy, young_legacy, not_ours):
        p.write_text("半截", encoding="utf-8")
    hour_ago = time.time() - 3600
    os.utime(old_legacy, (hour_ago, hour_ago))
    os.utime(not_ours, (hour_ago, hour_ago))
    fix(cli, path)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([".x.txt.zz99yy88.tmp", ".x.txt.mine.tmp", "x.txt", "x.txt.bak"])


def test_temp_of_a_live_run_is_kept(tmp_path):
    live = tmp_path / f".r.txt.rnlp{os.getppid()}-abc.tmp"
    live.write_text("写入中", encoding="utf-8")
    assert remove_stale_temps(tmp_path, "r.txt") == [] and live.exists()


@pytest.mark.parametrize("bom,newline", [(b"", b"\r\n"), (b"\xef\xbb\xbf", b"\r\n"), (b"\xef\xbb\xbf", b"\n"),
                                         (b"", b"\r")])
def test_fix_keeps_line_ends_and_bom(cli, tmp_path, bom, newline):
    path = tmp_path / "x.txt"
    lines = ["一、工作开展情况", "开展学习,强化监督。", "加强教育;严肃纪律。"]
    path.write_bytes(bom + newline.join(s.encode("utf-8") for s in lines) + newline)
    code, _, err = fix(cli, path)
    assert "已修正2处" in err
    data = path.read_bytes()
    expected = ["一、工作开展情况", "开展学习，强化监督。", "加强教育；严肃纪律。"]
    assert data == bom + newline.join(s.encode("utf-8") for s in expected) + newline


def test_fix_of_gbk_input_writes_utf8(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(BAD.replace("\n", "\r\n").encode("gbk"))
    fix(cli, path)
    assert path.read_bytes() == GOOD.replace("\n", "\r\n").encode("utf-8")
    assert (tmp_path / "x.txt.bak").read_bytes() == BAD.replace("\n", "\r\n").encode("gbk")


# --- item 13: report what remains after fixing ---------------------------------------------

def test_fix_reports_what_remains_and_exits_on_it(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(BAD, encoding="utf-8")
    code, out, err = cli("check", path, "--profile", "none", "--fix", "--format", "json")
    assert code == 0 and "已修正1处" in err  # the only error was fixed
    (entry,) = json.loads(out)["files"]
    assert entry["findings"] == [] and entry["summary"]["error"] == 0


def test_fix_reports_remaining_findings_of_the_fixed_text(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("开展学习,强化监督。请予批准。\n", encoding="utf-8")  # 请示 wording cannot be auto-fixed
    code, out, err = cli("check", path, "--profile", "none", "--fix", "--format", "json", "--fail-on", "warning")
    (entry,) = json.loads(out)["files"]
    rules = [f["rule"] for f in entry["findings"]]
    assert "已修正1处" in err and "PUN001" not in rules and rules
    assert all(f["match"] == path.read_text(encoding="utf-8")[f["start"]:f["end"]] for f in entry["findings"])
    assert code == 1


def test_fix_to_other_output_reports_that_file(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(BAD, encoding="utf-8")
    out_path = tmp_path / "y.txt"
    code, out, _ = cli("check", path, "--profile", "none", "--fix", "-o", out_path)
    assert code == 0 and out.strip() == f"{out_path}：无（自动识别），错误0，疑似0，提示0"
