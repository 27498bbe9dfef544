"""The bead DP on bags with known overlaps, so every expectation is exact."""

import numpy as np
import pytest

from dupcheck.fidelity.align import AlignSettings, SideFeatures, align_sentences, run_similarities


def side(*bags: str, embeddings=None) -> SideFeatures:
    words = [[frozenset({w}) for w in bag.split()] for bag in bags]
    return SideFeatures(words, [10 * max(len(b.split()), 1) for b in bags], embeddings)


def shapes(beads):
    return [(b.source, b.target) for b in beads]


CASES = [
    # (source bags, target bags, expected beads)
    (["a b", "c d", "e f"], ["a b", "c d", "e f"], [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]),
    # target merges two source sentences: 2-1
    (["a b", "c d", "e f"], ["a b c d", "e f"], [((0, 1), (0,)), ((2,), (1,))]),
    # target splits one source sentence: 1-2
    (["a b c d", "e f"], ["a b", "c d", "e f"], [((0,), (0, 1)), ((1,), (2,))]),
    # a source sentence has no counterpart: 1-0
    (["a b", "x y", "c d"], ["a b", "c d"], [((0,), (0,)), ((1,), ()), ((2,), (1,))]),
    # a target sentence has no source: 0-1
    (["a b", "c d"], ["a b", "z w", "c d"], [((0,), (0,)), ((), (1,)), ((1,), (1 + 1,))]),
    # nothing in common: everything is left unaligned rather than forced
    (["a b"], ["z w"], [((), (0,)), ((0,), ())]),
]


@pytest.mark.parametrize("src,tgt,expected", CASES)
def test_bead_shapes(src, tgt, expected):
    assert shapes(align_sentences(side(*src), side(*tgt))) == expected


def test_scores_are_similarities():
    beads = align_sentences(side("a b", "c d"), side("a b", "c q"))
    assert beads[0].score == pytest.approx(1.0)
    assert 0.0 < beads[1].score < 1.0


def test_empty_side():
    beads = align_sentences(side("a b", "c d"), side())
    assert shapes(beads) == [((0,), ()), ((1,), ())]


def test_every_sentence_covered_once_on_long_documents():
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(5000)]
    src = [" ".join(rng.choice(words, 6, replace=False)) for _ in range(600)]
    tgt = [s for k, s in enumerate(src) if k % 50 != 7]  # twelve omissions
    beads = align_sentences(side(*src), side(*tgt))
    assert sorted(i for b in beads for i in b.source) == list(range(len(src)))
    assert sorted(j for b in beads for j in b.target) == list(range(len(tgt)))
    omitted = [b.source[0] for b in beads if not b.target]
    assert omitted == [k for k in range(len(src)) if k % 50 == 7]


def test_band_widens_when_the_path_leaves_it():
    # a long addition pushes the true path far off the diagonal
    src = [f"s{i} t{i}" for i in range(40)]
    tgt = [f"z{i} y{i}" for i in range(30)] + src
    narrow = AlignSettings(band=2)
    beads = align_sentences(side(*src), side(*tgt), narrow)
    matched = [(b.source, b.target) for b in beads if b.source and b.target]
    assert matched == [((i,), (i + 30,)) for i in range(40)]


def test_band_width_does_not_change_the_result_when_both_cover_the_path():
    src = [f"s{i} t{i}" for i in range(80)]
    tgt = [s for k, s in enumerate(src) if k % 9]
    a = align_sentences(side(*src), side(*tgt), AlignSettings(band=10))
    b = align_sentences(side(*src), side(*tgt), AlignSettings(band=200))
    assert a == b


