"""Typing slips that leave valid characters: input-method homophones (TYP003) and doubled
characters (TYP001).

Both are decided by the dictionary rather than by lists of known slips:

* A **homophone slip** is a span that sounds like a term of the genre's vocabulary
  (``data/terms.yaml``) but differs from it in one or two characters: 全面从严治当,
  廉洁自虑, 主题责任. The span is left alone when it is itself a word or a term.
* A **doubled character** is two equal characters where the text reads better with one of
  them: 教育育 and 廉洁洁自律 are slips, 会议议程 and 学习习近平 are two words meeting.
  "Better" is jieba's own unigram model: the log-probability of the best segmentation of the
  sentence around the pair, with and without the second character.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...model import Span
from ...resources import load_yaml
from ..context import Context
from ..registry import Rule, rule_function

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


# ---------------------------------------------------------------- the genre's vocabulary

@functools.lru_cache(maxsize=1)
def _terms_file() -> dict:
    """terms.yaml: ``sources`` (key → public document) and ``terms`` (key → list of terms)."""
    return load_yaml("terms.yaml")


@functools.lru_cache(maxsize=1)
def genre_terms() -> dict[str, str]:
    """Every term of the genre's vocabulary → the citation of its source."""
    data = _terms_file()
    sources = data["sources"]
    out: dict[str, str] = {}
    for key, terms in data["terms"].items():
        for term in terms:
            out.setdefault(term, sources[key])
    return out


@functools.lru_cache(maxsize=1)
def allowed_lookalikes() -> frozenset[str]:
    """Real phrases that sound like a term (检察机关 beside 监察机关)."""
    return frozenset(_terms_file().get("lookalikes") or ())


@dataclass(frozen=True)
class Slip:
    span: Span
    term: str
    diffs: tuple[int, ...]   # positions inside the span where the characters differ
    exact: bool              # every differing character is a true homophone (not only near)


class TermIndex:
    """A trie over the near-sound keys of the terms' characters.

    Walking it from each character of a text finds every window that sounds like a term;
    comparing characters then tells an exact occurrence from a slip.
    """

    def __init__(self, terms, min_length: int = 3) -> None:
        from ...segmenter.pinyin import near_readings

        self.terms = frozenset(t for t in terms if len(t) >= min_length)
        self.root: dict = {}
        for term in self.terms:
            nodes = [self.root]
            for ch in term:
                keys = near_readings(ch) or frozenset({ch})
                nodes = [node.setdefault(k, {}) for node in nodes for k in keys]
                nodes = list({id(n): n for n in nodes}.values())
            for node in nodes:
                node.setdefault("$", set()).add(term)

    def windows(self, text: str, start: int, end: int):
        """``(start, end, term)`` for every window of ``text[start:end]`` that sounds like a term."""
        from ...segmenter.pinyin import near_primary

        for p in range(start, end):
            frontier = [self.root]
            q = p
            while frontier and q < end:
                key = near_primary(text[q]) or text[q]
                frontier = [child for node in frontier if (child := node.get(key)) is not None]
                q += 1
                for node in frontier:
                    for term in node.get("$", ()):
                        if len(term) == q - p:
                            yield p, q, term


def find_slips(text: str, start: int, end: int, index: TermIndex, *, max_diffs: int = 2,
               two_diffs_min_length: int = 6, near_min_length: int = 5, min_length: int = 4) -> list[Slip]:
    """Windows that sound like a term and differ from it in 1–``max_diffs`` characters."""
    from ...segmenter.pinyin import homophones

    exact_hits: list[tuple[int, int]] = []
    slips: list[Slip] = []
    for s, e, term in index.windows(text, start, end):
        window = text[s:e]
        if window == term:
            exact_hits.append((s, e))
            continue
        if len(term) < min_length:
            continue
        diffs = tuple(i for i, (a, b) in enumerate(zip(window, term)) if a != b)
        if len(diffs) > max_diffs or (len(diffs) == 2 and len(term) < two_diffs_min_length):
            continue
        if not all(_CJK.match(window[i]) for i in diffs):
            continue
        exact = all(homophones(window[i], term[i]) for i in diffs)
        if not exact and len(term) < near_min_length:
            continue
        slips.append(Slip(Span(s, e), term, diffs, exact))
    return [sl for sl in slips if not any(a <= sl.span.start and sl.span.end <= b for a, b in exact_hits)]


@functools.lru_cache(maxsize=4)
def _index(min_length: int) -> TermIndex:
    return TermIndex(genre_terms(), min_length=min_length)


