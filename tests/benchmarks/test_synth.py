"""The synthetic FLORES pairs of ``benchmarks/`` and the metrics that score a checker on them."""

from __future__ import annotations

import pytest
import regex

from benchmarks.check_bench import (
    Tally,
    alignment_tally,
    bead_omission_tally,
    detected,
    diagonal_checker,
    finding_omission_tally,
    flagged_pairs,
    points_at,
)
from benchmarks.synth import (
    ADDITION,
    DROPPED_CLAUSE,
    INJECTED_TYPES,
    NUMBER,
    OMISSION,
    REPLACED_SENTENCE,
    REPLACED_WORD,
    Corpus,
    SyntheticPair,
    alignment_pairs,
    clean_pairs,
    error_pairs,
    read_flores,
    speed_pair,
)
from dupcheck.records import Bead, Finding, FindingType, Sentence, Severity
from tests.paths import SHARED

FLORES = SHARED / "data" / "flores200-dev"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    if not (FLORES / "hin_Deva.dev").exists():
        pytest.skip(f"FLORES-200 dev not found at {FLORES}")
    return read_flores(FLORES)


@pytest.fixture(scope="module")
def built(corpus: Corpus) -> dict[str, tuple[SyntheticPair, ...]]:
    return {
        "alignment": alignment_pairs(corpus, 12, seed=3),
        "error": error_pairs(corpus, 8, seed=3),
        "clean": clean_pairs(corpus, 8, seed=3),
        "speed": (speed_pair(corpus, seed=3),),
    }


def _all(built: dict[str, tuple[SyntheticPair, ...]]) -> list[SyntheticPair]:
    return [pair for pairs in built.values() for pair in pairs]


def _squash(text: str) -> str:
    """Text without spaces and sentence punctuation (a split turns a comma into a danda)."""

    return regex.sub(r"[\s,।]", "", text)


# --- builders --------------------------------------------------------------------------


def test_builders_are_deterministic(corpus: Corpus, built: dict) -> None:
    again = {
        "alignment": alignment_pairs(corpus, 12, seed=3),
        "error": error_pairs(corpus, 8, seed=3),
        "clean": clean_pairs(corpus, 8, seed=3),
        "speed": (speed_pair(corpus, seed=3),),
    }
    assert again == built
    assert alignment_pairs(corpus, 12, seed=4) != built["alignment"]
    assert error_pairs(corpus, 8, seed=4) != built["error"]


def test_gold_beads_cover_every_sentence_once_in_order(built: dict) -> None:
    for pair in _all(built):
        sources = [i for s, _ in pair.beads for i in s]
        targets = [j for _, t in pair.beads for j in t]
        assert sources == list(range(len(pair.source))), pair.name
        assert targets == list(range(len(pair.target))), pair.name


def test_alignment_pairs_hold_every_bead_shape(built: dict) -> None:
    shapes = {f"{len(s)}-{len(t)}" for pair in built["alignment"] for s, t in pair.beads}
    assert {"1-1", "2-1", "1-2", "1-0", "0-1"} <= shapes
    for pair in built["alignment"]:
        assert 20 <= len(pair.source) <= 60
        deleted = {s[0] for s, t in pair.beads if not t}
        inserted = {t[0] for s, t in pair.beads if not s}
        assert {e[1] for e in pair.errors if e[0] == OMISSION} == deleted
        assert {e[2] for e in pair.errors if e[0] == ADDITION} == inserted


def test_aligned_beads_keep_the_flores_translation(corpus: Corpus, built: dict) -> None:
    # every bead that is not the injected error carries the Hindi lines of its source lines
    for pair in (*built["alignment"], *built["clean"], *built["error"]):
        injured = {e[1] for e in pair.errors}
        for source, target in pair.beads:
            if not source or not target or injured & set(source):
                continue
            lines = [corpus.english.index(pair.source[i]) for i in source]
            expected = "".join(corpus.target[line] for line in lines)
            assert _squash("".join(pair.target[j] for j in target)) == _squash(expected), pair.name


def test_each_error_pair_has_one_error_of_its_type(built: dict) -> None:
    counts = {error_type: 0 for error_type in INJECTED_TYPES}
    for pair in built["error"]:
        assert len(pair.errors) == 1 and len(pair.notes) == 1
        error_type, source, target = pair.errors[0]
        assert error_type == pair.kind
        assert source == target  # error pairs are otherwise 1-1 throughout
        counts[error_type] += 1
    assert counts == {error_type: 8 for error_type in INJECTED_TYPES}
    assert all(not pair.errors for pair in built["clean"])


