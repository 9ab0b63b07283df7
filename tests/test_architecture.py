"""The package's seams (README: 结构): io/ and checker/ never import each other; layout/ reads
Word files through io/ and never imports the checker; only training/ imports scikit-learn."""
from __future__ import annotations

import ast
import pathlib

import pytest

SRC = pathlib.Path(__file__).resolve().parents[1] / "src" / "report_nlp"


def imported(package: str) -> set[str]:
    """Every module the files of ``package`` import, as absolute dotted names."""
    found = set()
    for path in (SRC / package).rglob("*.py"):
        parts = ("report_nlp",) + path.relative_to(SRC).with_suffix("").parts
        package_parts = list(parts[:-1])  # the package a module (or an __init__) belongs to
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package_parts[: len(package_parts) - (node.level - 1)]
                    name = ".".join(base + ([node.module] if node.module else []))
                else:
                    name = node.module or ""
                found.add(name)
    return found


@pytest.mark.parametrize("package,forbidden", [
    ("io", "report_nlp.checker"), ("checker", "report_nlp.io"), ("layout", "report_nlp.checker"),
])
def test_no_import_across_the_seam(package, forbidden):
    bad = sorted(m for m in imported(package) if m == forbidden or m.startswith(forbidden + "."))
    assert not bad, f"{package}/ imports {bad}"


def test_only_training_imports_scikit_learn():
    for package in [p.name for p in SRC.iterdir() if p.is_dir() and p.name not in ("training", "__pycache__", "data", "models")]:
        assert not any(m.split(".")[0] in ("sklearn", "scipy") for m in imported(package)), package