def _inside_real_word(ctx: Context, para, slip: Slip, tokenizer) -> bool:
    """A differing character that belongs to a dictionary word reaching outside the span (a
    term heard across two words of an ordinary sentence), or, for a slip that only sounds
    near, to any dictionary word (公车|使用 is not 公车私用): the span is then no slip."""
    for i in slip.diffs:
        at = slip.span.start + i
        for tok in para.tokens:
            if tok.start <= at < tok.end:
                outside = tok.start < slip.span.start or tok.end > slip.span.end
                if (outside or not slip.exact) and len(tok) > 1 and tokenizer.is_word(ctx.text[tok.start:tok.end]):
                    return True
                break
    return False


def _word_plus_neighbour(window: str, slip: Slip, tokenizer) -> bool:
    """One differing character at the edge of a span whose rest is a word (党委会|以“第一议题”
    heard as 党委会议): the span is a word followed or preceded by the next word of the sentence."""
    if len(slip.diffs) != 1 or slip.diffs[0] not in (0, len(window) - 1):
        return False
    rest = window[1:] if slip.diffs[0] == 0 else window[:-1]
    return tokenizer.is_word(rest)


@rule_function("TYP003")
def homophone_typos(ctx: Context, rule: Rule):
    """TYP003: a span that sounds like a term of the genre but is written otherwise."""
    from ...segmenter.tokens import default_tokenizer

    params = rule.params
    index = _index(int(params.get("min_length", 4)))
    tokenizer = default_tokenizer()
    terms = genre_terms()
    allowed = allowed_lookalikes() | set(ctx.options.get("whitelist", ()))
    for para in ctx.doc.paragraphs:
        found = find_slips(ctx.text, para.span.start, para.span.end, index,
                           max_diffs=int(params.get("max_diffs", 2)),
                           two_diffs_min_length=int(params.get("two_diffs_min_length", 6)),
                           near_min_length=int(params.get("near_min_length", 5)),
                           min_length=int(params.get("min_length", 4)))
        by_span: dict[Span, list[Slip]] = {}
        for slip in found:
            window = ctx.text[slip.span.start:slip.span.end]
            if window in terms or window in allowed or tokenizer.is_word(window):
                continue
            if _inside_real_word(ctx, para, slip, tokenizer) or _word_plus_neighbour(window, slip, tokenizer):
                continue
            by_span.setdefault(slip.span, []).append(slip)
        for span in _outermost(by_span):
            options = sorted(by_span[span], key=lambda sl: (len(sl.diffs), not sl.exact, sl.term))
            best = options[0]
            unambiguous = len({sl.term for sl in options}) == 1 and best.exact and len(best.diffs) == 1
            match = ctx.text[span.start:span.end]
            finding = ctx.finding(rule, span, fix=(span, best.term) if unambiguous else None,
                                  data={"term": best.term, "basis": terms[best.term]},
                                  match=match, term=best.term)
            yield finding


def _outermost(by_span: dict[Span, list]) -> list[Span]:
    """The longest of overlapping spans (治当 inside 全面从严治当 is one slip, not two)."""
    spans = sorted(by_span, key=lambda s: (-(s.end - s.start), s.start))
    kept: list[Span] = []
    for span in spans:
        if not any(k.start < span.end and span.start < k.end for k in kept):
            kept.append(span)
    return sorted(kept)


# ---------------------------------------------------------------- doubled characters

@functools.lru_cache(maxsize=1)
def _doubling_lists() -> tuple[frozenset[str], frozenset[str], tuple[re.Pattern[str], ...]]:
    data = load_yaml("typos.yaml")
    return (frozenset(data.get("reduplication_whitelist") or ()), frozenset(data.get("organ_suffixes") or ()),
            tuple(re.compile(p) for p in data.get("reduplication_patterns") or ()))


def doubling_gain(tokenizer, left: str, char: str, right: str) -> float:
    """How much likelier the text reads with one ``char`` than with two (log-probability)."""
    return tokenizer.log_prob(left + char + right) - tokenizer.log_prob(left + char + char + right)


