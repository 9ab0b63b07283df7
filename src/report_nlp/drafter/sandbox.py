"""Rendering a user's template folder (``draft --templates DIR``) without letting it read
files outside the folder or spend unbounded time and memory.

Jinja2's :class:`SandboxedEnvironment` already blocks attribute escapes (``__class__`` …).
On top of it:

- **Paths.** Templates load through :class:`FolderLoader`, which resolves each file (symbolic
  links included) and refuses one that lies outside its folder: a link ``work.j2 →
  /etc/passwd`` inside the folder must not end up in a report.
- **Loops.** Every ``{% for %}`` draws from one budget of iterations per render
  (:data:`MAX_LOOP_STEPS`), so nested loops cannot multiply into billions; ``range`` is
  capped at :data:`MAX_RANGE`.
- **Values.** ``*``, ``**``, ``+`` and ``~`` and every filter or method call are checked
  against :data:`MAX_VALUE_CHARS`; the expanding ones (``replace``, ``center``, ``format`` …)
  before they run.
- **Output.** The render is streamed (``generate``) and stops at :data:`MAX_OUTPUT_CHARS`.
- **Recursion** (a template that includes itself) and a wall-clock limit end the render too.

Each limit raises :class:`~report_nlp.errors.TemplateProblem`: exit code 3, one Chinese line.
"""
from __future__ import annotations

import math
import re
import time
from pathlib import Path

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from ..errors import TemplateProblem

MAX_TEMPLATE_BYTES = 256 * 1024
MAX_RANGE = 10_000
MAX_LOOP_STEPS = 200_000
MAX_VALUE_CHARS = 1_000_000
MAX_OUTPUT_CHARS = 4_000_000
MAX_SECONDS = 30.0
#: Largest integer a template may build with ``**`` (bits); far beyond any count in a report.
MAX_INT_BITS = 256


class FolderLoader(jinja2.BaseLoader):
    """Like ``FileSystemLoader`` over ``dirs`` (first hit wins), but a template must resolve
    to a regular file inside the folder it was found in."""

    def __init__(self, dirs: list[Path]) -> None:
        self.dirs = [Path(d) for d in dirs]

    def get_source(self, environment, template):
        pieces = jinja2.loaders.split_template_path(template)  # refuses “..”
        for folder in self.dirs:
            path = folder.joinpath(*pieces)
            if not (path.exists() or path.is_symlink()):
                continue
            real = inside(folder, path, what=f"模板“{template}”")
            text = real.read_bytes()
            if len(text) > MAX_TEMPLATE_BYTES:
                raise TemplateProblem(f"模板“{template}”过大（上限{MAX_TEMPLATE_BYTES // 1024} KB）", path=str(path))
            try:
                source = text.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise TemplateProblem(f"模板“{template}”应为UTF-8编码", path=str(path)) from None
            mtime = real.stat().st_mtime
            return source, str(real), lambda: real.exists() and real.stat().st_mtime == mtime
        raise jinja2.TemplateNotFound(template)


def inside(folder: Path, path: Path, *, what: str) -> Path:
    """``path`` resolved, if it is a regular file inside ``folder``; else TemplateProblem."""
    root = folder.resolve()
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise TemplateProblem(f"{what}无法读取（可能是失效的链接）", path=str(path)) from None
    if not real.is_relative_to(root):
        raise TemplateProblem(f"{what}指向模板文件夹之外（{_short(real)}），已拒绝", path=str(path))
    if not real.is_file():
        raise TemplateProblem(f"{what}不是普通文件", path=str(path))
    return real


def _short(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 60 else "…" + text[-59:]


class _Budget:
    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def tick(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > MAX_LOOP_STEPS:
            raise TemplateProblem(f"模板循环次数超过上限（{MAX_LOOP_STEPS}次），请检查嵌套循环")
        if self.steps % 256 == 0:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateProblem(f"模板渲染超过{int(MAX_SECONDS)}秒，已中止")


def _size(value) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple, dict, set)) else 0


def _check_value(value, what: str = "模板生成的值"):
    if _size(value) > MAX_VALUE_CHARS:
        raise TemplateProblem(f"{what}过大（超过{MAX_VALUE_CHARS}个字符或元素），已中止")
    return value


_FORMAT_WIDTH = re.compile(r"\d{7,}")
_WIDTH_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs", "indent", "wordwrap", "truncate"}


