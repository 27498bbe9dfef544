"""Adding a language is adding its file: a toy language from ``fixtures/languages/tq.toml``
segments and compares numbers with no change to any algorithm."""

from __future__ import annotations

import pytest

from dupcheck.languages import language, load_language, register_language, unregister_language
from dupcheck.lexical.numbers import compare_quantities, extract_quantities
from dupcheck.records import Document
from dupcheck.text.segment import segment
from tests.paths import FIXTURES

TOY = FIXTURES / "languages" / "tq.toml"
TEXT = "Sro. Petro venis‽ Li havas tri cent du librojn. Pli ol du mil homoj legis ilin‽"


@pytest.fixture
def toy():
    lang = load_language(TOY)
    register_language(lang)
    yield lang
    unregister_language(lang.code)


def _sentences(text: str, lang: str) -> list[str]:
    return [s.text for s in segment(Document(path="", text=text, lang=lang)).sentences]


def test_the_file_reads_into_a_language():
    lang = load_language(TOY)
    assert (lang.code, lang.name, lang.script.name) == ("tq", "Toy", "Latin")
    assert dict(lang.numbers.words) == {"unu": 1.0, "du": 2.0, "tri": 3.0, "dek": 10.0}
    assert lang.sentences.final_marks == "‽"


def test_unregistered_the_toy_marks_mean_nothing():
    assert language("tq") is None
    # a code no file describes reads with every known language: "‽" ends nothing there
    assert _sentences(TEXT, "tq") == [
        "Sro.",
        "Petro venis‽ Li havas tri cent du librojn.",
        "Pli ol du mil homoj legis ilin‽",
    ]
    assert extract_quantities("tri cent du", "tq") == ()


def test_registered_its_sentence_rules_apply(toy):
    assert _sentences(TEXT, "tq") == [
        "Sro. Petro venis‽",  # "sro" is an abbreviation, "‽" a final mark
        "Li havas tri cent du librojn.",
        "Pli ol du mil homoj legis ilin‽",
    ]
    # English text keeps its own rules: the toy's mark is not English's
    assert _sentences("He came‽ She left.", "en") == ["He came‽ She left."]


@pytest.mark.parametrize(
    ("text", "low", "high", "kind"),
    [
        ("li havas tri cent du librojn", 302, 302, "number"),
        ("pli ol du mil homoj", 2000, float("inf"), "bound"),
        ("dek procento", 10, 10, "percent"),
        ("miloj da homoj", 1000, 9999, "magnitude"),
        ("42 homoj", 42, 42, "number"),
    ],
)
def test_registered_its_numbers_are_read(toy, text, low, high, kind):
    (quantity,) = extract_quantities(text, "tq")
    assert (quantity.low, quantity.high, quantity.kind) == (low, high, kind)


@pytest.mark.parametrize(
    ("english", "toy_text", "consistent"),
    [
        ("more than two thousand people read them", "pli ol du mil homoj legis ilin", True),
        ("302 books", "tri cent du librojn", True),
        ("three hundred and two books", "tri cent du librojn", True),
        ("thousands of people", "miloj da homoj", True),
        ("three hundred books", "tri cent du librojn", False),
    ],
)
def test_registered_its_numbers_compare_with_english(toy, english, toy_text, consistent):
    comparison = compare_quantities(
        extract_quantities(english, "en"), extract_quantities(toy_text, "tq")
    )
    assert comparison.consistent is consistent
    assert not comparison.missing and not comparison.extra