@rule_function("TYP001")
def doubled_characters(ctx: Context, rule: Rule):
    """TYP001: two equal characters where one of them is a slip.

    Only where the doubling leaves a character stranded that the text without it does not
    (教育|育, 干部|部队|伍: more single-character words in the best segmentation with both
    characters than with one; two words meeting, 会议|议程, strand nothing). Then a slip when
    deleting one restores a term of the genre's vocabulary (理论学学习中心组, 明察暗暗访), or,
    unless the pair is a reduplication (层层, 一份份) or an organ name running into a word
    (龙湾市|市场), when the text reads clearly likelier with one (jieba's unigram
    log-probability gain ≥ ``threshold``).
    """
    from ...segmenter.tokens import default_tokenizer

    tokenizer = default_tokenizer()
    whitelist, suffixes, patterns = _doubling_lists()
    whitelist = whitelist | set(ctx.options.get("whitelist", ()))
    threshold = float(rule.params.get("threshold", 6.0))
    boundary_threshold = float(rule.params.get("boundary_threshold", threshold))
    reach = int(rule.params.get("context", 6))
    text = ctx.text
    for para in ctx.doc.paragraphs:
        for run in _CJK_RUN.finditer(text, para.span.start, para.span.end):
            s, e = run.span()
            for i in range(s, e - 1):
                c = text[i]
                if text[i + 1] != c or (i > s and text[i - 1] == c) or (i + 2 < e and text[i + 2] == c):
                    continue  # not a pair, or three in a row (哈哈哈)
                left, right = text[max(s, i - reach):i], text[i + 2:min(e, i + 2 + reach)]
                if _extra_singles(tokenizer, left, c, right) < 1:
                    continue  # two words meeting (会议|议程, 党委会|会议): nothing left stranded
                if not _restores_term(left, c, right):
                    if (_real_reduplication(text, i, para, whitelist, suffixes, tokenizer)
                            or any(p.match(text, max(s, i - 1)) for p in patterns)):
                        continue
                    # Each character inside a longer word (教师|师德, 对标|标杆) is how two words
                    # meet; only a much likelier text without one makes it a slip.
                    need = boundary_threshold if _both_in_words(para, i) else threshold
                    if doubling_gain(tokenizer, left, c, right) < need:
                        continue
                span = Span(i, i + 2)
                word = _word_around(text, para, i)
                yield ctx.finding(rule, span, fix=(span, c), match=c + c, word=word)


def _both_in_words(para, i: int) -> bool:
    """Whether each of the two characters at ``i`` sits in a word of two or more characters."""
    first = next((t for t in para.tokens if t.start <= i < t.end), None)
    second = next((t for t in para.tokens if t.start <= i + 1 < t.end), None)
    return first is not None and second is not None and len(first) > 1 and len(second) > 1


def _restores_term(left: str, char: str, right: str) -> bool:
    """Whether deleting one of the two ``char`` makes a term of the genre appear across the
    deletion point (学学习 → 学习中心组 in 理论学习中心组) that the doubled text lacks."""
    single = left + char + right
    at = len(left)
    for term in _terms_by_char().get(char, ()):
        k = single.find(term)
        while k != -1:
            if k <= at < k + len(term) and term not in left + char + char + right:
                return True
            k = single.find(term, k + 1)
    return False


@functools.lru_cache(maxsize=1)
def _terms_by_char() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for term in genre_terms():
        if len(term) >= 3:
            for ch in set(term):
                index.setdefault(ch, []).append(term)
    return index


def _extra_singles(tokenizer, left: str, char: str, right: str) -> int:
    """How many more single characters the best segmentation leaves with both ``char`` than
    with one (a slip strands one: 教育|育; two words meeting do not: 会议|议程)."""
    return tokenizer.single_characters(left + char + char + right) - tokenizer.single_characters(left + char + right)


def _real_reduplication(text: str, i: int, para, whitelist, suffixes, tokenizer) -> bool:
    """A word that contains the pair (层层, 人人, or a listed reduplication such as 认认真真),
    or an organ name running into the next word (龙湾市|市场监督管理局)."""
    tok = next((t for t in para.tokens if t.start <= i < t.end), None)
    # A listed pair (查查) counts only where its first character does not end a longer word
    # (检查|查 is a slip); a longer listed word (认认真真) counts wherever it covers the pair.
    pair_alone = tok is None or tok.start == i
    if any(_covers(text, i, w) for w in whitelist if text[i] in w and (len(w) > 2 or pair_alone)):
        return True
    if tok is not None and tok.end > i + 1:
        return True  # the segmenter keeps the pair inside one word
    if tok is not None and tok.end == i + 1 and text[i] in suffixes:
        nxt = next((t for t in para.tokens if t.start == i + 1), None)
        if nxt is not None and len(nxt) > 1:
            return True
    return False


def _covers(text: str, i: int, word: str) -> bool:
    """Whether an occurrence of ``word`` covers both characters of the pair at ``i``."""
    lo = max(0, i + 2 - len(word))
    k = text.find(word, lo, i + len(word))
    while k != -1 and k <= i:
        if k <= i and i + 2 <= k + len(word):
            return True
        k = text.find(word, k + 1, i + len(word))
    return False


def _word_around(text: str, para, i: int) -> str:
    """The words holding the two characters, for the message (党史学习教育|育)."""
    toks = [t for t in para.tokens if t.start <= i + 1 and t.end > i]
    return text[toks[0].start:toks[-1].end] if toks else text[i:i + 2]
