"""``scan_paths``: translations, spun copies and shared passages across a collection.

Stages: list sources → read (load, normalise, segment, pivot every document to English
and sketch it: ``dupcheck.duplicates.candidates``) → candidate pairs (tf-idf products and
MinHash/LSH) → verify and classify each pair (``dupcheck.duplicates.relate``) → clusters. Reading
and verifying run on an engine (worker processes, or Ray tasks) in chunks; candidate
generation is one vectorised pass here. Only the compact sketches of all documents are
held at once; the pivot words that verification needs are rebuilt for the documents of
each chunk of pairs, and the pairs are ordered so that a chunk's pairs share documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, partial
from pathlib import Path

from dupcheck.backends.registry import BackendConfig, load_translator
from dupcheck.backends.translate.base import Translator
from dupcheck.duplicates.candidates import (
    CandidateSettings,
    Sketch,
    candidate_pairs,
    in_verification_order,
    sketch,
)
from dupcheck.duplicates.collection import Source, list_sources, load_source, require_documents
from dupcheck.duplicates.engines import Progress, make_engine, worker_count
from dupcheck.duplicates.relate import MIN_OVERLAP, Side, Thresholds, relate
from dupcheck.lexical.pivot import PIVOT_LANG, pivot_source, pivot_target, pivot_terms
from dupcheck.records import RelatedPair, ScanDocument, ScanReport, Skipped
from dupcheck.version import __version__

READ_CHUNK = 200
VERIFY_CHUNK = 1000


@cache
def _translator(backends: BackendConfig, lang: str) -> Translator:
    return load_translator(backends, lang, PIVOT_LANG)


def pivot_translator(backends: BackendConfig, lang: str) -> Translator | None:
    """What pivots ``lang`` to English; None for English, or for a language no translator
    covers, which is read as it is: it still meets its own copies, and names and numbers."""
    if lang == PIVOT_LANG:
        return None
    translator = _translator(backends, lang)
    return translator if translator.covers(lang, PIVOT_LANG) else None


def side(backends: BackendConfig, document: ScanDocument) -> Side:
    """A document's sentences as pivot words (English documents as they are)."""
    translator = pivot_translator(backends, document.lang)
    if translator is None:
        pivot = pivot_source(document.document)
    else:
        pivot = pivot_target(document.document, translator)
    return Side.from_pivot(document.id, document.document, pivot)


def read_sources(backends: BackendConfig, sources: list[Source]) -> list[tuple[ScanDocument, Sketch] | Skipped]:
    """Each source loaded and sketched, or the reason it was skipped."""
    read: list[tuple[ScanDocument, Sketch] | Skipped] = []
    for source in sources:
        loaded = load_source(source)
        if isinstance(loaded, Skipped):
            read.append(loaded)
        else:
            terms = pivot_terms(loaded.document, pivot_translator(backends, loaded.lang))
            read.append((loaded, sketch(terms)))
    return read


def verify_pairs(
    backends: BackendConfig, thresholds: Thresholds, pairs: list[tuple[ScanDocument, ScanDocument]]
) -> list[RelatedPair | None]:
    sides: dict[str, Side] = {}

    def get(document: ScanDocument) -> Side:
        if document.id not in sides:
            sides[document.id] = side(backends, document)
        return sides[document.id]

    return [relate(get(a), get(b), thresholds) for a, b in pairs]


def clusters(ids: Sequence[str], pairs: Sequence[RelatedPair]) -> tuple[tuple[str, ...], ...]:
    """Connected groups of related documents, each in collection order, largest first."""
    parent = {i: i for i in ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        parent[root(pair.a)] = root(pair.b)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(root(i), []).append(i)
    found = [tuple(g) for g in groups.values() if len(g) > 1]
    position = {i: k for k, i in enumerate(ids)}
    return tuple(sorted(found, key=lambda g: (-len(g), position[g[0]])))


def _pivots(langs: set[str], backends: BackendConfig) -> str:
    """The signature's account of how each language was read: the translators that
    pivoted some language, and the languages read as they are (no translator covers them)."""
    translators = {lang: pivot_translator(backends, lang) for lang in langs - {PIVOT_LANG}}
    used = sorted({t.signature() for t in translators.values() if t is not None})
    as_is = sorted(lang for lang, t in translators.items() if t is None)
    return f"translator:{','.join(used) or 'none'}" + (f"|as-is:{','.join(as_is)}" if as_is else "")


def scan_paths(
    paths: Sequence[str | Path],
    *,
    engine: str = "local",
    ray_address: str | None = None,
    workers: int | None = None,
    min_overlap: int = MIN_OVERLAP,
    backends: BackendConfig = BackendConfig(),
    candidates: CandidateSettings = CandidateSettings(),
    progress: Progress | None = None,
) -> ScanReport:
    """Scan files, folders and JSONL manifests for related documents.

    ``workers``: processes of the local engine, and threads of candidate generation
    (default: one per CPU).
    """
    runner = make_engine(engine, ray_address, workers)
    thresholds = Thresholds(min_overlap=min_overlap)
    sources, skipped = list_sources(paths)
    read = runner.map_chunks("read", partial(read_sources, backends), sources, READ_CHUNK, progress)
    skipped += [r for r in read if isinstance(r, Skipped)]
    documents = [r[0] for r in read if not isinstance(r, Skipped)]
    sketches = [r[1] for r in read if not isinstance(r, Skipped)]
    del read
    require_documents(paths, documents, skipped)
    threads = worker_count(workers)
    ordered = in_verification_order(candidate_pairs(sketches, candidates, threads), len(documents)).tolist()
    del sketches
    if progress:
        progress("index", len(ordered), len(ordered))
    pairs = [(documents[i], documents[j]) for i, j in ordered]
    verified = runner.map_chunks(
        "verify", partial(verify_pairs, backends, thresholds), pairs, VERIFY_CHUNK, progress
    )
    position = {d.id: k for k, d in enumerate(documents)}
    related = tuple(sorted((p for p in verified if p is not None),
                           key=lambda p: sorted((position[p.a], position[p.b]))))
    signature = "|".join([
        f"dupcheck:{__version__}", "scan:1", _pivots({d.lang for d in documents}, backends),
        candidates.describe(), thresholds.describe(),
    ])
    return ScanReport(
        tuple(documents), tuple(skipped), related,
        clusters([d.id for d in documents], related), len(pairs), signature,
    )
