"""Schema and example checks for the TRM and TYP lexicons.

data/formulations.yaml  canonical political formulations (rule family TRM)
data/typos.yaml         common 公文 typos + the reduplication whitelist (rule family TYP)

Every `bad` example must be caught (by a `wrong` pattern, or for a `series` entry by the
order check) and every `good` example must pass. The matching below mirrors the engine
(report_nlp.check.lexicon) but is written out here so the data can be tested on its own.
"""
from __future__ import annotations

import pathlib
import re

import pytest
import yaml

DATA = pathlib.Path(__file__).resolve().parents[1] / "src" / "report_nlp" / "data"
SEVERITIES = {"error", "warning", "info"}
CONTEXT_WINDOW = 12     # characters either side of a typo hit searched by context_not
CJK = re.compile(r"[\u4e00-\u9fff]")


def _load(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


FORMULATIONS = _load("formulations.yaml")
TYPOS_FILE = _load("typos.yaml")
TYPOS = TYPOS_FILE["entries"]
WHITELIST = TYPOS_FILE["reduplication_whitelist"]


# ---------------------------------------------------------------- matching helpers

def series_violation(text: str, series: list[str]) -> bool:
    """Items of `series` listed together in another order (the engine's own test)."""
    from report_nlp.checker.rules.lexicon import _listed_runs

    for run in _listed_runs(text, series):
        order = [k for _, k, _ in run]
        if len(order) >= 2 and len(order) == len(set(order)) and order != sorted(order):
            return True
    return False


def formulation_hits(entry: dict, text: str) -> list[str]:
    found = [m.group() for p in entry.get("wrong") or () for m in re.finditer(p, text)]
    if entry.get("series") and series_violation(text, entry["series"]):
        found.append("<series>")
    return found


def typo_hits(entry: dict, text: str, window: int = CONTEXT_WINDOW) -> list[str]:
    found = []
    context_not = entry.get("context_not")
    for m in re.finditer(entry["wrong"], text):
        around = text[max(0, m.start() - window): m.end() + window]
        if context_not and re.search(context_not, around):
            continue
        found.append(m.group())
    return found


def _ids(entries):
    return [e.get("id", "?") for e in entries]


# ---------------------------------------------------------------- formulations.yaml

def test_formulations_shape():
    assert isinstance(FORMULATIONS, list)
    assert len(FORMULATIONS) >= 150
    ids = [e["id"] for e in FORMULATIONS]
    assert len(ids) == len(set(ids)), "duplicate formulation ids"
    # ids are stable: the first 74 entries keep theirs
    assert {f"F{n:03d}" for n in range(1, 75)} <= set(ids)


@pytest.mark.parametrize("entry", FORMULATIONS, ids=_ids(FORMULATIONS))
def test_formulation_schema(entry):
    allowed = {"id", "correct", "wrong", "series", "replacement", "safe", "severity", "source", "note", "examples"}
    assert set(entry) <= allowed, set(entry) - allowed
    assert re.fullmatch(r"F\d{3}", entry["id"])
    assert isinstance(entry["correct"], str) and entry["correct"].strip()
    assert entry["severity"] in SEVERITIES
    assert isinstance(entry.get("safe", False), bool)
    assert isinstance(entry["source"], str) and entry["source"].strip()
    assert isinstance(entry["note"], str) and entry["note"].strip()
    wrong = entry.get("wrong")
    assert isinstance(wrong, list)
    for pattern in wrong:
        assert isinstance(pattern, str) and pattern
        re.compile(pattern)
        assert not re.search(pattern, entry["correct"]), f"{pattern!r} matches the correct form"
    series = entry.get("series")
    assert wrong or series, "an entry needs wrong patterns or a series"
    if entry.get("safe"):
        assert entry.get("replacement"), "safe entries need a replacement"
    if entry.get("replacement"):
        assert not any(re.search(p, entry["replacement"]) for p in wrong), "replacement is itself wrong"
    if series:
        assert len(series) >= 2 and len(set(series)) == len(series)
        pos = -1
        for item in series:
            nxt = entry["correct"].find(item, pos + 1)
            assert nxt > pos, f"series item {item!r} out of order in correct"
            pos = nxt
        assert not series_violation(entry["correct"], series)
    examples = entry["examples"]
    assert len(examples["bad"]) >= 1
    assert len(examples["good"]) >= 2


@pytest.mark.parametrize("entry", FORMULATIONS, ids=_ids(FORMULATIONS))
def test_formulation_examples(entry):
    for bad in entry["examples"]["bad"]:
        assert formulation_hits(entry, bad), f"bad example not caught: {bad}"
    for good in entry["examples"]["good"]:
        assert not formulation_hits(entry, good), f"good example flagged: {good} {formulation_hits(entry, good)}"
    assert not formulation_hits(entry, entry["correct"])


@pytest.mark.parametrize("entry", [e for e in FORMULATIONS if e.get("replacement")],
                         ids=_ids([e for e in FORMULATIONS if e.get("replacement")]))
def test_formulation_replacement_fixes_bad_examples(entry):
    """Replacing every wrong match by `replacement` leaves no wrong form behind."""
    for bad in entry["examples"]["bad"]:
        fixed = bad
        for pattern in entry["wrong"]:
            fixed = re.sub(pattern, entry["replacement"], fixed)
        assert not formulation_hits(entry, fixed), (bad, fixed)


# ---------------------------------------------------------------- typos.yaml

def test_typos_shape():
    assert isinstance(TYPOS_FILE, dict)
    assert isinstance(TYPOS, list) and len(TYPOS) >= 60
    ids = [e["id"] for e in TYPOS]
    assert len(ids) == len(set(ids)), "duplicate typo ids"
    wrongs = [e["wrong"] for e in TYPOS]
    assert len(wrongs) == len(set(wrongs)), "duplicate typo patterns"


@pytest.mark.parametrize("entry", TYPOS, ids=_ids(TYPOS))
def test_typo_schema(entry):
    allowed = {"id", "wrong", "right", "safe", "severity", "context_not", "note", "source", "examples"}
    assert set(entry) <= allowed, set(entry) - allowed
    assert re.fullmatch(r"T\d{3}", entry["id"])
    assert entry["severity"] in SEVERITIES
    assert isinstance(entry.get("safe", False), bool)
    assert isinstance(entry["wrong"], str) and entry["wrong"]
    re.compile(entry["wrong"])
    assert isinstance(entry["right"], str) and entry["right"]
    if entry.get("safe"):
        assert entry["right"]
    if entry.get("context_not") is not None:
        re.compile(entry["context_not"])
    assert not re.search(entry["wrong"], entry["right"]), "right form matches the wrong pattern"
    assert isinstance(entry["source"], str) and entry["source"].strip()
    assert isinstance(entry["note"], str) and entry["note"].strip()
    assert len(entry["examples"]["bad"]) >= 1
    assert len(entry["examples"]["good"]) >= 1


@pytest.mark.parametrize("entry", TYPOS, ids=_ids(TYPOS))
def test_typo_examples(entry):
    for bad in entry["examples"]["bad"]:
        assert typo_hits(entry, bad), f"bad example not caught: {bad}"
    for good in entry["examples"]["good"]:
        # a narrower context window must not be needed to keep a good example clean
        assert not typo_hits(entry, good, window=CONTEXT_WINDOW // 2), f"good example flagged: {good}"
        assert not typo_hits(entry, good), f"good example flagged: {good}"


@pytest.mark.parametrize("entry", [e for e in TYPOS if e.get("safe")], ids=_ids([e for e in TYPOS if e.get("safe")]))
def test_typo_fix_repairs_bad_examples(entry):
    for bad in entry["examples"]["bad"]:
        fixed = re.sub(entry["wrong"], entry["right"], bad)
        assert not typo_hits(entry, fixed), (bad, fixed)


# ---------------------------------------------------------------- reduplication whitelist

def test_reduplication_whitelist():
    assert isinstance(WHITELIST, list) and len(WHITELIST) >= 80
    assert len(WHITELIST) == len(set(WHITELIST)), "duplicate whitelist words"
    for word in WHITELIST:
        assert isinstance(word, str) and all(CJK.match(ch) for ch in word), word
        assert any(a == b for a, b in zip(word, word[1:])), f"{word} has no doubled character"


# ---------------------------------------------------------------- cross-precision

def _all_good_examples():
    for e in FORMULATIONS + TYPOS:
        yield from e["examples"]["good"]


def test_good_examples_clean_against_every_entry():
    """A good example of one entry must not trip an error/warning entry anywhere else."""
    problems = []
    for text in _all_good_examples():
        for e in FORMULATIONS:
            if e["severity"] != "info" and formulation_hits(e, text):
                problems.append((e["id"], text, formulation_hits(e, text)))
        for e in TYPOS:
            if e["severity"] != "info" and typo_hits(e, text):
                problems.append((e["id"], text, typo_hits(e, text)))
    assert not problems, problems


def test_reference_report_hits():
    """The reference report (tests/fixtures/reference.txt): of the slips a reviewer marks
    (see tests/test_check_reference.py), the lexicons own “外室” for 处室; nothing else may fire."""
    text = (pathlib.Path(__file__).parent / "fixtures" / "reference.txt").read_text(encoding="utf-8")
    hits = {e["id"]: formulation_hits(e, text) for e in FORMULATIONS if formulation_hits(e, text)}
    hits |= {e["id"]: typo_hits(e, text) for e in TYPOS if typo_hits(e, text)}
    waishi = next(e["id"] for e in TYPOS if e["right"] == "处室")
    assert hits == {waishi: ["外室"]}
