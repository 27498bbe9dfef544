from pathlib import Path

import pytest

from dupcheck.backends.registry import BackendConfig
from dupcheck.duplicates.collection import list_sources, load_source
from dupcheck.duplicates.pipeline import side
from dupcheck.duplicates.relate import Thresholds, edge_tightener, passages, relate
from dupcheck.duplicates.spin import load_wordnet
from dupcheck.fidelity.align import AlignSettings, SideFeatures
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


def _features(*sentences: str) -> SideFeatures:
    """A side whose sentences hold the given words, each word its own key."""
    return SideFeatures([[frozenset({w}) for w in s.split()] for s in sentences],
                        [len(s) for s in sentences])


# source: an unrelated sentence, one sharing a word with b's first, then two copied ones
_SOURCE = _features("weather rain forecast", "tax change pay", "highway fund tax pay gas broke",
                    "cars miles gallon")
_TARGET = _features("highway fund tax pay gas broke", "cars miles gallon")


@pytest.mark.parametrize(("bead", "leading", "expected"), [
    (Bead((1, 2), (0,), 0.8), True, Bead((2,), (0,), 0.8)),  # the neighbour taken in leaves
    (Bead((0, 1, 2), (0,), 0.7), True, Bead((2,), (0,), 0.7)),  # one after another
    (Bead((1, 2), (0,), 0.8), False, Bead((1, 2), (0,), 0.8)),  # the far end relates
    (Bead((2,), (0, 1), 0.8), True, Bead((2,), (0, 1), 0.8)),  # 1-2, the outer one relates
    (Bead((2,), (0, 1), 0.8), False, Bead((2,), (0,), 0.8)),  # ... at this end it does not
    (Bead((2, 3), (0, 1), 0.9), True, Bead((2, 3), (0, 1), 0.9)),  # 2-2, both pairs relate
    (Bead((1, 2), (0, 1), 0.7), True, Bead((2,), (1,), 0.7)),  # 2-2, the outer pair does not
    (Bead((2,), (0,), 1.0), True, Bead((2,), (0,), 1.0)),
])
def test_passage_edges_drop_merged_neighbours_that_do_not_relate(bead, leading, expected):
    tighten = edge_tightener(_SOURCE, _TARGET, AlignSettings.for_scan(), 0.5)
    assert tighten(bead, leading) == expected


def test_passages_take_tightened_edges_and_keep_the_run_score():
    beads = [Bead((1, 2), (0,), 0.8), Bead((3,), (1,), 1.0)]
    tighten = edge_tightener(_SOURCE, _TARGET, AlignSettings.for_scan(), 0.5)
    assert passages(beads, max_gap=1, tighten=tighten) == [Passage((2, 3), (0, 1), 0.9)]
    assert passages(beads, max_gap=1) == [Passage((1, 3), (0, 1), 0.9)]


def test_shared_paragraph_starts_where_the_copy_starts():
    # review: a paragraph lifted into another article was reported from two sentences
    # before it, which the aligner had merged into the copy's first bead
    paragraph = [
        "The push comes as the country's Highway Trust Fund, financed with taxes Americans pay at the gas pump, is broke.",
        "Americans don't buy as much gas as they used to.",
        "Cars get many more miles to the gallon.",
        "The federal tax itself, 18.4 cents per gallon, hasn't gone up in 20 years.",
        "Politicians are loath to raise the tax even one penny when gas prices are high.",
    ]
    a = _english_side("a", [
        "California is planning to track the miles driven by every motorist by 2025.",
        "Officials there say the state's roads need new money soon.",
        "Several states have tested the devices with volunteer drivers.",
        "Thousands of motorists have already taken the black boxes for a test drive.",
        "This really is a must for our nation.",
        "There is going to be a change in how we pay these taxes.",
        "The technology is there to do it.",
        *paragraph,
        "His state recently put tracking devices on 500 cars to test out a pay-by-mile system.",
    ])
    b = _english_side("b", [
        "The shadowy National Security Agency said late Friday that a glitch brought down its website.",
        "Online server trackers noted the agency's website had been down for at least six hours.",
        "An agency spokesperson told ABC News the internal network was not compromised.",
        "The issue will be resolved this evening.",
        *paragraph,
        "No classified information is in danger, the spokesperson said.",
        "DDoS attacks are designed to flood a target website with traffic.",
    ])
    found = relate(a, b, Thresholds())
    assert found.relation is Relation.PARTIAL_OVERLAP
    assert [(p.a, p.b) for p in found.passages] == [((7, 11), (4, 8))]


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

    default = Thresholds()
    for field in fields(Thresholds):
        value = getattr(default, field.name)
        changed = AlignSettings(threshold=0.9) if isinstance(value, AlignSettings) else value * 2
        assert replace(default, **{field.name: changed}).describe() != default.describe(), field.name
