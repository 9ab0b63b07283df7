"""Read a drafting input file (.yaml/.yml or .json) into plain Python data.

YAML goes through ``yaml.safe_load`` only. Its timestamp resolver builds ``datetime.date``
objects while parsing, so an impossible date (2022-02-30) fails inside the parser with a
bare ``ValueError``; we then walk the composed node tree (no objects are built) to name
the field, so the user still gets ``date: …`` rather than a parser trace.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from ..errors import InvalidData, TooLarge, UnsupportedFormat

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
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        where = f"第{mark.line + 1}行第{mark.column + 1}列" if mark else "某处"
        raise InvalidData(f"YAML格式错误（{where}）：{e.problem or e}", path=name) from e
    except yaml.YAMLError as e:
        raise InvalidData(f"YAML格式错误：{e}", path=name) from e
    except ValueError as e:  # an impossible date literal, see the module docstring
        field, value = _bad_timestamp(text)
        raise InvalidData(f"{field}: 日期无效“{value}”，应写作 2022-03-31 或 2022年3月31日", path=name) from e


def _bad_timestamp(text: str) -> tuple[str, str]:
    """Path and text of the first timestamp-tagged scalar that is not a real date."""
    from .textutil import parse_date

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    stack: list[tuple[str, Any]] = [("", root)]
    while stack:
        path, node = stack.pop(0)
        if isinstance(node, yaml.MappingNode):
            stack.extend((f"{path}.{k.value}" if path else str(k.value), v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((f"{path}[{i}]", v) for i, v in enumerate(node.value))
        elif node is not None and node.tag == "tag:yaml.org,2002:timestamp":
            if parse_date(node.value[:10]) is None:
                return path or "（顶层）", node.value
    return "（某个日期字段）", "?"
