"""Word links inside a bead: shared keys first, then names by sound across scripts; and
the contextual evidence: word vectors from token states, SimAlign's argmax, unmatched runs."""

import numpy as np
import pytest
import regex

from dupcheck.backends.encode.base import TokenStates
from dupcheck.fidelity.wordalign import (
    align_words,
    argmax_links,
    compound_best,
    isolation,
    unmatched_runs,
    word_match,
    word_vectors,
)
from dupcheck.lexical.pivot import Word


def word(text, *keys, name="", meanings=()):
    return Word(text, 0, len(text), frozenset(keys), True, frozenset(meanings), name)


def test_shared_keys_link_in_order_and_repeated_words_pair_up():
    src = [word("say", "say"), word("China", "china"), word("say", "say")]
    tgt = [word("कहा", "say", "tell"), word("चीन", "china"), word("कहा", "say")]
    wa = align_words(src, tgt, "hi")
    assert wa.links == ((0, 0), (1, 1), (2, 2))
    assert wa.source_coverage() == 1.0 and wa.target_coverage() == 1.0


def test_a_name_the_keys_miss_links_by_sound():
    src = [word("Tokayev", "tokayev", "~tkyf", name="~tkyf"), word("thanked", "thank")]
    tgt = [word("टोकायव", "~tkv"), word("धन्यवाद", "gratitude", meanings=("gratitude",))]
    wa = align_words(src, tgt, "hi")
    assert wa.links == ((0, 0),)
    assert wa.source_coverage() == 0.5


def test_unlike_names_stay_unlinked():
    src = [word("Medvedev", "medvedev", name="~mdvdv")]
    tgt = [word("पुतिन", "~ptn")]
    assert align_words(src, tgt, "hi").links == ()


@pytest.mark.parametrize(
    ("similarity", "expected"),
    [
        # each row's and each column's maximum agree
        ([[0.9, 0.1], [0.1, 0.8]], {(0, 0), (1, 1)}),
        # both rows prefer column 0, which prefers row 0: row 1 is left out
        ([[0.9, 0.1], [0.8, 0.2]], {(0, 0)}),
        # crossed: word order is no evidence
        ([[0.1, 0.7], [0.6, 0.2]], {(0, 1), (1, 0)}),
        (np.zeros((0, 3)), set()),
    ],
)
def test_argmax_links_are_the_pairs_that_are_each_others_best(similarity, expected):
    assert argmax_links(np.asarray(similarity, dtype=np.float32)) == expected


def test_a_word_vector_is_the_mean_of_the_pieces_it_overlaps():
    # "Hindi is" as pieces ▁Hind|i|▁is; a space-only piece (empty span) counts for nothing
    states = TokenStates(
        text="Hindi is", pieces=("▁Hind", "i", "▁", "is"), spans=((0, 4), (4, 5), (5, 5), (6, 8)),
        layers=(8,), states=np.array([[[3.0, 0.0], [1.0, 0.0], [0.0, 9.0], [0.0, 2.0]]], dtype=np.float32),
    )
    vectors = word_vectors(states, [(0, 5), (6, 8), (9, 12)])
    assert vectors.tolist() == [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]


def _content(text):
    return Word(text, 0, len(text), frozenset({text}), True, frozenset())


def _function(text):
    return Word(text, 0, len(text), frozenset(), False, frozenset())


@pytest.mark.parametrize(
    ("best", "expected"),
    [
        # the far word (0) stands 0.5 below the least alike other content word (4); the
        # others stand above the lowest; function words (1, 3) and the name (5) are 0
        ([0.3, 0.1, 0.9, 0.2, 0.8, 0.0], [0.5, 0.0, -0.6, 0.0, -0.5, 0.0]),
        # two words as far: neither stands apart
        ([0.3, 0.9, 0.9, 0.9, 0.3, 0.9], [0.0, 0.0, -0.6, 0.0, 0.0, 0.0]),
    ],
)
def test_isolation_is_how_far_a_word_stands_below_the_rest_of_its_sentence(best, expected):
    words = [_content("old"), _function("the"), _content("mayor"), _function("had"),
             _content("promised"), word("Obama", name="obama")]
    assert isolation(words, np.asarray(best)).round(6).tolist() == expected


def test_a_word_alone_has_no_isolation():
    assert isolation([_content("mayor"), _function("the")], np.asarray([0.1, 0.9])).tolist() == [0.0, 0.0]


@pytest.mark.parametrize(
    ("best", "linked", "expected"),
    [
        # function words (1, 3) neither count nor break a run
        ([0.1, 0.9, 0.2, 0.9, 0.3, 0.9], set(), [(0, 2, 4)]),
        # a content word like a word across ends the run
        ([0.1, 0.1, 0.9, 0.1, 0.2, 0.1], set(), [(0,), (4, 5)]),
        # so does a lexical link, whatever its similarity
        ([0.1, 0.1, 0.2, 0.1, 0.2, 0.1], {2}, [(0,), (4, 5)]),
    ],
)
def test_unmatched_runs_skip_function_words_and_stop_at_a_counterpart(best, linked, expected):
    words = [_content("old"), _function("the"), _content("mayor"), _function("had"),
             _content("promised"), _content("it")]
    assert unmatched_runs(words, np.asarray(best), frozenset(linked), 0.6) == expected


def _placed(text: str) -> list[Word]:
    """The words of ``text`` (split at spaces and hyphens) with their offsets."""
    return [Word(m.group(), m.start(), m.end(), frozenset(), True, frozenset(), "")
            for m in regex.finditer(r"[^\s\-]+", text)]


@pytest.mark.parametrize(
    ("text", "best", "expected"),
    [
        ("गैर-संवहनी अस्थिगलन", [0.3, 0.7, 0.8], [0.7, 0.7, 0.8]),
        ("गैर - संवहनी", [0.3, 0.7], [0.3, 0.7]),  # a dash between words joins nothing
        ("a-b-c d", [0.1, 0.2, 0.5, 0.4], [0.5, 0.5, 0.5, 0.4]),
        ("one", [0.2], [0.2]),
    ],
)
def test_a_hyphenated_compound_takes_its_best_part(text, best, expected):
    out = compound_best(_placed(text), np.array(best), text)
    assert out.tolist() == pytest.approx(expected)


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ([[1, 0]], [[1, 0]], 1.0),
        # the second source word has no counterpart: recall 0.5, precision 1
        ([[1, 0], [0, 1]], [[1, 0]], 0.75),
        ([[1, 0]], [], 0.0),
    ],
)
def test_word_match_averages_both_directions_best_similarity(source, target, expected):
    src = np.array(source, dtype=np.float32).reshape(-1, 2)
    tgt = np.array(target, dtype=np.float32).reshape(-1, 2)
    assert word_match(src, tgt) == pytest.approx(expected)
