"""Weekdays and months: read in each language's spellings, an ambiguous one only with its
cue, and compared as a translation keeps them (WMT14 hi 1239 and Tatoeba ar 6097 are the
two real changes these rules find in all the shared sets' lines)."""

from __future__ import annotations

import pytest

from dupcheck.lexical.numbers.calendar import calendar_names, compare_calendar, english_name


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Their leaders met on Saturday, and again on Sundays.", "en", [("Saturday", 5), ("Sundays", 6)]),
        # "May" is a month beside a digit or after a cue word, not a verb or a name
        ("May God help us. Theresa May said in May that May 5 and 5 May", "en",
         [("May", 4), ("May", 4), ("May", 4)]),
        ("on Feb. 5, as in Jan. and not Jan Egeland", "en", [("Feb.", 1), ("Jan.", 0)]),
        ("the marcher marched in March", "en", [("March", 2)]),
        # spellings with and without the nukta
        ("नेताओं ने शनिवार को 5 फरवरी और फ़रवरी में", "hi", [("शनिवार", 5), ("फरवरी", 1), ("फ़रवरी", 1)]),
        ("गुरुवार और बृहस्पतिवार", "hi", [("गुरुवार", 3), ("बृहस्पतिवार", 3)]),
        # الاثنين is Monday after يوم, "the two" alone; مارس a month after في, a verb else
        ("التقى الوزير بالوفد يوم الاثنين والخميس. الاثنين معا.", "ar", [("الاثنين", 0), ("الخميس", 3)]),
        ("في مارس مارس الرياضة", "ar", [("مارس", 2)]),
        ("في كانون الثاني وتشرين الأول", "ar", [("كانون الثاني", 0), ("تشرين الأول", 9)]),
        # a language whose file names no days is not read
        ("پیر کو", "ur", []),
    ],
)
def test_which_words_name_a_day_or_a_month(text, lang, expected):
    found = calendar_names(text, lang)
    assert [(n.text, n.index) for n in found] == expected
    assert all(text[n.start:n.end] == n.text for n in found)


@pytest.mark.parametrize(
    ("source", "target", "lang", "changed", "missing", "added"),
    [
        ("They met on Monday.", "वे सोमवार को मिले।", "hi", [], [], []),
        ("They met on Monday.", "वे मंगलवार को मिले।", "hi", [("Monday", "Tuesday")], [], []),
        ("They met on Monday.", "वे मिले।", "hi", [], ["Monday"], []),
        ("They met.", "वे गुरुवार को मिले।", "hi", [], [], ["Thursday"]),
        # a day and a month do not pair as a change
        ("They met on Monday.", "वे मई में मिले।", "hi", [], ["Monday"], ["May"]),
        ("between Monday and Friday", "بين يوم الاثنين ويوم الجمعة", "ar", [], [], []),
        ("a bicycling accident Sunday in France", "أثناء ركوب الدراجة يوم الجمعة في فرنسا", "ar",
         [("Sunday", "Friday")], [], []),
    ],
)
def test_how_a_translation_keeps_its_days_and_months(source, target, lang, changed, missing, added):
    result = compare_calendar(calendar_names(source, "en"), calendar_names(target, lang))
    assert [(s.text, english_name(t)) for s, t in result.changed] == changed
    assert [s.text for s in result.missing] == missing
    assert [english_name(t) for t in result.added] == added
