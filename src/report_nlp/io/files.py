"""Writing files atomically: every output of report-nlp goes through :func:`atomic_write`.

- A symbolic link is followed: the file it points to is replaced, the link stays a link.
- A read-only file (no write permission bit, or not writable for this user) is refused with
  an :class:`OutputProblem`, never written through (root could otherwise replace it).
- The temp file is ``.<name>.rnlp<pid>-<random>.tmp`` beside the target. A run that is killed
  leaves it behind; the next write to the same name removes such leftovers once their process
  is gone or they are older than :data:`STALE_SECONDS`.
"""
from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path
from typing import Callable

from ..errors import OutputProblem, os_reason

#: Age after which a temp file of ours is treated as left over by a killed run.
STALE_SECONDS = 600
_TEMP_TAG = "rnlp"


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two names are one file: equal resolved paths, or the same inode (hard links)."""
    try:
        if Path(a).resolve() == Path(b).resolve():
            return True
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except OSError:
        return False


def writable_target(path: str | os.PathLike) -> Path:
    """The file that writing ``path`` replaces: the target of a symbolic link, else ``path``.

    Raises OutputProblem when that file exists but is read-only."""
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    if target.exists() and target.is_file():
        mode = target.stat().st_mode
        if not mode & 0o222 or not os.access(target, os.W_OK):
            raise OutputProblem("文件是只读的，未作任何修改；如确需写入，请先取消只读属性", path=str(path))
    return target


def atomic_write(path: str | os.PathLike, write: Callable) -> None:
    """Call ``write(binary_file)`` on a temp file beside ``path``, then move it into place.

    On any error the temp file is removed and ``path`` is left as it was.
    """
    target = writable_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputProblem("无法写入：所在文件夹不存在", path=str(path))
    remove_stale_temps(folder, target.name)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{_TEMP_TAG}{os.getpid()}-", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputProblem(f"无法写入（{os_reason(e)}）", path=str(path)) from e
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise OutputProblem(f"无法写入（{os_reason(e)}）", path=str(path)) from e
        raise


def remove_stale_temps(folder: Path, name: str, *, now: float | None = None) -> list[Path]:
    """Remove temp files of ours for ``name`` left by killed runs; returns what was removed.

    Ours: ``.<name>.rnlp<pid>-<random>.tmp`` (removed when that process is gone or the file is
    stale), and the older ``.<name>.<8 random>.tmp`` of earlier versions (removed when stale)."""
    ours = re.compile(re.escape(f".{name}.") + rf"(?:{_TEMP_TAG}(\d+)-[a-z0-9_]+|[a-z0-9_]{{8}})\.tmp")
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = ours.fullmatch(entry.name)
        if not m or not entry.is_file(follow_symlinks=False):
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            pid = int(m.group(1)) if m.group(1) else None
            if old or (pid is not None and pid != os.getpid() and not _alive(pid)):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    if os.name == "nt":
        return True  # os.kill(pid, 0) would send Ctrl+C there: rely on the age alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists (another user's), or cannot tell: keep its file until it is stale
    return True


def _mode_for(target: Path) -> int:
    """mkstemp makes the file 0600; give it the mode an ordinary write would have."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
