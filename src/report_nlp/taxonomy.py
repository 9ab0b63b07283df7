"""The label vocabulary (parts, themes, problem categories, tags), loaded once from ``data/labels.yaml``."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from .resources import load_yaml


@dataclass(frozen=True)
class Taxonomy:
    parts: dict[str, dict]
    themes: dict[str, dict]
    categories: dict[str, dict]
    disciplines: dict[str, str]
    sifeng: dict[str, str]
    themed_parts: tuple[str, ...]

    def part_name(self, pid: str | None) -> str:
        return self.parts[pid]["name"] if pid in self.parts else "—"

    def theme_name(self, tid: str | None) -> str:
        return self.themes[tid]["name"] if tid in self.themes else "—"

    def category_name(self, cid: str | None) -> str:
        return self.categories[cid]["name"] if cid in self.categories else "—"

    def paired_themes(self, category: str) -> tuple[str, ...]:
        return tuple(self.categories.get(category, {}).get("themes", ()))

    @property
    def kinds(self) -> dict[str, str]:
        """Report kind id → its Chinese name (from the kinds registry, i.e. the profile files)."""
        from .kinds import kinds

        return {pid: k.name for pid, k in kinds().items()}


@functools.lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    raw = load_yaml("labels.yaml")
    tax = Taxonomy(
        parts=raw["parts"],
        themes=raw["themes"],
        categories=raw["categories"],
        disciplines=raw["tags"]["discipline"],
        sifeng=raw["tags"]["sifeng"],
        themed_parts=tuple(raw["themed_parts"]),
    )
    _validate(tax)
    return tax


def _validate(tax: Taxonomy) -> None:
    for cid, cat in tax.categories.items():
        for theme in cat.get("themes", ()):
            if theme not in tax.themes:
                raise ValueError(f"labels.yaml: category {cid} pairs unknown theme {theme}")
    for part in tax.themed_parts:
        if part not in tax.parts:
            raise ValueError(f"labels.yaml: themed part {part} unknown")
