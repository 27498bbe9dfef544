"""Verify a candidate pair and say how the two documents relate.

Sentences are compared through their pivot terms (``candidates.pivot_terms``): two sentences
correspond when the cosine of their term sets reaches a threshold, lower across languages
because a pivot translation loses words. Corresponding sentences in runs become passages;
the share of each document's sentences that correspond decides the relation:

- ``translation`` / ``near_duplicate``: at least ``most`` of the sentences of *both*
  documents correspond (different / same language);
- ``partial_overlap``: some passage of at least ``min_overlap`` sentences;
- otherwise unrelated (``None``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dupcheck.records import Passage, RelatedPair, Relation
from dupcheck.spin import WordNet, pair_substitutions


@dataclass(frozen=True, slots=True)
class Thresholds:
    same_language: float = 0.5
    cross_language: float = 0.3
    #: fewest shared terms for two sentences to correspond (short sentences share by chance)
    min_shared_terms: int = 2
    most: float = 0.5
    min_overlap: int = 2
    #: largest sentence-index step inside one passage (a skipped sentence on either side)
    max_gap: int = 2


@dataclass(frozen=True, slots=True)
class Side:
    """What verification needs of one document."""

    id: str
    lang: str
    texts: tuple[str, ...]
    terms: tuple[frozenset[str], ...]


def sentence_similarity(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]], min_shared: int) -> np.ndarray:
    """Cosine of binary term vectors, sentence by sentence; 0 below ``min_shared`` shared terms."""
    sim = np.zeros((len(a), len(b)), dtype=np.float32)
    for i, x in enumerate(a):
        if not x:
            continue
        for j, y in enumerate(b):
            shared = len(x & y)
            if shared >= min_shared:
                sim[i, j] = shared / np.sqrt(len(x) * len(y))
    return sim


def correspondences(sim: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Each sentence's best counterpart on the other side, where it reaches ``threshold``."""
    if not sim.size:
        return []
    pairs = set()
    best_b = sim.argmax(axis=1)
    for i, j in enumerate(best_b):
        if sim[i, j] >= threshold:
            pairs.add((i, int(j)))
    best_a = sim.argmax(axis=0)
    for j, i in enumerate(best_a):
        if sim[i, j] >= threshold:
            pairs.add((int(i), j))
    return sorted(pairs)


def passages(pairs: Sequence[tuple[int, int]], sim: np.ndarray, max_gap: int) -> list[Passage]:
    """Runs of corresponding sentences that advance together on both sides."""
    runs: list[list[tuple[int, int]]] = []
    for i, j in pairs:
        run = runs[-1] if runs else None
        if run and i - run[-1][0] <= max_gap and -1 <= j - max(q for _, q in run) <= max_gap:
            run.append((i, j))
        else:
            runs.append([(i, j)])
    return [
        Passage(
            (min(i for i, _ in run), max(i for i, _ in run)),
            (min(j for _, j in run), max(j for _, j in run)),
            round(float(np.mean([sim[i, j] for i, j in run])), 4),
        )
        for run in runs
    ]


def relate(a: Side, b: Side, thresholds: Thresholds, wordnet: WordNet | None = None) -> RelatedPair | None:
    """The relation between two documents, or None when they are unrelated."""
    same = a.lang == b.lang
    sim = sentence_similarity(a.terms, b.terms, thresholds.min_shared_terms)
    pairs = correspondences(sim, thresholds.same_language if same else thresholds.cross_language)
    if not pairs:
        return None
    covered_a = len({i for i, _ in pairs})
    covered_b = len({j for _, j in pairs})
    score = round((covered_a + covered_b) / (len(a.texts) + len(b.texts)), 4)
    found = passages(pairs, sim, thresholds.max_gap)
    if min(covered_a / len(a.texts), covered_b / len(b.texts)) >= thresholds.most:
        if not same:
            return RelatedPair(a.id, b.id, Relation.TRANSLATION, score, tuple(found))
        one_to_one = [(i, a.texts[i], j, b.texts[j]) for i, j in pairs
                      if a.texts[i] != b.texts[j] and int(sim[i].argmax()) == j
                      and int(sim[:, j].argmax()) == i]
        return RelatedPair(a.id, b.id, Relation.NEAR_DUPLICATE, score, tuple(found),
                           pair_substitutions(one_to_one, wordnet))
    shared = [p for p in found
              if max(p.a[1] - p.a[0], p.b[1] - p.b[0]) + 1 >= thresholds.min_overlap]
    if not shared:
        return None
    return RelatedPair(a.id, b.id, Relation.PARTIAL_OVERLAP, score, tuple(shared))
