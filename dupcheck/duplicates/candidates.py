"""Candidate pairs of related documents without comparing every pair.

Every document is first pivoted to English (``dupcheck.duplicates.pipeline`` does that, with
``dupcheck.lexical.pivot``); here each sentence is the set of its pivot keys (English lemmas, number
and cross-script name keys). Terms common to many documents are dropped, the rest are
weighted by inverse document frequency, and two indexes propose pairs:

- a document index: tf-idf cosine of whole documents by blocked sparse products, which
  finds translations and near-duplicates (most of the text shared). A translation through
  the lexical pivot shares too few exact terms (Jaccard 0.07–0.3 on FLORES) for MinHash
  banding to meet reliably, but its shared terms are rare ones, which the cosine weighs up;
- a passage index: pairs of windows of ``PASSAGE_WINDOW`` consecutive sentences that
  meet in MinHash/LSH, share a term found in at most ``RARE_DF`` documents, or belong to
  documents of cosine ``NEIGHBOUR_COSINE``, ranked by the windows' tf-idf cosine, which
  finds documents that share only a paragraph or two.

Each document then keeps its ``NEAREST`` best partners, which bounds verification at a
fixed number of pairs per document. A collection of at most ``ALL_PAIRS_UP_TO`` documents
skips the indexes and verifies every pair: there the quadratic cost is small and no
related pair can be missed by chance.

MinHash is vectorised numpy (multiply-shift hashing of 32-bit term hashes, one
``minimum.reduceat`` per cache-sized chunk of sets) rather than datasketch's ``MinHash.bulk``:
``benchmarks/scan_bench.py`` measures both. Terms are hashed with CRC-32 so that the
signatures are the same in every process (Python's ``hash`` of a string is salted).

Long because the three indexes share one term space, one weighting and one ranking of
proposals: split apart, each would need the others' internals.
"""

from __future__ import annotations

import copy
import zlib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import reverse_cuthill_mckee

Item = TypeVar("Item")
Result = TypeVar("Result")

# The settings below were tuned on benchmarks/scan_bench.py's first collection, whose
# background drew words at their FLORES frequency (``--background flores``), and the
# figures quoted are from it; except PASSAGE_COSINE, RARE_DF and NEIGHBOUR_COSINE, tuned
# on the default collection (general-text frequencies, seed 0), whose figures they quote.
PASSAGE_WINDOW = 2
#: collections up to this size compare all pairs instead of using LSH
ALL_PAIRS_UP_TO = 200
#: a term in more than this share of the documents (and more than ``DF_FLOOR`` of them)
#: is left out (benchmarks/scan_bench.py, N = 10,000: 0.05 finds 66 of 75 planted pairs
#: among 13,589 candidates, 0.02 finds 66 among 24,820, 0.1 finds 68 among 10,211 but
#: costs 1.7× the time: the sparse products grow with the squared frequencies)
MAX_DF_SHARE = 0.05
DF_FLOOR = 5
#: ... and a term in more than this many documents, whatever the share: the sparse
#: products cost the sum of squared document frequencies, which this keeps linear in
#: the collection's size (windows, compared pair by pair only, keep such terms)
MAX_DF = 1000
#: buckets larger than this are boilerplate shared by many documents; their members are
#: chained (each paired with the next) instead of paired all with all
MAX_BUCKET = 64


def term_hashes(terms: Iterable[str]) -> np.ndarray:
    """Stable 32-bit hashes of the distinct terms."""
    return np.fromiter(
        (zlib.crc32(t.encode("utf-8")) for t in dict.fromkeys(terms)), dtype=np.uint32
    )


def shingle_hashes(terms: Sequence[str]) -> np.ndarray:
    """Stable 32-bit hashes of the distinct pairs of consecutive terms."""
    return term_hashes(f"{a}\x1f{b}" for a, b in pairwise(terms))