def _original(corpus: Corpus, pair: SyntheticPair, index: int) -> str:
    return corpus.target[corpus.english.index(pair.source[index])]


def test_injected_errors_change_the_text(corpus: Corpus, built: dict) -> None:
    for pair in built["error"]:
        error_type, index, _ = pair.errors[0]
        before, after = _original(corpus, pair, index), pair.target[index]
        assert before != after, pair.name
        (inserted,) = pair.inserted
        assert bool(inserted) == (error_type in (NUMBER, REPLACED_WORD))
        assert inserted in after
        if error_type == NUMBER:
            old, new = regex.findall(r"\d+", before), regex.findall(r"\d+", after)
            assert len(old) == len(new)
            assert sum(a != b for a, b in zip(old, new)) == 1, pair.name
            assert all(len(a) == len(b) for a, b in zip(old, new))
        elif error_type == DROPPED_CLAUSE:
            dropped = len(before.split()) - len(after.split())
            assert 4 <= dropped <= len(after.split()), pair.name
        elif error_type == REPLACED_SENTENCE:
            assert after in corpus.target
            assert after not in pair.target[:index] + pair.target[index + 1 :]
        elif error_type == REPLACED_WORD:
            old_words, new_words = before.split(), after.split()
            assert len(old_words) == len(new_words)
            assert sum(a != b for a, b in zip(old_words, new_words)) == 1, pair.name


def test_speed_pair_is_the_whole_dev_set(corpus: Corpus, built: dict) -> None:
    (pair,) = built["speed"]
    assert pair.source == corpus.english
    assert len(pair.target) == len(corpus.target) - 20  # ten merges, ten deletions


# --- metrics ---------------------------------------------------------------------------

GOLD = (((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2,)))


def _beads(*pairs: tuple[tuple[int, ...], tuple[int, ...]]) -> tuple[Bead, ...]:
    return tuple(Bead(s, t, 1.0) for s, t in pairs)


