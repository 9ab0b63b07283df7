"""Combine the form of the report (structure.py) with the text scorers into part and theme.

Part: the rules' part, as a smoothed distribution, times the part model's probabilities
(a product of experts), when a model is installed. Theme: each paragraph's own theme
distribution plus ``SECTION_WEIGHT`` times its section's (the heading and the paragraphs
under it); an item adds its section's distribution too, the more so the less sure its own
words are, and the cue words of its lead phrase (三是扎实抓好问题整改。); a paragraph with items takes the most frequent item theme; a heading takes the
most frequent theme of its section unless its own words name a theme; an umbrella heading
gets none.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..model import Document, Item, Paragraph
from ..taxonomy import taxonomy
from .cues import cues, keyword_dist, keyword_scores
from .features import item_row, paragraph_row
from .scorer import RuleScorer
from .structure import BODY_PARTS, Context, analyse

#: How much the section (heading + siblings) counts against a paragraph's own words.
SECTION_WEIGHT = 0.5
#: How much an item's paragraph counts against the item's own words.
PARENT_WEIGHT = 0.6
#: How much more the section counts for an item whose own words are unsure (0: not at all).
UNSURE_BOOST = 1.0
#: Weight of the cue-phrase theme keywords (data/cues.yaml) added to the model's distribution.
KEYWORD_WEIGHT = 0.3
#: The same for headings, whose few words are chosen to name the theme.
HEADING_KEYWORD_WEIGHT = 1.5
#: Whether a heading whose own words name a theme keeps it against its section's plurality.
HEADING_NAMES_THEME = True
#: Weight of an item's lead-phrase keywords, and the longest phrase that counts as a lead.
LEAD_WEIGHT = 1.0
MAX_LEAD = 16
#: Weight of the part model against the rules (an exponent on its probabilities).
MODEL_WEIGHT = 1.0


def tag_document(doc: Document, scorer) -> Document:
    ctxs = analyse(doc)
    if not ctxs:
        return replace(doc, tagged=True)
    tax = taxonomy()
    part_ids = list(tax.parts)
    parts = _parts(doc, ctxs, scorer, part_ids)
    themed = set(tax.themed_parts)
    themes = _themes(doc, ctxs, parts, scorer, themed)
    paragraphs = []
    for para, ctx, (part, pconf) in zip(doc.paragraphs, ctxs, parts):
        theme, tconf, item_themes = themes.get(para.index, (None, None, {}))
        items = tuple(_item(it, part, pconf, item_themes.get(k)) for k, it in enumerate(para.items))
        conf = pconf if tconf is None else min(pconf, tconf)
        paragraphs.append(replace(para, part=part, theme=theme, confidence=round(conf, 4), items=items))
    return replace(doc, paragraphs=tuple(paragraphs), tagged=True)


def _item(item: Item, part: str, pconf: float, theme: tuple[str, float] | None) -> Item:
    if theme is None:
        return replace(item, part=part, theme=None, confidence=round(pconf, 4))
    return replace(item, part=part, theme=theme[0], confidence=round(min(pconf, theme[1]), 4))


def _parts(doc, ctxs: tuple[Context, ...], scorer, part_ids: list[str]) -> list[tuple[str, float]]:
    rows = [paragraph_row(doc, p, c) for p, c in zip(doc.paragraphs, ctxs)]
    model = scorer.parts(rows)
    out = []
    for k, ctx in enumerate(ctxs):
        rule = _smooth(ctx.part, ctx.conf, part_ids)
        if model is None:
            out.append((ctx.part, ctx.conf))
            continue
        dist = {p: rule[p] * (model[k].get(p, 1e-6) ** MODEL_WEIGHT) for p in part_ids}
        best, conf = _argmax(_normalise(dist))
        out.append((best, conf))
    return out


def _themes(doc, ctxs, parts, scorer, themed: set[str]) -> dict[int, tuple]:
    paras = doc.paragraphs
    wanted = [k for k, (part, _) in enumerate(parts) if part in themed]
    own = dict(zip(wanted, _own_themes(scorer, [paragraph_row(doc, paras[k], ctxs[k]) for k in wanted],
                                       [ctxs[k].heading and paras[k].kind == "heading" for k in wanted])))
    sections: dict[int, list[int]] = {}
    for k in wanted:
        sec = ctxs[k].section
        if (sec is not None and sec != k and sec in own and not ctxs[sec].umbrella
                and parts[sec][0] == parts[k][0]):
            sections.setdefault(sec, []).append(k)
    prior = {}
    for sec, members in sections.items():
        acc = Counter({t: 2.0 * v for t, v in own[sec].items()})
        for k in members:
            acc.update(own[k])
        prior[sec] = _normalise(dict(acc))
    out: dict[int, tuple] = {}
    item_keys = [(k, j) for k in wanted for j in range(len(paras[k].items))]
    item_rows = [item_row(doc, paras[k], j, ctxs[k]) for k, j in item_keys]
    item_own = dict(zip(item_keys, _own_themes(scorer, item_rows))) if item_rows else {}
    for k in wanted:
        ctx = ctxs[k]
        if ctx.heading and ctx.umbrella:
            out[k] = (None, None, {})
            continue
        mixed = Counter(own[k])
        sec = ctx.section if ctx.section != k else None
        if sec in prior:
            mixed.update({t: SECTION_WEIGHT * v for t, v in prior[sec].items()})
        dist = _normalise(dict(mixed))
        item_themes = {}
        # An item's context is its section, not its paragraph (which is mostly the items).
        parent = prior.get(sec, dist)
        for j in range(len(paras[k].items)):
            idist = Counter(item_own[(k, j)])
            weight = PARENT_WEIGHT * (1.0 + UNSURE_BOOST * _unsure(item_own[(k, j)]))
            idist.update({t: weight * v for t, v in parent.items()})
            item_themes[j] = _argmax(_normalise(dict(idist)))
        theme, conf = _argmax(dist)
        if len(item_themes) >= 2:
            # Items split evenly: the section (its heading above all) breaks the tie.
            theme, conf = _plurality([t for t, _ in item_themes.values()], prior.get(sec, dist))
        out[k] = (theme, conf, item_themes)
    table = cues().themes
    for sec, members in sections.items():
        if out.get(sec, (None,))[0] is None or not members:
            continue
        if HEADING_NAMES_THEME and any(keyword_scores(doc.para_text(paras[sec]), table).values()):
            continue  # a heading whose own words name a theme keeps it (四、坚持率先垂范)
        finals = [out[k][0] for k in members if out[k][0] is not None]
        if finals:
            theme, conf = _plurality(finals, prior[sec])
            out[sec] = (theme, conf, out[sec][2])
    return out


def _own_themes(scorer, rows: list[dict], headings: list[bool] | None = None) -> list[dict[str, float]]:
    """The scorer's theme distribution, plus the cue-phrase keywords when a model decides."""
    dists = scorer.themes(rows)
    if isinstance(scorer, RuleScorer) or KEYWORD_WEIGHT <= 0:
        return dists
    table = cues().themes
    out = []
    for row, dist, heading in zip(rows, dists, headings or [False] * len(rows)):
        kw = keyword_dist(row["text"], table, fallback="")
        weight = HEADING_KEYWORD_WEIGHT if heading else KEYWORD_WEIGHT
        acc = Counter(dist)
        acc.update({t: weight * v for t, v in kw.items() if t})
        lead = _lead_phrase(row["text"]) if LEAD_WEIGHT > 0 and "item" in row.get("ctx", {}) else ""
        if lead:
            # An item's lead phrase (三是扎实抓好问题整改。) names its theme like a heading.
            acc.update({t: LEAD_WEIGHT * v for t, v in keyword_dist(lead, table, fallback="").items() if t})
        out.append(_normalise(dict(acc)))
    return out


