"""Content with no counterpart: whole source sentences and headlines, clauses missing
inside an aligned pair, and translation sentences with no source.

A sentence left unaligned with nothing unaligned facing it on the other side is surely
missing (or added). One that faces an unaligned sentence across the same gap may be a
free translation the aligner could not pair, or a sentence replaced by another: the
encoder tells them apart (``fidelity.repair`` re-pairs translations before the
detectors run, so what is left embeds unlike), the lexicon alone cannot, and the
confidence says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import regex

from dupcheck.backends.encode.base import Encoder
from dupcheck.fidelity.findings.base import CheckedPair, Detector, PairView
from dupcheck.records import Bead, Finding, FindingType, Severity

#: an unaligned sentence with nothing unaligned across from it
ALONE_CONFIDENCE = 0.9
#: one across from an unaligned sentence the encoder finds unlike it
UNLIKE_CONFIDENCE = 0.8
#: one across from an unaligned sentence, with no encoder to compare them
FACING_CONFIDENCE = 0.6


# each unaligned bead of a pair asks for the same alignment: computed once per pair
@lru_cache(maxsize=4)
def facing(alignment: tuple[Bead, ...]) -> frozenset[Bead]:
    """The 1-0 and 0-1 beads whose gap (the run of unaligned beads between two aligned
    ones) holds unaligned sentences on both sides."""
    out: set[Bead] = set()
    gap: list[Bead] = []
    for bead in (*alignment, None):
        if bead is not None and not (bead.source and bead.target):
            gap.append(bead)
            continue
        if any(b.source for b in gap) and any(b.target for b in gap):
            out.update(gap)
        gap = []
    return frozenset(out)


def _sentence_confidence(pair: CheckedPair, bead: Bead) -> float:
    if bead not in facing(pair.alignment):
        return ALONE_CONFIDENCE
    return UNLIKE_CONFIDENCE if pair.encoder is not None else FACING_CONFIDENCE


_ACROSS_NOTE = {
    ALONE_CONFIDENCE: "",
    UNLIKE_CONFIDENCE: "; the unaligned {other} across from it embeds unlike it",
    FACING_CONFIDENCE: "; an unaligned {other} faces it, which may translate it freely",
}


class SentenceOmissions(Detector):
    """Source sentences with no counterpart, and clauses missing inside an aligned pair."""

    type = FindingType.OMISSION
    #: a clause this long whose words find almost no counterpart, in an otherwise matched pair
    min_clause_words = 4
    max_clause_match = 0.15
    min_rest_match = 0.5
    #: with an encoder: how much closer to the translation the rest of the sentence must
    #: embed than the clause does (a translated clause embeds about as close as the rest)
    min_gap = 0.07

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if view.bead.source and not view.bead.target:
            sentence = pair.source.sentences[view.bead.source[0]]
            confidence = _sentence_confidence(pair, view.bead)
            if sentence.headline:
                yield self._finding(Severity.MINOR, "omission.headline", view,
                                    "headline has no counterpart in the translation",
                                    confidence=confidence)
            else:
                note = _ACROSS_NOTE[confidence].format(other="translation sentence")
                yield self._finding(Severity.MAJOR, "omission.sentence", view,
                                    "source sentence has no counterpart in the translation" + note,
                                    confidence=confidence)
            return
        if view.bead.source and view.bead.target:
            yield from self._clauses(view, pair.encoder)

    def _clauses(self, view: PairView, encoder: Encoder | None) -> Iterator[Finding]:
        words = view.words.source
        matched = view.words.source_matched
        content = [i for i, w in enumerate(words) if w.content and w.keys and not w.name]
        if not content:
            return
        for start, end in _clause_spans(view.source_text):
            inside = [i for i in content if start <= words[i].start < end]
            outside = [i for i in content if i not in inside]
            if len(inside) < self.min_clause_words or len(outside) < self.min_clause_words:
                continue
            hit_in = sum(i in matched for i in inside) / len(inside)
            hit_out = sum(i in matched for i in outside) / len(outside)
            if hit_in <= self.max_clause_match and hit_out >= self.min_rest_match:
                clause = view.source_text[start:end].strip(" ,;:")
                rest = view.source_text[:start] + view.source_text[end:]
                evidence = f"{hit_in:.0%} of its words matched, {hit_out:.0%} of the rest"
                # without an encoder: the wider the lexical contrast, the surer; with one:
                # the further the clause embeds from the translation than the rest does
                confidence = hit_out - hit_in
                if encoder is not None:
                    gap = _gap(encoder, clause, rest, view.target_text)
                    if gap < self.min_gap:
                        continue
                    evidence += f"; the rest embeds {gap:.2f} closer to the translation"
                    confidence = 0.5 + 5 * (gap - self.min_gap)
                yield self._finding(
                    Severity.MAJOR, "omission.clause", view,
                    f'clause "{clause}" has no counterpart in the aligned translation ({evidence})',
                    source_text=clause, source_span=(start, end), confidence=confidence,
                )


def _gap(encoder: Encoder, clause: str, rest: str, target: str) -> float:
    """How much closer to the translation the rest of the sentence embeds than the clause."""
    clause_vec, rest_vec, target_vec = encoder.encode([clause, rest, target])
    return float(rest_vec @ target_vec) - float(clause_vec @ target_vec)


# a comma between digits (9,000) or a colon in a time (9:30) breaks no clause
_CLAUSE_BREAK = regex.compile(r"(?<!\d)[,:]|[,:](?!\d)|[;()\u2014]|\s--\s|\s-\s")


def _clause_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [s for s in spans if s[1] > s[0]]


class SentenceAdditions(Detector):
    type = FindingType.ADDITION

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if view.bead.target and not view.bead.source:
            confidence = _sentence_confidence(pair, view.bead)
            note = _ACROSS_NOTE[confidence].format(other="source sentence")
            yield self._finding(Severity.MAJOR, "addition.sentence", view,
                                "translation sentence has no counterpart in the source" + note,
                                confidence=confidence)
