"""The pivot's per-word memoisation on real text: seeds and FLORES-200 dev fixture lines.

Each word's keys are worked out once and reused at every occurrence; these tests check
that a cached answer is the one computed fresh, that the placed words match a side built
with every cache emptied first, and that every per-word cache is bounded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dupcheck.backends.translate.lexical import LexicalTranslator
from dupcheck.lexical import lexicon, pivot
from dupcheck.lexical.lexicon import WORD_CACHE_SIZE, english_gloss, load_lexicon, tokens
from dupcheck.text.load import document_from_text
from dupcheck.text.segment import segment
from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"
FLORES = FIXTURES / "flores"

#: (fixture, language, translated through the lexicon or read as the pivot language)
TEXTS = [
    (SEEDS / "002_ad68b3a4021bdc8c.txt", "en", False),
    (SEEDS / "001_0b4fe45e40df300f.txt", "en", False),
    (SEEDS / "000_7c1714d105d40b16.txt", "hi", True),
    (SEEDS / "004_56567a739bc1bc09.txt", "hi", True),
    (SEEDS / "003_1fc78112d3480c43.txt", "ar", True),
    (FLORES / "dev100.eng_Latn.txt", "en", False),
    (FLORES / "dev100.hin_Deva.txt", "hi", True),
    # Urdu has no lexicon: a scan reads it as the pivot language does
    (FLORES / "dev100.urd_Arab.txt", "ur", False),
]
#: the caches of ``dupcheck.lexical.lexicon`` and ``dupcheck.lexical.pivot`` that grow with the vocabulary
WORD_CACHES = [
    lexicon.english_lemma,
    lexicon._lemma,
    lexicon.english_gloss,
    pivot._english_word,
    pivot._foreign_word,
    pivot._pivot_term,
]


def _clear_word_caches() -> None:
    for cache in WORD_CACHES:
        cache.cache_clear()
    for lang in lexicon.LANGS:
        load_lexicon(lang).lookup.cache_clear()


def _side(path: Path, lang: str, translated: bool) -> pivot.PivotSide:
    document = segment(document_from_text(path.read_text(encoding="utf-8"), lang=lang))
    if translated:
        return pivot.pivot_target(document, LexicalTranslator())
    return pivot.pivot_source(document, load_lexicon("hi"))


@pytest.mark.parametrize(("path", "lang", "translated"), TEXTS, ids=lambda v: getattr(v, "name", v))
def test_memoised_words_are_the_fresh_ones(path: Path, lang: str, translated: bool) -> None:
    side = _side(path, lang, translated)  # fills the caches
    words = sorted({m.group() for m in tokens(path.read_text(encoding="utf-8"))})
    renderable = load_lexicon("hi")
    for word in words:
        assert english_gloss(word) == english_gloss.__wrapped__(word), word
        assert pivot._english_word(word, renderable) == pivot._english_word.__wrapped__(
            word, renderable
        ), word
        if translated:
            foreign = load_lexicon(lang)
            assert foreign.lookup(word) == foreign._lookup(word), word
            assert pivot._foreign_word(word, foreign) == pivot._foreign_word.__wrapped__(
                word, foreign
            ), word
    assert any(w.name for sentence in side.words for w in sentence), "no name found: weak fixture"


@pytest.mark.parametrize(("path", "lang", "translated"), TEXTS, ids=lambda v: getattr(v, "name", v))
def test_side_is_the_same_with_cold_and_warm_caches(
    path: Path, lang: str, translated: bool
) -> None:
    _clear_word_caches()
    cold = _side(path, lang, translated)
    warm = _side(path, lang, translated)
    assert warm == cold
    # offsets are placed per occurrence: each word still points at its own text
    for text, sentence in zip(
        segment(document_from_text(path.read_text(encoding="utf-8"), lang=lang)).sentences,
        warm.words,
        strict=True,
    ):
        assert all(text.text[w.start : w.end] == w.text for w in sentence)


def test_word_caches_are_bounded() -> None:
    for cache in WORD_CACHES:
        assert cache.cache_info().maxsize == WORD_CACHE_SIZE, cache
    for lang in lexicon.LANGS:
        assert load_lexicon(lang).lookup.cache_info().maxsize == WORD_CACHE_SIZE
    # a scan's long tail of names and rare words overflows the bound, which then holds
    english_gloss.cache_clear()
    for k in range(WORD_CACHE_SIZE + 100):
        english_gloss(f"Zq{k}")
    info = english_gloss.cache_info()
    assert info.currsize == WORD_CACHE_SIZE
    assert english_gloss("Zq5").text == "Zq5"  # evicted words are recomputed


@pytest.mark.parametrize(("path", "lang", "translated"), TEXTS, ids=lambda v: getattr(v, "name", v))
def test_terms_read_without_words_are_those_of_the_full_pivot(
    path: Path, lang: str, translated: bool
) -> None:
    # a scan reads every document through ``pivot_terms`` and verifies candidates on
    # full sides: both must see the same term sets
    document = segment(document_from_text(path.read_text(encoding="utf-8"), lang=lang))
    if translated:
        full = pivot.pivot_target(document, LexicalTranslator())
        fast = pivot.pivot_terms(document, LexicalTranslator())
    else:
        full = pivot.pivot_source(document)
        fast = pivot.pivot_terms(document, None)
    expected = tuple(
        pivot.sentence_terms(text, words) for text, words in zip(full.texts, full.words)
    )
    assert fast == expected
    assert any(term.startswith("~") for sentence in fast for term in sentence), "no name key"


def test_sentence_terms_meet_across_languages() -> None:
    english = segment(document_from_text(
        "Moreover, Tokayev met Putin in Moscow on 12 March. "
        "Putin said the militaries would hold joint drills.", lang="en"))
    hindi = segment(document_from_text("पुतिन ने कहा कि सेनाएं संयुक्त अभ्यास करेंगी।", lang="hi"))
    first, second = map(set, pivot.pivot_terms(english, None))
    # stopwords dropped, lemmas stemmed, numbers whole; a sentence-initial capital is a
    # name only when the text capitalises it mid-sentence too
    assert {"meet", "12", "tokay", "~tkv", "putin", "~ptn", "mosco", "~mskv"} <= first
    assert not {"in", "on", "~mrvr"} & first
    # in reading order, names after the words, each once
    assert pivot.pivot_terms(english, None)[1][:4] == ("putin", "say", "milit", "hold")
    (translated,) = map(set, pivot.pivot_terms(hindi, LexicalTranslator()))
    assert {"putin", "~ptn", "say", "milit"} <= second & translated


def test_english_loans_the_lexicon_lacks_meet_their_source_as_terms_only() -> None:
    """FLORES dev line 1: मेडिसिन, डायग्नोस्टिक, स्टैण्डर्ड are English loans FreeDict lacks. The
    pivot text keeps them romanised (a sound-alike is often wrong: पुतिन sounds like
    "patina"), but the candidate terms also hold the English word each sounds like."""
    english = (FLORES / "dev100.eng_Latn.txt").read_text(encoding="utf-8").splitlines()[0]
    hindi = (FLORES / "dev100.hin_Deva.txt").read_text(encoding="utf-8").splitlines()[0]
    translator = LexicalTranslator()
    (source,) = map(set, pivot.pivot_terms(segment(document_from_text(english, lang="en")), None))
    (target,) = map(set, pivot.pivot_terms(segment(document_from_text(hindi, lang="hi")), translator))
    loans = {"medic", "diagn", "stand"}
    assert loans <= source & target
    pivot_text = translator.translate([hindi], "hi", "en")[0]
    assert not loans & {pivot.stem(w) for w in pivot_text.split()}
    assert "patina" not in translator.translate(["पुतिन ने कहा"], "hi", "en")[0]


@pytest.mark.parametrize(("lang", "block"), [("hi", (0x0900, 0x0980)), ("ar", (0x0600, 0x0700)),
                                             ("en", (0x0020, 0x0250))])
def test_any_text_of_the_script_pivots_without_error(lang: str, block: tuple[int, int]) -> None:
    """Random words of the script's code points (marks and signs in any order), as a
    scan meets in the wild: pivoting them to terms and to words never raises, and every
    sentence keeps its place."""
    import random

    rng = random.Random(lang)
    letters = [chr(c) for c in range(*block)]
    text = "\n".join(
        " ".join("".join(rng.choices(letters, k=rng.randint(1, 8))) for _ in range(12)) + "."
        for _ in range(40)
    )
    doc = segment(document_from_text(text, lang=lang))
    translator = None if lang == "en" else LexicalTranslator()
    terms = pivot.pivot_terms(doc, translator)
    side = pivot.pivot_source(doc) if translator is None else pivot.pivot_target(doc, translator)
    assert len(terms) == len(side.words) == len(doc.sentences) > 0
