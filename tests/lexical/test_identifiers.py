"""Identifiers with digits ("CD8", "HCoV-NL63"): kept when their digits are, changed when
the translation's differ (TICO-19 sentences with the injected change of real_bench)."""

from __future__ import annotations

import pytest

from dupcheck.lexical.numbers.identifiers import compare_identifiers, identifiers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CD4+ and CD8+ T cells", [("CD4", ("4",)), ("CD8", ("8",))]),
        ("HCoV-NL63, HCoV-229E and H1N1", [("NL63", ("63",)), ("229E", ("229",)), ("H1N1", ("1", "1"))]),
        # a hyphen's number is a quantity's ("SARS-CoV-2", "COVID-19"); a unit is no letter of it
        ("SARS-CoV-2 and COVID-19 within 10km in 2020", []),
        ("5G and ओआरएफ४", [("5G", ("5",))]),
        # Arabic و on a number is "and", not an identifier
        ("بين 3 و4 أيام", []),
    ],
)
def test_which_words_are_identifiers(text, expected):
    assert [(i.text, i.digits) for i in identifiers(text)] == expected


@pytest.mark.parametrize(
    ("source", "target", "changed", "missing"),
    [
        ("CD4+ T cells stimulate B cells, and CD8+ T cells kill infected cells.",
         "CD4+ T कोशिकाएं B कोशिकाओं को उत्तेजित करती हैं और CD1+ T कोशिकाएं संक्रमित कोशिकाओं को मार देती हैं।",
         [("CD8", "CD1")], []),
        ("the disease caused by HCoV-NL63", "HCoV-NL66 द्वारा उत्पन्न रोगों में", [("NL63", "NL66")], []),
        # the same letters pair first, whatever the order
        ("the loss of ORF4 and WIV1", "WIV3 की हानि", [("WIV1", "WIV3")], ["ORF4"]),
        # kept: in Latin, in the translation's script with its digits, or written apart
        ("HCoV-NL63 and ORF4", "HCoV-NL63 और ओआरएफ४", [], []),
        ("the CD8 cells", "CD 8 कोशिकाएं", [], []),
        ("the R0 of SARS-CoV-2", "رقم التكاثر الأساسي لسارس-كوف-2", [], ["R0"]),
    ],
)
def test_identifiers_are_compared_by_their_digits(source, target, changed, missing):
    comparison = compare_identifiers(source, target)
    assert [(s.text, t.text) for s, t in comparison.changed] == changed
    assert [s.text for s in comparison.missing] == missing
