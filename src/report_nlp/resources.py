"""The one module that reads package data (labels, rules, profiles, dictionary, models)."""
from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

PACKAGE = "report_nlp"


def data_path(*parts: str) -> Path:
    """Path of a file under ``report_nlp/data`` (installed or in the source tree)."""
    return Path(str(resources.files(PACKAGE).joinpath("data"))).joinpath(*parts)


def read_text(*parts: str) -> str:
    return data_path(*parts).read_text(encoding="utf-8")


#: libyaml's safe loader when PyYAML was built with it (same safe subset, ~10x faster on the
#: lexicons, which matters for cold start); the pure-Python SafeLoader otherwise.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=None)
def load_yaml(*parts: str) -> Any:
    """Parse a package YAML file once, with a safe loader only."""
    return yaml.load(read_text(*parts), Loader=_SAFE_LOADER)  # noqa: S506 - a SafeLoader


def models_dir() -> Path:
    """Where the shipped models live: ``report_nlp/models`` inside an installed package.

    The repository keeps them once, at top-level ``models/``; pyproject.toml maps that folder
    into the package, and a source or editable checkout reads it directly.
    """
    inside = Path(str(resources.files(PACKAGE).joinpath("models")))
    if inside.is_dir() and any(inside.glob("*.json")):
        return inside
    return Path(__file__).resolve().parents[2] / "models"
