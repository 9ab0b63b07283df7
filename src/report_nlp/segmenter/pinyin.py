"""Toneless readings of Chinese characters, for finding input-method slips.

A pinyin input method is typed without tones, so a slip replaces a character by one that
shares a toneless reading (党→当, 律→虑). The readings come from pypinyin's character table
(every reading of a polyphone). Only that table is loaded, straight from its file: the
package's own ``__init__`` also loads its phrase tables, which cost 0.2 s more and are not
needed to compare single characters.
"""
from __future__ import annotations

import functools
import importlib.util
import unicodedata
from pathlib import Path

#: Near sounds an input method confuses (近音): initials z/zh, c/ch, s/sh, l/n and finals
#: an/ang, en/eng, in/ing are folded together in a character's "near" key.
_NEAR_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"))
_NEAR_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


@functools.lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pypinyin")
    path = Path(list(spec.submodule_search_locations)[0]) / "pinyin_dict.py"
    file_spec = importlib.util.spec_from_file_location("_report_nlp_pinyin_dict", path)
    if file_spec is None or file_spec.loader is None:
        raise ImportError("pypinyin")
    module = importlib.util.module_from_spec(file_spec)
    file_spec.loader.exec_module(module)  # a module holding one dict literal
    return module.pinyin_dict


def _toneless(syllable: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFD", syllable) if not unicodedata.combining(c))
    return plain.replace("ü", "v").lower()


@functools.lru_cache(maxsize=65536)
def readings(char: str) -> frozenset[str]:
    """Every toneless reading of ``char`` (empty for a character with none)."""
    raw = _table().get(ord(char))
    return frozenset(_toneless(s) for s in raw.split(",")) if raw else frozenset()


def near(syllable: str) -> str:
    """The near-sound key of a toneless syllable (zhi→zi, ling→nin)."""
    for long, short in _NEAR_INITIALS:
        if syllable.startswith(long):
            syllable = short + syllable[len(long):]
            break
    for long, short in _NEAR_FINALS:
        if syllable.endswith(long):
            syllable = syllable[: -len(long)] + short
            break
    return syllable


@functools.lru_cache(maxsize=65536)
def primary(char: str) -> str | None:
    """The first (most common) toneless reading of ``char``.

    A slip comes from the candidates an input method lists for the syllable typed, which
    are characters read that way in ordinary use; rare readings (是 tí, 省 xiǎn) would only
    make sounds alike that nobody confuses.
    """
    raw = _table().get(ord(char))
    return _toneless(raw.split(",")[0]) if raw else None


@functools.lru_cache(maxsize=65536)
def near_readings(char: str) -> frozenset[str]:
    return frozenset(near(s) for s in readings(char))


@functools.lru_cache(maxsize=65536)
def near_primary(char: str) -> str | None:
    first = primary(char)
    return near(first) if first else None


def homophones(slip: str, meant: str) -> bool:
    """``slip`` in its common reading sounds exactly as one reading of ``meant`` (同音)."""
    return primary(slip) in readings(meant)
