"""Two articles sharing passages: which beads stay (fidelity/passages.py)."""

import numpy as np
import pytest

import dupcheck
from dupcheck.fidelity.passages import (
    PassageSettings,
    bead_evidence,
    shared_passages,
)
from dupcheck.fidelity.score import aligned_share
from dupcheck.records import Bead
from tests.fidelity.test_findings import (
    EN_JAIL,
    EN_OTHER,
    EN_QUOTE,
    HI_JAIL,
    HI_OTHER,
    HI_QUOTE,
    checked,
)

SOURCE = [EN_QUOTE, EN_OTHER, EN_JAIL]
TARGET = [HI_QUOTE, HI_OTHER, HI_JAIL]


def pair_with(beads):
    """The three fixture sentences a side, ``beads`` as (source, target, score)."""
    pair = checked(SOURCE, TARGET, [])
    return pair, tuple(Bead(s, t, score) for s, t, score in beads)


def topic_vectors(pair, source_topics, target_topics):
    """Word vectors in which every word of a sentence points along its topic's axis: two
    sentences of one topic match fully (word match 1.0), of two topics not at all (0.0)."""

    def side(pivot, topics):
        return tuple(
            np.tile(np.eye(8, dtype=np.float16)[topic], (len(words), 1))
            for words, topic in zip(pivot.words, topics, strict=True)
        )

    return side(pair.source_pivot, source_topics), side(pair.target_pivot, target_topics)


def shapes(beads):
    return [(b.source, b.target) for b in beads]


@pytest.mark.parametrize(
    ("beads", "expected"),
    [
        ([((0,), (0,)), ((1,), (1,)), ((2,), (2,))], 1.0),
        ([((0,), ()), ((1,), ()), ((2,), ()), ((), (0,)), ((), (1,)), ((), (2,))], 0.0),
        # a merge counts its sources once; a 0-1 bead counts nothing
        ([((0, 1), (0,)), ((), (1,)), ((2,), ()), ((), (2,))],
         (len(EN_QUOTE) + len(EN_OTHER)) / len("".join(SOURCE))),
    ],
)
def test_aligned_share_counts_the_source_characters_in_two_sided_beads(beads, expected):
    pair, alignment = pair_with([(s, t, 1.0) for s, t in beads])
    assert aligned_share(alignment, pair.source) == pytest.approx(expected)


# EN_QUOTE is the shortest source sentence: one bead over it covers a third of the source
ONE_PASSAGE = [((0,), (0,), 0.6), ((1,), (), 0.0), ((2,), (), 0.0), ((), (1,), 0.0), ((), (2,), 0.0)]


@pytest.mark.parametrize(
    ("score", "target_topic", "kept"),
    [
        (0.6, 0, True),   # scored well, its words find each other: a shared passage
        (0.6, 1, False),  # scored well, but its words are of another sentence
        (0.1, 0, False),  # its words match, but the aligner barely took it
    ],
)
def test_a_bead_between_two_articles_stays_only_with_both_kinds_of_evidence(score, target_topic, kept):
    beads = [(s, t, score) if s and t else (s, t, sc) for s, t, sc in ONE_PASSAGE]
    pair, alignment = pair_with(beads)
    words = topic_vectors(pair, [0, 2, 3], [target_topic, 4, 5])
    result = shared_passages(alignment, pair.source, pair.target, pair.source_pivot,
                             pair.target_pivot, words, PassageSettings())
    if kept:
        assert result == alignment
    else:
        assert shapes(result) == [((0,), ()), ((), (0,)), ((1,), ()), ((2,), ()), ((), (1,)), ((), (2,))]


def test_a_translation_keeps_its_weak_beads():
    # every sentence aligned: a translation, however weak a bead's evidence
    pair, alignment = pair_with([((0,), (0,), 0.1), ((1,), (1,), 0.9), ((2,), (2,), 0.9)])
    words = topic_vectors(pair, [0, 1, 2], [3, 1, 2])
    assert shared_passages(alignment, pair.source, pair.target, pair.source_pivot,
                           pair.target_pivot, words) == alignment


def test_without_word_states_the_lexicon_decides():
    # EN_JAIL and HI_JAIL share lexicon links (power, crackdown, criticism...); EN_JAIL and
    # HI_OTHER next to none
    pair, _ = pair_with([])
    translated = bead_evidence(Bead((2,), (2,), 0.6), pair.source_pivot, pair.target_pivot, "hi", None)
    unrelated = bead_evidence(Bead((2,), (1,), 0.6), pair.source_pivot, pair.target_pivot, "hi", None)
    assert translated.word_match is None
    assert translated.lexical >= 0.3 > unrelated.lexical
    beads = [((0,), (), 0.0), ((1,), (), 0.0), ((), (0,), 0.0), ((2,), (1,), 0.6), ((), (2,), 0.0)]
    pair, alignment = pair_with(beads)
    result = shared_passages(alignment, pair.source, pair.target, pair.source_pivot,
                             pair.target_pivot, None, PassageSettings.lexical_only())
    assert ((2,), (1,)) not in shapes(result)


def test_off_never_changes_an_alignment():
    pair, alignment = pair_with([(s, t, 0.0) if s and t else (s, t, sc) for s, t, sc in ONE_PASSAGE])
    assert shared_passages(alignment, pair.source, pair.target, pair.source_pivot,
                           pair.target_pivot, None, PassageSettings.off()) == alignment


@pytest.mark.parametrize(
    ("target", "noted"),
    [
        (TARGET, False),      # a translation: every sentence aligned
        ([HI_JAIL], True),    # one passage of three sentences shared: the passage stays
    ],
)
def test_a_report_says_when_the_pair_reads_as_two_articles(target, noted):
    report = dupcheck.check(SOURCE, target, input_format="lines", encoder="none", cache=False)
    assert any("shares passages" in w for w in report.warnings) is noted
    assert [(b.source, b.target) for b in report.alignment if b.source and b.target][-1] == ((2,), (len(target) - 1,))
    assert f"|{PassageSettings.lexical_only().describe()}|" in report.signature
