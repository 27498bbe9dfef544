"""Candidate pairs of related documents without comparing every pair.

Every document is first pivoted to English (``dupcheck.scan`` does that, with
``dupcheck.pivot``); here each sentence is the set of its pivot keys (English lemmas, number
and cross-script name keys). Two MinHash/LSH indexes then propose pairs:

- a document index over all the terms of a document, which finds translations and
  near-duplicates (most of the text shared);
- a passage index over windows of ``PASSAGE_WINDOW`` consecutive sentences, which finds
  documents that share only a paragraph or two.

A collection of at most ``ALL_PAIRS_UP_TO`` documents skips the indexes and verifies every
pair: there the quadratic cost is small and no related pair can be missed by chance.

MinHash is vectorised numpy (multiply-shift hashing of 32-bit term hashes, one
``minimum.reduceat`` per chunk of sets) rather than datasketch's per-token ``update``:
``benchmarks/scan_bench.py`` measures both. Terms are hashed with CRC-32 so that the
signatures are the same in every process (Python's ``hash`` of a string is salted).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

PASSAGE_WINDOW = 2
#: collections up to this size compare all pairs instead of using LSH
ALL_PAIRS_UP_TO = 200
#: a term in more than this share of the documents (and more than ``DF_FLOOR`` of them)
#: is left out of the sketches (0.02: candidate recall of planted pairs 67/75 at N = 1,000
#: in benchmarks/scan_bench.py, against 48/75 at 0.002, with 3,450 candidates instead of 2,672)
MAX_DF_SHARE = 0.02
DF_FLOOR = 5
#: buckets larger than this are boilerplate shared by many documents; their members are
#: chained (each paired with the next) instead of paired all with all
MAX_BUCKET = 64


def term_hashes(terms: Sequence[str]) -> np.ndarray:
    """Stable 32-bit hashes of the distinct terms."""
    return np.fromiter(
        (zlib.crc32(t.encode("utf-8")) for t in dict.fromkeys(terms)), dtype=np.uint64
    )


@dataclass(frozen=True, slots=True)
class LshParams:
    """``bands`` × ``rows`` hash functions; pairs with Jaccard s meet with p = 1-(1-s^r)^b."""

    bands: int
    rows: int
    seed: int = 1

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows

    def meet_probability(self, jaccard: float) -> float:
        return 1.0 - (1.0 - jaccard**self.rows) ** self.bands


#: documents: 50% Jaccard meet with p≈0.9999, 30% with p≈0.92, 10% with p≈0.03
DOCUMENT_LSH = LshParams(bands=40, rows=3)
#: passages: 40% Jaccard meet with p≈0.93, 20% with p≈0.23, 10% with p≈0.03
PASSAGE_LSH = LshParams(bands=40, rows=3, seed=2)
#: terms per MinHash chunk (bounds memory at chunk × num_perm × 8 bytes)
_CHUNK_TERMS = 1 << 18


def minhash_signatures(sets: Sequence[np.ndarray], params: LshParams) -> np.ndarray:
    """MinHash signatures, one row of ``num_perm`` uint32 per set (all-ones for an empty set)."""
    rng = np.random.default_rng(params.seed)
    mult = rng.integers(1, 2**63, size=params.num_perm, dtype=np.uint64) | np.uint64(1)
    add = rng.integers(0, 2**63, size=params.num_perm, dtype=np.uint64)
    signatures = np.full((len(sets), params.num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    start = 0
    while start < len(sets):
        stop, total = start, 0
        while stop < len(sets) and (total == 0 or total + sizes[stop] <= _CHUNK_TERMS):
            total += sizes[stop]
            stop += 1
        chunk = [s for s in sets[start:stop] if len(s)]
        rows = np.flatnonzero(sizes[start:stop]) + start
        if chunk:
            values = np.concatenate(chunk)
            # multiply-shift: the high 32 bits of a*x+b (mod 2^64) are a universal hash of x
            hashed = ((values[:, None] * mult[None, :] + add[None, :]) >> np.uint64(32)).astype(
                np.uint32
            )
            offsets = np.concatenate(([0], np.cumsum(sizes[rows])[:-1]))
            signatures[rows] = np.minimum.reduceat(hashed, offsets, axis=0)
        start = stop
    return signatures


def lsh_pairs(signatures: np.ndarray, owners: np.ndarray, params: LshParams) -> np.ndarray:
    """Pairs of distinct owners (i < j, sorted, unique) whose rows share a band bucket."""
    found = []
    valid = ~np.all(signatures == np.iinfo(np.uint32).max, axis=1)
    signatures, owners = signatures[valid], owners[valid]
    for band in range(params.bands):
        block = np.ascontiguousarray(signatures[:, band * params.rows : (band + 1) * params.rows])
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * params.rows))).ravel()
        _, bucket = np.unique(keys, return_inverse=True)
        found.append(_bucket_pairs(bucket, owners))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    return _unique_pairs(np.concatenate(found))


def _bucket_pairs(bucket: np.ndarray, owners: np.ndarray) -> np.ndarray:
    order = np.lexsort((owners, bucket))
    bucket, owners = bucket[order], owners[order]
    starts = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]])
    sizes = np.diff(np.r_[starts, len(bucket)])
    pairs = []
    for start, size in zip(starts[sizes > 1], sizes[sizes > 1]):
        members = np.unique(owners[start : start + size])
        if len(members) < 2:
            continue
        if len(members) > MAX_BUCKET:
            pairs.append(np.stack([members[:-1], members[1:]], axis=1))
        else:
            i, j = np.triu_indices(len(members), k=1)
            pairs.append(np.stack([members[i], members[j]], axis=1))
    return np.concatenate(pairs) if pairs else np.empty((0, 2), dtype=np.int64)


def _unique_pairs(pairs: np.ndarray) -> np.ndarray:
    if not len(pairs):
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.sort(pairs.astype(np.int64), axis=1)
    return np.unique(pairs, axis=0)


@dataclass(frozen=True, slots=True)
class Sketch:
    """One document's term hashes: all of them, and per window of consecutive sentences."""

    document: np.ndarray
    windows: tuple[np.ndarray, ...]


