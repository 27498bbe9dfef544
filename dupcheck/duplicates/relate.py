"""Verify a candidate pair and say how the two documents relate.

The two documents' sentences are aligned by the check pipeline's aligner
(``dupcheck.fidelity.align``) on their pivot term bags. An aligned bead whose similarity reaches a
threshold (lower across languages, where a pivot loses words) makes its sentences
*correspond*; runs of corresponding beads are passages. Then:

- ``translation`` / ``near_duplicate``: more than ``most`` of the sentences of *both*
  documents correspond (different / same language): two articles that share half their
  sentences each share a passage, they are not copies of each other;
- ``partial_overlap``: some passage of at least ``min_overlap`` sentences on both sides
  whose beads score ``passage`` on average;
- otherwise unrelated (``None``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from dupcheck.duplicates.spin import WordNet, pair_substitutions, reads_as_spun
from dupcheck.fidelity.align import AlignSettings, SideFeatures, align_sentences, run_similarities
from dupcheck.lexical.pivot import PivotSide, Word, sentence_terms, stem
from dupcheck.records import Bead, Document, Passage, RelatedPair, Relation

#: fewest sentences in a shared passage, by default
MIN_OVERLAP = 2


@dataclass(frozen=True, slots=True)
class Thresholds:
    same_language: float = 0.5
    cross_language: float = 0.3
    most: float = 0.5
    min_overlap: int = MIN_OVERLAP
    #: mean bead score a lone shared passage needs: two articles on one story share
    #: loosely similar sentences, a lifted passage is close throughout
    passage: float = 0.58
    #: the same across languages, where the lexical pivot loses words (4 of 25 planted
    #: English–Hindi passages of benchmarks/scan_bench.py --background flores at N = 1,000 fall
    #: in 0.48–0.56)
    cross_language_passage: float = 0.45
    #: content words a shared passage needs on each side: fragments ("है." against
    #: "है.") match exactly but are not a lifted passage
    min_passage_words: int = 8
    #: unmatched sentences (either side) a passage may step over
    max_gap: int = 1
    #: cosine of candidate term sets below which two sentences are not worth aligning
    prefilter: float = 0.15
    align: AlignSettings = field(default_factory=AlignSettings.for_scan)

    def describe(self) -> str:
        return (
            f"corr:{self.same_language},{self.cross_language}|most:{self.most}"
            f"|passage:{self.min_overlap},{self.passage},{self.cross_language_passage},"
            f"{self.min_passage_words}w,gap{self.max_gap}|prefilter:{self.prefilter}|{self.align.describe()}"
        )


@dataclass(frozen=True, slots=True)
class Side:
    """What verification needs of one document: its sentences and their pivot words."""

    id: str
    lang: str
    texts: tuple[str, ...]
    words: tuple[tuple[Word, ...], ...]
    #: per sentence, the terms candidate generation hashes (``pivot.sentence_terms``)
    terms: tuple[frozenset[str], ...]

    @classmethod
    def from_pivot(cls, id: str, document: Document, pivot: PivotSide) -> Side:
        terms = tuple(
            frozenset(sentence_terms(p, words)) for p, words in zip(pivot.texts, pivot.words)
        )
        return cls(id, document.lang, tuple(s.text for s in document.sentences), pivot.words, terms)

    def content_words(self, sentences: tuple[int, int]) -> int:
        """Content words of sentences ``first..last`` (inclusive)."""
        return sum(w.content and bool(w.text) for s in self.words[sentences[0] : sentences[1] + 1] for w in s)

    def keys(self) -> frozenset[str]:
        return frozenset(stem(k) for sentence in self.words for w in sentence for k in w.keys)

    def features(self, other: Side) -> SideFeatures:
        """Per sentence, each content word's keys as the aligner should compare them.

        Two documents in one language compare words as written: glossing both into the
        pivot would let every many-sense word meet some word of an unrelated article.
        Across languages, a word of a pivoted language keys on every English lemma it can
        mean ("चीनी": chinese, sugar, ...); the other document decides which sense is
        meant, and a word with no such sense keeps a key of its own (unmatched).
        """
        if other.lang == self.lang:
            words = [[frozenset({word.text.casefold()}) for word in sentence if word.content]
                     for sentence in self.words]
        else:
            other_keys = other.keys()
            words = [
                [frozenset(stem(k) for k in word.keys) & other_keys or frozenset({"?" + word.text})
                 for word in sentence if word.content and word.keys]
                for sentence in self.words
            ]
        return SideFeatures(words, [len(t) for t in self.texts])


def may_share_passage(a: Side, b: Side, thresholds: Thresholds) -> bool:
    """A cheap test before alignment: do ``min_overlap`` sentences of ``a`` have a likely
    counterpart in ``b`` (cosine of candidate term sets)? It spares the aligner a pair
    with no such sentences; the candidate indexes already rank pairs by similar terms, so
    most candidates pass it."""
    hits = 0
    for x in a.terms:
        for y in b.terms:
            shared = len(x & y)
            if shared >= 2 and shared >= thresholds.prefilter * (len(x) * len(y)) ** 0.5:
                hits += 1
                break
        if hits >= thresholds.min_overlap:
            return True
    return False


def corresponding(beads: Sequence[Bead], threshold: float) -> list[Bead]:
    return [b for b in beads if b.source and b.target and b.score >= threshold]


def passages(
    beads: Sequence[Bead], max_gap: int, tighten: Callable[[Bead, bool], Bead] | None = None
) -> list[Passage]:
    """Runs of corresponding beads, stepping over at most ``max_gap`` sentences a side.

    ``tighten(bead, leading)`` may take sentences off the outer side of a run's first
    (``leading``) and last bead, so that a passage's range holds only what it shares.
    """
    runs: list[list[Bead]] = []
    for bead in beads:
        last = runs[-1][-1] if runs else None
        if (last and bead.source[0] - last.source[-1] - 1 <= max_gap
                and bead.target[0] - last.target[-1] - 1 <= max_gap):
            runs[-1].append(bead)
        else:
            runs.append([bead])
    found = []
    for run in runs:
        first, last = run[0], run[-1]
        if tighten is not None:
            first = tighten(first, True)
            last = tighten(first if len(run) == 1 else last, False)
        found.append(Passage(
            (first.source[0], last.source[-1]),
            (first.target[0], last.target[-1]),
            round(sum(b.score for b in run) / len(run), 4),
        ))
    return found


def edge_tightener(
    a: SideFeatures, b: SideFeatures, settings: AlignSettings, threshold: float
) -> Callable[[Bead, bool], Bead]:
    """``passages``' ``tighten`` for the aligner's beads: the outer sentences of a merged
    bead leave the passage while on their own they relate below ``threshold`` (the bar for
    corresponding sentences): on the longer side, an outer sentence against the whole
    other side; then the outer pair of sentences, one of each side.

    The aligner gains by covering sentences, so where merges are cheap (``scan``'s
    calibration) a copied sentence takes its neighbours into its bead: "There is going to
    be a change in how we pay these taxes." (0.21 alone) and "The technology is there to
    do it." (0.0) joined the first sentence of a lifted paragraph, and the passage began
    two sentences early. A translated headline (0.39) stays in a 2-2 bead with the
    article's first sentence.
    """

    def relates(source: list[int], target: list[int]) -> bool:
        return run_similarities(a, b, [(source, target)], settings)[0] >= threshold

    def tighten(bead: Bead, leading: bool) -> Bead:
        source, target = list(bead.source), list(bead.target)
        end = 0 if leading else -1
        longer, other = (source, target) if len(source) > len(target) else (target, source)
        while len(longer) > len(other):
            outer = [longer[end]]
            if relates(*((outer, other) if longer is source else (other, outer))):
                break
            longer.pop(end)
        while len(source) > 1 and len(target) > 1 and not relates([source[end]], [target[end]]):
            source.pop(end)
            target.pop(end)
        return Bead(tuple(source), tuple(target), bead.score)

    return tighten


def relate(a: Side, b: Side, thresholds: Thresholds, wordnet: WordNet | None = None) -> RelatedPair | None:
    """The relation between two documents, or None when they are unrelated."""
    same = a.lang == b.lang
    if not may_share_passage(a, b, thresholds):
        return None
    features_a, features_b = a.features(b), b.features(a)
    beads = align_sentences(features_a, features_b, thresholds.align)
    corresponds = thresholds.same_language if same else thresholds.cross_language
    matched = corresponding(beads, corresponds)
    if not matched:
        return None
    covered_a = sum(len(bead.source) for bead in matched)
    covered_b = sum(len(bead.target) for bead in matched)
    score = round((covered_a + covered_b) / (len(a.texts) + len(b.texts)), 4)
    found = passages(matched, thresholds.max_gap, edge_tightener(features_a, features_b, thresholds.align, corresponds))
    if min(covered_a / len(a.texts), covered_b / len(b.texts)) > thresholds.most:
        if not same:
            return RelatedPair(a.id, b.id, Relation.TRANSLATION, score, tuple(found))
        one_to_one = [(bead.source[0], bead.target[0]) for bead in matched
                      if len(bead.source) == len(bead.target) == 1]
        swaps = pair_substitutions([(i, a.texts[i], j, b.texts[j]) for i, j in one_to_one], wordnet)
        if not reads_as_spun(swaps, wordnet):
            # report the original as ``a``: substitutions then read original → spun
            swaps = pair_substitutions([(j, b.texts[j], i, a.texts[i]) for i, j in one_to_one], wordnet)
            flipped = tuple(Passage(p.b, p.a, p.score) for p in found)
            return RelatedPair(b.id, a.id, Relation.NEAR_DUPLICATE, score, flipped, swaps)
        return RelatedPair(a.id, b.id, Relation.NEAR_DUPLICATE, score, tuple(found), swaps)
    floor = thresholds.passage if same else thresholds.cross_language_passage
    shared = tuple(p for p in found
                   if min(p.a[1] - p.a[0], p.b[1] - p.b[0]) + 1 >= thresholds.min_overlap
                   and p.score >= floor
                   and min(a.content_words(p.a), b.content_words(p.b)) >= thresholds.min_passage_words)
    if not shared:
        return None
    return RelatedPair(a.id, b.id, Relation.PARTIAL_OVERLAP, score, shared)
