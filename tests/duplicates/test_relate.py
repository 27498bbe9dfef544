from pathlib import Path

import pytest

from dupcheck.backends.registry import BackendConfig
from dupcheck.duplicates.collection import list_sources, load_source
from dupcheck.duplicates.pipeline import side
from dupcheck.duplicates.relate import Thresholds, passages, relate
from dupcheck.duplicates.spin import load_wordnet
from dupcheck.records import Bead, Passage, Relation
from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"
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


def _hindi_side(doc_id: str, sentences: list[str]):
    from dupcheck.duplicates.collection import Source

    loaded = load_source(Source(doc_id, doc_id, "\n".join(sentences), "hi"))
    return side(BackendConfig(translator="lexical", encoder="none"), loaded)


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


def test_fragments_that_match_exactly_are_no_shared_passage():
    # two articles sharing nothing but two short fragments with the same rare words:
    # they align closely, but a lifted passage needs content on both sides
    filler_a = ["मौसम विभाग ने अगले तीन दिनों तक भारी बारिश की चेतावनी जारी की।",
                "किसानों को फसल बचाने के लिए सलाह दी गई है।"]
    filler_b = ["शहर में नई मेट्रो लाइन का उद्घाटन अगले महीने होगा।",
                "रेल मंत्री ने परियोजना की लागत के बारे में जानकारी दी।"]
    # fragments as benchmarks/scan_bench.py's synthetic articles have them, rare words and all
    a = _hindi_side("a", filler_a + ["का ठुगोथाढ़ा खीमदेजो।", "जिसमें फ़िलाटू है।"] + filler_a)
    b = _hindi_side("b", filler_b + ["खीमदेजो हैं।", "फ़िलाटू भी है।"] + filler_b)
    assert relate(a, b, Thresholds()) is None


def _english_side(doc_id: str, lines: list[str]):
    from dupcheck.duplicates.collection import Source

    return side(OFFLINE, load_source(Source(doc_id, doc_id, "\n".join(lines), "en")))


@pytest.mark.parametrize(("shared", "relation"), [
    (4, Relation.PARTIAL_OVERLAP),  # half of each: a shared passage, not a copy
    (5, Relation.NEAR_DUPLICATE),  # most of each
])
def test_copies_share_most_sentences_not_half(shared, relation):
    fixtures = FIXTURES / "flores"
    lines = (fixtures / "dev100.eng_Latn.txt").read_text(encoding="utf-8").splitlines()
    # one-sentence FLORES lines, so that lines count sentences
    single = [line for line in lines if line.count(". ") == 0 and line.endswith(".")]
    common = single[:shared]
    a = _english_side("a", single[20 : 28 - shared] + common)
    b = _english_side("b", single[40 : 48 - shared] + common)
    assert len(a.texts) == len(b.texts) == 8
    found = relate(a, b, Thresholds(), load_wordnet())
    assert found.relation is relation
    # the shared sentences close both documents (a passage may take in a neighbour of
    # the same story)
    assert [(p.a[1], p.b[1]) for p in found.passages] == [(7, 7)]
    assert all(p.a[0] <= 8 - shared and p.b[0] <= 8 - shared for p in found.passages)


def test_every_threshold_shows_in_the_description():
    from dataclasses import fields, replace

    from dupcheck.fidelity.align import AlignSettings

    default = Thresholds()
    for field in fields(Thresholds):
        value = getattr(default, field.name)
        changed = AlignSettings(threshold=0.9) if isinstance(value, AlignSettings) else value * 2
        assert replace(default, **{field.name: changed}).describe() != default.describe(), field.name
