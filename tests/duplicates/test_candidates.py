import random

import numpy as np
import pytest

from dupcheck.duplicates.candidates import (
    PASSAGE_LSH,
    CandidateSettings,
    LshParams,
    candidate_pairs,
    copied_passages,
    in_verification_order,
    lsh_pairs,
    minhash_signatures,
    nearest_pairs,
    shingle_hashes,
    sketch,
    term_hashes,
)
from dupcheck.lexical.lexicon import english_terms
from tests.paths import FIXTURES, SHARED

FLORES = SHARED / "data" / "flores200-dev"


@pytest.fixture(scope="module")
def english_lines() -> list[str]:
    path = FLORES / "eng_Latn.dev"
    if not path.exists():
        pytest.skip(f"FLORES-200 dev not found at {path}")
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(("shared", "total", "tolerance"), [(50, 100, 0.12), (20, 100, 0.1), (90, 100, 0.1)])
def test_minhash_estimates_jaccard(shared, total, tolerance):
    a = [f"w{k}" for k in range(total)]
    b = a[:shared] + [f"x{k}" for k in range(total - shared)]
    jaccard = shared / (2 * total - shared)
    signatures = minhash_signatures([term_hashes(a), term_hashes(b)], LshParams(bands=64, rows=4))
    assert abs((signatures[0] == signatures[1]).mean() - jaccard) < tolerance


def test_empty_sets_meet_nothing():
    signatures = minhash_signatures([term_hashes([]), term_hashes([])], PASSAGE_LSH)
    assert len(lsh_pairs(signatures, PASSAGE_LSH)) == 0


def test_oversized_buckets_are_chained_not_paired_all_with_all():
    # 100 copies of one set share every bucket: a chain of 99 pairs, not 4,950
    signatures = minhash_signatures([term_hashes(["same", "words"])] * 100, PASSAGE_LSH)
    pairs = lsh_pairs(signatures, PASSAGE_LSH)
    assert {tuple(p) for p in pairs.tolist()} == {(k, k + 1) for k in range(99)}


@pytest.mark.parametrize(("pairs", "scores", "k", "expected"), [
    # each document keeps its k best partners; a pair stays if either end keeps it
    ([(0, 1), (0, 2), (1, 2)], [0.9, 0.8, 0.85], 1, {(0, 1), (1, 2)}),
    ([(0, 1), (0, 2), (1, 2)], [0.9, 0.8, 0.85], 2, {(0, 1), (0, 2), (1, 2)}),
    # a hub does not starve its partners: each keeps its only pair
    ([(0, 1), (0, 2), (0, 3)], [0.9, 0.5, 0.7], 1, {(0, 1), (0, 2), (0, 3)}),
    # a pair proposed twice (document and passage index) counts once, at its best score
    ([(1, 0), (0, 1), (0, 2), (1, 2)], [0.2, 0.6, 0.5, 0.55], 1, {(0, 1), (1, 2)}),
])
def test_nearest_pairs_bounds_each_document(pairs, scores, k, expected):
    found = nearest_pairs(np.array(pairs), np.array(scores), k)
    assert {tuple(p) for p in found.tolist()} == expected


def _terms(lines: list[str]) -> list[list[str]]:
    return [_line_terms(line) for line in lines]


def _line_terms(line: str) -> list[str]:
    return [g.stem for g in english_terms(line)]


def test_candidates_find_copies_and_shared_passages_not_strangers(english_lines):
    # 200 documents of 8 distinct FLORES lines each; 10 pairs are copies with one
    # sentence changed, 10 pairs share two consecutive sentences and nothing else
    docs = [_terms(english_lines[8 * k : 8 * k + 8]) for k in range(100)]
    planted = set()
    for k in range(10):
        copy = [list(s) for s in docs[k]]
        copy[3] = _line_terms(english_lines[900 + k])
        planted.add((k, len(docs)))
        docs.append(copy)
    for k in range(10, 20):
        stranger = _terms(english_lines[800 + 8 * (k - 10) : 800 + 8 * (k - 10) + 6])
        planted.add((k, len(docs)))
        docs.append(stranger[:3] + docs[k][4:6] + stranger[3:])
    found = {tuple(p) for p in candidate_pairs([sketch(d) for d in docs], CandidateSettings(all_pairs_up_to=0)).tolist()}
    assert planted <= found
    # strangers proposed must stay a small share of all pairs: verification pays for each
    n = len(docs)
    assert len(found - planted) <= 0.01 * n * (n - 1) / 2


