"""Writing files atomically: every output of report-nlp goes through :func:`atomic_write`."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import OutputProblem


def atomic_write(path: str | os.PathLike, write: Callable) -> None:
    """Call ``write(binary_file)`` on a temp file beside ``path``, then move it into place.

    On any error the temp file is removed and ``path`` is left as it was.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputProblem("无法写入：所在文件夹不存在", path=str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputProblem(f"无法写入（{e.strerror}）", path=str(path)) from e
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
            raise OutputProblem(f"无法写入（{e.strerror}）", path=str(path)) from e
        raise


def _mode_for(target: Path) -> int:
    """mkstemp makes the file 0600; give it the mode an ordinary write would have."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
