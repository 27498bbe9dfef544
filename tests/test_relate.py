from pathlib import Path

import pytest

from dupcheck.backends import BackendConfig
from dupcheck.collection import list_sources, load_source
from dupcheck.records import Bead, Passage, Relation
from dupcheck.relate import Thresholds, passages, relate
from dupcheck.scan import side
from dupcheck.spin import load_wordnet

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
OFFLINE = BackendConfig(translator="lexical", encoder="none")


@pytest.fixture(scope="module")
def sides():
    sources, _ = list_sources([SEEDS])
    return {Path(s.path).name[:3]: side(OFFLINE, load_source(s)) for s in sources}


@pytest.mark.parametrize(("a", "b", "relation"), [
    ("002", "000", Relation.TRANSLATION),
    ("000", "002", Relation.TRANSLATION),
    ("002", "001", Relation.NEAR_DUPLICATE),
    ("002", "003", Relation.PARTIAL_OVERLAP),
    ("002", "004", None),
    ("000", "004", None),
    ("003", "004", None),
])
def test_seed_pairs_relate(sides, a, b, relation):
    found = relate(sides[a], sides[b], Thresholds(), load_wordnet())
    assert (found.relation if found else None) is relation


def test_spun_copy_reads_original_first_whichever_order(sides):
    found = relate(sides["001"], sides["002"], Thresholds(), load_wordnet())
    assert found.a == sides["002"].id
    assert any(s.before == "model" and s.after == "mannequin" and s.spin for s in found.substitutions)


def test_same_language_words_compare_as_written(sides):
    features = sides["000"].features(sides["004"])
    assert all(len(keys) == 1 for sentence in features.words for keys in sentence)


def _bead(i: int, j: int, score: float = 0.8) -> Bead:
    return Bead((i,), (j,), score)


@pytest.mark.parametrize(("beads", "expected"), [
    ([_bead(0, 0), _bead(1, 1)], [((0, 1), (0, 1))]),
    ([_bead(0, 0), _bead(2, 2)], [((0, 2), (0, 2))]),  # one gap stepped over
    ([_bead(0, 0), _bead(3, 3)], [((0, 0), (0, 0)), ((3, 3), (3, 3))]),
    ([_bead(0, 5), _bead(1, 6), _bead(9, 1)], [((0, 1), (5, 6)), ((9, 9), (1, 1))]),
])
def test_passages_are_runs_of_beads(beads, expected):
    assert [(p.a, p.b) for p in passages(beads, max_gap=1)] == expected
    assert all(isinstance(p, Passage) for p in passages(beads, max_gap=1))