@dataclass(frozen=True, slots=True)
class LshParams:
    """``bands`` × ``rows`` hash functions; pairs with Jaccard s meet with p = 1-(1-s^r)^b."""

    bands: int
    rows: int
    seed: int = 1

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows


#: terms per MinHash chunk: its chunk × num_perm × 8-byte products stay in the CPU cache
#: and under the allocator's large-block threshold (benchmarks/scan_bench.py's MinHash
#: comparison, one thread: 2,048 takes 0.12–0.15 s, 4,096 0.55–0.72 s, 262,144 3× more)
_CHUNK_TERMS = 1 << 11


def minhash_signatures(sets: Sequence[np.ndarray], params: LshParams, threads: int = 1) -> np.ndarray:
    """MinHash signatures, one row of ``num_perm`` uint32 per set (all-ones for an empty set),
    computed in ``threads`` threads (numpy releases the GIL; the rows do not depend on it)."""
    rng = np.random.default_rng(params.seed)
    mult = rng.integers(1, 2**63, size=params.num_perm, dtype=np.uint64) | np.uint64(1)
    add = rng.integers(0, 2**63, size=params.num_perm, dtype=np.uint64)
    signatures = np.full((len(sets), params.num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    # cache-sized chunks of consecutive sets; a row's minimum does not depend on its chunk
    bounds = np.flatnonzero(np.diff(np.cumsum(sizes) // _CHUNK_TERMS)) + 1
    spans = list(zip(np.r_[0, bounds], np.r_[bounds, len(sets)], strict=True))

    def fill(span: tuple[int, int]) -> None:
        start, stop = span
        rows = np.flatnonzero(sizes[start:stop]) + start
        if not len(rows):
            return
        values = np.concatenate([sets[r] for r in rows]).astype(np.uint64, copy=False)
        # multiply-shift: the high 32 bits of a*x+b (mod 2^64) are a universal hash of x
        hashed = ((values[:, None] * mult[None, :] + add[None, :]) >> np.uint64(32)).astype(np.uint32)
        offsets = np.concatenate(([0], np.cumsum(sizes[rows])[:-1]))
        signatures[rows] = np.minimum.reduceat(hashed, offsets, axis=0)

    in_threads(fill, spans, threads)
    return signatures


def in_threads(work: Callable[[Item], Result], items: Sequence[Item], threads: int) -> list[Result]:
    """``work`` over ``items`` in ``threads`` threads, results in order: for numpy and
    scipy.sparse work, which releases the GIL (2 threads: 2x on the sparse products)."""
    if threads <= 1 or len(items) < 2:
        return [work(item) for item in items]
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(work, items))


def lsh_pairs(signatures: np.ndarray, params: LshParams) -> np.ndarray:
    """Row pairs (i < j, unique) that share a bucket in some band.

    A bucket of more than ``MAX_BUCKET`` rows is boilerplate or a large family of copies:
    its rows are chained (each paired with the next) so that the family still connects
    without a quadratic number of pairs.
    """
    valid = np.flatnonzero(~np.all(signatures == np.iinfo(np.uint32).max, axis=1))
    found = []
    for band in range(params.bands):
        block = signatures[valid, band * params.rows : (band + 1) * params.rows].astype(np.uint64)
        # one 64-bit key per band (a polynomial hash of its rows): sorting integers is
        # several times faster than np.unique over byte strings
        bucket = np.zeros(len(valid), dtype=np.uint64)
        for column in block.T:
            bucket = bucket * np.uint64(0x9E3779B97F4A7C15) + column
        found.append(_bucket_pairs(bucket, valid))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    return _unique_pairs(np.concatenate(found))


def _bucket_pairs(bucket: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """All pairs of rows within each bucket (chains for oversized buckets), vectorised."""
    order = np.argsort(bucket, kind="stable")
    bucket, rows = bucket[order], rows[order]
    starts = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]])
    sizes = np.diff(np.r_[starts, len(bucket)])
    end = np.repeat(starts + sizes, sizes)
    position = np.arange(len(bucket))
    # each row pairs with the rows after it in its bucket, or with the next one only
    partners = np.where(np.repeat(sizes, sizes) > MAX_BUCKET, np.minimum(end - position - 1, 1),
                        end - position - 1)
    left = np.repeat(position, partners)
    offset = np.arange(len(left)) - np.repeat(np.cumsum(partners) - partners, partners)
    return np.stack([rows[left], rows[left + 1 + offset]], axis=1)


def _unique_pairs(pairs: np.ndarray) -> np.ndarray:
    if not len(pairs):
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.sort(pairs.astype(np.int64), axis=1)
    return np.unique(pairs, axis=0)


@dataclass(frozen=True, slots=True)
class Sketch:
    """One document's term hashes: all of them, and per window of consecutive sentences
    its terms and its shingles (pairs of consecutive terms within a sentence)."""

    document: np.ndarray
    windows: tuple[np.ndarray, ...]
    shingles: tuple[np.ndarray, ...]


def sketch(sentence_terms: Sequence[Sequence[str]], window: int = PASSAGE_WINDOW) -> Sketch:
    """``sentence_terms[s]`` are the pivot terms of sentence ``s`` of one document, in
    reading order (``dupcheck.lexical.pivot.sentence_terms``).

    Each sentence's terms are hashed once; windows and the document are unions of those.
    """
    empty = [term_hashes([])]
    terms = [term_hashes(t) for t in sentence_terms] or empty
    shingles = [shingle_hashes(t) for t in sentence_terms] or empty
    starts = range(max(1, len(terms) - window + 1))
    return Sketch(
        np.unique(np.concatenate(terms)),
        tuple(np.unique(np.concatenate(terms[k : k + window])) for k in starts),
        tuple(np.unique(np.concatenate(shingles[k : k + window])) for k in starts),
    )


#: tf-idf cosine two documents need: a translation through the lexical pivot shares few
#: exact terms (Jaccard 0.07–0.3 on FLORES), too few for LSH to meet, but rare ones
DOCUMENT_COSINE = 0.1
#: two-sentence windows (a lifted passage): the cosine they need, and MinHash banding
#: to propose pairs of them. The lexical pivot brings a passage translated into Hindi to
#: a window cosine of 0.25–0.35 with its source (N = 100,000 of benchmarks/scan_bench.py,
#: before loan terms: at 0.3 instead, 2,265 document pairs pass instead of 11,164, and
#: two planted passages at 0.28 are lost)
PASSAGE_COSINE = 0.25
PASSAGE_LSH = LshParams(bands=40, rows=3, seed=2)
#: windows that share a term held by at most this many documents are proposed too,
#: whatever their MinHash: the cosine weighs such a term most, while MinHash sees one
#: shared term among twenty. A passage translated into Hindi keeps its numbers and
#: names but few of its other words (N = 100,000: planted passages that share only
#: "8:46", "Machu" or "3136" with their source; 8 finds the last, 2 does not)
RARE_DF = 8
#: ... and so are the windows of documents this close, short of ``DOCUMENT_COSINE``: a
#: passage of common words brings its documents closer without a rare term (N =
#: 100,000: a planted English–Hindi passage at 0.075; 6,275 document pairs reach 0.07,
#: 27,235 reach 0.06)
NEIGHBOUR_COSINE = 0.07
#: ... and the cosine their whole documents need: a lifted passage brings its specific
#: words into its document, while short windows of unrelated articles meet by chance
#: (N = 10,000 in benchmarks/scan_bench.py: 2,484 candidates instead of 10,607, no
#: planted pair lost; planted partial overlaps have 0.039 and more). A two-sentence
#: passage in documents of more than about 60 sentences can fall below it.
PASSAGE_DOCUMENT_COSINE = 0.03
#: copied passages: MinHash banding over window shingles, then the share of equal MinHash
#: values (estimated Jaccard) they need. Word order finds copies whose words are all
#: common ones, which the cosine over specific terms cannot see (benchmarks/scan_bench.py,
#: N = 100,000: English passages shared verbatim by documents of document cosine 0.000).
#: A window copied word for word has 1.0 with its copy, one across the copy's edge about
#: 0.5; at 0.3, windows of unrelated Hindi articles that share a pivot's stock renderings
#: of function words met at N = 100,000
COPY_LSH = LshParams(bands=16, rows=2, seed=3)
COPY_JACCARD = 0.5
#: a shingle in more documents than this is a stock phrase, not a copy (the terms' share
#: and floor apply too); a family of copies larger than an LSH bucket is chained as
#: boilerplate anyway
COPY_MAX_DF = MAX_BUCKET
#: specific terms (or shingles) a window needs to enter the passage (copy) index: windows
#: of a few words (fragments, bylines) reach any cosine by chance, and verification asks
#: a shared passage for 8 content words anyway (N = 10,000: 838 candidates instead of
#: 3,225; 8 would lose a planted passage at N = 1,000)
MIN_PASSAGE_TERMS = 6
#: pairs kept per document, its nearest first: bounds verification at k × documents
#: (N = 10,000 in benchmarks/scan_bench.py: 2 keeps all 66 planted pairs found with 8,
#: among 8,832 candidates instead of 13,589; 1 loses two translations)
NEAREST = 3


class TermSpace:
    """Term ids and inverse document frequencies of a collection's specific terms (or
    shingles): ``documents[d]`` holds the distinct term hashes of document ``d``; a term
    in more than ``max_df_share`` of them and more than ``df_floor`` is not specific."""

    def __init__(self, documents: Sequence[np.ndarray], max_df_share: float, df_floor: int) -> None:
        self.vocabulary, self.df = np.unique(np.concatenate(documents), return_counts=True)
        self.size, self.df_floor = len(documents), df_floor
        self._specify(self.df <= max(df_floor, max_df_share * self.size))

    def _specify(self, specific: np.ndarray) -> None:
        self.specific = specific
        self.idf = np.log(self.size / self.df) * specific

    def capped(self, max_df: int) -> TermSpace:
        """The same ids, less the terms in more than ``max_df`` documents (and ``df_floor``)."""
        narrower = copy.copy(self)
        narrower._specify(self.specific & (self.df <= max(self.df_floor, max_df)))
        return narrower

    def ids(self, sets: Sequence[np.ndarray], at_least: int = 0) -> list[np.ndarray]:
        """Each set of term hashes as the ids of its specific terms (one vectorised lookup);
        a set left with fewer than ``at_least`` comes back empty, which keeps it out of an
        LSH index."""
        if not sets:
            return []
        ids = np.searchsorted(self.vocabulary, np.concatenate(sets))
        owner = np.repeat(np.arange(len(sets)), [len(h) for h in sets])
        keep = self.specific[ids]
        ids, owner = ids[keep], owner[keep]
        found = np.split(ids, np.searchsorted(owner, np.arange(1, len(sets))))
        return [i if len(i) >= at_least else i[:0] for i in found]

    def unit_vectors(self, sets: Sequence[np.ndarray]) -> sparse.csr_matrix:
        """One L2-normalised tf-idf row per set (binary term frequency); ids of terms that
        are not specific here (``sets`` read in a wider space) are left out."""
        lengths = [len(s) for s in sets]
        columns = np.concatenate(sets) if sets else np.zeros(0, dtype=np.int64)
        rows = np.repeat(np.arange(len(sets)), lengths)
        matrix = sparse.csr_matrix((self.idf[columns], (rows, columns)), shape=(len(sets), len(self.idf)))
        # stored zeros would still cost the sparse products what the cap saves
        matrix.eliminate_zeros()
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        return sparse.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ matrix


def cosines(vectors: sparse.csr_matrix, pairs: np.ndarray, chunk: int = 1 << 16) -> np.ndarray:
    out = np.empty(len(pairs))
    for start in range(0, len(pairs), chunk):
        part = pairs[start : start + chunk]
        out[start : start + chunk] = np.asarray(
            vectors[part[:, 0]].multiply(vectors[part[:, 1]]).sum(axis=1)
        ).ravel()
    return out


def similar_documents(vectors: sparse.csr_matrix, min_cosine: float, block: int = 1024, threads: int = 1
                      ) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (i < j) whose cosine reaches ``min_cosine``, by sparse products in blocks.

    The work is the sum of squared document frequencies of the specific terms, which the
    document-frequency cap bounds; memory is one block of products per thread.
    """
    transposed = vectors.T.tocsr()

    def products(start: int) -> tuple[np.ndarray, np.ndarray]:
        found = (vectors[start : start + block] @ transposed).tocoo()
        rows = found.row + start
        keep = (found.col > rows) & (found.data >= min_cosine)
        return np.stack([rows[keep], found.col[keep]], axis=1), found.data[keep]

    blocks = in_threads(products, range(0, vectors.shape[0], block), threads)
    return (np.concatenate([p for p, _ in blocks]).astype(np.int64),
            np.concatenate([s for _, s in blocks]))


def similar_passages(proposed: np.ndarray, windows: Sequence[np.ndarray], owners: np.ndarray,
                     space: TermSpace, min_cosine: float, documents: sparse.csr_matrix,
                     min_document_cosine: float) -> tuple[np.ndarray, np.ndarray]:
    """Document pairs with a ``proposed`` pair of windows that reaches ``min_cosine``,
    whose documents reach ``min_document_cosine``."""
    pairs = _unique_pairs(proposed)
    score = cosines(space.unit_vectors(windows), pairs)
    close = score >= min_cosine
    pairs, score = owners[pairs[close]], score[close]
    keep = cosines(documents, pairs) >= min_document_cosine
    return pairs[keep], score[keep]


def _windows_of(pairs: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Every pair of a window of ``a`` and one of ``b``, for each document pair (a, b);
    the windows of document d are ``starts[d]`` to ``starts[d + 1]``."""
    counts = np.diff(starts)
    a, b = pairs[:, 0], pairs[:, 1]
    per = counts[a] * counts[b]
    pair = np.repeat(np.arange(len(pairs)), per)
    k = np.arange(per.sum()) - np.repeat(np.cumsum(per) - per, per)
    across = counts[b][pair]
    return np.stack([starts[a][pair] + k // across, starts[b][pair] + k % across], axis=1)


def _sharing_rare_terms(sets: Sequence[np.ndarray], owners: np.ndarray, space: TermSpace,
                        max_df: int) -> np.ndarray:
    """Pairs of sets (term ids) of different owners that share a term of at most ``max_df``
    documents: an inverted index over those terms only, whose lists are short by definition."""
    if not sets:
        return np.empty((0, 2), dtype=np.int64)
    terms = np.concatenate(sets)
    rows = np.repeat(np.arange(len(sets)), [len(t) for t in sets])
    rare = space.df[terms] <= max_df
    pairs = _bucket_pairs(terms[rare].astype(np.uint64), rows[rare])
    return pairs[owners[pairs[:, 0]] != owners[pairs[:, 1]]]


def _meeting_windows(sets: Sequence[np.ndarray], owners: np.ndarray, lsh: LshParams,
                     threads: int) -> tuple[np.ndarray, np.ndarray]:
    """Window pairs of different documents that share an LSH bucket, and the signatures."""
    signatures = minhash_signatures(sets, lsh, threads)
    pairs = lsh_pairs(signatures, lsh)
    return pairs[owners[pairs[:, 0]] != owners[pairs[:, 1]]], signatures


def copied_passages(shingles: Sequence[np.ndarray], owners: np.ndarray, lsh: LshParams,
                    min_jaccard: float, threads: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Document pairs with windows whose shingle sets meet in the LSH index and have an
    estimated Jaccard similarity (share of equal MinHash values) of ``min_jaccard``."""
    pairs, signatures = _meeting_windows(shingles, owners, lsh, threads)
    score = (signatures[pairs[:, 0]] == signatures[pairs[:, 1]]).mean(axis=1)
    keep = score >= min_jaccard
    return owners[pairs[keep]], score[keep]


def nearest_pairs(pairs: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """Unique pairs (i < j), each at its best score, kept if among the ``k`` best of i or of j."""
    pairs = np.sort(pairs, axis=1)
    order = np.lexsort((-scores, pairs[:, 1], pairs[:, 0]))
    pairs, scores = pairs[order], scores[order]
    first = np.r_[True, np.any(pairs[1:] != pairs[:-1], axis=1)]
    pairs, scores = pairs[first], scores[first]
    keep = np.zeros(len(pairs), dtype=bool)
    for side in (0, 1):
        by_rank = np.lexsort((-scores, pairs[:, side]))
        owner = pairs[by_rank, side]
        start = np.searchsorted(owner, owner, side="left")
        keep[by_rank[np.arange(len(owner)) - start < k]] = True
    return pairs[keep]


@dataclass(frozen=True, slots=True)
class CandidateSettings:
    """Everything that decides which pairs are verified (see the constants above);
    ``describe()`` goes into a scan's signature."""

    document_cosine: float = DOCUMENT_COSINE
    passage_lsh: LshParams = PASSAGE_LSH
    rare_df: int = RARE_DF
    neighbour_cosine: float = NEIGHBOUR_COSINE
    passage_cosine: float = PASSAGE_COSINE
    passage_document_cosine: float = PASSAGE_DOCUMENT_COSINE
    copy_lsh: LshParams = COPY_LSH
    copy_jaccard: float = COPY_JACCARD
    copy_max_df: int = COPY_MAX_DF
    min_passage_terms: int = MIN_PASSAGE_TERMS
    nearest: int = NEAREST
    max_df_share: float = MAX_DF_SHARE
    df_floor: int = DF_FLOOR
    max_df: int = MAX_DF
    all_pairs_up_to: int = ALL_PAIRS_UP_TO

    def describe(self) -> str:
        lsh = self.passage_lsh
        return (
            f"all-pairs:{self.all_pairs_up_to}|df:{self.max_df_share},{self.df_floor},{self.max_df}"
            f"|doc-cos:{self.document_cosine}|window:{PASSAGE_WINDOW}"
            f"|lsh:{lsh.bands}x{lsh.rows}s{lsh.seed}|rare-df:{self.rare_df}"
            f"|neighbour-cos:{self.neighbour_cosine}|window-cos:{self.passage_cosine}"
            f"|window-doc-cos:{self.passage_document_cosine}|window-terms:{self.min_passage_terms}"
            f"|copy-lsh:{self.copy_lsh.bands}x{self.copy_lsh.rows}s{self.copy_lsh.seed}"
            f"|copy-jaccard:{self.copy_jaccard}|copy-df:{self.copy_max_df}"
            f"|nearest:{self.nearest}"
        )


def candidate_pairs(sketches: Sequence[Sketch], settings: CandidateSettings = CandidateSettings(),
                    threads: int = 1) -> np.ndarray:
    """Document index pairs (i < j) worth verifying: every pair for a collection of at
    most ``all_pairs_up_to`` documents; otherwise pairs of similar documents and pairs
    with similar windows, ranked by tf-idf cosine, each document keeping its ``nearest``.

    Similarity is the cosine over specific terms weighted by inverse document frequency:
    unweighted Jaccard rates a shared name like a shared "said". Terms common to many
    documents are left out first: they make unrelated documents look alike and would
    make the sparse products and the LSH buckets quadratic. ``threads`` share the sparse
    products and MinHash; the pairs do not depend on their number.
    """
    if len(sketches) <= settings.all_pairs_up_to:
        return np.column_stack(np.triu_indices(len(sketches), k=1)).astype(np.int64)
    # windows are compared pair by pair, never by sparse products, so they keep the terms
    # of more than ``max_df`` documents that the products leave out: a translated passage
    # keeps few words through the pivot, and at N = 100,000 those are often common ones
    # ("desert", "risk", "warm": 1,000–1,500 documents). benchmarks/scan_bench.py, N =
    # 100,000, seed 1, proposed before its made-up words were fixed: 23 of 25 planted
    # partial overlaps among 3,690 candidates, against 20 among 14,063 with the cap (the
    # window cosines of random pairs fall with the common terms in). Up to N = 20,000 the
    # share is the tighter limit and nothing changes.
    passages = TermSpace([s.document for s in sketches], settings.max_df_share, settings.df_floor)
    space = passages.capped(settings.max_df)
    document_terms = passages.ids([s.document for s in sketches])
    documents = space.unit_vectors(document_terms)
    windows = passages.ids([w for s in sketches for w in s.windows], settings.min_passage_terms)
    window_counts = [len(s.windows) for s in sketches]
    window_owner = np.repeat(np.arange(len(sketches)), window_counts)
    # a shingle many documents share is a stock phrase (or a pivot's stock rendering of
    # function words), not a sign of copying
    copies = TermSpace([np.unique(np.concatenate(s.shingles)) for s in sketches],
                       settings.max_df_share, settings.df_floor).capped(settings.copy_max_df)
    shingles = copies.ids([h for s in sketches for h in s.shingles], settings.min_passage_terms)
    neighbours, closeness = similar_documents(documents, min(settings.neighbour_cosine, settings.document_cosine),
                                              threads=threads)
    close = closeness >= settings.document_cosine
    proposed = np.concatenate([
        _meeting_windows(windows, window_owner, settings.passage_lsh, threads)[0],
        _sharing_rare_terms(windows, window_owner, passages, settings.rare_df),
        _windows_of(neighbours[~close], np.r_[0, np.cumsum(window_counts)]),
    ])
    found = [
        (neighbours[close], closeness[close]),
        similar_passages(proposed, windows, window_owner, passages, settings.passage_cosine,
                         passages.unit_vectors(document_terms),
                         settings.passage_document_cosine),
        copied_passages(shingles, window_owner, settings.copy_lsh, settings.copy_jaccard, threads),
    ]
    pairs = np.concatenate([p for p, _ in found])
    if not len(pairs):
        return np.empty((0, 2), dtype=np.int64)
    return nearest_pairs(pairs, np.concatenate([s for _, s in found]), settings.nearest)


def in_verification_order(pairs: np.ndarray, documents: int) -> np.ndarray:
    """The pairs reordered so that consecutive pairs share documents.

    Verification pivots both documents of a pair again (holding every document's pivot
    words at once would take gigabytes) but reuses them within a chunk of pairs. Ordering
    the documents by reverse Cuthill–McKee puts connected documents next to each other,
    so a chunk pivots each of its documents about once.
    """
    if not len(pairs):
        return pairs
    both = np.concatenate([pairs, pairs[:, ::-1]])
    graph = sparse.coo_matrix((np.ones(len(both)), (both[:, 0], both[:, 1])),
                              shape=(documents, documents)).tocsr()
    rank = np.empty(documents, dtype=np.int64)
    rank[reverse_cuthill_mckee(graph, symmetric_mode=True)] = np.arange(documents)
    ranked = np.sort(rank[pairs], axis=1)
    return pairs[np.lexsort((ranked[:, 1], ranked[:, 0]))]
