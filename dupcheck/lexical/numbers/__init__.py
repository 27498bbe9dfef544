"""Quantities in text, in any language ``dupcheck.languages`` describes, and their comparison.

A quantity is an interval ``[low, high]``: an exact number has ``low == high``; a
vague magnitude ("tens of thousands", "हजारों", "آلاف") is the range it names; a
bound ("more than 30", "30 से अधिक", "أكثر من 30") is ``[30, inf)`` with kind
``bound`` and an upper bound ("fewer than 30") is ``[0, 30]``. A bound matches the same
bound or a bare number equal to its edge, so a translation dropping the qualifier
("more than 30" → "30") still matches (a change of hedging, not of the number), while
"31", "more than 20" or "fewer than 30" do not. Approximators ("about", "लगभग") are
ignored: translators keep the number and vary the hedge.

Vague magnitudes below a million are one order of magnitude wide because English
contrasts them ("thousands" is not "tens of thousands"); "millions"/"billions"
name anything up to the next named scale. Hindi लाखों ("lakhs") spans 10^5 to
10^7 because it is the usual rendering of both "hundreds of thousands" and
"millions". "dozens" is [24, 99] (two dozen up to where "hundreds" starts);
Arabic عشرات ("tens", the usual rendering of "dozens") is [20, 99].

Bare "one"/"एक"/"ایک"/"واحد" is not extracted: in Hindi and Urdu it is also the
indefinite article and in English a pronoun ("one of"), so it would make most
sentence pairs disagree. It still counts inside a compound ("one hundred", "एक
लाख"). Word ordinals (first, दूसरा) are skipped; digit ordinals ("60th",
"60वाँ") are kept with kind ``ordinal``. A hyphen is a minus sign only when it is
not attached to a word ("Chandrayaan-1" is 1, "at -5" is 5 on both sides alike);
"−" always is. Digits right after a Latin letter are an identifier ("A1GP", "KV62").

``extract`` finds the quantities of a text with the number words of its language (every
table is data in ``dupcheck/languages/``); ``compare`` pairs those of a sentence with
those of its translation.
"""

from dupcheck.lexical.numbers.compare import (
    NumberComparison,
    compare_quantities,
    compatible,
    format_number,
    number_signature,
)
from dupcheck.lexical.numbers.extract import INF, Quantity, extract_quantities, says_one

__all__ = [
    "INF", "NumberComparison", "Quantity", "compare_quantities", "compatible",
    "extract_quantities", "format_number", "number_signature", "says_one",
]
