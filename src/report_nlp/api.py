"""The library's verbs, in one place (re-exported by ``report_nlp``)::

    raw = load("收文.docx")                       # RawText: the canonical text of a file
    doc = segment(raw)                           # Document: paragraphs, headings, items, tokens
    doc = tag(doc)                               # the same, with part/theme labels
    result = check(doc)                          # CheckResult: profile + findings (tags if needed)
    for s in suggest(result): ...                # ready-to-edit text for what is missing
    labels = classify(["个别干部纪律观念淡薄。"])   # problem categories
    text = draft(inputs, profile="quarterly")    # a report from structured input
    annotate(result, "收文.docx", "批注.docx")     # findings as Word comments
    fix_layout("收文.docx", "版式.docx")           # GB/T 9704 layout, text unchanged

Every verb imports its machinery on first call, so ``import report_nlp`` stays cheap.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:  # only for the annotations
    from .checker import CheckResult
    from .checker.config import Config
    from .checker.suggest import Suggestion
    from .model import Document, RawText
    from .tagger import ProblemLabel

__all__ = ["load", "segment", "tag", "check", "check_text", "suggest", "classify", "draft", "annotate",
           "fix_layout", "write_docx"]


def load(path: str | Path) -> "RawText":
    """Read a .txt/.md/.docx file into its canonical text (raises :class:`~report_nlp.errors.InputProblem`)."""
    from .io import load as _load

    return _load(path)


def segment(raw: "RawText | str", *, tokens: bool = True) -> "Document":
    """Split a loaded file (or a plain string) into paragraphs, headings, items, sentences and tokens."""
    from .segmenter import segment as _segment

    return _segment(raw, tokens=tokens)


def tag(doc: "Document") -> "Document":
    """A copy of ``doc`` with part, theme and confidence on every paragraph and item."""
    from .tagger import tag as _tag

    return _tag(doc)


def check(doc: "Document | str", profile: str | None = "auto", config: "Config | None" = None) -> "CheckResult":
    """All rules of the profile over ``doc`` (a Document, tagged or not, or a plain string).

    ``profile`` is a report kind (``quarterly``, ``annual``…) or ``auto``; ``config`` a
    :class:`~report_nlp.checker.config.Config` (disabled rules, severities, extra lexicon entries).
    """
    from .checker import check as _check

    if isinstance(doc, str):
        doc = segment(doc)
    return _check(doc, profile, config)


def check_text(text: str, profile: str | None = "auto", config: "Config | None" = None,
               source: str = "<文本>") -> "CheckResult":
    """:func:`check` of a string, named ``source`` in messages."""
    from .checker import check_text as _check_text

    return _check_text(text, profile, config, source=source)


def suggest(result: "CheckResult") -> "list[Suggestion]":
    """Where to insert, and ready-to-edit text, for each missing part or theme and each problem
    without a measure found by :func:`check`."""
    from .checker.suggest import suggest as _suggest

    return _suggest(result)


def classify(texts: Iterable[str]) -> "list[ProblemLabel]":
    """Each problem statement's category, confidence, alternatives and 纪律/四风 tags."""
    from .tagger import classify as _classify

    return _classify(list(texts))


def draft(inputs: dict[str, Any], profile: str | None = None, template_dir: str | Path | None = None) -> str:
    """The report text drafted from structured input (a dict as loaded from the YAML of ``init``)."""
    from .drafter import draft as _draft

    return _draft(inputs, profile, template_dir)


def annotate(result: "CheckResult", source: str | Path, out: str | Path, *, author: str = "report-nlp") -> int:
    """Write a copy of the .docx ``source`` with each finding of ``result`` as a Word comment; the count."""
    from .comments import annotate_result

    return annotate_result(result, Path(source), Path(out), author=author)


def fix_layout(source: str | Path, out: str | Path) -> int:
    """Write a copy of the .docx ``source`` in GB/T 9704 layout (text unchanged); paragraphs changed."""
    from .layout.fix import fix_layout as _fix_layout

    return _fix_layout(Path(source), Path(out))


def write_docx(text: str, path: str | Path) -> None:
    """Write report text as a .docx in GB/T 9704 layout."""
    from .layout.write import write_docx as _write_docx

    _write_docx(text, path)
