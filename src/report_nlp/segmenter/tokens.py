"""Word tokens from jieba, fenced off behind one small class.

jieba's module-level tokenizer is global, caches into the shared temp folder and logs to
stderr at import. We keep one private ``jieba.Tokenizer`` with the domain dictionary, its
cache in a per-user folder, its logger quiet, and build it once, on first use.
"""
from __future__ import annotations

import functools
import logging
import os
import sys
import tempfile
from pathlib import Path

from ..resources import data_path

USER_DICT = ("dict", "user_dict.txt")


def cache_dir() -> Path:
    """A per-user cache folder that exists (``$XDG_CACHE_HOME/report-nlp`` or the OS's)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "report-nlp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder
    except OSError:
        pass
    # No writable home (a locked-down service account): a private folder in temp.
    folder = Path(tempfile.gettempdir()) / f"report-nlp-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


class WordTokenizer:
    """``tokenize(text)`` → ``[(start, end), …]`` word spans, domain terms kept whole."""

    def __init__(self, user_dict: Path | None = None) -> None:
        jieba = _import_jieba()
        logging.getLogger("jieba").setLevel(logging.WARNING)
        self._tk = jieba.Tokenizer()
        self._tk.tmp_dir = str(cache_dir())
        self._tk.initialize()
        self._tk.load_userdict(str(user_dict or data_path(*USER_DICT)))

    def tokenize(self, text: str) -> list[tuple[int, int]]:
        return [(s, e) for _, s, e in self._tk.tokenize(text, HMM=True) if text[s:e].strip()]

    def words(self, text: str) -> list[str]:
        return [w for w in self._tk.lcut(text, HMM=True) if w.strip()]

    def is_word(self, text: str) -> bool:
        """Whether ``text`` is an entry of the dictionary (jieba's plus the domain's)."""
        return bool(self._tk.FREQ.get(text))

    def single_characters(self, text: str) -> int:
        """Chinese characters standing alone as words in the dictionary's best segmentation
        (no HMM, so an unknown word is not glued together by guesswork)."""
        return sum(1 for w in self._tk.lcut(text, HMM=False) if len(w) == 1 and "\u3400" <= w <= "\u9fff")

    def log_prob(self, text: str) -> float:
        """Log-probability of the most likely segmentation of ``text`` under the dictionary's
        word frequencies (jieba's own unigram model; an unknown character counts once)."""
        route: dict[int, tuple[float, int]] = {}
        self._tk.calc(text, self._tk.get_DAG(text), route)
        return route[0][0]


def _import_jieba():
    """Import jieba without letting it import ``pkg_resources``.

    jieba only uses pkg_resources to open its own data files and falls back to a plain
    ``open`` when it is missing; importing it costs ~50 ms of start-up and, with recent
    setuptools, a deprecation warning on stderr.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    absent = object()
    saved = sys.modules.get("pkg_resources", absent)
    if saved is absent:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import fail
    try:
        import jieba  # deferred: importing jieba costs time and is not needed by every command
    finally:
        if saved is absent:
            del sys.modules["pkg_resources"]
    return jieba


@functools.lru_cache(maxsize=1)
def default_tokenizer() -> WordTokenizer:
    return WordTokenizer()
