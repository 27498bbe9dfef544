"""Arabic's own number rules (issue 15): the dual, number words with clitics, teens, and
the false alarms they remove on real TICO-19 translations."""

from __future__ import annotations

import pytest

from dupcheck.backends.registry import BackendConfig
from dupcheck.fidelity.pipeline import Checker
from dupcheck.lexical.numbers import compare_quantities, extract_quantities
from dupcheck.records import FindingType
from dupcheck.text.load import document_from_text, normalize_text
from tests.paths import SHARED

TICO = SHARED / "data" / "tico19-test"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بين البلدين", [(2, 2, "dual")]),  # "between the two countries"
        ("اتفق الطرفان", [(2, 2, "dual")]),  # "the two sides agreed"
        ("في مدينتين", [(2, 2, "dual")]),  # مدينة with its ta marbuta written ت
        ("السلطان", []),  # a word of the lexicon that merely ends in ان
        ("الدول الثلاثة", [(3, 3, "number")]),  # the article on a number word
        ("وبخمسة", [(5, 5, "number")]),
        ("أربعة عشر شخصا", [(14, 14, "number")]),  # a unit before عشر is a teen
        ("وثماني عشرة", [(18, 18, "number")]),
        ("ثلاثمائة وخمسة عشر", [(315, 315, "number")]),
        ("خمسة وعشرون", [(25, 25, "number")]),
        ("2.8 مليار دولار", [(2.8e9, 2.8e9, "number")]),
        ("بين عامي 2002 و2004", [(2002, 2004, "range")]),  # و joins a range after بين
        ("123 و 1,500", [(123, 123, "number"), (1500, 1500, "number")]),
        ("عشرات الآلاف", [(1e4, 99999, "magnitude")]),
        # ل "for" and ف "and" attach too; ل + ال is written لل (TICO-19: لآلاف السنين)
        ("لآلاف", [(1000, 9999, "magnitude")]),
        ("للآلاف", [(1000, 9999, "magnitude")]),
        ("لعشرات الآلاف", [(1e4, 99999, "magnitude")]),
        ("لثلاثة أيام", [(3, 3, "number")]),
        ("فثلاثة", [(3, 3, "number")]),
        ("لست متأكدا", []),  # "I am not sure": ل + ست ("six") is no number
        (normalize_text("٣٬٥٠٠ شخص"), [(3500, 3500, "number")]),  # Arabic-Indic digits
    ],
)
def test_arabic_quantities(text, expected):
    found = [(q.low, q.high, q.kind) for q in extract_quantities(text, "ar")]
    assert found == [(float(lo), float(hi), kind) for lo, hi, kind in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$2.8bn", [(2.8e9, "number")]),
        ("BN and bn", []),
        ("Eighteen", [(18.0, "number")]),
        ("1,051,635 cases", [(1051635.0, "number")]),  # Western grouping past the thousands
    ],
)
def test_english_scales_written_onto_digits(text, expected):
    assert [(q.low, q.kind) for q in extract_quantities(text, "en")] == expected


@pytest.mark.parametrize(
    ("english", "arabic", "consistent", "missing"),
    [
        ("between the two countries", "بين البلدين", True, []),
        ("between the three countries", "بين البلدين", True, ["three"]),
        ("the three countries", "الدول الثلاث", True, []),
        ("Eighteen people", "وثماني عشرة شخصا", True, []),
        ("$2.8bn", "2.8 مليار دولار", True, []),
        # TICO-19: "+" between the digits and their scale is "more than"
        ("a $300+ billion impact", "تأثر بأكثر من 300 مليار دولار", True, []),
        ("fourteen people", "خمسة عشر شخصا", False, []),
        # a dual with no two facing it is neither missing nor extra
        ("the countries", "البلدين", True, []),
        ("for thousands of years", "لآلاف السنين", True, []),
        # TICO-19 writes "the sixties of the twentieth century" (its 20 is an extra, minor)
        ("in mid-1960s", "في منتصف ستينيات القرن الماضي", True, []),
        ("in the 1990s", "في التسعينيات", True, []),
        ("in the 1990s", "في الثمانينيات", False, []),
        # a name's number before a scale word is no multiplier
        ("SARS-CoV-2 surpasses one million infections", "تجاوز عدد إصابات فيروس سارس كوف-2 مليون إصابة", True, []),
    ],
)
def test_arabic_comparisons(english, arabic, consistent, missing):
    result = compare_quantities(extract_quantities(english, "en"), extract_quantities(arabic, "ar"))
    assert result.consistent is consistent
    assert [q.text for q in result.missing] == missing
    assert not result.extra


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(BackendConfig(translator="lexical", encoder="none", cache=False))


TALKS = "The talks between the {} countries ended on Monday."
#: "the talks between the two countries ended on Monday": the dual, and يوم الاثنين
#: (Monday), whose الاثنين reads like "the two" but is no number
TALKS_AR = "انتهت المحادثات بين البلدين يوم الاثنين."


@pytest.mark.parametrize(
    ("english", "arabic", "number_codes"),
    [
        (TALKS.format("two"), TALKS_AR, []),
        (TALKS.format("three"), TALKS_AR, ["number.missing"]),
    ],
)
def test_the_dual_in_a_check(checker, english, arabic, number_codes):
    report = checker.check_documents(
        document_from_text(english, lang="en"), document_from_text(arabic, lang="ar")
    )
    assert [f.code for f in report.findings if f.type is FindingType.NUMBER] == number_codes


# Measured on the 2,100 TICO-19 en-ar line pairs (all correct translations): 2,083 with no
# mismatched and no missing number (0.992; measured again on commit e6f8ce6), where the rules before the dual, clitics,
# teens, ranges after بين and Western grouping past the thousands gave 2,010 (0.957). The
# rules were written from these lines' misses, so the figure is not held out; the 17 left
# are mostly real differences ("five trillion" → خمسة, "over a dozen" → عشرة).
TICO_CLEAN_SHARE = 0.985


def test_tico19_arabic_number_false_alarm_rate():
    if not (TICO / "en-ar.tico19-test.ar").exists():
        pytest.skip(f"TICO-19 not found at {TICO}")
    english = (TICO / "en-ar.tico19-test.en").read_text(encoding="utf-8").splitlines()
    arabic = (TICO / "en-ar.tico19-test.ar").read_text(encoding="utf-8").splitlines()
    clean = 0
    for e, a in zip(english, arabic, strict=True):
        result = compare_quantities(
            extract_quantities(normalize_text(e), "en"), extract_quantities(normalize_text(a), "ar")
        )
        clean += result.consistent and not result.missing
    assert len(english) == 2100
    assert clean / len(english) >= TICO_CLEAN_SHARE
