"""Word correspondences inside an aligned bead, shared by scoring and the detectors.

Two kinds of evidence: the lexical links (a shared lexicon, number or name key, or two
names that sound alike: few, and nearly always right), and, with an encoder that gives
token states, the contextual similarity of every source word to every target word
(SimAlign, Jalili Sabet et al. 2020: each word's vector is the mean of its subword
states in one middle layer; two words align when each is the other's most similar). The
word-level detectors read both; the lexical links alone keep working without an encoder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from dupcheck.backends.encode.base import TokenStates
from dupcheck.lexical.lexicon import name_similarity
from dupcheck.lexical.pivot import Word

#: how alike a Latin name and a foreign word must sound to count as the same name
NAME_MATCH = 0.75

#: the e5 layer whose subword states align words. Measured on the calibration documents
#: by benchmarks/word_calibration.py: a replaced word's best similarity to any source
#: word separates from a correct word's best at AUC 0.913 in layer 8, 0.892 in 12, 0.874
#: in 10, 0.856 in 6 and 0.781 in 4; dropped clauses at 0.934 in 8 (0.939 in 6)
WORD_LAYER = 8
#: a word whose most similar word across (in context) is at least this alike has a
#: counterpart: the phrase checks look for runs of words below it, the pair score gives
#: full credit from it. In layer 8 a replaced word's best averages 0.47, a correct
#: word's 0.84 (benchmarks/word_calibration.py)
RENDERED_SIMILARITY = 0.6


@dataclass(frozen=True, slots=True, eq=False)
class WordAlignment:
    """Which words of a bead's source run and target run correspond.

    Indices refer to the concatenated word lists of the run (sentence order kept).
    ``links`` pairs a source word with the target word it matched lexically first.
    ``similarity`` (source words × target words, cosine of their contextual vectors) is
    there when the encoder gives token states; ``agreed`` holds the pairs that are each
    other's most similar word (SimAlign's argmax), empty without it.
    """

    source: tuple[Word, ...]
    target: tuple[Word, ...]
    links: tuple[tuple[int, int], ...]
    similarity: np.ndarray | None = None
    agreed: frozenset[tuple[int, int]] = frozenset()

    def source_best(self) -> np.ndarray | None:
        """Per source word, its similarity to the most similar target word."""
        if self.similarity is None:
            return None
        return self.similarity.max(axis=1, initial=0.0)

    def target_best(self) -> np.ndarray | None:
        """Per target word, its similarity to the most similar source word."""
        if self.similarity is None:
            return None
        return self.similarity.max(axis=0, initial=0.0)

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


def align_words(
    source: Sequence[Word], target: Sequence[Word], target_lang: str,
    similarity: np.ndarray | None = None,
) -> WordAlignment:
    """Link words that share a key, nearest position first so repeated words pair in order;
    then link names the keys missed by how alike they sound across scripts. ``similarity``
    (source × target) adds the contextual evidence."""
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
    agreed = frozenset() if similarity is None else argmax_links(similarity)
    return WordAlignment(tuple(source), tuple(target), tuple(links), similarity, agreed)


def argmax_links(similarity: np.ndarray) -> frozenset[tuple[int, int]]:
    """The (row, column) pairs that are each other's maximum: SimAlign's argmax method."""
    if similarity.size == 0:
        return frozenset()
    by_row = similarity.argmax(axis=1)
    by_column = similarity.argmax(axis=0)
    return frozenset((int(r), int(c)) for r, c in enumerate(by_row) if by_column[c] == r)


def word_vectors(states: TokenStates, spans: Sequence[tuple[int, int]], layer: int = 0) -> np.ndarray:
    """One L2-normalised row per word span: the mean of the states of the pieces that
    overlap it in ``states.layers[layer]``; a zero row for a span no piece covers."""
    hidden = states.states.shape[-1]
    out = np.zeros((len(spans), hidden), dtype=np.float32)
    starts = np.array([a for a, _ in states.spans], dtype=np.int64).reshape(-1)
    ends = np.array([b for _, b in states.spans], dtype=np.int64).reshape(-1)
    real = ends > starts
    for k, (start, end) in enumerate(spans):
        pieces = np.flatnonzero(real & (starts < end) & (ends > start))
        if pieces.size:
            out[k] = states.states[layer, pieces].mean(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-12)


def unmatched_runs(
    words: Sequence[Word], best: np.ndarray | None, linked: frozenset[int], floor: float = 0.0,
    counted: Callable[[Word], bool] = lambda word: bool(word.content and word.text),
) -> list[tuple[int, ...]]:
    """Runs of consecutive ``counted`` words (content words) that no lexical link holds
    and whose most similar word across is below ``floor`` (any, without similarities:
    ``best`` None). Other words neither count nor break a run: a dropped clause keeps its
    articles and prepositions on the page."""
    runs: list[tuple[int, ...]] = []
    current: list[int] = []
    for i, word in enumerate(words):
        if not counted(word):
            continue
        if i not in linked and (best is None or best[i] < floor):
            current.append(i)
            continue
        if current:
            runs.append(tuple(current))
        current = []
    if current:
        runs.append(tuple(current))
    return runs


def compound_best(words: Sequence[Word], best: np.ndarray, text: str) -> np.ndarray:
    """``best`` with the words of a hyphenated compound (गैर-संवहनी, "non-vascular") each
    given the best of the compound: its parts render one source word together."""
    out = best.copy()
    group = [0] if len(words) else []
    for k in range(1, len(words) + 1):
        joined = (
            k < len(words)
            and text[words[k - 1].end : words[k].start] in _HYPHENS
        )
        if joined:
            group.append(k)
            continue
        if len(group) > 1:
            out[group] = best[group].max()
        group = [k]
    return out


_HYPHENS = frozenset({"-", "\u2010", "\u2011"})


def isolation(words: Sequence[Word], best: np.ndarray) -> np.ndarray:
    """Per word, how much less alike across it is than the least alike other content word
    of its run (names aside, 0 for the rest and for a word alone). A word replaced by a
    wrong one stands out from a sentence whose other words all find their counterparts;
    a free translation's far words come several to a sentence."""
    content = [i for i, w in enumerate(words) if w.content and w.text and not w.name]
    out = np.zeros(len(words), dtype=np.float64)
    if len(content) < 2:
        return out
    values = best[content]
    lowest, second = np.partition(values, 1)[:2]
    for i, value in zip(content, values):
        out[i] = (second if value == lowest else lowest) - value
    return out


def content_vectors(words: Sequence[Word], vectors: np.ndarray) -> np.ndarray:
    """The rows of ``vectors`` (one per word of ``words``) that belong to content words."""
    rows = [n for n, w in enumerate(words) if w.content and w.text]
    return vectors[rows].astype(np.float32)


def word_match(source: np.ndarray, target: np.ndarray) -> float:
    """How fully two sentences' content words find each other in context: the mean of
    each side's mean best similarity across (BERTScore's recall and precision, averaged),
    rows being unit word vectors; 0 when a side has none."""
    if not len(source) or not len(target):
        return 0.0
    sim = source @ target.T
    return float((_mean_best(sim) + _mean_best(sim.T)) / 2)


def word_precision(words: np.ndarray, across: np.ndarray) -> float:
    """How fully ``words`` find counterparts among ``across``: the mean of each row's best
    similarity to a row of ``across`` (one direction of ``word_match``); 0 when either
    has none."""
    if not len(words) or not len(across):
        return 0.0
    return float(_mean_best(words @ across.T))


def _mean_best(sim: np.ndarray) -> np.floating:
    """The mean over rows of each row's greatest similarity (in ``sim``'s own precision)."""
    return sim.max(axis=1).mean()