def test_candidates_are_deterministic(english_lines):
    docs = [sketch(_terms(english_lines[5 * k : 5 * k + 5])) for k in range(50)]
    assert np.array_equal(candidate_pairs(docs, CandidateSettings(all_pairs_up_to=0)), candidate_pairs(docs, CandidateSettings(all_pairs_up_to=0)))


def test_small_collections_pair_everything(english_lines):
    docs = [sketch(_terms(english_lines[5 * k : 5 * k + 5])) for k in range(6)]
    pairs = {tuple(p) for p in candidate_pairs(docs, CandidateSettings(all_pairs_up_to=6)).tolist()}
    assert pairs == {(i, j) for i in range(6) for j in range(i + 1, 6)}


def test_verification_order_keeps_every_pair_and_groups_connected_documents():
    # two chains of documents, interleaved in collection order: 0-2-4-6-8 and 1-3-5-7-9
    pairs = np.array([(0, 2), (1, 3), (2, 4), (3, 5), (4, 6), (5, 7), (6, 8), (7, 9)])
    ordered = in_verification_order(pairs, 10)
    assert sorted(map(tuple, ordered.tolist())) == sorted(map(tuple, pairs.tolist()))
    # each chain's pairs come together, so a chunk of four pairs holds one chain
    chains = [{int(d) % 2 for d in ordered[k : k + 4].ravel()} for k in (0, 4)]
    assert chains in ([{0}, {1}], [{1}, {0}])


def test_every_candidate_setting_shows_in_the_description():
    from dataclasses import fields, replace

    default = CandidateSettings()
    for field in fields(CandidateSettings):
        value = getattr(default, field.name)
        changed = LshParams(value.bands + 1, value.rows) if isinstance(value, LshParams) else value * 2
        assert replace(default, **{field.name: changed}).describe() != default.describe(), field.name


@pytest.mark.parametrize(("sentences", "windows"), [
    ([["joint", "drills"], ["drills", "august"], ["troops"]],
     [{"joint", "drills", "august"}, {"drills", "august", "troops"}]),
    ([["one", "sentence"]], [{"one", "sentence"}]),
    ([], [set()]),
])
def test_sketch_windows_are_unions_of_consecutive_sentences(sentences, windows):
    def hashes(terms):
        return set(term_hashes(sorted(terms)).tolist())

    made = sketch(sentences)
    assert [set(w.tolist()) for w in made.windows] == [hashes(w) for w in windows]
    assert set(made.document.tolist()) == hashes({t for s in sentences for t in s})
    assert [set(w.tolist()) for w in made.shingles] == [
        set(np.concatenate([shingle_hashes(s) for s in sentences[k : k + 2]] or [np.zeros(0)]).tolist())
        for k in range(len(windows))
    ]
    assert len(made.document) == len(set(made.document.tolist()))  # each term once


def test_a_passage_copied_word_for_word_is_found_though_its_words_are_common(english_lines):
    # 300 documents of 6 FLORES lines; documents 0 and 1 share lines 2-3 verbatim, and the
    # words of those two lines, shuffled, open every third other document: each word is
    # then in a third of the documents, so the cosine over specific terms cannot see the
    # copy, while a pair of consecutive words recurs in few documents
    passage = english_lines[600:602]
    words = " ".join(passage).split()
    rng = random.Random(7)
    docs = []
    for k in range(300):
        lines = english_lines[6 * k : 6 * k + 6]
        if k < 2:
            lines[2:4] = passage
        elif k % 3 == 0:
            lines = [" ".join(rng.sample(words, len(words)))] + lines
        docs.append(sketch(_terms(lines)))
    found = {tuple(p) for p in candidate_pairs(docs, CandidateSettings(all_pairs_up_to=0)).tolist()}
    assert (0, 1) in found
    without_shingles = CandidateSettings(all_pairs_up_to=0, copy_jaccard=1.1)
    assert (0, 1) not in {tuple(p) for p in candidate_pairs(docs, without_shingles).tolist()}


