"""Read a drafting input file (.yaml/.yml or .json) into plain Python data.

YAML goes through :func:`report_nlp.user_yaml.parse_user_yaml` (safe loader, no
anchors/aliases, Chinese errors with line and column), the same as configs and wording files.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import InvalidData, TooLarge, UnsupportedFormat
from ..user_yaml import parse_user_yaml

#: An input describes one report; anything larger is a mistake (or an attack on the parser).
MAX_INPUT_BYTES = 2 * 1024 * 1024
SUFFIXES = (".yaml", ".yml", ".json")


def read_inputs(path: str | Path) -> Any:
    from ..io import require_file

    p = require_file(path)
    name = str(path)
    if p.suffix.lower() not in SUFFIXES:
        raise UnsupportedFormat("起草输入应为 .yaml、.yml 或 .json 文件", path=name)
    if p.stat().st_size > MAX_INPUT_BYTES:
        raise TooLarge("输入文件过大（上限2 MB）", path=name)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InvalidData("输入文件应为UTF-8编码，请另存为UTF-8后重试", path=name) from e
    if not text.strip():
        raise InvalidData("输入文件为空", path=name)
    if p.suffix.lower() == ".json":
        return parse_json(text, name)
    return parse_yaml(text, name)


def parse_json(text: str, name: str = "<输入>") -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InvalidData(f"JSON格式错误（第{e.lineno}行第{e.colno}列）：{e.msg}", path=name) from e


def parse_yaml(text: str, name: str = "<输入>") -> Any:
    return parse_user_yaml(text, name)
