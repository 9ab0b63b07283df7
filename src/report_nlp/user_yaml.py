"""The one way to read YAML a user wrote: draft inputs, ``report-nlp.yaml`` and the
``wording.yaml`` of a template folder.

- Safe loader only (no ``!!python`` tags).
- Anchors and aliases (``&a`` / ``*a``) are refused as soon as the parser meets one: nine
  nested aliases in a 1 KB file expand to gigabytes (the "billion laughs" attack), and none
  of our files needs them.
- A key given twice in one mapping is refused: YAML would silently keep the last one and
  drop the rest of what the user wrote.
- Parser errors come back in Chinese with line and column (PyYAML's own are English).
- A value echoed in a message is cut to a few characters (:func:`shorten`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent

from .errors import InputError, InvalidData, TooLarge

#: How many characters of a user's value a message may quote.
ECHO_CHARS = 30


def shorten(value: Any, limit: int = ECHO_CHARS) -> str:
    """``value`` as text for a message, cut to ``limit`` characters (…).

    Values are bounded by the input size (aliases are refused), so ``str`` is affordable;
    the cut keeps a long value from flooding the one-line message.
    """
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


class _Refused(yaml.MarkedYAMLError):
    """Our own refusals, raised from inside the loader with the position they concern."""


class _UserLoader(yaml.SafeLoader):
    """SafeLoader without anchors/aliases and without silently repeated keys."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(problem="不支持YAML锚点和别名（&名称、*名称），请把内容直接写出", problem_mark=event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key_node, _ in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if key is not None and key in seen:
                    raise _Refused(problem=f"键“{shorten(key)}”在同一层重复出现，后一个会覆盖前一个，请合并或删除",
                                   problem_mark=key_node.start_mark)
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


_UserLoader.add_constructor("tag:yaml.org,2002:map", _UserLoader.construct_yaml_map)

#: PyYAML's problem texts (regex on ``problem``, optional regex on ``context``) → Chinese.
_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    (r"found character '\\t' that cannot start any token", "", "不能用制表符（Tab）缩进或分隔，请改用空格"),
    (r"found a tab character", "", "不能用制表符（Tab）缩进或分隔，请改用空格"),
    (r"found character '(.)' that cannot start any token", "", "字符“{0}”不能出现在值的开头，请给这个值加引号"),
    (r"found unexpected end of stream", "quoted scalar", "引号没有闭合：缺少对应的结束引号"),
    (r"found unexpected end of stream", "", "文件意外结束：有括号或引号没有闭合"),
    (r"found unknown escape character", "", "双引号中的转义字符无效（含反斜杠的文字请用单引号，或写成两个反斜杠）"),
    (r"mapping values are not allowed here", "",
     "此处不能出现“: ”：值中含冒号时请给整个值加引号，或检查这一行的缩进"),
    (r"could not find expected ':'", "", "缺少冒号“:”（键后应有冒号和空格），或上一行的引号没有闭合"),
    (r"expected <block end>, but found '-'", "", "列表项“- ”的缩进与同一层不一致"),
    (r"expected <block end>, but found", "", "缩进不一致：同一层的键或列表项应左对齐"),
    (r"expected <block mapping start>|did not find expected key", "", "缩进不一致或缺少“键: 值”：同一层的键应左对齐"),
    (r"did not find expected '-' indicator", "", "列表项缩进不一致：同一列表的各项应以对齐的“- ”开头"),
    (r"expected ',' or '\]'", "", "方括号列表 [ ] 没有正确闭合：缺少“,”或“]”"),
    (r"expected ',' or '\}'", "", "花括号映射 { } 没有正确闭合：缺少“,”或“}”"),
    (r"found unhashable key", "", "键不能是列表或映射"),
    (r"could not determine a constructor for the tag '([^']*)'", "", "不支持的YAML标签“{0}”"),
    (r"expected a single document", "", "文件只能包含一个YAML文档，请删除多余的“---”"),
    (r"expected chomping or indentation indicators|expected a comment or a line break", "",
     "块文本符号（| 或 >）之后应直接换行"),
    (r"found undefined (?:alias|tag handle)", "", "不支持YAML锚点、别名和自定义标签"),
    (r"expected alphabetic or numeric character", "", "“&”“*”“!”之后的写法无效；作为文字时请给整个值加引号"),
)


def _translate(e: yaml.MarkedYAMLError) -> str:
    if isinstance(e, _Refused):
        return str(e.problem)
    problem, context = str(e.problem or ""), str(e.context or "")
    for pattern, in_context, chinese in _PROBLEMS:
        m = re.search(pattern, problem)
        if m and (not in_context or in_context in context):
            return chinese.format(*(shorten(g, 40) for g in m.groups()))
    return "无法解析，请检查这一行及上一行的缩进、冒号和引号"


def _where(e: yaml.MarkedYAMLError) -> str:
    mark = e.problem_mark or e.context_mark
    return f"第{mark.line + 1}行第{mark.column + 1}列" if mark is not None else "某处"


def parse_user_yaml(text: str, name: str = "<输入>", error: type[InputError] = InvalidData) -> Any:
    """The data in ``text``, or ``error`` with one Chinese line naming line and column."""
    try:
        return yaml.load(text, Loader=_UserLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as e:
        raise error(f"YAML格式错误（{_where(e)}）：{_translate(e)}", path=name) from None
    except yaml.YAMLError as e:
        raise error(f"YAML格式错误：{shorten(e, 80)}", path=name) from None
    except RecursionError:
        raise error("YAML嵌套层数过深", path=name) from None
    except ValueError:  # an impossible date literal (2022-02-30) fails inside the parser
        field, value = _bad_timestamp(text)
        raise error(f"{field}: 日期无效“{shorten(value)}”，应写作 2022-03-31 或 2022年3月31日", path=name) from None


def read_user_yaml(path: str | Path, error: type[InputError] = InvalidData, *, what: str = "文件",
                   max_bytes: int = 2 * 1024 * 1024) -> Any:
    """Read and parse a user's YAML file (UTF-8, BOM allowed, at most ``max_bytes``)."""
    p = Path(path)
    name = str(path)
    try:
        if p.stat().st_size > max_bytes:
            raise TooLarge(f"{what}过大（上限{max_bytes // 1024} KB）", path=name)
        raw = p.read_bytes()
    except OSError as e:
        raise error(f"{what}无法读取（{e.strerror or type(e).__name__}）", path=name) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"{what}应为UTF-8编码，请另存为UTF-8后重试", path=name) from None
    return parse_user_yaml(text, name, error)


def _bad_timestamp(text: str) -> tuple[str, str]:
    """Path and text of the first timestamp-tagged scalar that is not a real date.

    The timestamp resolver builds ``datetime.date`` objects while parsing, so 2022-02-30
    fails with a bare ``ValueError``; walking the composed node tree (no objects are built)
    names the field instead.
    """
    from .drafter.textutil import parse_date

    try:
        root = yaml.compose(text, Loader=_UserLoader)
    except yaml.YAMLError:
        return "（某个日期字段）", "?"
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