def test_shingles_follow_word_order():
    assert set(shingle_hashes(["joint", "drills", "august"]).tolist()) == set(
        term_hashes(["joint\x1fdrills", "drills\x1faugust"]).tolist()
    )
    assert not set(shingle_hashes(["drills", "joint"]).tolist()) & set(shingle_hashes(["joint", "drills"]).tolist())
    assert len(shingle_hashes(["alone"])) == 0


def test_threads_never_change_the_candidates(english_lines):
    docs = [sketch(_terms(english_lines[4 * k : 4 * k + 6])) for k in range(240)]
    settings = CandidateSettings(all_pairs_up_to=0)
    one = candidate_pairs(docs, settings, threads=1)
    assert len(one) > 100  # overlapping documents: every neighbour shares two lines
    assert np.array_equal(one, candidate_pairs(docs, settings, threads=3))
    sets = [d.windows[0] for d in docs]
    assert np.array_equal(minhash_signatures(sets, PASSAGE_LSH), minhash_signatures(sets, PASSAGE_LSH, threads=2))


def test_a_stock_phrase_in_every_document_proposes_no_copies(english_lines):
    # two lines every document carries (a wire service's footer) are no copied passage:
    # their shingles are in every document, so none is specific
    footer = english_lines[990:992]
    plain = [sketch(_terms(english_lines[3 * k : 3 * k + 3])) for k in range(300)]
    footed = [sketch(_terms(english_lines[3 * k : 3 * k + 3] + footer)) for k in range(300)]
    settings = CandidateSettings(all_pairs_up_to=0)
    shingles = [h for d in footed for h in d.shingles]
    owners = np.repeat(np.arange(len(footed)), [len(d.shingles) for d in footed])
    # unfiltered, the footer's shingles chain every document to the next
    assert len(copied_passages(shingles, owners, settings.copy_lsh, settings.copy_jaccard)[0]) >= len(footed) - 1
    # filtered, the footer adds no pairs (neighbouring FLORES lines share a topic, so the
    # plain documents have candidates of their own; the nearest-k ranks may shift)
    without = {tuple(p) for p in candidate_pairs(plain, settings).tolist()}
    found = {tuple(p) for p in candidate_pairs(footed, settings).tolist()}
    assert len(found - without) <= 0.05 * len(without)


def test_windows_sharing_a_rare_term_are_proposed_across_documents_only():
    from dupcheck.duplicates.candidates import TermSpace, _sharing_rare_terms

    # documents' term hashes: 7 is in two documents, 8 in three, 9 in one
    space = TermSpace([np.array([7, 8, 1]), np.array([7, 8, 2]), np.array([8, 3, 9])], 1.0, 5)
    ids = {h: int(np.searchsorted(space.vocabulary, h)) for h in (1, 2, 3, 7, 8, 9)}
    # windows 0-1 of document 0, 2 of document 1, 3 of document 2
    windows = [np.array([ids[7], ids[1]]), np.array([ids[7], ids[8]]), np.array([ids[7], ids[8]]),
               np.array([ids[8], ids[9]])]
    owners = np.array([0, 0, 1, 2])

    def pairs(max_df: int) -> set[tuple[int, int]]:
        found = _sharing_rare_terms(windows, owners, space, max_df)
        return {tuple(p) for p in np.sort(found, axis=1).tolist()}

    assert pairs(1) == set()
    # term 7: windows 0, 1 (one document: no pair) and 2
    assert pairs(2) == {(0, 2), (1, 2)}
    assert pairs(3) == {(0, 2), (1, 2), (1, 3), (2, 3)}


