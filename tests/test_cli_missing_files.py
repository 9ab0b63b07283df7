"""Issue 11 item 21: a missing or unreadable file gives exit 3 and one Chinese line for every
command (never click's half-English usage error with exit 2, never a traceback)."""
import builtins
import errno
from pathlib import Path

import docx
import pytest

from .conftest import REFERENCE

EXAMPLE_INPUT = Path(__file__).resolve().parents[1] / "examples" / "quarterly-2022q1.yaml"


def missing_cases(tmp_path):
    gone = tmp_path / "无此文件"
    return {
        "segment": ["segment", gone / "a.txt"],
        "tag": ["tag", gone / "a.docx"],
        "classify": ["classify", gone / "a.txt"],
        "check": ["check", gone / "a.txt"],
        "check --fix": ["check", gone / "a.txt", "--fix"],
        "check --config": ["check", REFERENCE, "--config", gone / "c.yaml"],
        "suggest": ["suggest", gone / "a.txt"],
        "suggest --config": ["suggest", REFERENCE, "--config", gone / "c.yaml"],
        "draft": ["draft", gone / "in.yaml"],
        "draft --templates": ["draft", EXAMPLE_INPUT, "--templates", gone],
        "fix-layout": ["fix-layout", gone / "a.docx", "-o", tmp_path / "out.docx"],
        "train": ["train", "--corpus", gone],
        "evaluate": ["evaluate", "--corpus", gone],
        "init": ["init", "-o", gone / "in.yaml"],
        "serve --config": ["serve", "--config", gone / "c.yaml", "--port", "1"],
        "review": ["review", gone],
        "review --previous": ["review", REFERENCE, "--previous", gone],
        "review --units": ["review", REFERENCE, "--units", gone / "units.csv"],
    }


def assert_one_chinese_line(code, out, err):
    assert code == 3, err
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not any(word in err for word in ("Usage", "Error:", "does not exist", "Invalid value"))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err)


def test_every_command_with_a_file_is_covered(tmp_path):
    from report_nlp.cli.app import app

    covered = {name.split()[0] for name in missing_cases(tmp_path)}
    assert covered == {c.name for c in app.registered_commands} - {"rules"}  # rules reads no file


@pytest.mark.parametrize("case", list(missing_cases(Path("."))))
def test_missing_file(cli, tmp_path, case):
    args = missing_cases(tmp_path)[case]
    assert_one_chinese_line(*cli(*args))


@pytest.fixture
def unreadable(monkeypatch):
    """Files opened for reading under these names fail as without read permission (tests may
    run as root, for whom chmod 000 does not stop reading)."""
    names: set[str] = set()
    real_open = builtins.open

    def guarded(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, Path)) and Path(file).name in names and "r" in mode:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    return names


def make_docx(path):
    d = docx.Document()
    d.add_paragraph("一、工作开展情况")
    d.save(str(path))


@pytest.mark.parametrize("command", ["segment", "tag", "classify", "check", "suggest"])
@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_unreadable_file(cli, tmp_path, unreadable, command, suffix):
    path = tmp_path / f"锁定{suffix}"
    if suffix == ".docx":
        make_docx(path)
    else:
        path.write_text("一、工作开展情况\n", encoding="utf-8")
    unreadable.add(path.name)
    code, out, err = cli(command, path)
    assert_one_chinese_line(code, out, err)
    assert "无法读取文件（没有权限）" in err and "Permission denied" not in err


def test_unreadable_file_in_a_batch_is_reported_per_file(cli, tmp_path, unreadable):
    import json

    (tmp_path / "a.txt").write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_text("一、工作开展情况\n", encoding="utf-8")
    unreadable.add("b.txt")
    code, out, _ = cli("check", tmp_path, "--format", "json")
    files = json.loads(out)["files"]
    assert code == 3 and files[1]["error"]["code"] == "E101" and "没有权限" in files[1]["error"]["message"]


def test_unreadable_fix_layout_input(cli, tmp_path, unreadable):
    path = tmp_path / "锁定.docx"
    make_docx(path)
    unreadable.add(path.name)
    code, out, err = cli("fix-layout", path, "-o", tmp_path / "out.docx")
    assert code == 3 and "Traceback" not in err and any("\u4e00" <= ch <= "\u9fff" for ch in err)
