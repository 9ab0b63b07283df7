"""Regular expressions a user supplies (``formulations[].wrong``, ``typos[].wrong`` and
``typos[].context_not`` of ``report-nlp.yaml``), compiled with RE2.

RE2 matches in time linear in the text, whatever the pattern: ``(学+)+$`` over a long run
of 学 would take Python's backtracking ``re`` longer than the age of the universe, and a
config file sits in a folder where every ``check`` reads it. RE2 has no lookaround and no
back-references; the built-in lexicons use lookaround and stay on Python ``re`` (they are
ours and tested), user patterns get RE2 and a clear error when they use what it lacks.
"""
from __future__ import annotations

import functools

import re2

#: RE2's English parse errors (the start of the message) → Chinese.
_ERRORS = (
    ("invalid perl operator", "使用了不支持的语法（前后查找 (?=…) (?!…) (?<=…) (?<!…) 等；用户规则按 RE2 语法匹配）"),
    ("invalid escape sequence", "使用了无效的转义或反向引用（如 \\1；RE2 语法不支持反向引用）"),
    ("missing )", "括号没有闭合：缺少“)”"),
    ("unexpected )", "多了一个“)”"),
    ("missing ]", "方括号没有闭合：缺少“]”"),
    ("no argument for repetition operator", "重复符号（* + ? {n}）前面没有内容"),
    ("bad repetition operator", "重复符号（* + ?）连用了"),
    ("invalid repetition size", "重复次数 {n,m} 写法有误或过大（上限1000）"),
    ("invalid character class range", "字符范围 [a-z] 的起止顺序不对"),
    ("invalid character class", "字符类 [...] 写法有误"),
    ("trailing \\", "末尾多了一个反斜杠“\\”"),
    ("invalid named capture group", "命名分组写法有误"),
    ("duplicate capture group name", "命名分组重名"),
    ("invalid UTF-8", "含有无效的字符"),
    ("pattern too large", "正则表达式过于复杂"),
)


class PatternError(ValueError):
    """A user pattern RE2 cannot compile; ``str(e)`` is the Chinese reason."""


def _options():
    options = re2.Options()
    options.log_errors = False  # RE2 would print its own English line on stderr
    return options


@functools.lru_cache(maxsize=512)
def user_pattern(pattern: str):
    """``pattern`` compiled by RE2 (same ``search``/``finditer``/match API as ``re``)."""
    try:
        return re2.compile(pattern, _options())
    except re2.error as e:
        raise PatternError(_reason(e)) from None


def _reason(e: Exception) -> str:
    detail = e.args[0] if e.args else ""
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    detail = str(detail)
    for start, chinese in _ERRORS:
        if detail.startswith(start):
            return chinese
    return "写法有误"