def test_embeddings_align_what_the_lexicon_cannot():
    # no shared terms at all; the embeddings say target k+1 renders source k, and
    # target 0 is an addition (margins need neighbours, so the documents have a few)
    rng = np.random.default_rng(1)
    base = rng.normal(size=(6, 16)).astype(np.float32)
    emb_src = base / np.linalg.norm(base, axis=1, keepdims=True)
    extra = rng.normal(size=(1, 16)).astype(np.float32)
    emb_tgt = np.vstack([extra / np.linalg.norm(extra), emb_src])
    src = side(*[f"s{i}" for i in range(6)], embeddings=emb_src)
    tgt = side(*[f"t{i}" for i in range(7)], embeddings=emb_tgt)
    beads = align_sentences(src, tgt, AlignSettings(lexical_weight=0.0))
    assert shapes(beads) == [((), (0,))] + [((i,), (i + 1,)) for i in range(6)]


@pytest.mark.parametrize(("copy_similarity", "all_one_to_one"), [(0.97, True), (1.01, False)])
def test_a_sentence_written_five_times_aligns_with_its_five_renderings(
    monkeypatch, copy_similarity, all_one_to_one
):
    # Tatoeba lists "Can I show you something?" five times with five renderings. Each
    # copy's four nearest translations are its copies' renderings, so a margin over them
    # is none unless the neighbourhood looks past them (``COPY_SIMILARITY`` above 1 turns
    # that off: the copies are left apart)
    monkeypatch.setattr("dupcheck.fidelity.align.COPY_SIMILARITY", copy_similarity)
    rng = np.random.default_rng(3)

    def unit(rows):
        return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)

    unique = unit(rng.normal(size=(5, 32)))
    copy = unit(rng.normal(size=(1, 32)))
    emb_src = np.vstack([unique[:2], np.repeat(copy, 5, axis=0), unique[2:]])
    # each translation at about cosine 0.95 to its source; the five renderings differ by
    # a little of their own
    emb_tgt = unit(emb_src + 0.3 * unit(rng.normal(size=emb_src.shape)))
    emb_tgt[2:7] = unit(copy + 0.3 * unit(rng.normal(size=(1, 32))) + 0.03 * rng.normal(size=(5, 32)))
    src = side(*[f"s{i}" for i in range(10)], embeddings=emb_src)
    tgt = side(*[f"t{i}" for i in range(10)], embeddings=emb_tgt)
    beads = shapes(align_sentences(src, tgt))
    assert (beads == [((i,), (i,)) for i in range(10)]) is all_one_to_one


def test_a_headline_stands_alone():
    # the headline shares words with the first sentence, but is never merged into it
    src = side("china egypt vision", "china egypt vision strategy share", "c d")
    src = SideFeatures(src.words, src.lengths, alone=frozenset({0}))
    beads = align_sentences(src, side("china egypt vision strategy share", "c d"))
    assert shapes(beads)[:2] == [((0,), ()), ((1,), (0,))]



@pytest.mark.parametrize("added", [30, 300, 3000])
def test_a_translation_many_times_longer_than_its_source_is_aligned_whole(added):
    # past 41 target sentences a source sentence, the diagonal moves more columns a row
    # than a band of half-width 20 spans, and the rows of that band held no path between them
    src = ["a b", "c d", "e f"]
    tgt = src + [f"z{i} y{i}" for i in range(added)]
    beads = align_sentences(side(*src), side(*tgt))
    assert sorted(i for b in beads for i in b.source) == [0, 1, 2]
    assert sorted(j for b in beads for j in b.target) == list(range(len(tgt)))


@pytest.mark.parametrize("src,tgt,expected", CASES[:4])
def test_run_similarities_are_the_beads_scores(src, tgt, expected):
    source, target = side(*src), side(*tgt)
    beads = [b for b in align_sentences(source, target) if b.source and b.target]
    runs = [(b.source, b.target) for b in beads]
    assert run_similarities(source, target, runs) == [b.score for b in beads]


@pytest.mark.parametrize("runs", [[((0, 2), (0,))], [((), (0,))], [((0, 1, 2, 3), (0,))]])
def test_run_similarities_refuse_what_is_no_run(runs):
    source = side("a", "b", "c", "d")
    with pytest.raises(ValueError, match="consecutive"):
        run_similarities(source, side("a b c d"), runs)
