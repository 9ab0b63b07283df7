"""User template folders under hostile input (issue 11, item 10): nothing outside the folder is
read, and loops, values, output, recursion and wording.yaml aliases are bounded (exit 3)."""
import os

import pytest

from .test_draft_errors import BASE, assert_input_error, run_draft


def folder_with(tmp_path, files: dict[str, str]):
    folder = tmp_path / "tpl"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_symlink_out_of_the_folder_is_refused(cli, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:机密内容\n", encoding="utf-8")
    folder = folder_with(tmp_path, {})
    (folder / "title.j2").symlink_to(secret)
    code, stdout, err, out = run_draft(cli, tmp_path, BASE, "--templates", folder, suffix=".txt")
    assert_input_error(code, stdout, err, out, "模板“title.j2”指向模板文件夹之外")
    assert "机密内容" not in err


@pytest.mark.skipif(not os.path.exists("/etc/passwd"), reason="needs /etc/passwd")
def test_symlink_to_etc_passwd_is_refused(cli, tmp_path):
    folder = folder_with(tmp_path, {})
    (folder / "work.j2").symlink_to("/etc/passwd")
    assert_input_error(*run_draft(cli, tmp_path, BASE, "--templates", folder, suffix=".txt"), "指向模板文件夹之外")


def test_symlinked_wording_out_of_the_folder_is_refused(cli, tmp_path):
    outside = tmp_path / "w.yaml"
    outside.write_text("parts: {work: 外部文字}\n", encoding="utf-8")
    folder = folder_with(tmp_path, {})
    (folder / "wording.yaml").symlink_to(outside)
    assert_input_error(*run_draft(cli, tmp_path, BASE, "--templates", folder), "用语文件指向模板文件夹之外")


def test_symlink_inside_the_folder_is_fine(cli, tmp_path):
    folder = folder_with(tmp_path, {"my_title.txt": "{{ organ }}关于{{ period.text }}工作情况的报告\n"})
    (folder / "title.j2").symlink_to(folder / "my_title.txt")
    code, _, err, out = run_draft(cli, tmp_path, BASE, "--templates", folder, suffix=".txt")
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("中共临江市统计局党组关于2022年第一季度工作情况的报告\n")


def test_include_with_dotdot_is_refused(cli, tmp_path):
    (tmp_path / "x.j2").write_text("外面\n", encoding="utf-8")
    folder = folder_with(tmp_path, {"title.j2": '{% include "../x.j2" %}\n'})
    assert_input_error(*run_draft(cli, tmp_path, BASE, "--templates", folder), "找不到模板")


BOMBS = [
    ("nested-loops", "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}",
     "模板循环次数超过上限"),
    ("huge-range", "{% for a in range(10**9) %}{% endfor %}", "range 过大"),
    ("string-product", "{{ 'x' * 10**9 }}", "乘法会生成过大的值"),
    ("power", "{{ 10 ** 10 ** 8 }}", "乘方结果过大"),
    ("doubling", "{% set ns2 = namespace(s='x' * 1000) %}{% for i in range(40) %}{% set ns2.s = ns2.s ~ ns2.s %}"
                 "{% endfor %}", "过大"),
    ("replace", "{% set s = 'x' * 100000 %}{{ s|replace('x', s) }}", "replace 会生成过大的文本"),
    ("method-replace", "{% set s = 'x' * 100000 %}{{ s.replace('x', s) }}", "replace 会生成过大的文本"),
    ("center", "{{ 'x'|center(10**9) }}", "参数"),
    ("format-width", "{{ '{:>999999999}'.format(1) }}", "格式宽度过大"),
    ("output", "{% for i in range(5000) %}{{ 'x' * 1000 }}{% endfor %}", "模板生成的文本超过上限"),
    ("self-include", '{% include "title.j2" %}', "模板嵌套过深"),
]


@pytest.mark.parametrize("template,expected", [b[1:] for b in BOMBS], ids=[b[0] for b in BOMBS])
def test_rendering_is_bounded(cli, tmp_path, template, expected):
    folder = folder_with(tmp_path, {"title.j2": template + "\n"})
    assert_input_error(*run_draft(cli, tmp_path, BASE, "--templates", folder), expected)


def test_wording_alias_bomb_is_refused(cli, tmp_path):
    lines = ['a0: &a0 "学学学学学学学学学学"']
    for k in range(1, 10):
        lines.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 9) + "]")
    folder = folder_with(tmp_path, {"wording.yaml": "\n".join(lines) + "\n"})
    code, stdout, err, out = run_draft(cli, tmp_path, BASE, "--templates", folder)
    assert_input_error(code, stdout, err, out, "不支持YAML锚点和别名")
    assert "[E111]" in err and len(err) < 300


def test_ordinary_loops_still_render(cli, tmp_path):
    folder = folder_with(tmp_path, {"title.j2": "{% for i in range(3) %}{{ i }}{% endfor %}{{ organ ~ '报告' }}\n"})
    code, _, err, out = run_draft(cli, tmp_path, BASE, "--templates", folder, suffix=".txt")
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("012中共临江市统计局党组报告\n")
