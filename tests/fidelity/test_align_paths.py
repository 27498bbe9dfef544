"""The aligner's dense and sparse term paths give the same beads with the same scores.

Short documents take dense term rows, long ones sparse rows (``align.DENSE_CELLS``); the
choice is about speed only. Each case runs with every path forced, on the features that
``dupcheck check`` and ``dupcheck scan`` hand the aligner (seeds, FLORES lines) and on
synthetic edge cases.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from dupcheck.backends.registry import BackendConfig
from dupcheck.duplicates.collection import list_sources, load_source
from dupcheck.duplicates.pipeline import side as scan_side
from dupcheck.fidelity import align, pipeline
from dupcheck.fidelity.align import AlignSettings, SideFeatures, align_sentences
from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"
FLORES = FIXTURES / "flores"
OFFLINE = BackendConfig(translator="lexical", encoder="none")
SETTINGS = {"lexical_only": AlignSettings.lexical_only(), "default": AlignSettings()}

Pair = tuple[SideFeatures, SideFeatures]


def both_paths(monkeypatch, pair: Pair, settings: AlignSettings):
    """Beads with dense term rows forced, then with sparse rows forced."""
    results = []
    for limit in (10**12, 0):
        monkeypatch.setattr(align, "DENSE_CELLS", limit)
        results.append(align_sentences(*pair, settings))
    return results


def check_features(checker: pipeline.Checker, source: Path, target: Path) -> Pair:
    """The features ``Checker`` hands the aligner for this pair."""
    seen: list[Pair] = []

    def record(src: SideFeatures, tgt: SideFeatures, settings: AlignSettings):
        seen.append((src, tgt))
        return align_sentences(src, tgt, settings)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "align_sentences", record)
        checker.check_files(source, target)
    return seen[0]


def window(pair: Pair, start: int, size: int) -> Pair:
    """Sentences start..start+size-1 of a line-aligned pair, as a pair of their own."""
    return tuple(
        SideFeatures(f.words[start : start + size], f.lengths[start : start + size]) for f in pair
    )


@pytest.fixture(scope="module")
def pairs() -> dict[str, Pair]:
    text = pipeline.Checker(OFFLINE)
    lines = pipeline.Checker(OFFLINE, pipeline.CheckSettings(input_format="lines"))
    flores = check_features(
        lines, FLORES / "dev100.eng_Latn.txt", FLORES / "dev100.hin_Deva.txt"
    )
    sources, _ = list_sources([SEEDS])
    scan = {Path(s.path).name[:3]: scan_side(OFFLINE, load_source(s)) for s in sources}
    found = {
        "check seeds 002-000 (headline)": check_features(
            text, SEEDS / "002_ad68b3a4021bdc8c.txt", SEEDS / "000_7c1714d105d40b16.txt"
        ),
        "scan seeds 002-001 (same language)": (
            scan["002"].features(scan["001"]), scan["001"].features(scan["002"])
        ),
        "scan seeds 002-003 (Arabic, shared passages)": (
            scan["002"].features(scan["003"]), scan["003"].features(scan["002"])
        ),
        "scan seeds 000-004 (unrelated)": (
            scan["000"].features(scan["004"]), scan["004"].features(scan["000"])
        ),
        "FLORES 40 lines en-hi": window(flores, 0, 40),
    }
    for start, size in ((0, 5), (17, 9), (40, 15), (85, 12)):
        found[f"FLORES lines {start}-{start + size - 1} en-hi"] = window(flores, start, size)
    return found


def bags(*sentences: str, alone: frozenset[int] = frozenset(), embeddings=None) -> SideFeatures:
    """Sentences as words; ``a|b`` is one word with two keys (two senses)."""
    words = [[frozenset(w.split("|")) for w in s.split()] for s in sentences]
    return SideFeatures(words, [10 * max(len(s.split()), 1) for s in sentences], embeddings, alone)


def _embeddings(count: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(count, 16)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


_SRC = [f"s{i} t{i} u{i % 3}" for i in range(12)]
SYNTHETIC: dict[str, tuple[Pair, AlignSettings]] = {
    "empty target": ((bags("a b", "c d"), bags()), AlignSettings()),
    "one sentence each": ((bags("a b c"), bags("a b x")), AlignSettings()),
    "one against many": ((bags("a b c d e f"), bags("a b", "c d", "e f", "g")), AlignSettings()),
    "no shared key": ((bags("a b", "c"), bags("x y", "z")), AlignSettings()),
    "sentences without words": ((bags("a b", "", "c d"), bags("", "a b", "c d")), AlignSettings()),
    "repeated keys and many-sense words": (
        (bags("a a a b", "c|d e e", "f g|h|i"), bags("a a b|z", "d|q e", "i i f")),
        AlignSettings.lexical_only(),
    ),
    "headlines stand alone": (
        (
            bags("china egypt vision", "china egypt vision strategy", "c d", alone=frozenset({0})),
            bags("china egypt", "vision strategy", "c d", alone=frozenset({1})),
        ),
        AlignSettings(),
    ),
    "embeddings given": (
        (
            bags(*_SRC[:8], embeddings=_embeddings(8, 0)),
            bags(*_SRC[:3], "x y", *_SRC[3:8], embeddings=_embeddings(9, 1)),
        ),
        AlignSettings(),
    ),
    "very unequal lengths widen the band": (
        (bags(*_SRC), bags(*[f"z{i} y{i}" for i in range(40)], *_SRC)),
        AlignSettings(band=2),
    ),
}


@pytest.mark.parametrize("name", [
    "check seeds 002-000 (headline)",
    "scan seeds 002-001 (same language)",
    "scan seeds 002-003 (Arabic, shared passages)",
    "scan seeds 000-004 (unrelated)",
    "FLORES 40 lines en-hi",
    "FLORES lines 0-4 en-hi",
    "FLORES lines 17-25 en-hi",
    "FLORES lines 40-54 en-hi",
    "FLORES lines 85-96 en-hi",
])
@pytest.mark.parametrize("settings", SETTINGS)
def test_real_pairs_align_the_same_on_both_paths(monkeypatch, pairs, name, settings):
    dense, sparse_ = both_paths(monkeypatch, pairs[name], SETTINGS[settings])
    assert dense == sparse_
    assert any(b.source and b.target for b in dense) or "unrelated" in name


@pytest.mark.parametrize("name", SYNTHETIC)
def test_edge_cases_align_the_same_on_both_paths(monkeypatch, name):
    pair, settings = SYNTHETIC[name]
    dense, sparse_ = both_paths(monkeypatch, pair, settings)
    assert dense == sparse_
    m, n = len(pair[0]), len(pair[1])
    assert sorted(i for b in dense for i in b.source) == list(range(m))
    assert sorted(j for b in dense for j in b.target) == list(range(n))


def test_embeddings_change_the_scores_on_both_paths(monkeypatch):
    # the embedding case above must exercise the embedding term, not only the lexical one
    pair, settings = SYNTHETIC["embeddings given"]
    lexical = both_paths(monkeypatch, tuple(replace(f, embeddings=None) for f in pair), settings)
    with_embeddings = both_paths(monkeypatch, pair, settings)
    assert lexical[0] != with_embeddings[0]
    assert lexical[1] != with_embeddings[1]


def test_the_band_widened(monkeypatch):
    # the path runs 40 sentences off the diagonal: a band of 2 + 28 must have doubled
    pair, settings = SYNTHETIC["very unequal lengths widen the band"]
    dense, _ = both_paths(monkeypatch, pair, settings)
    matched = [(b.source, b.target) for b in dense if b.source and b.target]
    assert matched == [((i,), (i + 40,)) for i in range(len(_SRC))]


def test_short_pairs_take_dense_rows_and_long_ones_sparse(pairs):
    short = align._term_matrices(*(f.words for f in pairs["FLORES lines 40-54 en-hi"]))
    long = align._term_matrices(*(f.words for f in pairs["FLORES 40 lines en-hi"]))
    assert isinstance(short[0][0], np.ndarray)
    assert sparse.issparse(long[0][0])


def test_pairs_of_one_size_share_a_band_and_nothing_else(pairs):
    first, second = pairs["FLORES lines 17-25 en-hi"], pairs["FLORES 40 lines en-hi"]
    second = window(second, 30, 9)
    align._cached_band.cache_clear()
    alone = align_sentences(*second)
    align_sentences(*first)
    after_another = align_sentences(*second)
    assert after_another == alone
    assert align._cached_band.cache_info().hits > 0
