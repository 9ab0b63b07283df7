"""Rows the models read: a paragraph's (or item's) text, its section heading, and context.

A row is a plain dict ``{"text": str, "head": str, "ctx": {name: 1.0, …}}`` so that the
training pipeline (sklearn) and the shipped predictor (linear.py) read exactly the same
input. Context features are categorical: kind, heading level, a position bucket, length.
"""
from __future__ import annotations

from ..model import Document, Paragraph
from .structure import Context

POSITION_BUCKETS = 10


def context_features(para: Paragraph, ctx: Context, text: str) -> dict[str, float]:
    feats = {
        f"kind={para.kind}": 1.0,
        f"level={para.level if para.level is not None else '-'}": 1.0,
        f"pos={min(POSITION_BUCKETS - 1, int(ctx.position * POSITION_BUCKETS))}": 1.0,
        f"len={_length_bucket(len(text))}": 1.0,
        f"end={_last_mark(text)}": 1.0,
    }
    if para.items:
        feats["items"] = 1.0
    if ctx.heading:
        feats["heading"] = 1.0
    return feats


def paragraph_row(doc: Document, para: Paragraph, ctx: Context) -> dict:
    text = doc.para_text(para)
    row = {"text": text, "head": ctx.head_text, "ctx": context_features(para, ctx, text)}
    if para.tokens:
        # The segmenter's tokens are jieba's words of this very text: no need to cut it again.
        row["words"] = tuple(doc.slice(t) for t in para.tokens)
    return row


def item_row(doc: Document, para: Paragraph, k: int, ctx: Context) -> dict:
    item = para.items[k]
    text = doc.slice(item.span)
    feats = context_features(para, ctx, text)
    feats["item"] = 1.0
    row = {"text": text, "head": ctx.head_text, "ctx": feats}
    if para.tokens:
        # An item starts after punctuation, where jieba cuts anyway: the paragraph's tokens
        # inside its span are exactly jieba's words of the item text (checked on the corpus).
        row["words"] = tuple(doc.slice(t) for t in para.tokens if item.span.contains(t))
    return row


def text_row(text: str) -> dict:
    return {"text": text, "head": "", "ctx": {}}


def _length_bucket(n: int) -> str:
    for limit in (8, 16, 30, 60, 120, 250):
        if n <= limit:
            return str(limit)
    return "more"


def _last_mark(text: str) -> str:
    ch = text[-1:] if text else ""
    if ch in "。.":
        return "stop"
    if ch in "：:":
        return "colon"
    if ch in "；;，,":
        return "comma"
    if ch.isdigit() or ch == "日":
        return "digit"
    return "none"
