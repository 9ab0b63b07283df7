"""Docs that tests keep honest: the rule catalogue is current, every command is in the README."""
import pathlib

from report_nlp.checker.catalogue import catalogue_markdown

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_rules_md_is_current():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == catalogue_markdown(), \
        "docs/rules.md 已过期：运行 report-nlp rules --format markdown > docs/rules.md"


def test_every_command_in_readme():
    from report_nlp.cli.app import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name for c in app.registered_commands]
    assert names
    for name in names:
        assert f"report-nlp {name}" in readme, f"README 未介绍命令 {name}"
