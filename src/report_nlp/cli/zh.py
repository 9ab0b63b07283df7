"""Chinese for the words the command-line framework prints itself (help headings, usage errors).

typer/click write these in English and offer no translation hook that survives their
versions, so :func:`chinese_streams` wraps stderr (and stdout while help is shown) with a
writer that translates the known phrases as they pass. Our own messages are Chinese already.
"""
from __future__ import annotations

import contextlib
import re
import sys

_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.M), r) for p, r in (
    (r"^Usage: ", "用法："),
    (r"Try '([^']+)' for help\.", r"运行 '\1' 查看帮助。"),
    (r"^Error: ", "错误："),
    (r"Missing argument '([^']+)'\.", r"缺少参数 '\1'。"),
    (r"Missing option '([^']+)'\.", r"缺少选项 '\1'。"),
    (r"No such option: (\S+)", r"没有这个选项：\1"),
    (r"No such command '([^']+)'\.", r"没有这个命令：'\1'。"),
    (r"Invalid value for (.+?): (?:Value error, )?", r"\1 的值无效："),
    (r"'([^']+)' is not one of (.+)\.", r"'\1' 不是可选值 \2 之一。"),
    (r"Got unexpected extra arguments? \((.*)\)", r"多余的参数（\1）"),
    (r"Option '([^']+)' requires an argument\.", r"选项 '\1' 需要一个值。"),
    (r"^Options:$", "选项："),
    (r"^Arguments:$", "参数："),
    (r"^Commands:$", "命令："),
    (r"Show this message and exit\.", "显示本帮助并退出。"),
    (r"\[default: ([^\]]*)\]", r"[默认：\1]"),
    (r"\[required\]", "[必填]"),
))


def translate(text: str) -> str:
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    return text


class _Translating:
    """A text stream that translates what it is given, then passes it on."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(translate(text))
        return len(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


@contextlib.contextmanager
def chinese_streams(args: list[str]):
    """stderr always; stdout only when help is printed (stdout otherwise carries results)."""
    wants_help = not args or any(a in ("-h", "--help") for a in args)
    saved = sys.stdout, sys.stderr
    sys.stderr = _Translating(sys.stderr)
    if wants_help:
        sys.stdout = _Translating(sys.stdout)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