def _lead_phrase(text: str) -> str:
    cut = text.find("。")
    return text[: cut + 1] if 0 < cut <= MAX_LEAD else ""


def _unsure(dist: dict[str, float]) -> float:
    """1 when the two best themes tie, 0 when the best stands alone (margin over the best)."""
    top = sorted(dist.values(), reverse=True)[:2] + [0.0, 0.0]
    return 1.0 - (top[0] - top[1]) / top[0] if top[0] > 0 else 1.0


def _plurality(labels: list[str], dist: dict[str, float]) -> tuple[str, float]:
    counts = Counter(labels)
    best = max(counts, key=lambda t: (counts[t], dist.get(t, 0.0), t))
    return best, max(counts[best] / len(labels), dist.get(best, 0.0))


def _smooth(part: str, conf: float, ids: list[str]) -> dict[str, float]:
    rest = (1.0 - conf) / max(1, len(ids) - 1)
    return {p: (conf if p == part else rest) for p in ids}


def _normalise(dist: dict[str, float]) -> dict[str, float]:
    total = sum(dist.values())
    return {k: v / total for k, v in dist.items()} if total > 0 else dist


def _argmax(dist: dict[str, float]) -> tuple[str, float]:
    best = max(sorted(dist), key=lambda t: dist[t])
    return best, float(dist[best])


__all__ = ["tag_document", "BODY_PARTS", "Paragraph"]
