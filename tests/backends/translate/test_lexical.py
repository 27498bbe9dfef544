"""The lexical pivot translator on seed and FLORES sentences."""

from __future__ import annotations

import re

import pytest

from dupcheck.backends.registry import BackendConfig, load_translator
from dupcheck.backends.translate.lexical import LexicalTranslator
from dupcheck.errors import BackendError
from tests.paths import SHARED

FLORES = SHARED / "data" / "flores200-dev"

SINOPHARM_HI = (
    "मिस्र चीनी निर्मित सिनोफार्म कोरोनावायरस टीकों के कई मुफ्त शिपमेंट का प्राप्तकर्ता था और "
    "चीन का कहना है कि उसने देश में अफ्रीका के पहले वैक्सीन उत्पादन को स्थापित करने में मदद की।"
)
PUTIN_AR = (
    "وبحسب وكالة رويترز ، أصدر الرئيس الروسي فلاديمير بوتين والرئيس الصيني شي جين بينغ بيانًا مشتركًا"
)


def test_registry_default_is_lexical() -> None:
    assert isinstance(load_translator(BackendConfig()), LexicalTranslator)


def test_signature_names_the_dictionary_versions() -> None:
    signature = LexicalTranslator().signature()
    assert re.fullmatch(
        r"lexical:freedict-ara-eng-[\d.]+-\d\+eng-ara-[\d.]+-\d\+eng-hin-[\d.]+-\d", signature
    )


@pytest.mark.parametrize(
    ("src", "tgt", "covered"),
    [("hi", "en", True), ("ar", "en", True), ("en", "hi", True), ("en", "ar", True),
     ("hi", "ar", False), ("ur", "en", False), ("en", "en", False)],
)  # fmt: skip
def test_covers(src: str, tgt: str, covered: bool) -> None:
    assert LexicalTranslator().covers(src, tgt) is covered


def test_hindi_gloss_keeps_names_numbers_and_meanings() -> None:
    (out,) = LexicalTranslator().translate([SINOPHARM_HI], "hi", "en")
    words = out.split()
    for expected in ("egypt", "chinese", "sinofarm", "vaccine", "china", "africa", "free"):
        assert expected in words, expected
    assert "के" not in out and "का" not in out  # no Devanagari left


def test_arabic_gloss() -> None:
    (out,) = LexicalTranslator().translate([PUTIN_AR], "ar", "en")
    words = out.split()
    for expected in ("agency", "russian", "vladimir", "butin", "chinese", "common"):
        assert expected in words, expected


def test_digits_survive() -> None:
    (out,) = LexicalTranslator().translate(["15 वर्षों में 2008 के बाद"], "hi", "en")
    assert "15" in out.split() and "2008" in out.split()


def test_english_to_hindi_renders_word_by_word() -> None:
    (out,) = LexicalTranslator().translate(["China and Egypt share a friendship."], "en", "hi")
    assert out.split() == ["चीन", "मिस्र", "साझा", "मैत्री"]


def test_uncovered_pair_is_a_backend_error() -> None:
    with pytest.raises(BackendError):
        LexicalTranslator().translate(["text"], "hi", "ar")


def test_flores_hindi_lines_translate_in_order() -> None:
    if not FLORES.is_dir():
        pytest.skip(f"FLORES-200 dev not found at {FLORES}")
    hindi = (FLORES / "hin_Deva.dev").read_text(encoding="utf-8").splitlines()[:50]
    out = LexicalTranslator().translate(hindi + hindi[:5], "hi", "en")
    assert len(out) == 55 and out[50:] == out[:5]
    assert all(out) and not any(re.search(r"[\u0900-\u097f]", line) for line in out)
