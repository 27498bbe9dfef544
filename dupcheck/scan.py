"""``scan_paths``: translations, spun copies and shared passages across a collection.

Stages: list sources → load (read, normalise, segment) → pivot every sentence to English
→ candidate pairs (MinHash/LSH, ``dupcheck.candidates``) → verify and classify each pair
(``dupcheck.relate``) → clusters. Loading, pivoting and verifying run on an engine (this
process, or Ray tasks) in chunks; candidate generation is one vectorised pass here.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, partial
from pathlib import Path

from dupcheck.backends import BackendConfig, load_translator
from dupcheck.candidates import candidate_pairs, pivot_terms
from dupcheck.collection import list_sources, load_source, require_documents
from dupcheck.engines import Progress, make_engine
from dupcheck.records import RelatedPair, ScanDocument, ScanReport, Skipped
from dupcheck.relate import Side, Thresholds, relate

PIVOT_LANG = "en"
LOAD_CHUNK = 200
PIVOT_CHUNK = 200
VERIFY_CHUNK = 500


@cache
def _translator(backends: BackendConfig):
    return load_translator(backends)


def pivot_sides(backends: BackendConfig, documents: list[ScanDocument]) -> list[Side]:
    """Each document's sentences and their pivot terms; one translator call per language."""
    texts = [tuple(s.text for s in d.document.sentences) for d in documents]
    pivots: list[tuple[str, ...]] = list(texts)
    for lang in sorted({d.lang for d in documents} - {PIVOT_LANG}):
        translator = _translator(backends)
        if not translator.covers(lang, PIVOT_LANG):
            continue  # names and numbers still meet across the languages
        members = [k for k, d in enumerate(documents) if d.lang == lang]
        flat = translator.translate([t for k in members for t in texts[k]], lang, PIVOT_LANG)
        start = 0
        for k in members:
            pivots[k] = tuple(flat[start : start + len(texts[k])])
            start += len(texts[k])
    return [
        Side(d.id, d.lang, texts[k], tuple(frozenset(pivot_terms(p)) for p in pivots[k]))
        for k, d in enumerate(documents)
    ]


def verify_pairs(thresholds: Thresholds, pairs: list[tuple[Side, Side]]) -> list[RelatedPair | None]:
    return [relate(a, b, thresholds) for a, b in pairs]


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
    min_overlap: int = Thresholds.min_overlap,
    backends: BackendConfig = BackendConfig(),
    progress: Progress | None = None,
) -> ScanReport:
    """Scan files, folders and JSONL manifests for related documents."""
    runner = make_engine(engine, ray_address)
    thresholds = Thresholds(min_overlap=min_overlap)
    sources, skipped = list_sources(paths)
    loaded = runner.map_chunks("load", _load_chunk, sources, LOAD_CHUNK, progress)
    documents = [d for d in loaded if isinstance(d, ScanDocument)]
    skipped += [d for d in loaded if isinstance(d, Skipped)]
    require_documents(paths, documents, skipped)
    sides = runner.map_chunks(
        "pivot", partial(pivot_sides, backends), documents, PIVOT_CHUNK, progress
    )
    candidates = candidate_pairs([side.terms for side in sides])
    pairs = [(sides[i], sides[j]) for i, j in candidates.tolist()]
    verified = runner.map_chunks(
        "verify", partial(verify_pairs, thresholds), pairs, VERIFY_CHUNK, progress
    )
    related = tuple(p for p in verified if p is not None)
    ids = [d.id for d in documents]
    signature = f"scan/1 translator={_translator(backends).signature()} {thresholds}"
    return ScanReport(
        tuple(documents), tuple(skipped), related, clusters(ids, related), len(pairs), signature
    )


def _load_chunk(sources: list) -> list[ScanDocument | Skipped]:
    return [load_source(s) for s in sources]
