"""Sentence alignment: a banded dynamic program over beads.

Candidates are scored as Bleualign does (lexical similarity of the pivot translation
to the source, with number/name anchors and a length prior) and, when embeddings are
given, as Vecalign/Bertalign do (embedding similarity of concatenated sentence runs,
margin-normalised). The program only visits cells within a band around the diagonal,
so its cost grows linearly with document length; when the best path touches the band's
edge, the program runs again in a band twice as wide around that path (not around the
diagonal: a long translation drifts from it by more sentences the longer it is, and a
band wide enough for that drift everywhere holds cells quadratic in the length).

Short pairs (``scan`` verifies thousands of 5-15-sentence pairs) hold their term weights
in dense arrays, long ones in scipy sparse rows; the two add up the same values in the
same order, so the choice changes the speed only, never a bead or a score.

Everything here takes lists and arrays: no file I/O, no model calls. Embeddings are
computed by the caller (and may come from a cache).

Long because the band, the bead scorer and the program are one algorithm whose parts
share the stacked-run layout; apart they would only pass that layout back and forth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
from scipy import sparse

from dupcheck.records import Bead

#: (source sentences, target sentences) per bead; 1-0 and 0-1 are omissions/additions.
BEAD_SHAPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0), (0, 1),
)
#: longest run of sentences on one side of a bead
_LONGEST = max(max(shape) for shape in BEAD_SHAPES)
#: shapes that step from row i - a to row i of the program, in code order; 0-1 beads move
#: along a row instead
_ROW_CODES = tuple(code for code, (a, _) in enumerate(BEAD_SHAPES) if a)
_ZERO_ONE = BEAD_SHAPES.index((0, 1))
_BLOCK = 65_536
#: most (source sentences + 1) x (target sentences + 1) x shared keys for which term
#: matrices are dense. Short documents, which ``scan`` verifies by the thousand, then skip
#: scipy.sparse's per-call overhead; beyond this, dense work on all the zeros costs more
#: (``benchmarks/align_speed.py``: dense is 1.5x faster at 20 sentences a side, about
#: 100,000, and 0.9x at 30, about 300,000)
DENSE_CELLS = 200_000
#: most sentences a side of a pair whose band is cached (see ``_band``)
_CACHED_BAND_SENTENCES = 32

#: e5 ("query: ") cosine at or above which two sentences of one side are copies of each
#: other for the margin's neighbourhood (``_mean_top_k``): Tatoeba's renderings of one
#: English line ("क्या मैं तुम्हें कुछ दिखा सकता हूं?", "तुम्हें कुछ दिखाऊं?") embed at
#: 0.974-1.0
COPY_SIMILARITY = 0.97
_KNN_BLOCK = 512

#: one row of term weights per sentence (or run of sentences)
_Rows = np.ndarray | sparse.csr_matrix


@dataclass(frozen=True, slots=True)
class AlignSettings:
    # the defaults are the encoder's calibration, chosen on 10 synthetic pairs of each of
    # four sets cut with seed 1 (``benchmarks/align_calibration.py --seed 1 --grid``) and
    # reported on those of seed 0 (README): a 1-n merge judged by its run's margin once the
    # run relates better than each of its members, the embeddings at half the weight of the
    # lexical evidence, merges dearer (0.20). Strict F1 on the seed-0 pairs 0.962-0.996,
    # against 0.933-0.981 when a merge also needed each member's own margin (0.16)
    #: a run pair must score above this to beat leaving its sentences unaligned
    threshold: float = 0.13
    #: extra cost per sentence beyond one on each side, so merges need real evidence
    merge_penalty: float = 0.20
    #: half-width of the band, added to the length difference of the documents
    band: int = 20
    lexical_weight: float = 1.0
    embedding_weight: float = 0.5
    #: how strongly a run pair whose length ratio departs from the documents' is penalised
    length_weight: float = 0.08
    #: neighbours averaged for the embedding margin (as in margin-based bitext mining)
    margin_neighbours: int = 4
    #: embedding margin that counts as full similarity
    margin_scale: float = 0.08
    #: a merge's embedding evidence: ``worst``, the margin of its least related member
    #: sentence; ``run``, for one sentence against several, the margin of the whole run,
    #: provided every member relates to the opposite run on its own (a positive margin);
    #: ``adds``, the margin of the whole run, provided it exceeds that of each member
    #: against the opposite run (each member adds to the match)
    merge_evidence: Literal["worst", "run", "adds"] = "adds"

    @classmethod
    def lexical_only(cls) -> AlignSettings:
        """Calibrated for alignment without embeddings: lexical overlap alone is weaker
        evidence, so a lower bar for a match and a higher one for a merge (measured on
        the synthetic FLORES pairs of ``benchmarks/check_bench.py``: strict F1 0.968
        against 0.915 with the encoder's calibration)."""
        return cls(threshold=0.10, merge_penalty=0.16, embedding_weight=1.0, merge_evidence="worst")

    @classmethod
    def for_scan(cls) -> AlignSettings:
        """What ``dupcheck scan`` verifies candidate pairs with (no embeddings): the former
        defaults, with which its figures in README.md were measured."""
        return cls(threshold=0.16, merge_penalty=0.08, embedding_weight=1.0, merge_evidence="worst")

    def describe(self) -> str:
        return (
            f"tau:{self.threshold}|merge:{self.merge_penalty}|band:{self.band}"
            f"|wlex:{self.lexical_weight}|wemb:{self.embedding_weight}|wlen:{self.length_weight}"
            f"|merge-evidence:{self.merge_evidence}"
        )


@dataclass(frozen=True, slots=True)
class SideFeatures:
    """What the aligner knows about one side's sentences.

    ``words`` holds, per sentence, the key set of each content word in one term space
    shared by both sides (pivot-language lemmas a word can mean, number and name keys),
    so that a source word and a target word correspond when their key sets meet.
    """

    words: Sequence[Sequence[frozenset[str]]]
    lengths: Sequence[int]
    embeddings: np.ndarray | None = None
    #: sentences that stand alone in their bead (headlines): never merged with neighbours
    alone: frozenset[int] = frozenset()

    def __len__(self) -> int:
        return len(self.lengths)


def align_sentences(
    source: SideFeatures, target: SideFeatures, settings: AlignSettings = AlignSettings()
) -> tuple[Bead, ...]:
    """Best sequence of beads covering every sentence of both sides exactly once."""
    m, n = len(source), len(target)
    if m == 0 or n == 0:
        return tuple(Bead((i,), (), 0.0) for i in range(m)) + tuple(
            Bead((), (j,), 0.0) for j in range(n)
        )
    scorer = _BeadScorer(source, target, settings)
    # the diagonal moves n/m columns a row: a band narrower than that leaves consecutive rows
    # without a step between them (a 40-sentence source against a 13,000-sentence translation)
    width = max(settings.band, -(-n // m))
    band = _diagonal_band(m, n, width)
    while True:
        path, touches_edge = _best_path(band, scorer)
        if not touches_edge or band.covers_all:
            return path
        width *= 2
        band = _band_around(path, m, n, width)


def run_similarities(
    source: SideFeatures,
    target: SideFeatures,
    runs: Sequence[tuple[Sequence[int], Sequence[int]]],
    settings: AlignSettings = AlignSettings(),
) -> list[float]:
    """The similarity the aligner gives each (source run, target run) pair, as a bead's
    score would be: runs of consecutive sentences, at most the longest bead side each."""
    if not runs:
        return []

    def is_run(run: Sequence[int]) -> bool:
        return 0 < len(run) <= _LONGEST and list(run) == list(range(run[0], run[0] + len(run)))

    if not all(is_run(src) and is_run(tgt) for src, tgt in runs):
        raise ValueError(f"runs must be 1 to {_LONGEST} consecutive sentences a side")
    scorer = _BeadScorer(source, target, settings)
    a, b, i, j = (np.array(column) for column in zip(*(
        (len(src), len(tgt), src[-1] + 1, tgt[-1] + 1) for src, tgt in runs
    )))
    similarity, _ = scorer.score(a, b, i, j)
    return [round(float(x), 4) for x in similarity]


def _diagonal_band(m: int, n: int, width: int) -> _Band:
    """Cells (i, j) with |j - i*n/m| <= width. The band depends on the sizes alone, and
    ``scan`` aligns thousands of short pairs of a few sizes, so short bands are built once;
    long ones would hold megabytes each."""
    if max(m, n) <= _CACHED_BAND_SENTENCES:
        return _cached_band(m, n, width)
    centre = np.rint(np.arange(m + 1) * n / m).astype(np.int64)
    return _Band(m, n, centre, centre, width)


@lru_cache(maxsize=256)
def _cached_band(m: int, n: int, width: int) -> _Band:
    centre = np.rint(np.arange(m + 1) * n / m).astype(np.int64)
    return _Band(m, n, centre, centre, width)


def _band_around(path: Sequence[Bead], m: int, n: int, width: int) -> _Band:
    """Cells within ``width`` columns of the cells ``path`` passes through in each row."""
    first = np.full(m + 1, n, dtype=np.int64)
    last = np.zeros(m + 1, dtype=np.int64)
    i = j = 0
    first[0] = 0
    for bead in path:
        # a bead of a source sentences passes rows i+1..i+a-1 between its two ends
        ends = np.arange(i + 1, i + len(bead.source) + 1)
        first[ends] = np.minimum(first[ends], j)
        i, j = i + len(bead.source), j + len(bead.target)
        last[i] = max(last[i], j)
        first[i] = min(first[i], j)
        last[ends[:-1]] = np.maximum(last[ends[:-1]], j)
    return _Band(m, n, first, last, width)


class _Band:
    """Cells (i, j) with low[i] - width <= j <= high[i] + width, for non-decreasing low
    and high; column k of row i is j = lo[i] + k.

    Holds what the program needs of the band's shape alone, read-only as it is shared:
    every cell; every (row step that pairs sentences, cell) where that bead fits in the
    documents; and where each row step into each cell comes from.
    """

    def __init__(self, m: int, n: int, low: np.ndarray, high: np.ndarray, width: int) -> None:
        self.m, self.n = m, n
        row_numbers = np.arange(m + 1)
        self.lo = np.maximum(low - width, 0)
        self.hi = np.minimum(high + width, n)
        self.cols = int((self.hi - self.lo).max()) + 1
        self.covers_all = bool((self.lo == 0).all() and (self.hi == n).all())
        self.counts = self.hi - self.lo + 1
        self.rows = np.repeat(row_numbers, self.counts)
        row_starts = np.cumsum(self.counts) - self.counts
        self.ks = np.arange(self.counts.sum()) - np.repeat(row_starts, self.counts)
        js = self.lo[self.rows] + self.ks
        shapes = np.array([BEAD_SHAPES[code] for code in _ROW_CODES])
        self.omission_step = int(np.flatnonzero(shapes[:, 1] == 0)[0])
        matching = np.flatnonzero(shapes[:, 1] > 0)
        fits = (self.rows >= shapes[matching, :1]) & (js >= shapes[matching, 1:])
        steps, cells = np.nonzero(fits)
        self.bead_steps = matching[steps]
        self.bead_a, self.bead_b = shapes[self.bead_steps].T
        self.bead_rows, self.bead_ks, self.bead_js = self.rows[cells], self.ks[cells], js[cells]
        # where each row step into each cell comes from, as a flat index into the program's
        # scores; a step from outside the band reads the extra last cell, which stays -inf
        a, b = shapes.T[:, :, None]
        step_rows = row_numbers[:, None, None]
        prev_rows = step_rows - a
        prev_ks = self.lo[step_rows] + np.arange(self.cols) - b - self.lo[np.maximum(prev_rows, 0)]
        inside = (prev_rows >= 0) & (prev_ks >= 0) & (prev_ks < self.cols)
        self.sources = np.where(inside, prev_rows * self.cols + prev_ks, (m + 1) * self.cols)
        for value in vars(self).values():
            if isinstance(value, np.ndarray):
                value.flags.writeable = False



class _BeadScorer:
    """Similarity and gain of joining a source run ending at sentence i-1 with a target
    run ending at j-1.

    Run features are stacked by run length (row (k - 1) * sentences + s holds the run of
    k sentences ending at sentence s), so one gather serves cells of every bead shape.
    """

    def __init__(self, source: SideFeatures, target: SideFeatures, settings: AlignSettings):
        self.settings = settings
        self.m, self.n = len(source), len(target)
        (src_rows, src_mass), (tgt_rows, tgt_mass) = _term_matrices(source.words, target.words)
        self.src_runs, self.tgt_runs = _stacked_runs(src_rows), _stacked_runs(tgt_rows)
        if not sparse.issparse(src_rows):
            # dense runs are kept as columns (see ``_lexical``)
            self.src_runs = np.ascontiguousarray(self.src_runs.T)
            self.tgt_runs = np.ascontiguousarray(self.tgt_runs.T)
        self.src_mass, self.src_len, self.src_alone = _run_totals(src_mass, source)
        self.tgt_mass, self.tgt_len, self.tgt_alone = _run_totals(tgt_mass, target)
        src_chars, tgt_chars = float(sum(source.lengths)), float(sum(target.lengths))
        self.len_ratio = max(tgt_chars, 1.0) / max(src_chars, 1.0)
        self.src_emb = self.tgt_emb = None
        if source.embeddings is not None and target.embeddings is not None:
            self.src_emb = _normalise(_stacked_runs(source.embeddings))
            self.tgt_emb = _normalise(_stacked_runs(target.embeddings))
            src, tgt = self.src_emb[: self.m], self.tgt_emb[: self.n]
            k = min(settings.margin_neighbours, self.m, self.n)
            # per run: summed mean similarity of its sentences to their k most similar
            # sentences on the other side (their neighbourhoods)
            self.src_knn = _stacked_runs(_mean_top_k(src, tgt, k, _copies(src)))
            self.tgt_knn = _stacked_runs(_mean_top_k(tgt, src, k, _copies(tgt)))

    def runs(
        self, a: np.ndarray, b: np.ndarray, i: np.ndarray, j: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Stacked rows of the runs source i-a..i-1 and target j-b..j-1."""
        return (a - 1) * self.m + i - 1, (b - 1) * self.n + j - 1

    def may_join(self, a: np.ndarray, b: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        src, tgt = self.runs(a, b, i, j)
        return ~(self.src_alone[src] | self.tgt_alone[tgt])

    def score(
        self, a: np.ndarray, b: np.ndarray, i: np.ndarray, j: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Similarity in [0, 1] and gain of beads joining source i-a..i-1 with target j-b..j-1."""
        settings = self.settings
        src, tgt = self.runs(a, b, i, j)
        weights = settings.lexical_weight
        total = weights * self._lexical(src, tgt)
        if self.src_emb is not None:
            total = total + settings.embedding_weight * self._embedding(a, b, i, j)
            weights += settings.embedding_weight
        sim = total / weights
        size = a + b
        gain = (sim - settings.threshold) * size / 2
        gain -= settings.merge_penalty * (size - 2) + self._length_penalty(src, tgt)
        return sim, gain

    def _length_penalty(self, src: np.ndarray, tgt: np.ndarray) -> np.ndarray:
        departure = length_departure(self.src_len[src], self.tgt_len[tgt], self.len_ratio)
        return self.settings.length_weight * departure**2

    def _lexical(self, src: np.ndarray, tgt: np.ndarray) -> np.ndarray:
        """Dice-like overlap: weight of source words whose keys the target run holds,
        over the mean weight of both runs (rare words weigh more, as with IDF).

        Both paths add each pair's shared weights one key after another, in key order:
        bincount over a sparse row's stored values, and a sum over the leading axis of the
        dense columns (numpy adds pairwise only along the axis that is contiguous in
        memory), so they give the same floats.
        """
        if sparse.issparse(self.src_runs):
            overlap = self.src_runs[src].minimum(self.tgt_runs[tgt])
            pairs = np.repeat(np.arange(len(src)), np.diff(overlap.indptr))
            shared = np.bincount(pairs, overlap.data, minlength=len(src))
        else:
            shared = np.minimum(self.src_runs[:, src], self.tgt_runs[:, tgt]).sum(axis=0)
        mass = (self.src_mass[src] + self.tgt_mass[tgt]) / 2
        sim = np.divide(shared, mass, out=np.zeros(len(mass)), where=mass > 0)
        return np.minimum(sim, 1.0)

    def _embedding(self, a: np.ndarray, b: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Margin-normalised similarity; for a merge, that of its least related member,
        or of its whole run as ``merge_evidence`` allows.

        Similarity of a merged run to the other side stays high when an unrelated
        sentence rides along (e5 embeddings sit close together), so a merge's run counts
        only where its members pass a test (``merge_evidence``).
        """
        assert self.src_emb is not None and self.tgt_emb is not None
        src, tgt = self.runs(a, b, i, j)
        src_knn, tgt_knn = self.src_knn[src] / a, self.tgt_knn[tgt] / b
        worst = np.full(len(src), np.inf)
        best = np.full(len(src), -np.inf)
        for d in range(_LONGEST):
            # member d from the end of each run against the whole opposite run; runs
            # shorter than d + 1 have no such member
            member = np.maximum(i - 1 - d, 0)
            cos = np.einsum("ij,ij->i", self.src_emb[member], self.tgt_emb[tgt])
            margin = cos - (self.src_knn[member] + tgt_knn) / 2
            worst = np.where(d < a, np.minimum(worst, margin), worst)
            best = np.where((d < a) & (a > 1), np.maximum(best, margin), best)
            member = np.maximum(j - 1 - d, 0)
            cos = np.einsum("ij,ij->i", self.src_emb[src], self.tgt_emb[member])
            margin = cos - (src_knn + self.tgt_knn[member]) / 2
            worst = np.where(d < b, np.minimum(worst, margin), worst)
            best = np.where((d < b) & (b > 1), np.maximum(best, margin), best)
        cos = np.einsum("ij,ij->i", self.src_emb[src], self.tgt_emb[tgt])
        run = cos - (src_knn + tgt_knn) / 2
        # a merge of one sentence with two or three may count its whole run's margin. Not
        # 2-2 and the like: two true 1-1 pairs side by side would pass the tests below,
        # and their run would outscore them
        one_to_many = (a == 1) | (b == 1)
        if self.settings.merge_evidence == "run":
            # once each member relates to the opposite run on its own
            worst = np.where((worst > 0) & one_to_many, run, worst)
        elif self.settings.merge_evidence == "adds":
            # once the run relates better than any of its members alone: each member adds
            # to the match. A short member of a true merge ("Google and Amazon did the
            # same.") often has no margin of its own, least where margins are narrow
            # (English-Arabic, one-topic health texts); an unrelated sentence riding along
            # lowers the run's similarity below that of the member it rides with
            worst = np.where((run > best) & one_to_many, run, worst)
        # no margin over the neighbourhood is no evidence: 0, as for a lexical miss
        return np.clip(worst / self.settings.margin_scale, 0.0, 1.0)


def _copies(rows: np.ndarray) -> np.ndarray:
    """Per sentence, how many sentences of its own side (itself included) embed as copies
    of it (cosine at least ``COPY_SIMILARITY``)."""
    out = np.empty(len(rows), dtype=np.int64)
    for start in range(0, len(rows), _KNN_BLOCK):
        sims = rows[start : start + _KNN_BLOCK] @ rows.T
        out[start : start + _KNN_BLOCK] = (sims >= COPY_SIMILARITY).sum(axis=1)
    return out


def _mean_top_k(rows: np.ndarray, others: np.ndarray, k: int, copies: np.ndarray) -> np.ndarray:
    """Mean similarity of each row to its k most similar ``others``, past the ones its
    copies take: a sentence written c times has the c translations of its copies as its
    c nearest neighbours, and a margin over them would be none (Tatoeba lists "Can I show
    you something?" five times with five renderings)."""
    out = np.empty(len(rows))
    skip = np.clip(copies - 1, 0, len(others) - k)
    ranks = skip[:, None] + np.arange(k)
    # blocks keep memory bounded for long documents
    for start in range(0, len(rows), _KNN_BLOCK):
        block = slice(start, start + _KNN_BLOCK)
        ordered = -np.sort(-(rows[block] @ others.T), axis=1)
        out[block] = np.take_along_axis(ordered, ranks[block], axis=1).mean(axis=1)
    return out


def _best_path(band: _Band, scorer: _BeadScorer) -> tuple[tuple[Bead, ...], bool]:
    m, cols = band.m, band.cols
    gains, sims = _bead_tables(band, scorer)
    score = np.full((m + 1) * cols + 1, -np.inf)
    arrived = np.empty((m + 1, cols))
    steps = np.empty((m + 1, cols), dtype=np.intp)
    for i in range(m + 1):
        cand = score[band.sources[i]] + gains[i]
        arrived[i], steps[i] = cand.max(axis=0), cand.argmax(axis=0)
        if i == 0:
            arrived[0, 0] = 0.0
        # 0-1 beads move along the row and gain nothing: the best score reachable from
        # the left is a running maximum, so no per-cell loop is needed
        count = band.counts[i]
        score[i * cols : i * cols + count] = np.maximum.accumulate(arrived[i, :count])
    return _trace(band, score[:-1].reshape(m + 1, cols), arrived, steps, sims)


def _bead_tables(band: _Band, scorer: _BeadScorer) -> tuple[np.ndarray, np.ndarray]:
    """Gain and similarity of every row step (see ``_ROW_CODES``) ending in every band cell,
    indexed [row, step, column in band]; -inf gain where the bead may not end there."""
    gains = np.full((band.m + 1, len(_ROW_CODES), band.cols), -np.inf)
    sims = np.zeros_like(gains)
    # 1-0 beads gain nothing; the others are scored for all their cells at once
    gains[band.rows, band.omission_step, band.ks] = 0.0
    a, b, i, j = band.bead_a, band.bead_b, band.bead_rows, band.bead_js
    ok = np.flatnonzero(scorer.may_join(a, b, i, j))
    # in blocks: gathering sparse rows for every cell of a long document at once
    # would hold gigabytes
    for block in (ok[c : c + _BLOCK] for c in range(0, len(ok), _BLOCK)):
        cell = i[block], band.bead_steps[block], band.bead_ks[block]
        sims[cell], gains[cell] = scorer.score(a[block], b[block], i[block], j[block])
    return gains, sims


def _trace(
    band: _Band, score: np.ndarray, arrived: np.ndarray, steps: np.ndarray, sims: np.ndarray
) -> tuple[tuple[Bead, ...], bool]:
    """Follow the best bead back from the end; report whether the path ran along the band's edge.

    A cell was reached by a 0-1 bead when its left neighbour scores more than any row step
    arriving there (``arrived``); otherwise by the first row step with the best score.
    """
    i, j = band.m, band.n
    beads: list[Bead] = []
    touches_edge = False
    while i > 0 or j > 0:
        k = j - band.lo[i]
        if (j == band.lo[i] > 0) or (j == band.hi[i] < band.n):
            touches_edge = True
        sim = 0.0
        if k > 0 and score[i, k - 1] > arrived[i, k]:
            code = _ZERO_ONE
        elif arrived[i, k] == -np.inf:
            raise RuntimeError("alignment band holds no path; this is a bug")
        else:
            code = _ROW_CODES[steps[i, k]]
            sim = float(sims[i, steps[i, k], k])
        a, b = BEAD_SHAPES[code]
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), round(sim, 4)))
        i, j = i - a, j - b
    beads.reverse()
    return tuple(beads), touches_edge


def _term_matrices(
    src_words: Sequence[Sequence[frozenset[str]]], tgt_words: Sequence[Sequence[frozenset[str]]]
) -> tuple[tuple[_Rows, np.ndarray], tuple[_Rows, np.ndarray]]:
    """Per sentence: key weights as a row, and the total weight of its words.

    A word weighs the mean inverse document frequency of its keys; it puts its full weight
    on each key, so that however many senses a target word has, the overlap with a source
    word (the minimum of the two rows) counts that word once. Only keys both sides use are
    kept as columns: no other key can overlap. Rows are dense for short documents.
    """
    sentences = (*src_words, *tgt_words)
    vocab: dict[str, int] = {}
    # one pass in Python; the rest is array work
    key_ids = np.array(
        [vocab.setdefault(k, len(vocab)) for words in sentences for word in words for k in word],
        dtype=np.intp,
    )
    sizes = np.fromiter((len(word) for sentence in sentences for word in sentence), dtype=np.intp)
    word_rows = np.repeat(np.arange(len(sentences)), [len(sentence) for sentence in sentences])
    word_rows, sizes = word_rows[sizes > 0], sizes[sizes > 0]
    key_words = np.repeat(np.arange(len(sizes)), sizes)
    # each (row, key) pair once: a key used by two words of a sentence holds both words' weight
    cells, entry_of_key = np.unique(
        word_rows[key_words] * len(vocab) + key_ids, return_inverse=True
    )
    rows, keys = np.divmod(cells, max(len(vocab), 1))
    df = np.bincount(keys, minlength=len(vocab))
    idf = np.log((len(sentences) + 1) / (df + 1.0)) + 1.0
    weights = np.bincount(key_words, idf[key_ids], minlength=len(sizes)) / sizes
    mass = np.bincount(word_rows, weights, minlength=len(sentences))
    values = np.bincount(entry_of_key, weights[key_words], minlength=len(cells))
    split = len(src_words)
    on_both = np.zeros(len(vocab), dtype=bool)
    on_both[keys[rows < split]] = True
    on_both &= np.bincount(keys[rows >= split], minlength=len(vocab)) > 0
    column = np.cumsum(on_both) - 1
    kept = on_both[keys]
    rows, columns, values = rows[kept], column[keys[kept]], values[kept]
    shape = (len(sentences), int(on_both.sum()))
    matrix: _Rows
    if (len(src_words) + 1) * (len(tgt_words) + 1) * max(shape[1], 1) <= DENSE_CELLS:
        matrix = np.zeros(shape)
        matrix[rows, columns] = values
    else:
        matrix = sparse.csr_matrix((values, (rows, columns)), shape=shape)
    return (matrix[:split], mass[:split]), (matrix[split:], mass[split:])


def _run_totals(
    mass: np.ndarray, side: SideFeatures
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per stacked run (see ``_BeadScorer``): its word weight, its length, and whether it
    holds a lone sentence among others (summed together: one pass instead of three)."""
    n = len(side)
    alone = np.zeros(n)
    alone[[i for i in side.alone if i < n]] = 1.0
    lengths = np.asarray(side.lengths, dtype=np.float64)
    totals = _stacked_runs(np.column_stack([mass, lengths, alone]))
    joins_alone = totals[:, 2] > 0
    joins_alone[:n] = False
    return totals[:, 0].copy(), totals[:, 1].copy(), joins_alone


def length_departure(source_chars: np.ndarray | float, target_chars: np.ndarray | float, ratio: float) -> np.ndarray:
    """How far run pairs' lengths depart from the documents' ratio (target characters per
    source character): the absolute log of their ratio over it, each side smoothed by 20
    characters. Gale & Church: the log length ratio of true pairs clusters around the
    documents' ratio."""
    return np.abs(np.log((np.asarray(target_chars) + 20.0) / (ratio * np.asarray(source_chars) + 20.0)))


def _stacked_runs(rows: _Rows) -> _Rows:
    """Sums of runs of 1.._LONGEST rows, stacked by length: row (k - 1) * len(rows) + r
    sums rows r-k+1..r (rows before the first count as zero)."""
    if sparse.issparse(rows):
        return sparse.vstack([_run_sums(rows, k) for k in range(1, _LONGEST + 1)], format="csr")
    return np.concatenate([_run_sums_dense(rows, k) for k in range(1, _LONGEST + 1)])


def _run_sums(rows: sparse.csr_matrix, k: int) -> sparse.csr_matrix:
    """Row r is the sum of rows r-k+1..r (a run of k sentences ending at r)."""
    total = rows.copy()
    for d in range(1, min(k, rows.shape[0])):
        pad = sparse.csr_matrix((d, rows.shape[1]))
        total = total + sparse.vstack([pad, rows[:-d]], format="csr")
    return total.tocsr()


def _run_sums_dense(rows: np.ndarray, k: int) -> np.ndarray:
    total = rows.astype(np.float64, copy=True)
    for d in range(1, k):
        total[d:] += rows[:-d]
    return total


def _normalise(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms > 0, norms, 1.0)
