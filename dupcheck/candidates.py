"""Candidate pairs of related documents without comparing every pair.

Every document is first pivoted to English (``dupcheck.scan`` does that); here its pivot
sentences become sets of content terms. Two MinHash/LSH indexes then propose pairs:

- a document index over all the terms of a document, which finds translations and
  near-duplicates (most of the text shared);
- a passage index over windows of ``PASSAGE_WINDOW`` consecutive sentences, which finds
  documents that share only a paragraph or two.

MinHash is vectorised numpy (multiply-shift hashing of 32-bit term hashes, one
``minimum.reduceat`` per chunk of sets) rather than datasketch's per-token ``update``:
``benchmarks/scan_bench.py`` measures both. Terms are hashed with CRC-32 so that the
signatures are the same in every process (Python's ``hash`` of a string is salted).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import regex

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}\p{N}]*|\p{N}+")
#: terms are cut to this many characters: a cheap stemmer that also absorbs the inflection
#: slips of a word-by-word pivot ("militar" for military/militarily)
STEM_CHARS = 6
PASSAGE_WINDOW = 2
#: buckets larger than this are boilerplate shared by many documents; their members are
#: chained (each paired with the next) instead of paired all with all
MAX_BUCKET = 64
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say told one two new""".split()
)


def pivot_terms(text: str) -> list[str]:
    """Content terms of an English (pivot) text, stemmed by truncation."""
    return [
        word[:STEM_CHARS]
        for word in (w.lower() for w in _WORD.findall(text))
        if word not in STOPWORDS and (len(word) > 1 or word.isdigit())
    ]


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
DOCUMENT_LSH = LshParams(bands=32, rows=3)
#: passages: 40% Jaccard meet with p≈0.93, 20% with p≈0.23, 10% with p≈0.03
PASSAGE_LSH = LshParams(bands=32, rows=4, seed=2)
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


def document_sets(sentence_terms: Sequence[Sequence[Sequence[str]]]) -> list[np.ndarray]:
    """Term-hash set of each whole document."""
    return [term_hashes([t for sentence in doc for t in sentence]) for doc in sentence_terms]


def passage_sets(
    sentence_terms: Sequence[Sequence[Sequence[str]]], window: int = PASSAGE_WINDOW
) -> tuple[list[np.ndarray], np.ndarray]:
    """Term-hash sets of each window of ``window`` consecutive sentences, and their owners."""
    sets: list[np.ndarray] = []
    owners: list[int] = []
    for index, doc in enumerate(sentence_terms):
        for start in range(max(1, len(doc) - window + 1)):
            sets.append(term_hashes([t for sentence in doc[start : start + window] for t in sentence]))
            owners.append(index)
    return sets, np.array(owners, dtype=np.int64)


def candidate_pairs(
    sentence_terms: Sequence[Sequence[Sequence[str]]],
    document_lsh: LshParams = DOCUMENT_LSH,
    passage_lsh: LshParams = PASSAGE_LSH,
) -> np.ndarray:
    """Document index pairs (i < j) worth verifying, from both indexes.

    ``sentence_terms[d][s]`` are the pivot terms of sentence ``s`` of document ``d``.
    """
    whole = minhash_signatures(document_sets(sentence_terms), document_lsh)
    by_document = lsh_pairs(whole, np.arange(len(sentence_terms)), document_lsh)
    windows, owners = passage_sets(sentence_terms)
    by_passage = lsh_pairs(minhash_signatures(windows, passage_lsh), owners, passage_lsh)
    return _unique_pairs(np.concatenate([by_document, by_passage]))
