"""Validate the hand-written corpus: schema, label ids, item markers, near-duplicates.

Usage: python corpora/check_corpus.py [FILE.jsonl ...]   (default: every corpus file)
Exit 1 when anything is wrong; prints one line per problem and a count summary.
"""
from __future__ import annotations

import collections
import json
import pathlib
import re
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
LABELS = yaml.safe_load(
    (HERE.parent / "src" / "report_nlp" / "data" / "labels.yaml").read_text(encoding="utf-8")
)
PARTS = set(LABELS["parts"])
THEMES = set(LABELS["themes"])
CATEGORIES = set(LABELS["categories"])
DISCIPLINES = set(LABELS["tags"]["discipline"])
SIFENG = set(LABELS["tags"]["sifeng"])
KINDS = {p.stem for p in (HERE.parent / "src" / "report_nlp" / "data" / "profiles").glob("*.yaml")}
THEMED = set(LABELS["themed_parts"])


def shingles(text: str, n: int = 5) -> set[str]:
    text = re.sub(r"\s+", "", text)
    return {text[i : i + n] for i in range(max(1, len(text) - n + 1))}


#: Lines shorter than this (特此报告。, 二、存在的问题, 市纪委监委：) are fixed formulas of the
#: genre, identical by design; the near-duplicate check skips them.
MIN_DUP_CHARS = 20


def near_duplicates(texts: list[str], threshold: float = 0.8) -> list[tuple[int, int, float]]:
    """Pairs of texts whose character 5-gram Jaccard similarity exceeds threshold.

    Texts shorter than MIN_DUP_CHARS (whitespace removed) are skipped."""
    sets = [shingles(t) if len(re.sub(r"\s+", "", t)) >= MIN_DUP_CHARS else set() for t in texts]
    index: dict[str, list[int]] = collections.defaultdict(list)
    for i, s in enumerate(sets):
        for g in s:
            index[g].append(i)
    pairs = []
    for i, s in enumerate(sets):
        counts: collections.Counter[int] = collections.Counter()
        for g in s:
            for j in index[g]:
                if j > i:
                    counts[j] += 1
        for j, inter in counts.items():
            union = len(s) + len(sets[j]) - inter
            sim = inter / union if union else 0.0
            if sim > threshold:
                pairs.append((i, j, sim))
    return pairs


BODY_PARTS = ("work", "problems", "next_steps")
#: A body record this short that does not end a sentence is a heading line (二、存在的问题,
#: （一）强化组织领导), not a body paragraph.
HEADING_MAX_CHARS = 40


def is_body_paragraph(rec: dict) -> bool:
    text = rec.get("text", "").strip()
    if rec.get("part") not in BODY_PARTS:
        return False
    return len(text) > HEADING_MAX_CHARS or text.endswith(("。", "；", "！", "？"))


def body_shape(recs: list[dict]) -> str:
    """Median characters of body paragraphs and labelled inline items (一是……二是……) per body
    paragraph; how far the corpus's paragraphs look like real reports'."""
    body = [r for r in recs if is_body_paragraph(r)]
    if not body:
        return "no body paragraphs"
    lengths = sorted(len(r["text"].strip()) for r in body)
    mid = len(lengths) // 2
    median = lengths[mid] if len(lengths) % 2 else (lengths[mid - 1] + lengths[mid]) / 2
    items = sum(len(r.get("items") or []) for r in body)
    multi = sum(1 for r in body if r.get("items"))
    return (f"{len(body)} body paragraphs, median {median:g} characters, {items / len(body):.2f} inline items"
            f" per paragraph, {multi / len(body):.0%} with inline items")


def check_tags(where: str, rec: dict, errors: list[str]) -> None:
    for key, allowed in (("discipline", DISCIPLINES), ("sifeng", SIFENG)):
        vals = rec.get(key, [])
        if not isinstance(vals, list) or any(v not in allowed for v in vals):
            errors.append(f"{where}: bad {key} {vals!r}")


