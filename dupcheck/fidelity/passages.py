"""Two articles that share passages: only the passages stay aligned.

Checked against an article that is not its translation but shares a few passages with it
(another agency's story on the same events), the aligner pairs the passages and also
some sentences that are merely about the same things: they embed alike and share names
and numbers, so their bead scores clear the threshold that suits a translation. A real
translation aligns nearly all of its source and an article sharing passages a small
part of it, so where the aligner's beads cover under ``PassageSettings.max_coverage`` of
the source the pair is read as two articles, and each bead must then show that its
sentences translate each other: the bead scores well and their content words find each
other in context (``wordalign.word_match``), or, without word states, through the
lexicon. A bead that does not is taken apart into an omission and an addition.

This runs before the re-pairing (``repair``), which only joins sentences left apart in
small gaps: with the false beads gone the gaps between passages are long, so same-topic
sentences next to a passage are no longer re-paired either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dupcheck.fidelity.repair import WordVectors, taken_apart
from dupcheck.fidelity.score import aligned_share
from dupcheck.fidelity.wordalign import align_words, content_vectors, word_match
from dupcheck.lexical.pivot import PivotSide
from dupcheck.records import Bead, Document


@dataclass(frozen=True, slots=True)
class PassageSettings:
    """When a pair is read as two articles, and what a bead must then show.

    Chosen on the calibration pairs of ``benchmarks/shared_passages.py`` (12 a set, four
    sets; README figures are of its report pairs): the thresholds that take apart the
    most false beads there while losing at most 2 true passage beads (of 150 with the
    encoder, 127 without). The defaults are the encoder's."""

    #: below this share of the source's characters aligned, the pair is two articles:
    #: the calibration's passage pairs align at most 0.49 of it (0.55 without an
    #: encoder), its real translations at least 0.90 (0.76)
    max_coverage: float = 0.6
    #: a bead's score (the aligner's) must reach this
    min_score: float = 0.20
    #: with word states: its content words' ``word_match`` must reach this (false beads
    #: taken apart 37 of 49, true 2 of 150)
    min_word_match: float = 0.60
    #: without them: the share of its source content words the lexicon links across
    min_lexical: float = 0.0

    def two_articles(self, alignment: Sequence[Bead], source: Document) -> bool:
        """Whether ``alignment`` covers too little of ``source`` for a translation."""
        return aligned_share(alignment, source) < self.max_coverage

    def describe(self) -> str:
        return (
            f"passages:{self.max_coverage:g}/{self.min_score:g}"
            f"/{self.min_word_match:g}/{self.min_lexical:g}"
        )

    @classmethod
    def lexical_only(cls) -> PassageSettings:
        """Without an encoder: the lexical bead score and links (same benchmark; false
        beads taken apart 72 of 142, true 2 of 127)."""
        return cls(min_score=0.15, min_lexical=0.20)

    @classmethod
    def off(cls) -> PassageSettings:
        """Never reads a pair as two articles (the benchmark's view of the raw beads)."""
        return cls(max_coverage=0.0)


@dataclass(frozen=True, slots=True)
class BeadEvidence:
    """What says that an aligned bead's sentences translate each other."""

    bead: Bead
    #: ``wordalign.word_match`` of the two runs' content words; None without word states
    word_match: float | None
    #: share of the source run's content words that the lexicon links into the target run
    lexical: float


def two_articles_note(settings: PassageSettings) -> str:
    """What a report says of a pair read as two articles."""
    return (
        f"under {settings.max_coverage:.0%} of the source aligns with the translation sentence "
        "by sentence: read as another article that shares passages with it, not its "
        "translation, so only sentences shown to translate each other stay aligned (is this "
        "the right source?)"
    )


def bead_evidence(
    bead: Bead, source_pivot: PivotSide, target_pivot: PivotSide, lang: str,
    words: WordVectors | None,
) -> BeadEvidence:
    """The evidence for ``bead``; ``words``: each side's per-sentence word vectors, if any."""
    source_words = [w for s in bead.source for w in source_pivot.words[s]]
    target_words = [w for t in bead.target for w in target_pivot.words[t]]
    match = None
    if words is not None:
        match = word_match(
            _stacked([content_vectors(source_pivot.words[s], words[0][s]) for s in bead.source]),
            _stacked([content_vectors(target_pivot.words[t], words[1][t]) for t in bead.target]),
        )
    lexical = 0.0
    if any(w.content and w.keys for w in source_words):
        lexical = align_words(source_words, target_words, lang).source_coverage()
    return BeadEvidence(bead, match, lexical)


def shared_passages(
    alignment: Sequence[Bead],
    source: Document,
    target: Document,
    source_pivot: PivotSide,
    target_pivot: PivotSide,
    words: WordVectors | None,
    settings: PassageSettings = PassageSettings(),
) -> tuple[Bead, ...]:
    """``alignment`` as it is where it covers a translation; where it covers under
    ``settings.max_coverage`` of the source, with every two-sided bead that lacks the
    evidence of a shared passage taken apart."""
    if not settings.two_articles(alignment, source):
        return tuple(alignment)
    out: list[Bead] = []
    for bead in alignment:
        if bead.source and bead.target and not _passage(
            bead_evidence(bead, source_pivot, target_pivot, target.lang, words), settings
        ):
            out += taken_apart([bead])
        else:
            out.append(bead)
    return tuple(out)


def _passage(evidence: BeadEvidence, settings: PassageSettings) -> bool:
    if evidence.bead.score < settings.min_score:
        return False
    if evidence.word_match is not None:
        return evidence.word_match >= settings.min_word_match
    return evidence.lexical >= settings.min_lexical


def _stacked(rows: Sequence[np.ndarray]) -> np.ndarray:
    return np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)
