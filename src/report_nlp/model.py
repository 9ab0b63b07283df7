"""The document model: frozen records with half-open offsets into one canonical text.

Nothing here does I/O. Steps (segment, tag, check) return new objects; nothing is
mutated in place. Use `dataclasses.replace` to derive a labelled copy.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from enum import Enum


class Severity(str, Enum):
    """How sure a finding is, in the reviewer's terms: 必错, 疑似, 提示."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """The Chinese name a user reads (错误, 疑似, 提示)."""
        return _SEVERITY_LABELS[self.value]

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info: sort and threshold by it."""
        return list(Severity).index(self)


_SEVERITY_LABELS = {"error": "错误", "warning": "疑似", "info": "提示"}


class Applicability(str, Enum):
    """Whether a fix may be applied without a person looking (as ruff's fix applicability).

    ``safe``: applied by ``--fix`` and "apply all"; ``unsafe``: offered one by one, never in
    bulk; ``display``: shown as the suggested text, never applied by the tool."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` into ``Document.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Item:
    """An enumerated item inside a paragraph (一是…, 第一，…, 其一…, 首先…)."""

    span: Span
    marker: str
    part: str | None = None
    theme: str | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One non-blank line of the document.

    kind: ``heading`` (the whole line is a heading), ``item`` (the line leads with an
    ordinal such as 一是), or ``paragraph``. ``level`` is the 公文 heading level
    (1 一、 2 （一） 3 1. 4 （1） 5 ①) of ``marker``; ``heading`` is the span of the
    heading text when a lead phrase ending in 。 runs into body text.
    """

    index: int
    span: Span
    kind: str
    level: int | None = None
    marker: str | None = None
    marker_span: Span | None = None
    heading: Span | None = None
    items: tuple[Item, ...] = ()
    sentences: tuple[Span, ...] = ()
    tokens: tuple[Span, ...] = ()
    style_level: int | None = None
    part: str | None = None
    theme: str | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """Where one line of the canonical text came from in a .docx.

    ``prefix`` characters at the start of the line were rendered from Word's automatic
    numbering and do not exist in any run.
    """

    line: int
    span: Span
    prefix: int = 0
    style: str | None = None
    style_level: int | None = None
    in_table: bool = False


@dataclass(frozen=True, slots=True)
class RawText:
    """A loaded file: the canonical text plus what the loader learnt about its lines."""

    source: str
    text: str
    format: str = "txt"
    blocks: tuple[Block, ...] = ()
    notes: tuple[str, ...] = ()
    #: ``(start, end, rule ids)`` ranges where those rules are switched off by a Word comment
    #: ``report-nlp: disable RULE`` (a .docx's counterpart of the inline directive).
    suppress: tuple[tuple[int, int, frozenset[str]], ...] = ()
    #: The parsed Word document of a .docx (python-docx), kept so that layout rules,
    #: ``fix-layout`` and annotation read the file once; None for text files.
    word: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Document:
    source: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    format: str = "txt"
    blocks: tuple[Block, ...] = ()
    notes: tuple[str, ...] = ()
    profile: str | None = None
    suppress: tuple[tuple[int, int, frozenset[str]], ...] = ()
    #: Whether the tagger has labelled the paragraphs (check() tags an untagged document).
    tagged: bool = False
    #: The parsed Word document of a .docx (see :attr:`RawText.word`).
    word: Any = field(default=None, compare=False, repr=False)

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def para_text(self, para: Paragraph) -> str:
        return self.text[para.span.start : para.span.end]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a rule found. ``fix`` is a (span, replacement) when mechanical and safe."""

    rule: str
    severity: str
    span: Span
    message: str
    suggestion: str | None = None
    fix: tuple[Span, str] | None = None
    data: dict = field(default_factory=dict)
    #: How the fix may be applied (:class:`Applicability` value); None when there is no fix.
    applicability: str | None = None
