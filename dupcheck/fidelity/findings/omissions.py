"""Content with no counterpart: whole source sentences and headlines, clauses missing
inside an aligned pair, and translation sentences with no source."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from dupcheck.backends.encode.base import Encoder
from dupcheck.fidelity.findings.base import CheckedPair, Detector, PairView
from dupcheck.records import Finding, FindingType, Severity


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
            if sentence.headline:
                yield self._finding(Severity.MINOR, "omission.headline", view,
                                    "headline has no counterpart in the translation")
            else:
                yield self._finding(Severity.MAJOR, "omission.sentence", view,
                                    "source sentence has no counterpart in the translation")
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
                if encoder is not None and not _dropped(encoder, clause, rest, view.target_text, self.min_gap):
                    continue
                yield self._finding(
                    Severity.MAJOR, "omission.clause", view,
                    f'clause "{clause}" has no counterpart in the aligned translation '
                    f"({hit_in:.0%} of its words matched, {hit_out:.0%} of the rest)",
                    source_text=clause, source_span=(start, end),
                )


# a comma between digits (9,000) or a colon in a time (9:30) breaks no clause
def _dropped(encoder: Encoder, clause: str, rest: str, target: str, min_gap: float) -> bool:
    clause_vec, rest_vec, target_vec = encoder.encode([clause, rest, target])
    return float(rest_vec @ target_vec) - float(clause_vec @ target_vec) >= min_gap


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
            yield self._finding(Severity.MAJOR, "addition.sentence", view,
                                "translation sentence has no counterpart in the source")
