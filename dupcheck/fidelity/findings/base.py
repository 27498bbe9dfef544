"""What every detector reads and the loop they share.

``CheckedPair`` holds an aligned pair of documents; ``PairView`` one bead of it with its
word alignment; each ``Detector`` walks the beads through the one loop written in
``Detector.find`` and fills the hook ``inspect`` for one bead. Every finding carries a
reason code (``omission.sentence``, ``number.changed``, ...) so that reports, baselines
and CI rules can refer to it, and a confidence: how strongly its evidence supports it.
A major or critical finding whose confidence is below the pair's ``min_confidence`` is
reported as minor, with the reason in its message: the gate fails only on findings the
evidence stands behind, and the weaker ones stay in the report for a reader.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np

from dupcheck.backends.encode.base import Encoder
from dupcheck.fidelity.wordalign import WordAlignment, align_words
from dupcheck.lexical.lexicon import Lexicon
from dupcheck.lexical.pivot import PivotSide, Word
from dupcheck.records import Bead, Document, Finding, FindingType, Severity

#: below this confidence a major or critical finding is reported as minor (chosen on the
#: calibration part of the real translations and the synthetic errors; see
#: benchmarks/real_bench.py and README.md, "How a word-level finding is decided")
MIN_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class PairView:
    """One bead of a checked pair with everything a detector may look at."""

    bead: Bead
    source_text: str
    target_text: str
    words: WordAlignment
    #: offset of the run's first sentence in its document's text, for finding spans
    source_offset: int
    target_offset: int


@dataclass(frozen=True, slots=True)
class CheckedPair:
    source: Document
    target: Document
    source_pivot: PivotSide
    target_pivot: PivotSide
    alignment: tuple[Bead, ...]
    #: the target language's lexicon: what its words can mean, how English words render
    lexicon: Lexicon
    #: tells whether two words across languages mean alike; None aligns on the lexicon alone
    encoder: Encoder | None = None
    min_confidence: float = MIN_CONFIDENCE
    #: per sentence, one contextual vector per pivot word (``fidelity.wordalign.
    #: word_vectors``), when the encoder gives token states; None otherwise
    source_vectors: tuple[np.ndarray, ...] | None = None
    target_vectors: tuple[np.ndarray, ...] | None = None
    #: whether the aligner aligned too little of the source for a translation, so the
    #: pair was read as two articles sharing passages (``fidelity.passages``)
    two_articles: bool = False
    #: 1-1 beads of sentences that translate each other out of their places, across
    #: other beads (``fidelity.repair.moved_sentences``): not in ``alignment``, whose
    #: order they would break, and neither an omission nor an addition
    moved: tuple[Bead, ...] = ()
    #: how many characters of translation a source character takes in this document's
    #: aligned pairs (their median): what a pair's own ratio is measured against
    length_ratio: float = field(init=False)

    def __post_init__(self) -> None:
        ratios = [
            len(_run_text(self.target, b.target)) / max(len(_run_text(self.source, b.source)), 1)
            for b in self.alignment if b.source and b.target
        ]
        # the median, not the total: an omitted sentence or a merge does not move it
        object.__setattr__(self, "length_ratio", float(np.median(ratios)) if ratios else 1.0)

    def relative_length(self, view: PairView) -> float:
        """The pair's translation length against what its document's pairs typically
        take for a source this long (1: typical; 0.6: four tenths shorter)."""
        expected = self.length_ratio * max(len(view.source_text), 1)
        return len(view.target_text) / expected if expected else 1.0

    def views(self) -> Iterator[PairView]:
        """One view per bead of ``alignment``, in order (``moved`` apart)."""
        for bead in self.alignment:
            yield self.view(bead)

    def moved_source(self, s: int) -> bool:
        return any(s in b.source for b in self.moved)

    def moved_target(self, t: int) -> bool:
        return any(t in b.target for b in self.moved)

    def view(self, bead: Bead) -> PairView:
        src_words = _run_words(self.source_pivot, self.source, bead.source)
        tgt_words = _run_words(self.target_pivot, self.target, bead.target)
        return PairView(
            bead=bead,
            source_text=_run_text(self.source, bead.source),
            target_text=_run_text(self.target, bead.target),
            words=align_words(src_words, tgt_words, self.target.lang, self._similarity(bead)),
            source_offset=self.source.sentences[bead.source[0]].start if bead.source else 0,
            target_offset=self.target.sentences[bead.target[0]].start if bead.target else 0,
        )


    def _similarity(self, bead: Bead) -> np.ndarray | None:
        if self.source_vectors is None or self.target_vectors is None or not (bead.source and bead.target):
            return None
        source = np.concatenate([self.source_vectors[i] for i in bead.source]).astype(np.float32)
        target = np.concatenate([self.target_vectors[j] for j in bead.target]).astype(np.float32)
        return source @ target.T


def _run_text(doc: Document, indices: tuple[int, ...]) -> str:
    return " ".join(doc.sentences[i].text for i in indices)


def _run_words(side: PivotSide, doc: Document, indices: tuple[int, ...]) -> tuple[Word, ...]:
    """Words of a run with offsets relative to the run's joined text."""
    out: list[Word] = []
    shift = 0
    for i in indices:
        for w in side.words[i]:
            out.append(replace(w, start=w.start + shift, end=w.end + shift))
        shift += len(doc.sentences[i].text) + 1
    return tuple(out)


class Detector(ABC):
    type: FindingType

    def find(self, pair: CheckedPair, views: Iterable[PairView]) -> Iterator[Finding]:
        for view in views:
            for finding in self.inspect(pair, view):
                yield weighed(finding, pair.min_confidence)

    @abstractmethod
    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        """Findings for one bead."""

    def _finding(
        self, severity: Severity, code: str, view: PairView, message: str,
        source_text: str | None = None, target_text: str | None = None,
        source_span: tuple[int, int] | None = None, target_span: tuple[int, int] | None = None,
        confidence: float = 1.0,
    ) -> Finding:
        def absolute(span: tuple[int, int] | None, offset: int) -> tuple[int, int] | None:
            return None if span is None else (span[0] + offset, span[1] + offset)

        return Finding(
            type=self.type, severity=severity, code=code,
            source=view.bead.source, target=view.bead.target,
            source_text=view.source_text if source_text is None else source_text,
            target_text=view.target_text if target_text is None else target_text,
            message=message,
            source_span=absolute(source_span, view.source_offset),
            target_span=absolute(target_span, view.target_offset),
            confidence=round(min(max(float(confidence), 0.0), 1.0), 2),
        )


def weighed(finding: Finding, min_confidence: float) -> Finding:
    """``finding`` as minor if it is major or worse on evidence weaker than ``min_confidence``."""
    if finding.confidence >= min_confidence or not finding.severity.at_least(Severity.MAJOR):
        return finding
    return replace(
        finding, severity=Severity.MINOR,
        message=f"{finding.message} (confidence {finding.confidence:.2f}, below "
        f"{min_confidence:.2f}: reported as minor, not {finding.severity.value})",
    )
