"""Sentence alignment: a banded dynamic program over beads.

Candidates are scored as Bleualign does (lexical similarity of the pivot translation
to the source, with number/name anchors and a length prior) and, when embeddings are
given, as Vecalign/Bertalign do (embedding similarity of concatenated sentence runs,
margin-normalised). The program only visits cells within a band around the diagonal,
so its cost grows linearly with document length; the band widens and the program runs
again when the best path touches its edge.

Everything here takes lists and arrays: no file I/O, no model calls. Embeddings are
computed by the caller (and may come from a cache).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from dupcheck.records import Bead

#: (source sentences, target sentences) per bead; 1-0 and 0-1 are omissions/additions.
BEAD_SHAPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0), (0, 1),
)
_MATCH_SHAPES = tuple(s for s in BEAD_SHAPES if s[0] and s[1])
_BLOCK = 65_536


@dataclass(frozen=True, slots=True)
class AlignSettings:
    #: a run pair must score above this to beat leaving its sentences unaligned
    threshold: float = 0.16
    #: extra cost per sentence beyond one on each side, so merges need real evidence
    merge_penalty: float = 0.08
    #: half-width of the band, added to the length difference of the documents
    band: int = 20
    lexical_weight: float = 1.0
    embedding_weight: float = 1.0
    #: how strongly a run pair whose length ratio departs from the documents' is penalised
    length_weight: float = 0.08
    #: neighbours averaged for the embedding margin (as in margin-based bitext mining)
    margin_neighbours: int = 4
    #: embedding margin that counts as full similarity
    margin_scale: float = 0.08

    @classmethod
    def lexical_only(cls) -> AlignSettings:
        """Calibrated for alignment without embeddings: lexical overlap alone is weaker
        evidence, so a lower bar for a match and a higher one for a merge (measured on
        the synthetic FLORES pairs of ``benchmarks/check_bench.py``: strict F1 0.968
        against 0.915 with the encoder's calibration)."""
        return cls(threshold=0.10, merge_penalty=0.16)

    def describe(self) -> str:
        return (
            f"tau:{self.threshold}|merge:{self.merge_penalty}|band:{self.band}"
            f"|wlex:{self.lexical_weight}|wemb:{self.embedding_weight}|wlen:{self.length_weight}"
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
    width = settings.band + abs(m - n)
    while True:
        band = _Band(m, n, width)
        path, touches_edge = _best_path(band, scorer, settings)
        if not touches_edge or band.covers_all:
            return path
        width *= 2


class _Band:
    """Cells (i, j) with |j - i*n/m| <= width; column k of row i is j = lo[i] + k."""

    def __init__(self, m: int, n: int, width: int) -> None:
        self.m, self.n, self.width = m, n, width
        rows = np.arange(m + 1)
        centre = np.rint(rows * n / m).astype(np.int64)
        self.lo = np.maximum(centre - width, 0)
        self.hi = np.minimum(centre + width, n)
        self.cols = int((self.hi - self.lo).max()) + 1
        self.covers_all = bool((self.lo == 0).all() and (self.hi == n).all())

    def cells(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Row, column-in-band and j of every valid cell."""
        counts = self.hi - self.lo + 1
        i = np.repeat(np.arange(self.m + 1), counts)
        k = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        return i, k, self.lo[i] + k


class _BeadScorer:
    """Similarity of source run ending at sentence i-1 and target run ending at j-1."""

    def __init__(self, source: SideFeatures, target: SideFeatures, settings: AlignSettings):
        self.settings = settings
        (src_rows, src_mass), (tgt_rows, tgt_mass) = _term_matrices(source.words, target.words)
        longest = max(max(a, b) for a, b in _MATCH_SHAPES)
        self.src_runs = {k: _run_sums(src_rows, k) for k in range(1, longest + 1)}
        self.tgt_runs = {k: _run_sums(tgt_rows, k) for k in range(1, longest + 1)}
        self.src_mass = {k: _run_sums_dense(src_mass[:, None], k)[:, 0] for k in self.src_runs}
        self.tgt_mass = {k: _run_sums_dense(tgt_mass[:, None], k)[:, 0] for k in self.tgt_runs}
        src_len = np.asarray(source.lengths, dtype=np.float64)
        tgt_len = np.asarray(target.lengths, dtype=np.float64)
        self.len_ratio = max(tgt_len.sum(), 1.0) / max(src_len.sum(), 1.0)
        self.src_alone = _alone_runs(source.alone, len(src_len), longest)
        self.tgt_alone = _alone_runs(target.alone, len(tgt_len), longest)
        self.src_len = {k: _run_sums_dense(src_len[:, None], k)[:, 0] for k in self.src_runs}
        self.tgt_len = {k: _run_sums_dense(tgt_len[:, None], k)[:, 0] for k in self.tgt_runs}
        self.src_emb = self.tgt_emb = None
        if source.embeddings is not None and target.embeddings is not None:
            self.src_emb = {k: _normalise(_run_sums_dense(source.embeddings, k)) for k in self.src_runs}
            self.tgt_emb = {k: _normalise(_run_sums_dense(target.embeddings, k)) for k in self.tgt_runs}
        self._knn: tuple[np.ndarray, np.ndarray] | None = None

    def similarity(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Similarity in [0, 1] of run pairs (source i-a..i-1, target j-b..j-1)."""
        s, t = i - 1, j - 1
        weights = self.settings.lexical_weight
        total = weights * self._lexical(a, b, s, t)
        if self.src_emb is not None:
            total = total + self.settings.embedding_weight * self._embedding(a, b, s, t)
            weights += self.settings.embedding_weight
        return total / weights

    def length_penalty(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        ls, lt = self.src_len[a][i - 1], self.tgt_len[b][j - 1]
        # Gale & Church: the log length ratio of true pairs clusters around the documents' ratio
        return self.settings.length_weight * np.log((lt + 20) / (self.len_ratio * ls + 20)) ** 2

    def _lexical(self, a: int, b: int, s: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Dice-like overlap: weight of source words whose keys the target run holds,
        over the mean weight of both runs (rare words weigh more, as with IDF)."""
        shared = np.asarray(self.src_runs[a][s].minimum(self.tgt_runs[b][t]).sum(axis=1)).ravel()
        mass = (self.src_mass[a][s] + self.tgt_mass[b][t]) / 2
        sim = np.divide(shared, mass, out=np.zeros_like(shared), where=mass > 0)
        return np.minimum(sim, 1.0)

    def _embedding(self, a: int, b: int, s: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Margin-normalised similarity; for a merge, that of its least related member.

        Similarity of a merged run to the other side stays high when an unrelated
        sentence rides along (e5 embeddings sit close together), so each member sentence
        must relate to the opposite run on its own.
        """
        assert self.src_emb is not None and self.tgt_emb is not None
        src_knn, tgt_knn = self._neighbourhoods()
        worst = np.full(len(s), np.inf)
        for d in range(a):
            cos = np.einsum("ij,ij->i", self.src_emb[1][s - d], self.tgt_emb[b][t])
            worst = np.minimum(worst, cos - (src_knn[s - d] + _run_mean(tgt_knn, b)[t]) / 2)
        for d in range(b):
            cos = np.einsum("ij,ij->i", self.src_emb[a][s], self.tgt_emb[1][t - d])
            worst = np.minimum(worst, cos - (_run_mean(src_knn, a)[s] + tgt_knn[t - d]) / 2)
        # no margin over the neighbourhood is no evidence: 0, as for a lexical miss
        return np.clip(worst / self.settings.margin_scale, 0.0, 1.0)

    def _neighbourhoods(self) -> tuple[np.ndarray, np.ndarray]:
        """Mean similarity of each sentence to its k most similar sentences on the other side."""
        if self._knn is None:
            assert self.src_emb is not None and self.tgt_emb is not None
            src, tgt = self.src_emb[1], self.tgt_emb[1]
            k = min(self.settings.margin_neighbours, len(src), len(tgt))
            self._knn = (_mean_top_k(src, tgt, k), _mean_top_k(tgt, src, k))
        return self._knn


def _mean_top_k(rows: np.ndarray, others: np.ndarray, k: int) -> np.ndarray:
    out = np.empty(len(rows))
    # blocks keep memory bounded for long documents
    for start in range(0, len(rows), 512):
        sims = rows[start : start + 512] @ others.T
        out[start : start + 512] = -np.sort(-sims, axis=1)[:, :k].mean(axis=1)
    return out


def _best_path(
    band: _Band, scorer: _BeadScorer, settings: AlignSettings
) -> tuple[tuple[Bead, ...], bool]:
    m, cols = band.m, band.cols
    gains, sims = _bead_tables(band, scorer, settings)
    score = np.full((m + 1, cols), -np.inf)
    back = np.full((m + 1, cols), -1, dtype=np.int8)
    ks = np.arange(cols)
    zero_one = BEAD_SHAPES.index((0, 1))
    for i in range(m + 1):
        row_j = band.lo[i] + ks
        valid = row_j <= band.hi[i]
        best = np.full(cols, -np.inf)
        arg = np.full(cols, -1, dtype=np.int8)
        if i == 0:
            best[0] = 0.0
        for code, (a, b) in enumerate(BEAD_SHAPES):
            if a == 0 or i < a:
                continue
            prev_k = row_j - b - band.lo[i - a]
            ok = valid & (prev_k >= 0) & (prev_k < cols)
            cand = np.full(cols, -np.inf)
            cand[ok] = score[i - a, prev_k[ok]] + (gains[code][i, ok] if b else 0.0)
            better = cand > best
            best[better], arg[better] = cand[better], code
        # 0-1 beads move along the row and gain nothing: the best score reachable from
        # the left is a running maximum, so no per-cell loop is needed
        from_left = np.concatenate(([-np.inf], np.maximum.accumulate(best)[:-1]))
        carried = valid & (from_left > best)
        best = np.where(carried, from_left, best)
        arg = np.where(carried, zero_one, arg).astype(np.int8)
        best[~valid] = -np.inf
        score[i], back[i] = best, arg
    return _trace(band, back, sims)


def _bead_tables(
    band: _Band, scorer: _BeadScorer, settings: AlignSettings
) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """Gain and similarity of every match bead ending in every band cell."""
    rows, ks, js = band.cells()
    gains: dict[int, np.ndarray] = {}
    sims: dict[int, np.ndarray] = {}
    for code, (a, b) in enumerate(BEAD_SHAPES):
        if not (a and b):
            continue
        gain_table = np.full((band.m + 1, band.cols), -np.inf)
        sim_table = np.zeros((band.m + 1, band.cols))
        ok = (rows >= a) & (js >= b)
        ok[ok] = ~(scorer.src_alone[a][rows[ok] - 1] | scorer.tgt_alone[b][js[ok] - 1])
        i, j = rows[ok], js[ok]
        # in blocks: gathering sparse rows for every cell of a long document at once
        # would hold gigabytes
        sim = np.concatenate([
            scorer.similarity(a, b, i[c : c + _BLOCK], j[c : c + _BLOCK])
            for c in range(0, len(i), _BLOCK)
        ]) if len(i) else np.zeros(0)
        size = a + b
        gain = (sim - settings.threshold) * size / 2
        gain -= settings.merge_penalty * (size - 2) + scorer.length_penalty(a, b, i, j)
        gain_table[i, ks[ok]] = gain
        sim_table[i, ks[ok]] = sim
        gains[code], sims[code] = gain_table, sim_table
    return gains, sims


def _trace(
    band: _Band, back: np.ndarray, sims: dict[int, np.ndarray]
) -> tuple[tuple[Bead, ...], bool]:
    """Follow back-pointers from the end; report whether the path ran along the band's edge."""
    i, j = band.m, band.n
    beads: list[Bead] = []
    touches_edge = False
    while i > 0 or j > 0:
        k = j - band.lo[i]
        if (j == band.lo[i] > 0) or (j == band.hi[i] < band.n):
            touches_edge = True
        code = int(back[i, k])
        if code < 0:
            raise RuntimeError("alignment band holds no path; this is a bug")
        a, b = BEAD_SHAPES[code]
        sim = float(sims[code][i, k]) if code in sims else 0.0
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), round(sim, 4)))
        i, j = i - a, j - b
    beads.reverse()
    return tuple(beads), touches_edge


def _term_matrices(
    src_words: Sequence[Sequence[frozenset[str]]], tgt_words: Sequence[Sequence[frozenset[str]]]
) -> tuple[tuple[sparse.csr_matrix, np.ndarray], tuple[sparse.csr_matrix, np.ndarray]]:
    """Per sentence: key weights as a sparse row, and the total weight of its words.

    A word weighs the mean inverse document frequency of its keys; it puts its full weight
    on each key, so that however many senses a target word has, the overlap with a source
    word (the minimum of the two rows) counts that word once.
    """
    vocab: dict[str, int] = {}
    df: list[int] = []
    for sentence in (*src_words, *tgt_words):
        for key in {k for word in sentence for k in word}:
            if key not in vocab:
                vocab[key] = len(vocab)
                df.append(0)
            df[vocab[key]] += 1
    n_rows = len(src_words) + len(tgt_words)
    idf = np.log((n_rows + 1) / (np.asarray(df, dtype=np.float64) + 1)) + 1.0
    return _weighted_rows(src_words, vocab, idf), _weighted_rows(tgt_words, vocab, idf)


def _weighted_rows(
    sentences: Sequence[Sequence[frozenset[str]]], vocab: dict[str, int], idf: np.ndarray
) -> tuple[sparse.csr_matrix, np.ndarray]:
    rows, cols, vals = [], [], []
    mass = np.zeros(len(sentences))
    for r, sentence in enumerate(sentences):
        for word in sentence:
            if not word:
                continue
            ids = [vocab[k] for k in word]
            weight = float(idf[ids].mean())
            mass[r] += weight
            rows.extend([r] * len(ids))
            cols.extend(ids)
            vals.extend([weight] * len(ids))
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(sentences), max(len(vocab), 1)))
    # duplicate (row, key) entries were summed: a key used by two words of a sentence
    # holds both words' weight, as it should for the multiset overlap
    return matrix, mass


def _alone_runs(alone: frozenset[int], n: int, longest: int) -> dict[int, np.ndarray]:
    """Per run length k > 1: whether the run ending at each sentence holds a lone sentence."""
    flags = np.zeros(n, dtype=np.float64)
    flags[[i for i in alone if i < n]] = 1.0
    runs = {k: _run_sums_dense(flags[:, None], k)[:, 0] > 0 for k in range(2, longest + 1)}
    return {1: np.zeros(n, dtype=bool), **runs}


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


def _run_mean(values: np.ndarray, k: int) -> np.ndarray:
    return _run_sums_dense(values[:, None], k)[:, 0] / k


def _normalise(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms > 0, norms, 1.0)