@pytest.mark.parametrize(
    ("predicted", "kind", "expected"),
    [
        (GOLD, None, Tally(4, 0, 0)),
        # two beads swap targets: 2 right, 2 wrong, 2 gold beads missed → F1 = 0.5
        ((((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((4,), ())), None, Tally(2, 2, 2)),
        # the merge predicted as 1-1 + 1-0: strict matching gives it no credit
        ((((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,))), None, Tally(3, 2, 1)),
        # 1-1 only: (1,)-(1,) is a wrong 1-1 bead; the 2-1 gold bead is not counted
        ((((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,))), "1-1", Tally(2, 1, 0)),
        ((), None, Tally(0, 0, 4)),
    ],
)
def test_alignment_tally(predicted, kind, expected) -> None:
    assert alignment_tally(_beads(*predicted), GOLD, kind) == expected


@pytest.mark.parametrize(
    ("tally", "precision", "recall", "f1"),
    [
        (Tally(4, 0, 0), 1.0, 1.0, 1.0),
        (Tally(3, 1, 1), 0.75, 0.75, 0.75),
        (Tally(2, 2, 2), 0.5, 0.5, 0.5),
        (Tally(3, 2, 1), 0.6, 0.75, 6 / 9),
        (Tally(0, 0, 4), 1.0, 0.0, 0.0),
        (Tally(), 1.0, 1.0, 1.0),
    ],
)
def test_tally_scores(tally: Tally, precision: float, recall: float, f1: float) -> None:
    assert tally.precision == pytest.approx(precision)
    assert tally.recall == pytest.approx(recall)
    assert tally.f1 == pytest.approx(f1)


def test_tallies_add_up() -> None:
    assert Tally(1, 2, 3) + Tally(4, 5, 6) == Tally(5, 7, 9)


def _finding(
    kind: FindingType,
    source: tuple[int, ...],
    target: tuple[int, ...],
    severity: Severity = Severity.MAJOR,
) -> Finding:
    return Finding(kind, severity, f"{kind.value}.test", source, target, "", "", "")


def test_omission_tallies() -> None:
    errors = ((OMISSION, 3, None), (OMISSION, 6, None), (ADDITION, None, 2))
    beads = _beads(((3,), ()), ((5,), ()))
    assert bead_omission_tally(beads, errors) == Tally(1, 1, 1)
    findings = (
        _finding(FindingType.OMISSION, (3,), ()),
        _finding(FindingType.OMISSION, (6,), ()),
        _finding(FindingType.OMISSION, (7,), (7,)),  # clause level: not a sentence omission
    )
    assert finding_omission_tally(findings, errors) == Tally(2, 0, 0)


O, A, N, M = (
    FindingType.OMISSION,
    FindingType.ADDITION,
    FindingType.NUMBER,
    FindingType.MISTRANSLATION,
)


@pytest.mark.parametrize(
    ("error_type", "findings", "expected"),
    [
        (NUMBER, [(N, (2,), (2,))], True),
        (NUMBER, [(N, (1,), (1,))], False),  # right type, wrong sentence
        (NUMBER, [(M, (2,), (2,))], False),  # wrong type
        (DROPPED_CLAUSE, [(O, (2,), (2,))], True),
        (DROPPED_CLAUSE, [(O, (2,), ())], False),  # the whole sentence called missing
        (REPLACED_SENTENCE, [(O, (2,), ()), (A, (), (2,))], True),
        (REPLACED_SENTENCE, [(O, (2,), ())], False),
        (REPLACED_SENTENCE, [(M, (2,), (2,))], True),
        (REPLACED_WORD, [(M, (2,), (2,))], True),
        (REPLACED_WORD, [(N, (2,), (2,)), (M, (3,), (3,))], False),
        (REPLACED_WORD, [], False),
    ],
)
def test_detected(error_type: str, findings, expected: bool) -> None:
    made = tuple(_finding(kind, s, t) for kind, s, t in findings)
    assert detected(made, (error_type, 2, 2)) is expected


SENTENCES = (Sentence(0, "पहला वाक्य।", 0, 11), Sentence(1, "कुल 50 लोग आए, 50 नहीं।", 12, 35))
NEW_NUMBER = SENTENCES[1].start + SENTENCES[1].text.index("50")


@pytest.mark.parametrize(
    ("kind", "span", "expected"),
    [
        (N, (NEW_NUMBER, NEW_NUMBER + 2), True),
        (N, (NEW_NUMBER + 1, NEW_NUMBER + 5), True),  # overlapping is enough
        (N, (SENTENCES[1].start, NEW_NUMBER), False),  # ends just before the number
        (N, None, False),  # a finding with no span does not point
        (M, (NEW_NUMBER, NEW_NUMBER + 2), False),  # wrong type
    ],
)
def test_points_at(kind: FindingType, span: tuple[int, int] | None, expected: bool) -> None:
    finding = Finding(kind, Severity.MAJOR, "x", (1,), (1,), "", "", "", target_span=span)
    assert points_at((finding,), (NUMBER, 1, 1), "50", SENTENCES) is expected
    assert not points_at((finding,), (DROPPED_CLAUSE, 1, 1), "", SENTENCES)


def test_flagged_pairs_counts_serious_findings_on_untouched_beads() -> None:
    pair = SyntheticPair(
        "tiny",
        "number",
        ("a", "b", "c"),
        ("x", "y", "z"),
        (((0,), (0,)), ((1,), (1,)), ((2,), (2,))),
        ((NUMBER, 2, 2),),
        ("",),
    )
    findings = (
        _finding(FindingType.ENTITY, (0,), (0,)),
        _finding(FindingType.MISTRANSLATION, (1,), (1,), Severity.MINOR),
        _finding(FindingType.NUMBER, (2,), (2,), Severity.CRITICAL),  # the injected error
    )
    assert flagged_pairs(findings, pair) == (1, 2)
    assert flagged_pairs(findings, pair, Severity.MINOR) == (2, 2)


def test_diagonal_baseline_is_perfect_on_clean_pairs_only(built: dict) -> None:
    for pair in built["clean"]:
        assert alignment_tally(diagonal_checker(pair).alignment, pair.beads).f1 == 1.0
    shifted = [alignment_tally(diagonal_checker(p).alignment, p.beads) for p in built["alignment"]]
    assert sum(shifted, Tally()).f1 < 0.6
