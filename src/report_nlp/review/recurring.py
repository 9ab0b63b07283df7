"""A unit's report against its own report of the previous period: problems that come back,
measures copied unchanged, paragraphs carried over, figures of one event that changed."""
from __future__ import annotations

from collections.abc import Set

from .copies import eligible, jaccard, shingle_hashes

#: Character-bigram Jaccard from which two problem statements of one category are the same
#: problem. Measured on the corpus (benchmarks/bench_review.py): 99% of statements are below
#: 0.44 against every statement of another report in their category.
PROBLEM_SIMILARITY = 0.5
#: 4-character-shingle Jaccard from which a measure counts as copied unchanged.
MEASURE_SIMILARITY = 0.9


def bigrams(text: str) -> set[str]:
    from .copies import normalise

    norm = normalise(text)
    return {norm[i:i + 2] for i in range(len(norm) - 1)} or {norm}


def recurring_problems(current: list[dict], previous: list[dict]) -> list[tuple[dict, dict, float]]:
    """``(current problem, previous problem, similarity)``: same category, similar wording."""
    before = [(p, bigrams(p["clean"])) for p in previous]
    out = []
    for problem in current:
        mine = bigrams(problem["clean"])
        best, score = None, 0.0
        for old, grams in before:
            if old["category"] != problem["category"]:
                continue
            sim = jaccard(mine, grams)
            if sim > score:
                best, score = old, sim
        if best is not None and score >= PROBLEM_SIMILARITY:
            out.append((problem, best, score))
    return out


def _shingles(text: str) -> set:
    from .copies import normalise

    return set(shingle_hashes(normalise(text)).tolist())


def copied_measures(current: list[dict], previous: list[dict]) -> list[tuple[dict, dict, float]]:
    """``(current measure, previous measure, similarity)`` for measures carried over unchanged."""
    before = [(m, _shingles(m["text"])) for m in previous]
    out = []
    for measure in current:
        mine = _shingles(measure["text"])
        if len(mine) < 4:
            continue  # a bare heading says nothing about copying
        scored = [(jaccard(mine, s), m) for m, s in before]
        if scored:
            score, best = max(scored, key=lambda x: x[0])
            if score >= MEASURE_SIMILARITY:
                out.append((measure, best, score))
    return out


def carried_paragraphs(current: list[dict], previous: list[dict], threshold: float,
                       skip: Set[int] = frozenset()) -> list[tuple[dict, dict, float]]:
    """``(current paragraph, previous paragraph, similarity)`` copied from the previous report;
    frame paragraphs, short ones and those in ``skip`` (boilerplate of this period) left out."""
    before = []
    for p in previous:
        norm = eligible(p["part"], p["text"])
        if norm:
            before.append((p, norm, set(shingle_hashes(norm).tolist())))
    out = []
    for p in current:
        if p["index"] in skip:
            continue
        norm = eligible(p["part"], p["text"])
        if not norm:
            continue
        mine = set(shingle_hashes(norm).tolist())
        best, score = None, 0.0
        for old, old_norm, grams in before:
            sim = 1.0 if old_norm == norm else jaccard(mine, grams)
            if sim > score:
                best, score = old, sim
        if best is not None and score >= threshold:
            out.append((p, best, score))
    return out