def _precheck(name: str, subject, args: tuple, kwargs: dict) -> None:
    """Refuse a call that would build a value over the limit, before it runs."""
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and name in _WIDTH_METHODS | {"lipsum"} \
                and arg > MAX_VALUE_CHARS:
            raise TemplateProblem(f"模板中“{name}”的参数{arg}过大，已中止")
    if name == "replace" and isinstance(subject, str) and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        count = subject.count(old) if old else len(subject) + 1
        if len(subject) + count * max(0, len(new) - len(old)) > MAX_VALUE_CHARS:
            raise TemplateProblem(f"模板中的 replace 会生成过大的文本（超过{MAX_VALUE_CHARS}个字符），已中止")
    if name in ("format", "format_map") and isinstance(subject, str) and _FORMAT_WIDTH.search(subject):
        raise TemplateProblem("模板中的格式宽度过大，已中止")
    if name == "join" and isinstance(args[:1] and args[0], (list, tuple)):
        total = sum(_size(x) or len(str(x)) for x in args[0])
        if total > MAX_VALUE_CHARS:
            raise TemplateProblem(f"模板中的 join 会生成过大的文本（超过{MAX_VALUE_CHARS}个字符），已中止")


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox with the limits of this module."""

    intercepted_binops = frozenset({"*", "**", "+", "//", "%"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.budget = _Budget()
        self.globals.pop("lipsum", None)
        self.globals["range"] = self._range
        self.filters["_counted"] = self._counted
        self.filters["_bounded"] = _check_value
        for fname, func in list(self.filters.items()):
            if not fname.startswith("_"):
                self.filters[fname] = self._guard_filter(fname, func)

    def reset(self) -> None:
        self.budget = _Budget()

    # -- the template's syntax tree: loops counted, ~ checked -----------------------------
    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "_counted", [], [], None, None, lineno=loop.lineno)
        for parent in [tree, *tree.find_all(nodes.Node)]:
            for field_name, value in parent.iter_fields():
                if isinstance(value, nodes.Concat):
                    setattr(parent, field_name, nodes.Filter(value, "_bounded", [], [], None, None,
                                                              lineno=value.lineno))
                elif isinstance(value, list):
                    for k, item in enumerate(value):
                        if isinstance(item, nodes.Concat):
                            value[k] = nodes.Filter(item, "_bounded", [], [], None, None, lineno=item.lineno)
        return tree

    def _counted(self, iterable):
        if isinstance(iterable, jinja2.Undefined):
            return iterable
        budget = self.budget

        def gen():
            for item in iterable:
                budget.tick()
                yield item

        return gen()

    def _range(self, *args):
        rng = range(*args)
        if len(rng) > MAX_RANGE:
            raise TemplateProblem(f"模板中的 range 过大（{len(rng)}项，上限{MAX_RANGE}）")
        return rng

    def _guard_filter(self, name, func):
        import functools

        pass_arg = jinja2.utils._PassArg.from_obj(func)

        @functools.wraps(func)
        def guarded(*args, **kwargs):
            self.budget.check_time()
            value_at = 1 if pass_arg is not None else 0
            subject = args[value_at] if len(args) > value_at else None
            _precheck(name, subject, tuple(args[value_at + 1:]), kwargs)
            return _check_value(func(*args, **kwargs))

        return guarded

    # -- operators and calls ----------------------------------------------------------------
    def call_binop(self, context, operator, left, right):
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if _size(seq) and isinstance(n, int) and _size(seq) * max(n, 0) > MAX_VALUE_CHARS:
                    raise TemplateProblem(f"模板中的乘法会生成过大的值（超过{MAX_VALUE_CHARS}个字符或元素），已中止")
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
            if right * math.log2(abs(left)) > MAX_INT_BITS:
                raise TemplateProblem("模板中的乘方结果过大，已中止")
        if operator == "%" and isinstance(left, str) and _FORMAT_WIDTH.search(left):
            raise TemplateProblem("模板中的格式宽度过大，已中止")
        return _check_value(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805, B902 - Jinja's signature
        __self.budget.check_time()
        target = getattr(__obj, "__wrapped__", __obj)
        name = getattr(target, "__name__", "")
        _precheck(name, getattr(target, "__self__", None), args, kwargs)
        return _check_value(super().call(__context, __obj, *args, **kwargs))


def render_bounded(template: jinja2.Template, context: dict) -> str:
    """``template`` rendered chunk by chunk, stopped at :data:`MAX_OUTPUT_CHARS`."""
    env = template.environment
    if isinstance(env, BoundedSandbox):
        env.reset()
    parts, size = [], 0
    try:
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateProblem(f"模板生成的文本超过上限（{MAX_OUTPUT_CHARS // 1_000_000}百万字），已中止")
            parts.append(chunk)
    except RecursionError:
        raise TemplateProblem("模板嵌套过深（是否有模板包含了自身？）") from None
    return "".join(parts)
