"""Fill a profile's Jinja2 templates from a validated context.

Template lookup, first hit wins: the user's folder (``--templates``), then
``templates/<profile>/``, then ``templates/_common/``. So a profile only carries what
differs, and a user can override one file (say ``work_study.j2``) without copying the rest.
Built-in templates render with ``StrictUndefined``; as soon as a user folder is involved the
whole render runs in a bounded Jinja2 sandbox (:mod:`.sandbox`: paths kept inside the
folder, loops, values, output and recursion limited). Wording (part headings, default
headings per theme, default sentences) is data in ``wording.yaml`` beside the templates.
"""
from __future__ import annotations

import re
import traceback
from pathlib import Path

import jinja2

from ..errors import TemplateProblem
from ..user_yaml import read_user_yaml
from . import textutil as tu
from .sandbox import BoundedSandbox, FolderLoader, inside, render_bounded

# The templates ship inside the package next to this module (pyproject: drafter/templates/*/*).
TEMPLATES = Path(__file__).resolve().with_name("templates")
COMMON = "_common"
ENTRY = "report.j2"
WORDING = "wording.yaml"


def template_dirs(profile: str, user_dir: str | Path | None = None) -> list[Path]:
    """Folders to look templates up in, nearest first: the user's, the kind's, the common one."""
    from ..kinds import kinds

    kind = kinds().get(profile)
    own = kind.template_dir if kind is not None and kind.template_dir is not None else TEMPLATES / profile
    dirs = [own, TEMPLATES / COMMON]
    if user_dir is not None:
        user = Path(user_dir)
        if not user.is_dir():
            raise TemplateProblem("模板文件夹不存在或不是文件夹", path=str(user_dir))
        dirs.insert(0, user)
    return [d for d in dirs if d.is_dir()]


def environment(dirs: list[Path], sandboxed: bool) -> jinja2.Environment:
    cls = BoundedSandbox if sandboxed else jinja2.Environment
    env = cls(loader=FolderLoader(dirs), undefined=jinja2.StrictUndefined,
              autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(cn=tu.cn, sentence=tu.sentence, phrase=tu.phrase)
    env.globals.update(todo=tu.placeholder)
    return env


def load_wording(dirs: list[Path], next_period: str) -> dict:
    """``wording.yaml`` of each folder merged, nearest folder winning key by key."""
    merged: dict = {}
    for d in reversed(dirs):  # common first, user last
        path = d / WORDING
        if not (path.exists() or path.is_symlink()):
            continue
        real = inside(d, path, what="用语文件")
        data = read_user_yaml(real, TemplateProblem, what="用语文件", max_bytes=256 * 1024) or {}
        if not isinstance(data, dict):
            raise TemplateProblem("用语文件应为映射", path=str(path))
        for section, values in data.items():
            if isinstance(values, dict):
                merged.setdefault(section, {}).update(values)
            else:
                merged[section] = values
    return _substitute(merged, {"{next}": next_period})


def _substitute(value, tokens: dict[str, str]):
    if isinstance(value, dict):
        return {k: _substitute(v, tokens) for k, v in value.items()}
    if isinstance(value, str):
        for token, text in tokens.items():
            value = value.replace(token, text)
    return value


def render(ctx: dict, template_dir: str | Path | None = None) -> str:
    """The report text: one paragraph per line, no blank lines, ending in a newline."""
    dirs = template_dirs(ctx["profile"], template_dir)
    env = environment(dirs, sandboxed=template_dir is not None)
    full = dict(ctx, wording=load_wording(dirs, ctx["period"].next))
    try:
        text = render_bounded(env.get_template(ENTRY), full)
    except jinja2.TemplateSyntaxError as e:
        raise TemplateProblem(f"模板 {Path(e.filename or e.name or '?').name} 第{e.lineno}行语法错误：{e.message}") from e
    except jinja2.TemplateNotFound as e:
        raise TemplateProblem(f"找不到模板“{e.name}”") from e
    except jinja2.UndefinedError as e:
        raise TemplateProblem(f"{_where(e)}{_undefined(str(e))}") from e
    except jinja2.exceptions.SecurityError as e:
        m = re.search(r"attribute '([^']+)'", str(e))
        what = f"访问属性“{m.group(1)}”" if m else "执行不安全的操作"
        raise TemplateProblem(f"{_where(e)}模板试图{what}，已被沙箱拦截") from e
    except jinja2.TemplateError as e:
        raise TemplateProblem(f"{_where(e)}模板出错：{e}") from e
    return tidy(text)


def tidy(text: str) -> str:
    """Drop blank lines and stray spaces the template layout left behind."""
    lines = [line.strip(" \t") for line in text.splitlines()]
    return "\n".join(line for line in lines if line) + "\n"


def _where(e: Exception) -> str:
    """``模板 work.j2 第3行：`` from the traceback frame Jinja maps onto the template."""
    for frame in reversed(traceback.extract_tb(e.__traceback__)):
        if frame.filename.endswith((".j2", ".jinja", ".txt", ".md")):
            return f"模板 {Path(frame.filename).name} 第{frame.lineno}行："
    return ""


def _undefined(message: str) -> str:
    m = re.search(r"'([^']+)' is undefined", message)
    if m:
        return f"变量“{m.group(1)}”未定义（可用变量见 docs/drafting.md）"
    m = re.search(r"has no attribute '([^']+)'", message)
    if m:
        return f"字段“{m.group(1)}”不存在（可用字段见 docs/drafting.md）"
    return f"未定义的值：{message}"


def render_next_steps(profile: str, measures: list[dict], next_period: str) -> tuple[str, list[str]]:
    """The profile's next-steps heading text and its measure lines, rendered by the same
    ``measures.j2`` a drafted report uses (``suggest`` proposes text in the drafter's form).

    ``measures``: dicts with ``theme`` and ``text``; the theme's default heading is used.
    """
    from types import SimpleNamespace

    dirs = template_dirs(profile)
    wording = load_wording(dirs, next_period)
    records = [SimpleNamespace(theme=m["theme"], heading=None, text=m["text"], full=m["text"]) for m in measures]
    text = environment(dirs, sandboxed=False).get_template("measures.j2").render(
        measures=records, measures_intro=None, wording=wording)
    return wording["parts"]["next_steps"], tidy(text).splitlines()