def check_section_record(where: str, rec: dict, errors: list[str]) -> None:
    for key in ("report", "kind", "unit", "index", "text", "part"):
        if key not in rec:
            errors.append(f"{where}: missing key {key}")
            return
    if rec["kind"] not in KINDS:
        errors.append(f"{where}: unknown kind {rec['kind']!r}")
    if rec["part"] not in PARTS:
        errors.append(f"{where}: unknown part {rec['part']!r}")
    theme = rec.get("theme")
    if theme is not None and theme not in THEMES:
        errors.append(f"{where}: unknown theme {theme!r}")
    if theme is not None and rec["part"] not in THEMED:
        errors.append(f"{where}: theme given for part {rec['part']}")
    cat = rec.get("category")
    if cat is not None:
        if cat not in CATEGORIES:
            errors.append(f"{where}: unknown category {cat!r}")
        check_tags(where, rec, errors)
    if not rec["text"].strip() or "\n" in rec["text"]:
        errors.append(f"{where}: empty text or newline inside a paragraph")
    for k, item in enumerate(rec.get("items") or []):
        iw = f"{where} item {k}"
        if item.get("marker") is None or item["marker"] not in rec["text"]:
            errors.append(f"{iw}: marker {item.get('marker')!r} not in text")
        if item.get("part") not in PARTS:
            errors.append(f"{iw}: unknown part {item.get('part')!r}")
        it = item.get("theme")
        if it is not None and (it not in THEMES or item.get("part") not in THEMED):
            errors.append(f"{iw}: bad theme {it!r} for part {item.get('part')}")
        ic = item.get("category")
        if ic is not None:
            if ic not in CATEGORIES:
                errors.append(f"{iw}: unknown category {ic!r}")
            check_tags(iw, item, errors)


def check_problem_record(where: str, rec: dict, errors: list[str]) -> None:
    for key in ("id", "group", "text", "category"):
        if key not in rec:
            errors.append(f"{where}: missing key {key}")
            return
    if rec["category"] not in CATEGORIES:
        errors.append(f"{where}: unknown category {rec['category']!r}")
    check_tags(where, rec, errors)


def main(argv: list[str]) -> int:
    files = [pathlib.Path(a) for a in argv] or sorted(HERE.glob("*/*.jsonl"))
    errors: list[str] = []
    texts: list[str] = []
    parts: collections.Counter[str] = collections.Counter()
    themes: collections.Counter[str] = collections.Counter()
    cats: collections.Counter[str] = collections.Counter()
    reports: dict[str, str] = {}
    batches: dict[str, list[dict]] = collections.defaultdict(list)
    for path in files:
        kind = path.parent.name
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: invalid JSON ({e})")
                continue
            if kind in ("problems", "dev"):  # dev/: problem statements held out of training
                check_problem_record(where, rec, errors)
                if kind == "problems":
                    cats[rec.get("category")] += 1
            else:
                check_section_record(where, rec, errors)
                parts[rec.get("part")] += 1
                if rec.get("theme"):
                    themes[rec["theme"]] += 1
                reports.setdefault(rec.get("report"), rec.get("kind"))
                batches[path.stem].append(rec)
            texts.append(rec.get("text", ""))
    dups = near_duplicates(texts)
    for e in errors:
        print(e)
    print(f"reports: {len(reports)} {dict(collections.Counter(reports.values()))}")
    print(f"parts: {dict(parts)}")
    print(f"themes: {dict(themes)}")
    print(f"problem categories: {dict(cats)}")
    if batches:
        print("body paragraphs (work/problems/next_steps, heading lines left out):")
        for name, recs in sorted(batches.items()):
            print(f"  {name}: {body_shape(recs)}")
        print(f"  all: {body_shape([r for recs in batches.values() for r in recs])}")
    checked = sum(1 for t in texts if len(re.sub(r"\s+", "", t)) >= MIN_DUP_CHARS)
    share = len(dups) / max(1, checked)
    print(f"records: {len(texts)}; near-duplicate pairs (5-gram Jaccard > 0.8) among the {checked} records of"
          f" ≥ {MIN_DUP_CHARS} characters: {len(dups)} ({share:.1%})")
    for i, j, sim in dups[:20]:
        print(f"  dup {sim:.2f}: {texts[i][:30]} | {texts[j][:30]}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
