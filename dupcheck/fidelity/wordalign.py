"""Word correspondences inside an aligned bead, shared by scoring and the detectors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dupcheck.lexical.lexicon import name_similarity
from dupcheck.lexical.pivot import Word

#: how alike a Latin name and a foreign word must sound to count as the same name
NAME_MATCH = 0.75


@dataclass(frozen=True, slots=True)
class WordAlignment:
    """Which content words of a bead's source run and target run found a counterpart.

    Indices refer to the concatenated word lists of the run (sentence order kept).
    ``links`` pairs a source word with the target word it matched first.
    """

    source: tuple[Word, ...]
    target: tuple[Word, ...]
    links: tuple[tuple[int, int], ...]

    @property
    def source_matched(self) -> frozenset[int]:
        return frozenset(s for s, _ in self.links)

    @property
    def target_matched(self) -> frozenset[int]:
        return frozenset(t for _, t in self.links)

    def source_coverage(self) -> float:
        """Share of source content words that have a counterpart (1.0 when there are none)."""
        content = [i for i, w in enumerate(self.source) if w.content and w.keys]
        if not content:
            return 1.0
        matched = self.source_matched
        return sum(1 for i in content if i in matched) / len(content)

    def target_coverage(self) -> float:
        """Share of target words the lexicon knows that have a source counterpart."""
        known = [i for i, w in enumerate(self.target) if w.content and w.keys and w.text]
        if not known:
            return 1.0
        matched = self.target_matched
        return sum(1 for i in known if i in matched) / len(known)


def align_words(source: Sequence[Word], target: Sequence[Word], target_lang: str) -> WordAlignment:
    """Link words that share a key, nearest position first so repeated words pair in order;
    then link names the keys missed by how alike they sound across scripts."""
    by_key: dict[str, list[int]] = {}
    for t, word in enumerate(target):
        if word.content:
            for key in word.keys:
                by_key.setdefault(key, []).append(t)
    links: list[tuple[int, int]] = []
    used: set[int] = set()
    scale = len(target) / max(len(source), 1)
    unmatched_names: list[int] = []
    for s, word in enumerate(source):
        if not word.content:
            continue
        candidates = {t for key in word.keys for t in by_key.get(key, ())}
        if not candidates:
            if word.name:
                unmatched_names.append(s)
            continue
        free = candidates - used or candidates
        best = min(free, key=lambda t: (abs(t - s * scale), t))
        links.append((s, best))
        if target[best].text:
            used.add(best)
    for s in unmatched_names:
        free = [t for t, w in enumerate(target) if w.text and w.content and t not in used]
        scored = [(name_similarity(source[s].text, target[t].text, target_lang), t) for t in free]
        best_score, best = max(scored, default=(0.0, -1))
        if best_score >= NAME_MATCH:
            links.append((s, best))
            used.add(best)
    links.sort()
    return WordAlignment(tuple(source), tuple(target), tuple(links))
