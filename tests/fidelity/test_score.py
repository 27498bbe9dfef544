"""The pair fidelity score: exact values on fixed word alignments."""

from __future__ import annotations

import numpy as np
import pytest

from dupcheck.fidelity.score import pair_fidelity
from dupcheck.fidelity.wordalign import WordAlignment
from dupcheck.lexical.pivot import Word
from dupcheck.records import Finding, FindingType, Severity


def _words(*texts):
    return tuple(Word(t, 0, len(t), frozenset({t}), True, frozenset({t})) for t in texts)


SOURCE, TARGET = _words("a", "b", "c"), _words("x", "y")


def _aligned(similarity, links=()):
    return WordAlignment(SOURCE, TARGET, tuple(links), np.asarray(similarity, dtype=np.float32))


def _major(confidence):
    return Finding(FindingType.NUMBER, Severity.MAJOR, "number.changed", (0,), (0,), "a", "x", "m",
                   confidence=confidence)


@pytest.mark.parametrize(
    ("similarity", "links", "findings", "expected"),
    [
        # every word at or above 0.6 across: full credit
        ([[0.9, 0.1], [0.7, 0.6], [0.1, 0.8]], (), (), 1.0),
        # source word c at 0.3 (credit 0.5) and target y at 0.3 too: the mean falls
        # (0.7 * 5/6 + 0.3 * 3/4 = 0.8083) and the least credited word weighs 0.2
        ([[0.9, 0.1], [0.6, 0.1], [0.1, 0.3]], (), (), round(0.8 * 0.80833333 + 0.2 * 0.5, 4)),
        # a lexical link gives full credit whatever the vectors say
        ([[0.9, 0.1], [0.6, 0.1], [0.1, 0.3]], ((2, 1),), (), 1.0),
        # a major finding inside the pair takes off half its confidence
        ([[0.9, 0.1], [0.7, 0.6], [0.1, 0.8]], (), (_major(0.8),), 0.6),
    ],
)
def test_pair_fidelity_credits_each_word_by_its_best_counterpart(similarity, links, findings, expected):
    assert pair_fidelity(_aligned(similarity, links), chrf=0.0, findings=findings) == pytest.approx(expected, abs=1e-4)


def test_without_word_states_the_pair_score_is_lexical_coverage_and_pivot_chrf():
    words = WordAlignment(SOURCE, TARGET, ((0, 0), (1, 1)))
    # source 2/3 linked, target 2/2: 0.8 * (0.7 * 2/3 + 0.3) + 0.2 * 0.5
    assert pair_fidelity(words, chrf=50.0) == pytest.approx(0.8 * (0.7 * 2 / 3 + 0.3) + 0.1, abs=1e-4)
