"""Paragraphs shared, verbatim or nearly, between reports: character shingles, MinHash, LSH.

A paragraph is normalised (ordinal marker, white space and punctuation dropped, every digit
read as 0, so a copy with its numbers changed is still a copy) and cut into overlapping
:data:`SHINGLE`-character shingles. Two paragraphs are a copy when the Jaccard similarity of
their shingle sets is at least :data:`THRESHOLD`; verbatim when their normalised texts are
equal. Comparing every pair would grow with the square of the number of paragraphs, so
candidates come from locality-sensitive hashing (Broder 1997; Leskovec, Rajaraman & Ullman,
*Mining of Massive Datasets*, ch. 3): :data:`PERMUTATIONS` MinHash values per paragraph,
cut into :data:`BANDS` bands of :data:`ROWS`; paragraphs that agree on a whole band are
candidates, found by sorting each band's keys (no pair table), then verified exactly.

Boilerplate every report may share is not reported: the frame of a 公文 (title, 主送,
结束语, 署名, 成文日期, 版记), paragraphs shorter than :data:`MIN_CHARS`, and paragraphs
whose copies span more than ``boilerplate_units`` units (standard formulations).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import numpy as np

SHINGLE = 4
PERMUTATIONS = 128
BANDS = 32
ROWS = 4
#: Jaccard similarity of shingle sets from which two paragraphs count as copied. Measured
#: on the corpus (benchmarks/bench_review.py --threshold): independently written paragraphs
#: of different reports, however formulaic, reach at most about 0.61; a copy with a few
#: words changed (up to about 8% of its characters) stays above 0.7.
THRESHOLD = 0.7
MIN_CHARS = 30
#: A paragraph copied by more units than this is a standard formulation (default; the
#: review raises it to 1% of the units for large runs).
BOILERPLATE_UNITS = 3
#: A band bucket larger than this is a crowd of near-identical paragraphs: its pairs are
#: not enumerated (that would be quadratic); its members are boilerplate when they span
#: more than ``boilerplate_units`` units.
CROWD = 64
FRAME_PARTS = frozenset({"header", "title", "addressee", "closing", "signature", "date", "colophon",
                         "attachment_note"})

_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[，,、：:]?|"
                     r"[（(]?[一二三四五六七八九十\d]{1,3}[）)]?[、.．，]?)")
_DROP = re.compile(r"[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65!-/:-@\[-`{-~“”‘’—…·]")
_DIGIT = re.compile(r"\d")
_rng = np.random.default_rng(20240614)  # fixed: the same input always gives the same pairs
_A = (_rng.integers(1, 1 << 62, PERMUTATIONS, dtype=np.uint64) | np.uint64(1))
_B = _rng.integers(0, 1 << 62, PERMUTATIONS, dtype=np.uint64)
_P = np.uint64(0x100000001B3)


def normalise(text: str) -> str:
    return _DIGIT.sub("0", _DROP.sub("", _MARKER.sub("", text, count=1)))


def shingle_hashes(norm: str) -> np.ndarray:
    """64-bit hashes of the ``SHINGLE``-character shingles (a polynomial over code points)."""
    codes = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < SHINGLE:
        return np.unique(codes)
    h = np.zeros(len(codes) - SHINGLE + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(SHINGLE):
            h = h * _P + codes[j:len(codes) - SHINGLE + 1 + j]
    return np.unique(h)


def minhash(hashes: np.ndarray) -> np.ndarray:
    """``PERMUTATIONS`` minima of multiply-shift hashes (Dietzfelbinger et al. 1997)."""
    with np.errstate(over="ignore"):
        mixed = (hashes[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return mixed.min(axis=0)


def band_keys(signature: np.ndarray) -> np.ndarray:
    """One 64-bit key per band (the band's ``ROWS`` values folded together)."""
    rows = signature.reshape(BANDS, ROWS)
    key = np.zeros(BANDS, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(ROWS):
            key = key * _P + rows[:, j]
    return key


def jaccard(a: set, b: set) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass
class Entry:
    """One paragraph in the index: who it belongs to and its normalised text."""

    report: int
    unit: str
    paragraph: int
    norm: str


def eligible(part: str | None, text: str) -> str | None:
    """The normalised text of a paragraph worth comparing, or None for frame and short ones."""
    if part in FRAME_PARTS:
        return None
    norm = normalise(text)
    return norm if len(norm) >= MIN_CHARS else None


class CopyIndex:
    """Paragraphs of one period; :meth:`pairs` finds the copies among them across units."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self._keys: list[np.ndarray] = []
        self.stats = {"paragraphs": 0, "candidates": 0, "verified": 0, "crowded": 0}
        self.boilerplate: set[int] = set()

    def add(self, report: int, unit: str, paragraph: int, norm: str) -> None:
        self.entries.append(Entry(report, unit, paragraph, norm))
        self._keys.append(band_keys(minhash(shingle_hashes(norm))))

    def candidates(self, boilerplate_units: int = BOILERPLATE_UNITS) -> tuple[np.ndarray, set[int]]:
        """Candidate pairs ``(i, j)``, ``i < j``, of different units; and the members of crowded
        buckets that span more than ``boilerplate_units`` units (boilerplate, not enumerated)."""
        n = len(self.entries)
        self.stats["paragraphs"] = n
        if n < 2:
            return np.zeros((0, 2), dtype=np.int64), set()
        keys = np.vstack(self._keys)
        unit_ids: dict[str, int] = {}
        units = np.array([unit_ids.setdefault(e.unit, len(unit_ids)) for e in self.entries], dtype=np.int64)
        found, crowded = [], set()
        for band in range(BANDS):
            column = keys[:, band]
            order = np.argsort(column, kind="stable")
            bounds = np.flatnonzero(np.diff(column[order])) + 1
            starts = np.concatenate(([0], bounds))
            ends = np.concatenate((bounds, [n]))
            big = ends - starts > 1
            for s, e in zip(starts[big].tolist(), ends[big].tolist()):
                members = order[s:e]
                if e - s > CROWD and len(np.unique(units[members])) > boilerplate_units:
                    crowded.update(members.tolist())
                    continue
                i, j = np.triu_indices(len(members), 1)
                a, b = members[i], members[j]
                keep = units[a] != units[b]
                found.append(np.stack((np.minimum(a, b)[keep], np.maximum(a, b)[keep]), axis=1))
        pairs = np.unique(np.vstack(found), axis=0) if found else np.zeros((0, 2), dtype=np.int64)
        self.stats["candidates"] = len(pairs)
        self.stats["crowded"] = len(crowded)
        return pairs, crowded

    def pairs(self, threshold: float = THRESHOLD, boilerplate_units: int = BOILERPLATE_UNITS) -> list[tuple[int, int, float]]:
        """Verified copies ``(i, j, similarity)`` across units, boilerplate left out."""
        candidates, boiler = self.candidates(boilerplate_units)
        sets: dict[int, set] = {}

        def shingles(k: int) -> set:
            if k not in sets:
                sets[k] = set(shingle_hashes(self.entries[k].norm).tolist())
            return sets[k]

        verified = []
        for i, j in candidates.tolist():
            if i in boiler or j in boiler:
                continue
            sim = 1.0 if self.entries[i].norm == self.entries[j].norm else jaccard(shingles(i), shingles(j))
            if sim >= threshold:
                verified.append((i, j, sim))
        self.stats["verified"] = len(verified)
        reach: dict[int, set[str]] = {}
        for i, j, _ in verified:
            reach.setdefault(i, {self.entries[i].unit}).add(self.entries[j].unit)
            reach.setdefault(j, {self.entries[j].unit}).add(self.entries[i].unit)
        boiler = boiler | {k for k, us in reach.items() if len(us) > boilerplate_units}
        self.boilerplate = boiler
        return [(i, j, s) for i, j, s in verified if i not in boiler and j not in boiler]


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of two paragraphs' shingle sets (after normalising)."""
    return jaccard(set(shingle_hashes(normalise(a)).tolist()), set(shingle_hashes(normalise(b)).tolist()))


def shared_spans(a: str, b: str, min_chars: int = SHINGLE) -> tuple[list[list[int]], list[list[int]]]:
    """Character spans of ``a`` and of ``b`` that the two share (runs of ``min_chars`` or more)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    spans_a, spans_b = [], []
    for block in matcher.get_matching_blocks():
        if block.size >= min_chars:
            spans_a.append([block.a, block.a + block.size])
            spans_b.append([block.b, block.b + block.size])
    return spans_a, spans_b
