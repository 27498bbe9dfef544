"""``scan_paths``: translations, spun copies and shared passages across a collection.

Stages: list sources → load (read, normalise, segment) → pivot every document to English
and sketch it (``dupcheck.candidates``) → candidate pairs (MinHash/LSH) → verify and
classify each pair (``dupcheck.relate``) → clusters. Loading, sketching and verifying run
on an engine (this process, or Ray tasks) in chunks; candidate generation is one
vectorised pass here. Only the compact sketches of all documents are held at once; the
pivot words that verification needs are rebuilt for the documents of each chunk of pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, partial
from pathlib import Path

from dupcheck.backends import BackendConfig, load_translator
from dupcheck.candidates import Sketch, candidate_pairs, sketch
from dupcheck.collection import Source, list_sources, load_source, require_documents
from dupcheck.engines import Progress, make_engine
from dupcheck.pivot import PIVOT_LANG, pivot_source, pivot_target
from dupcheck.records import RelatedPair, ScanDocument, ScanReport, Skipped
from dupcheck.relate import MIN_OVERLAP, Side, Thresholds, relate
from dupcheck.translate.base import Translator

LOAD_CHUNK = 200
SKETCH_CHUNK = 200
VERIFY_CHUNK = 200


@cache
def _translator(backends: BackendConfig, lang: str) -> Translator:
    return load_translator(backends, lang, PIVOT_LANG)


def side(backends: BackendConfig, document: ScanDocument) -> Side:
    """A document's sentences as pivot words (English documents as they are)."""
    translator = _translator(backends, document.lang) if document.lang != PIVOT_LANG else None
    if translator is not None and translator.covers(document.lang, PIVOT_LANG):
        pivot = pivot_target(document.document, translator)
    else:
        # an uncovered language still meets its own copies, and names and numbers
        pivot = pivot_source(document.document)
    return Side.from_pivot(document.id, document.document, pivot)


def sketch_documents(backends: BackendConfig, documents: list[ScanDocument]) -> list[Sketch]:
    return [sketch(side(backends, d).terms) for d in documents]


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


def scan_paths(
    paths: Sequence[str | Path],
    *,
    engine: str = "local",
    ray_address: str | None = None,
    workers: int | None = None,
    min_overlap: int = MIN_OVERLAP,
    backends: BackendConfig = BackendConfig(),
    progress: Progress | None = None,
) -> ScanReport:
    """Scan files, folders and JSONL manifests for related documents.

    ``workers``: processes of the local engine (default: one per CPU).
    """
    runner = make_engine(engine, ray_address, workers)
    thresholds = Thresholds(min_overlap=min_overlap)
    sources, skipped = list_sources(paths)
    loaded = runner.map_chunks("load", _load_chunk, sources, LOAD_CHUNK, progress)
    documents = [d for d in loaded if isinstance(d, ScanDocument)]
    skipped += [d for d in loaded if isinstance(d, Skipped)]
    require_documents(paths, documents, skipped)
    sketches = runner.map_chunks(
        "sketch", partial(sketch_documents, backends), documents, SKETCH_CHUNK, progress
    )
    candidates = candidate_pairs(sketches).tolist()
    if progress:
        progress("index", len(candidates), len(candidates))
    pairs = [(documents[i], documents[j]) for i, j in candidates]
    verified = runner.map_chunks(
        "verify", partial(verify_pairs, backends, thresholds), pairs, VERIFY_CHUNK, progress
    )
    related = tuple(p for p in verified if p is not None)
    translators = sorted({_translator(backends, d.lang).signature() for d in documents if d.lang != PIVOT_LANG})
    signature = f"scan/1 translators={','.join(translators)} {thresholds}"
    return ScanReport(
        tuple(documents), tuple(skipped), related,
        clusters([d.id for d in documents], related), len(pairs), signature,
    )


def _load_chunk(sources: list[Source]) -> list[ScanDocument | Skipped]:
    return [load_source(s) for s in sources]
