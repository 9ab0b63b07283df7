"""Cue phrases of ``data/cues.yaml``, compiled once, and the small scorers built on them."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..resources import load_yaml


@dataclass(frozen=True)
class FrameCue:
    part: str
    pattern: re.Pattern[str]
    where: str
    max_len: int
    conf: float


@dataclass(frozen=True)
class Cues:
    section_headings: tuple[tuple[str, re.Pattern[str]], ...]
    umbrella: re.Pattern[str]
    umbrella_if_nested: re.Pattern[str]
    lead_ins: tuple[tuple[str, re.Pattern[str]], ...]
    frame: tuple[FrameCue, ...]
    opening: re.Pattern[str]
    mixed_next_steps: re.Pattern[str]
    max_plain_heading: int
    head_window: int
    tail_window: int
    themes: dict[str, tuple[str, ...]]
    categories: dict[str, tuple[str, ...]]
    discipline: dict[str, tuple[str, ...]]
    sifeng: dict[str, tuple[str, ...]]

    def heading_part(self, text: str) -> str | None:
        """The part a heading opens (``mixed`` for problems+measures), or None."""
        for part, pattern in self.section_headings:
            if pattern.search(text):
                return part
        return None

    def lead_in(self, text: str) -> str | None:
        """The part a lead-in sentence announces (“但也存在一些问题：”), or None."""
        for part, pattern in self.lead_ins:
            if pattern.search(text):
                return part
        return None


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    raw = load_yaml("cues.yaml")
    return Cues(
        section_headings=tuple((c["part"], re.compile(c["pattern"])) for c in raw["section_headings"]),
        umbrella=re.compile(raw["umbrella"]),
        umbrella_if_nested=re.compile(raw["umbrella_if_nested"]),
        lead_ins=tuple((part, re.compile(p)) for part, p in raw["lead_ins"].items()),
        frame=tuple(FrameCue(c["part"], re.compile(c["pattern"]), c["where"], int(c["max_len"]), float(c["conf"]))
                    for c in raw["frame"]),
        opening=re.compile(raw["opening"]),
        mixed_next_steps=re.compile(raw["mixed_next_steps"]),
        max_plain_heading=int(raw["max_plain_heading"]),
        head_window=int(raw["head_window"]),
        tail_window=int(raw["tail_window"]),
        themes={k: tuple(v) for k, v in raw["themes"].items()},
        categories={k: tuple(v) for k, v in raw["categories"].items()},
        discipline={k: tuple(v) for k, v in raw["discipline"].items()},
        sifeng={k: tuple(v) for k, v in raw["sifeng"].items()},
    )


def keyword_scores(text: str, table: dict[str, tuple[str, ...]]) -> dict[str, float]:
    """How many of each label's phrases occur in ``text`` (each occurrence counts)."""
    return {label: float(sum(text.count(p) for p in phrases)) for label, phrases in table.items()}


def keyword_dist(text: str, table: dict[str, tuple[str, ...]], fallback: str = "other") -> dict[str, float]:
    """Keyword counts as a distribution; all mass on ``fallback`` when nothing matches."""
    scores = keyword_scores(text, table)
    total = sum(scores.values())
    if total == 0:
        return {fallback: 1.0}
    return {k: v / total for k, v in scores.items() if v}