def sketch(sentence_terms: Sequence[Iterable[str]], window: int = PASSAGE_WINDOW) -> Sketch:
    """``sentence_terms[s]`` are the pivot terms of sentence ``s`` of one document."""
    sentences = [list(terms) for terms in sentence_terms]
    windows = tuple(
        term_hashes([t for terms in sentences[start : start + window] for t in terms])
        for start in range(max(1, len(sentences) - window + 1))
    )
    return Sketch(term_hashes([t for terms in sentences for t in terms]), windows)


def common_hashes(sketches: Sequence[Sketch], max_share: float, floor: int) -> np.ndarray:
    """Terms in more than ``max(floor, max_share × documents)`` documents (sorted hashes)."""
    if not sketches:
        return np.empty(0, dtype=np.uint64)
    values, counts = np.unique(np.concatenate([s.document for s in sketches]), return_counts=True)
    return values[counts > max(floor, max_share * len(sketches))]


def candidate_pairs(
    sketches: Sequence[Sketch],
    document_lsh: LshParams = DOCUMENT_LSH,
    passage_lsh: LshParams = PASSAGE_LSH,
    max_df_share: float = MAX_DF_SHARE,
    df_floor: int = DF_FLOOR,
    all_pairs_up_to: int = ALL_PAIRS_UP_TO,
) -> np.ndarray:
    """Document index pairs (i < j) worth verifying: every pair for a collection of at
    most ``all_pairs_up_to`` documents, otherwise those that either LSH index proposes.

    Terms common to many documents are left out first: they make unrelated documents
    look alike and fill LSH buckets, while what related documents share is specific.
    """
    if len(sketches) <= all_pairs_up_to:
        return np.column_stack(np.triu_indices(len(sketches), k=1)).astype(np.int64)
    common = common_hashes(sketches, max_df_share, df_floor)

    def specific(hashes: np.ndarray) -> np.ndarray:
        return hashes[~np.isin(hashes, common)] if len(common) else hashes

    whole = minhash_signatures([specific(s.document) for s in sketches], document_lsh)
    by_document = lsh_pairs(whole, np.arange(len(sketches)), document_lsh)
    windows = [specific(w) for s in sketches for w in s.windows]
    owners = np.repeat(np.arange(len(sketches)), [len(s.windows) for s in sketches])
    by_passage = lsh_pairs(minhash_signatures(windows, passage_lsh), owners, passage_lsh)
    return _unique_pairs(np.concatenate([by_document, by_passage]))
