"""Read ``corpora/`` into training sets: rows, labels and the group (report) of each.

Section records are put back together into their reports (one record = one line), segmented
and analysed like any input, so the models see the same rows at training and at run time.
Annotated items are matched to the segmenter's items by marker, in order.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Document
from ..segmenter import segment
from ..tagger.features import item_row, paragraph_row
from ..tagger.problems import strip_marker
from ..tagger.structure import Context, analyse


@dataclass
class Report:
    id: str
    doc: Document
    ctxs: tuple[Context, ...]
    records: list[dict]
    items: dict[int, list[tuple[int, dict]]] = field(default_factory=dict)  # para -> [(seg item, gold)]


@dataclass
class Dataset:
    rows: list = field(default_factory=list)
    y: list = field(default_factory=list)
    groups: list[str] = field(default_factory=list)

    def add(self, row, label, group: str) -> None:
        self.rows.append(row)
        self.y.append(label)
        self.groups.append(group)

    def subset(self, idx) -> "Dataset":
        return Dataset([self.rows[i] for i in idx], [self.y[i] for i in idx], [self.groups[i] for i in idx])


#: The locked test split: a section report belongs to it when the first two bytes of the
#: sha256 of its id, read as a number, fall below this share of 65536 (about 15 % of the
#: reports). The rule depends on the id alone, so a new report joins one side for good. These
#: reports (and the problem statements labelled in them) are never used to choose settings or
#: rules: tuning and the grouped cross-validation run on the other reports.
LOCKED_SHARE = 0.15


def default_root() -> Path:
    """``corpora/`` of the source checkout (for ``python -m report_nlp.training.tune``)."""
    return Path(__file__).resolve().parents[3] / "corpora"


def is_locked(report_id: str) -> bool:
    digest = hashlib.sha256(report_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:2], "big") < LOCKED_SHARE * 65536


def corpus_files(root: Path, which: str | None = None) -> list[Path]:
    kinds = [which] if which else ["sections", "problems"]
    return sorted(p for k in kinds for p in (root / k).glob("*.jsonl"))


def corpus_hash(root: Path) -> str:
    """sha256 over the sorted corpus files (name and bytes)."""
    h = hashlib.sha256()
    for path in corpus_files(root):
        h.update(f"{path.parent.name}/{path.name}\n".encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _read_jsonl(paths: list[Path]) -> list[dict]:
    out = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
    return out


def load_reports(root: Path, reports: set[str] | None = None) -> list[Report]:
    by_report: dict[str, list[dict]] = defaultdict(list)
    for rec in _read_jsonl(corpus_files(root, "sections")):
        if reports is None or rec["report"] in reports:
            by_report[rec["report"]].append(rec)
    out = []
    for rid in sorted(by_report):
        recs = sorted(by_report[rid], key=lambda r: r["index"])
        doc = segment("\n".join(r["text"].strip() for r in recs), tokens=False)
        if len(doc.paragraphs) != len(recs):
            continue  # a record with an inner line break: the checker reports it
        rep = Report(rid, doc, analyse(doc), recs)
        for k, rec in enumerate(recs):
            rep.items[k] = _match_items(doc.paragraphs[k].items, rec.get("items") or [])
        out.append(rep)
    return out


def _match_items(seg_items, gold: list[dict]) -> list[tuple[int, dict]]:
    used: set[int] = set()
    pairs = []
    for g in gold:
        for j, it in enumerate(seg_items):
            if j not in used and it.marker == g.get("marker"):
                used.add(j)
                pairs.append((j, g))
                break
    return pairs


def section_sets(reports: list[Report]) -> tuple[Dataset, Dataset]:
    """(part set over paragraphs, theme set over themed paragraphs and items)."""
    parts, themes = Dataset(), Dataset()
    for rep in reports:
        for k, rec in enumerate(rep.records):
            para, ctx = rep.doc.paragraphs[k], rep.ctxs[k]
            row = paragraph_row(rep.doc, para, ctx)
            parts.add(row, rec["part"], rep.id)
            if rec.get("theme"):
                themes.add(row, rec["theme"], rep.id)
            for j, gold in rep.items.get(k, []):
                if gold.get("theme"):
                    themes.add(item_row(rep.doc, para, j, ctx), gold["theme"], rep.id)
    return parts, themes


def problem_set(root: Path, reports: list[Report] | None = None) -> Dataset:
    """Problem statements: corpora/problems plus the labelled problems inside sections.

    Labels are (category, tag list) with tags spelt ``discipline:work`` / ``sifeng:formalism``.
    """
    data = Dataset()
    for rec in sorted(_read_jsonl(corpus_files(root, "problems")), key=lambda r: r["id"]):
        data.add(strip_marker(rec["text"]) or rec["text"], (rec["category"], _tags(rec)), rec["group"])
    for rep in reports if reports is not None else load_reports(root):
        for k, rec in enumerate(rep.records):
            pairs = rep.items.get(k, [])
            labelled = [(j, g) for j, g in pairs if g.get("category")]
            for j, gold in labelled:
                text = rep.doc.slice(rep.doc.paragraphs[k].items[j].span)
                data.add(strip_marker(text) or text, (gold["category"], _tags(gold)), rep.id)
            if rec.get("category") and not labelled and not rec.get("items"):
                data.add(strip_marker(rec["text"]) or rec["text"], (rec["category"], _tags(rec)), rep.id)
    return data


def _tags(rec: dict) -> list[str]:
    return sorted([f"discipline:{d}" for d in rec.get("discipline") or []] +
                  [f"sifeng:{s}" for s in rec.get("sifeng") or []])