@pytest.mark.parametrize(("pairs", "starts", "expected"), [
    ([(0, 1)], [0, 2, 5], [(0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (1, 4)]),
    ([(2, 0), (1, 2)], [0, 1, 3, 4], [(3, 0), (1, 3), (2, 3)]),
    ([(0, 1)], [0, 0, 2], []),
])
def test_windows_of_document_pairs_are_all_pairs_of_their_windows(pairs, starts, expected):
    from dupcheck.duplicates.candidates import _windows_of

    found = _windows_of(np.array(pairs).reshape(-1, 2), np.array(starts))
    assert [tuple(p) for p in found.tolist()] == expected


def test_a_translated_passage_sharing_few_words_is_proposed_by_its_rare_terms():
    """FLORES dev lines 30-31 in Hindi, amid other Hindi lines, against the English lines
    among other English documents: through the lexical pivot the two passages share a few
    words, names and numbers, which the rare-term proposals alone find."""
    from dupcheck.backends.translate.lexical import LexicalTranslator
    from dupcheck.lexical.pivot import pivot_terms
    from dupcheck.text.load import document_from_text
    from dupcheck.text.segment import segment

    fixtures = FIXTURES / "flores"
    english = (fixtures / "dev100.eng_Latn.txt").read_text(encoding="utf-8").splitlines()
    hindi = (fixtures / "dev100.hin_Deva.txt").read_text(encoding="utf-8").splitlines()

    def read(lines: list[str], lang: str):
        document = segment(document_from_text("\n".join(lines), lang=lang))
        return sketch(pivot_terms(document, LexicalTranslator() if lang == "hi" else None))

    docs = [read(english[28:33], "en"), read(hindi[60:63] + hindi[30:32] + hindi[90:92], "hi")]
    docs += [read(english[k : k + 3], "en") for k in range(0, 27, 3)]
    docs += [read(hindi[k : k + 3], "hi") for k in range(33, 90, 3)]
    only_rare = CandidateSettings(all_pairs_up_to=0, document_cosine=1.0, neighbour_cosine=1.0,
                                  passage_lsh=LshParams(0, 3), copy_jaccard=1.1)
    found = {tuple(p) for p in candidate_pairs(docs, only_rare).tolist()}
    assert (0, 1) in found
    # and not every pair of documents that share some word of the same few stories
    assert len(found) <= 0.02 * len(docs) * (len(docs) - 1) / 2
    without = CandidateSettings(all_pairs_up_to=0, document_cosine=1.0, neighbour_cosine=1.0,
                                passage_lsh=LshParams(0, 3), copy_jaccard=1.1, rare_df=0)
    assert (0, 1) not in {tuple(p) for p in candidate_pairs(docs, without).tolist()}


@pytest.mark.parametrize(("max_df", "specific"), [
    # term hashes 7 (3 of 4 documents), 8 (2), 1, 2, 3, 9 (1 each); the floor keeps 8 at 1
    (None, {1, 2, 3, 7, 8, 9}),
    (2, {1, 2, 3, 8, 9}),
    (1, {1, 2, 3, 8, 9}),
])
def test_a_capped_term_space_leaves_out_frequent_terms_and_keeps_the_ids(max_df, specific):
    from dupcheck.duplicates.candidates import TermSpace

    space = TermSpace([np.array([7, 8, 1]), np.array([7, 8, 2]), np.array([7, 9]), np.array([3])], 1.0, 2)
    capped = space if max_df is None else space.capped(max_df)
    assert np.array_equal(capped.vocabulary, space.vocabulary)
    assert set(capped.vocabulary[capped.specific].tolist()) == specific
    assert np.all((capped.idf > 0) == capped.specific)
    assert np.all(space.specific)


def test_shared_passages_meet_on_terms_too_frequent_for_the_document_index(english_lines):
    """With every shared term above the document index's cap (``max_df`` 1, no floor),
    documents meet only through their windows, which keep those terms: the passage index
    compares windows pair by pair, so the cap that bounds the sparse products need not
    apply to it."""
    docs = [_terms(english_lines[8 * k : 8 * k + 8]) for k in range(60)]
    planted = set()
    for k in range(10):
        stranger = _terms(english_lines[800 + 8 * k : 800 + 8 * k + 6])
        planted.add((k, len(docs)))
        docs.append(stranger[:3] + docs[k][4:6] + stranger[3:])
    sketches = [sketch(d) for d in docs]
    capped = CandidateSettings(all_pairs_up_to=0, max_df=1, df_floor=0, copy_jaccard=1.1)
    found = {tuple(p) for p in candidate_pairs(sketches, capped).tolist()}
    assert planted <= found
    # the document index alone finds none of them there
    documents_only = CandidateSettings(all_pairs_up_to=0, max_df=1, df_floor=0, copy_jaccard=1.1,
                                       passage_lsh=LshParams(0, 3), rare_df=0, neighbour_cosine=1.0)
    assert not planted & {tuple(p) for p in candidate_pairs(sketches, documents_only).tolist()}
