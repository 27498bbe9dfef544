"""The records that flow between pipeline stages.

documents → segments → pivot translation → alignment → scores → findings → report.
Every stage takes and returns these small frozen dataclasses; none of them knows
how it will be rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How much a finding matters, in increasing order."""

    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_SEVERITY_RANK = {Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}


class FindingType(str, Enum):
    OMISSION = "omission"
    ADDITION = "addition"
    NUMBER = "number"
    ENTITY = "entity"
    UNTRANSLATED = "untranslated"
    MISTRANSLATION = "mistranslation"
    GLOSSARY = "glossary"
    #: paired input only: a segment's two sides do not correspond
    MISALIGNMENT = "misalignment"


@dataclass(frozen=True, slots=True)
class Span:
    """A run of characters in a document's normalised text, with its language."""

    start: int
    end: int
    lang: str


@dataclass(frozen=True, slots=True)
class Location:
    """A piece of a document in its file's own coordinates, for a consumer that opens the file.

    ``start``/``end`` are character offsets into the decoded file text (before dupcheck's
    normalisation); lines and columns are 1-based and count code points, ``end_column``
    one past the last character.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """One segment of a document. ``start``/``end`` index the document's text."""

    index: int
    text: str
    start: int
    end: int
    headline: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded, normalised document; segmentation fills ``sentences``."""

    path: str
    text: str
    lang: str
    sentences: tuple[Sentence, ...] = ()
    #: the decoded file text before normalisation: findings are located in it
    raw: str = ""
    #: doubts about the document that stop nothing (a stated language the text does not read as)
    warnings: tuple[str, ...] = ()
    #: the encoding the file was decoded from (a Python codec name), shown in the signature
    encoding: str = "utf-8"
    #: whether ``lang`` was detected rather than stated: a detector can be wrong on a short
    #: text ("Hello world." reads as Fulfulde), and an error about it should say so
    lang_detected: bool = False

    @property
    def name(self) -> str:
        return self.path or "<text>"


@dataclass(frozen=True, slots=True)
class Bead:
    """An alignment unit: source sentence indices facing target sentence indices.

    A 1-0 bead (``target == ()``) is a source sentence with no counterpart; a 0-1
    bead is a target sentence with no source.
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True, slots=True)
class PairScore:
    """Fidelity of one aligned bead, and chrF of its target side's pivot translation
    against its source side: a pivot-agreement score, not chrF against a reference."""

    bead: Bead
    pivot_chrf: float
    fidelity: float


@dataclass(frozen=True, slots=True)
class Scores:
    """Document-level scores, all in [0, 1] except the pivot's chrF and BLEU (0-100, as
    sacrebleu). ``pivot_chrf`` and ``pivot_bleu`` score the translation's pivot back into
    English against the source: how far the pivot agrees with the source, not a
    reference-based quality score (the source is no reference for the pivot)."""

    fidelity: float
    coverage: float
    pivot_chrf: float
    pivot_bleu: float


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem. ``code`` is a stable reason code such as ``omission.sentence``.

    ``source`` and ``target`` are 0-based indices into the source and target documents'
    ``sentences`` (reports print them from 1).
    """

    type: FindingType
    severity: Severity
    code: str
    source: tuple[int, ...]
    target: tuple[int, ...]
    source_text: str
    target_text: str
    message: str
    #: character offsets of the flagged words in the source/target document's text, when
    #: the finding is about words rather than whole sentences (SARIF regions, HTML marks)
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    #: the flagged words (else the finding's first sentence) in each file's own coordinates;
    #: filled by ``dupcheck.text.coords.locate_findings`` once the findings are final
    source_location: Location | None = None
    target_location: Location | None = None
    #: 0-1: how strongly the evidence named in ``message`` supports the finding; a major
    #: or critical finding below the check's minimum confidence is reported as minor
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a renderer needs; renderers never recompute anything."""

    source: Document
    target: Document
    pivot: tuple[str, ...]
    alignment: tuple[Bead, ...]
    pairs: tuple[PairScore, ...]
    scores: Scores
    findings: tuple[Finding, ...]
    fail_on: Severity
    signature: str
    alternatives: tuple[SourceCoverage, ...] = field(default=())
    #: what the check concluded about the pair as a whole, for the reader's attention
    notes: tuple[str, ...] = ()

    @property
    def failing(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity.at_least(self.fail_on))

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.source.warnings + self.target.warnings + self.notes

    @property
    def verdict(self) -> str:
        return "fail" if self.failing else "pass"


@dataclass(frozen=True, slots=True)
class SourceCoverage:
    """How well one candidate source is covered by a translation (``check`` with several sources)."""

    path: str
    coverage: float
    fidelity: float
    chosen: bool


# --- scan: relations across a collection -------------------------------------------------


class Relation(str, Enum):
    TRANSLATION = "translation"
    NEAR_DUPLICATE = "near_duplicate"
    PARTIAL_OVERLAP = "partial_overlap"


@dataclass(frozen=True, slots=True)
class ScanDocument:
    """One document of a scanned collection; ``id`` is unique within the scan."""

    id: str
    document: Document

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def lang(self) -> str:
        return self.document.lang


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not scanned, and why."""

    path: str
    cause: str


@dataclass(frozen=True, slots=True)
class Passage:
    """Corresponding sentences: ``a``/``b`` are (first, last) sentence indices, inclusive."""

    a: tuple[int, int]
    b: tuple[int, int]
    score: float


@dataclass(frozen=True, slots=True)
class Substitution:
    """A word run of sentence ``a_sentence`` replaced in sentence ``b_sentence``."""

    a_sentence: int
    b_sentence: int
    before: str
    after: str
    spin: bool


@dataclass(frozen=True, slots=True)
class RelatedPair:
    """Two related documents (by id); ``score`` is the share of sentences that correspond."""

    a: str
    b: str
    relation: Relation
    score: float
    passages: tuple[Passage, ...]
    substitutions: tuple[Substitution, ...] = ()


@dataclass(frozen=True, slots=True)
class ScanReport:
    documents: tuple[ScanDocument, ...]
    skipped: tuple[Skipped, ...]
    pairs: tuple[RelatedPair, ...]
    clusters: tuple[tuple[str, ...], ...]
    candidates: int
    signature: str
