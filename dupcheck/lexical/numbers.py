"""Quantities in English, Hindi, Arabic and Urdu text, and their comparison.

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
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

INF = math.inf


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number or magnitude found in a text; ``start``/``end`` index that text."""

    low: float
    high: float
    text: str
    start: int
    end: int
    #: number, year, percent, ordinal, time, range, magnitude, bound or both
    kind: str

    @property
    def exact(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True, slots=True)
class NumberComparison:
    """How the quantities of a source sentence fare in its translation.

    ``matched`` also holds repetitions: a year stated twice on one side pairs both
    mentions with the one on the other side.
    """

    matched: tuple[tuple[Quantity, Quantity], ...]
    missing: tuple[Quantity, ...]
    extra: tuple[Quantity, ...]
    #: (source, target) pairs where the source quantity's best counterpart differs
    mismatched: tuple[tuple[Quantity, Quantity], ...]

    @property
    def consistent(self) -> bool:
        return not self.mismatched


# fmt: off
# --- lexicons ---------------------------------------------------------------------
# word → value; values below 100 add, 100 and "dozen" multiply the running group,
# 1000 and above close a group (see _evaluate).

_EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "both": 2,
}
_EN_SCALES = {
    "hundred": 100, "dozen": 12, "thousand": 1e3, "million": 1e6, "billion": 1e9,
    "trillion": 1e12, "lakh": 1e5, "crore": 1e7,
}
# "़" marks a nukta that writers may omit or precompose (see _devanagari).
_HI_WORDS = {
    "एक": 1, "दो": 2, "तीन": 3, "चार": 4, "पांच": 5, "पाँच": 5, "छह": 6, "छः": 6,
    "सात": 7, "आठ": 8, "नौ": 9, "दस": 10, "ग्यारह": 11, "बारह": 12, "तेरह": 13,
    "चौदह": 14, "पंद्रह": 15, "पन्द्रह": 15, "सोलह": 16, "सत्रह": 17, "अठारह": 18,
    "उन्नीस": 19, "बीस": 20, "पच्चीस": 25, "तीस": 30, "चालीस": 40, "पचास": 50,
    "साठ": 60, "सत्तर": 70, "अस्सी": 80, "नब्बे": 90, "डेढ़": 1.5, "ढाई": 2.5, "दोनों": 2,
}
_HI_SCALES = {
    "सौ": 100, "दर्जन": 12, "हज़ार": 1e3, "लाख": 1e5, "करोड़": 1e7, "मिलियन": 1e6,
    "बिलियन": 1e9, "ट्रिलियन": 1e12,
}
# Scale words that are also ordinary words ("अरब" = Arab) count only after a number.
_HI_SCALES_AFTER_NUMBER = {"अरब": 1e9}
_AR_UNITS = {
    "واحد": 1, "واحده": 1, "احد": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "اثنا": 2, "اثني": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5,
    "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8,
    "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}
_AR_WORDS = {
    **_AR_UNITS,
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
    "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200, "مئتا": 200, "مائتا": 200,
    "الفان": 2000, "الفين": 2000, "مليونان": 2e6, "مليونين": 2e6,
    # one-word hundreds: ثلاثمائة, خمسمئة ...
    **{
        unit + hundred: value * 100
        for unit, value in _AR_UNITS.items()
        if 3 <= value <= 9 and not unit.endswith("ه")
        for hundred in ("مئه", "مائه", "مئة", "مائة")
    },
}
_AR_SCALES = {
    "مئه": 100, "مائه": 100, "مئة": 100, "مائة": 100, "الف": 1e3, "الاف": 1e3,
    "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9,
}
_UR_WORDS = {
    "ایک": 1, "دو": 2, "تین": 3, "چار": 4, "پانچ": 5, "چھ": 6, "سات": 7, "آٹھ": 8,
    "نو": 9, "دس": 10, "گیارہ": 11, "بارہ": 12, "تیرہ": 13, "چودہ": 14, "پندرہ": 15,
    "سولہ": 16, "سترہ": 17, "اٹھارہ": 18, "انیس": 19, "بیس": 20, "پچیس": 25, "تیس": 30,
    "چالیس": 40, "پچاس": 50, "ساٹھ": 60, "ستر": 70, "نوے": 90, "دونوں": 2,  # اسی (80) = "that same"
}
_UR_SCALES = {
    "سو": 100, "درجن": 12, "ہزار": 1e3, "لاکھ": 1e5, "کروڑ": 1e7, "ملین": 1e6, "ملیئن": 1e6,
    "بلین": 1e9,
}
_UR_SCALES_AFTER_NUMBER = {"ارب": 1e9}

# Vague magnitudes: phrase → (low, high).
_THOUSANDS = (1e3, 9999)
_TENS_OF_THOUSANDS = (1e4, 99999)
_HUNDREDS_OF_THOUSANDS = (1e5, 999999)
_MILLIONS = (1e6, 1e9 - 1)
_BILLIONS = (1e9, 1e12 - 1)
_EN_VAGUE = {
    r"tens\s+of\s+(?:thousands|1,?000['’]?s)": _TENS_OF_THOUSANDS,
    r"hundreds\s+of\s+(?:thousands|1,?000['’]?s)": _HUNDREDS_OF_THOUSANDS,
    r"tens\s+of\s+millions": (1e7, 1e8 - 1),
    r"hundreds\s+of\s+millions": (1e8, 1e9 - 1),
    r"tens\s+of\s+billions": (1e10, 1e11 - 1),
    r"hundreds\s+of\s+billions": (1e11, 1e12 - 1),
    r"dozens": (24, 99),
    r"scores(?=\s+of\s)": (40, 99),  # not "test scores"
    r"hundreds|100['’]?s": (100, 999),
    r"thousands|1,?000['’]?s": _THOUSANDS,
    r"millions": _MILLIONS,
    r"billions": _BILLIONS,
    r"trillions": (1e12, 1e15 - 1),
}
_HI_VAGUE = {
    r"दसियों\s+हज़ार": _TENS_OF_THOUSANDS,
    r"दर्जनों": (24, 99),
    r"सैकड़ों": (100, 999),
    r"हज़ारों": _THOUSANDS,
    r"लाखों": (1e5, 1e7 - 1),
    r"करोड़ों": (1e7, 1e9 - 1),
    # अरबों is also "Arabs" (oblique plural), which a postposition follows
    r"अरबों(?!\s+(?:ने|का|की|के|को|से|में|पर)(?!\p{L}))": (1e9, 1e11 - 1),
}
_AR_VAGUE = {
    r"عشرات\s+(?:ال)?الاف": _TENS_OF_THOUSANDS,
    r"مئات\s+(?:ال)?الاف": _HUNDREDS_OF_THOUSANDS,
    r"عشرات\s+(?:ال)?ملايين": (1e7, 1e8 - 1),
    r"مئات\s+(?:ال)?ملايين": (1e8, 1e9 - 1),
    r"عشرات": (20, 99),
    r"مئات": (100, 999),
    r"الاف": _THOUSANDS,
    r"ملايين": _MILLIONS,
    r"مليارات": _BILLIONS,
}
# و "and", ب "by", ال "the" attach to the word: بالآلاف "by the thousands"
_AR_CLITICS = "(?:و|ب|وب)?(?:ال)?"
_UR_VAGUE = {
    r"درجنوں": (24, 99),
    r"سینکڑوں|سیکڑوں": (100, 999),
    r"ہزاروں": _THOUSANDS,
    r"لاکھوں": (1e5, 1e7 - 1),
    r"کروڑوں": (1e7, 1e9 - 1),
    r"اربوں": (1e9, 1e11 - 1),
}

_MORE_BEFORE = [
    r"more\s+than", r"greater\s+than", r"over", r"at\s+least", r"upwards\s+of",
    r"in\s+excess\s+of", r"above", r"कम\s+से\s+कम", r"اكثر\s+من", r"ما\s+يزيد\s+(?:عن|على)",
    r"على\s+الاقل", r"ما\s+لا\s+يقل\s+عن", r"کم\s+از\s+کم",
]
_LESS_BEFORE = [
    r"less\s+than", r"fewer\s+than", r"under", r"up\s+to", r"at\s+most", r"اقل\s+من",
]
_MORE_AFTER = [
    r"or\s+more", r"\+", r"से\s+(?:अधिक|ज़्यादा|ऊपर)",
    r"या\s+(?:उससे|इससे|उस\s+से|इस\s+से)\s+(?:अधिक|ज़्यादा)", r"سے\s+(?:زیادہ|زائد|اوپر)",
    r"او\s+اكثر", r"فاكثر",
]
# fmt: on
_LESS_AFTER = [r"or\s+(?:fewer|less)", r"से\s+कम", r"سے\s+کم"]
_DASHES = "-–—"
_RANGE_JOIN = rf"[{_DASHES}]|to|से|سے|الى|حتى|تا"
_PERCENT = (
    r"%|٪|percent|per\s+cent|प्रतिशत|फ़ीसदी|फ़ीसद|في\s+المئه|في\s+المائه|بالمئه|بالمائه"
    r"|فیصد|فی\s+صد"
)
_ORDINAL = r"(?:st|nd|rd|th)(?!\p{L})|\s?(?:वाँ|वां|वें|वीं|वी|वे)(?!\p{L})|ویں|واں"
# Digits: Western (1,000) or Indian (1,00,000) grouping, optional decimals; a
# Latin letter or digit right before means an identifier (A1GP), not a quantity.
_DIGITS = (
    r"(?<![\p{Latin}\d_.,٫٬،])(?:−|(?<![\p{L}\p{M}\d]\s*)-)?"
    r"(?:\d{1,3}(?:[,٬،]\d{2})*[,٬،]\d{3}(?!\d)|\d+)(?:[.٫]\d+(?![.,]?\d))?"
)
_MINUS = "-−"
_TIME = r"(?<![\d:])\d{1,2}:\d{2}(?!\d)"

# Offsets must survive normalisation, so it only maps one character to one.
_FOLD = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"))
_NUKTA_PRECOMPOSED = {
    "क": "\u0958",
    "ख": "\u0959",
    "ग": "\u095a",
    "ज": "\u095b",
    "ड": "\u095c",
    "ढ": "\u095d",
    "फ": "\u095e",
}


def _devanagari(pattern: str) -> str:
    """The pattern with each nukta allowed combining, precomposed or left out."""
    out: list[str] = []
    for char in pattern.translate(_NUKTA_COMBINING):
        if char == "\u093c" and out and out[-1] in _NUKTA_PRECOMPOSED:
            base = out.pop()
            out.append(f"(?:{base}\u093c?|{_NUKTA_PRECOMPOSED[base]})")
        else:
            out.append(char)
    return "".join(out)


_NUKTA_COMBINING = str.maketrans(
    {precomposed: base + "\u093c" for base, precomposed in _NUKTA_PRECOMPOSED.items()}
)


def _nukta_spellings(word: str) -> set[str]:
    """The word with each nukta combining, precomposed and left out."""
    spellings = {word}
    for base, precomposed in _NUKTA_PRECOMPOSED.items():
        combining = base + "\u093c"
        spellings |= {
            variant
            for spelling in spellings
            for variant in (
                spelling.replace(combining, precomposed),
                spelling.replace(combining, base),
            )
        }
    return spellings


def _trie(words: Iterable[str]) -> str:
    """An alternation of ``words`` as a character trie: the engine then branches on
    each character instead of trying every word in turn."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        group = f"(?:{'|'.join(branches)})"
        return group + "?" if "" in node else group

    return emit(root)


def _arabic_fold(text: str) -> str:
    """Hamza-carrying alefs to bare alef, alef maqsura to ya, ta marbuta to ha."""
    # str.replace runs in C per character class; str.translate with a dict is far slower
    for variant, plain in _FOLD:
        if variant in text:
            text = text.replace(variant, plain)
    return text


@dataclass(frozen=True, slots=True)
class _Lexicon:
    pattern: regex.Pattern[str]
    values: dict[str, float]
    vague: tuple[tuple[regex.Pattern[str], tuple[float, float]], ...]
    #: a digit or number word: every quantity contains one
    anchor: re.Pattern[str]
    #: what may open a quantity before its first anchor ("more than", "a", "−")
    opener: regex.Pattern[str]


_LANG_TABLES = {"en": ("en",), "hi": ("en", "hi"), "ar": ("en", "ar"), "ur": ("en", "ar", "ur")}


@lru_cache(maxsize=8)
def _lexicon(lang: str) -> _Lexicon:
    tables = _LANG_TABLES.get(lang, ("en", "hi", "ar", "ur"))
    words: dict[str, float] = {}
    scales: dict[str, float] = {}
    after_number: dict[str, float] = {}
    vague: dict[str, tuple[float, float]] = {}
    heads: set[str] = set()
    if "en" in tables:
        words |= _EN_WORDS
        scales |= _EN_SCALES
        vague |= _EN_VAGUE
        heads |= _heads(_EN_VAGUE)
    if "hi" in tables:
        words |= _HI_WORDS
        scales |= _HI_SCALES
        after_number |= _HI_SCALES_AFTER_NUMBER
        vague |= _HI_VAGUE
        heads |= _heads(_HI_VAGUE)
    if "ar" in tables:
        words |= {_arabic_fold(k): v for k, v in _AR_WORDS.items()}
        scales |= {_arabic_fold(k): v for k, v in _AR_SCALES.items()}
        vague |= {_AR_CLITICS + k: v for k, v in _AR_VAGUE.items()}
        heads |= _heads(_AR_VAGUE)
    if "ur" in tables:
        words |= _UR_WORDS
        scales |= _UR_SCALES
        after_number |= _UR_SCALES_AFTER_NUMBER
        vague |= _UR_VAGUE
        heads |= _heads(_UR_VAGUE)

    def alternation(table: Iterable[str]) -> str:
        folded = {_arabic_fold(w) for w in table}
        return "|".join(sorted(folded, key=len, reverse=True))

    left, right = r"(?<![\p{L}\p{M}])", r"(?![\p{L}\p{M}])"
    and_prefix = r"(?:و)?"  # Arabic joins number words with a prefixed و
    word = rf"{left}{and_prefix}(?:{alternation(words)}|{alternation(scales)}){right}"
    scale = rf"{left}{and_prefix}(?:{alternation(scales)}|{alternation(after_number)}){right}"
    sep = r"(?:[\s\-]+|(?<=hundred)\s+and\s+)"
    number = (
        rf"(?:{_DIGITS})(?:{_ORDINAL}|(?:\s*{scale})*)"
        rf"|{left}an?\s+(?:{alternation(_EN_SCALES)}){right}(?:{sep}{word})*"
        rf"|{word}(?:{sep}{word})*"
    )
    core = rf"(?:{number})(?:\s?(?:{_PERCENT}){right})?"
    # tables list "tens of thousands" before "thousands": alternation takes the first fit
    vague_alt = "|".join(f"(?:{p})" for p in vague)
    pattern = (
        rf"(?:(?P<more>{left}(?:{'|'.join(_MORE_BEFORE)})\s+)"
        rf"|(?P<less>{left}(?:{'|'.join(_LESS_BEFORE)})\s+))?"
        rf"(?:(?P<time>{_TIME})"
        rf"|(?P<vague>{left}(?:{vague_alt}){right})"
        rf"|(?P<a>{core})(?:\s*(?:{_RANGE_JOIN})\s*(?P<b>{core}))?)"
        rf"(?:(?P<moreafter>\s*(?:{'|'.join(_MORE_AFTER)}){right})"
        rf"|(?P<lessafter>\s*(?:{'|'.join(_LESS_AFTER)}){right}))?"
    )
    values = {**words, **scales, **after_number}
    # A superset of where quantities are, found fast: stdlib re on lower-cased text,
    # words as a character trie, no check of the word's end (the full pattern does it).
    anchor_words = {
        spelling.lower()
        for word in [*heads, *(w for w, value in values.items() if value != _BARE_ONE)]
        for spelling in _nukta_spellings(_arabic_fold(word))
    }
    anchor = rf"\d+|(?<!\w){_AR_CLITICS}{_trie(anchor_words)}(?!\w)"
    ones = alternation(w for w, value in values.items() if value == _BARE_ONE)
    opener = (
        rf"{left}(?:(?:{'|'.join(_MORE_BEFORE + _LESS_BEFORE)})\s+)?(?:(?:an?|{ones})[\s-]+)?$"
        rf"|[{_MINUS}]$"
    )
    values = {_token_key(_arabic_fold(k)): v for k, v in values.items()}
    compiled_vague = tuple(
        (regex.compile(_devanagari(p), regex.IGNORECASE), v) for p, v in vague.items()
    )
    return _Lexicon(
        pattern=regex.compile(_devanagari(pattern), regex.IGNORECASE),
        values=values,
        vague=compiled_vague,
        anchor=re.compile(anchor),
        opener=regex.compile(_devanagari(opener), regex.IGNORECASE),
    )


_WORD = regex.compile(r"[\p{L}\p{M}]+")


def _heads(vague: dict[str, tuple[float, float]]) -> set[str]:
    """First words of the vague-magnitude patterns ("tens" of "tens of thousands"):
    where a magnitude without digits or number words starts."""
    heads = set()
    for pattern in vague:
        depth = 0
        alternative_starts = [0]
        for i, char in enumerate(pattern):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if char == "|" and not depth:
                alternative_starts.append(i + 1)
        heads |= {
            head.group() for start in alternative_starts if (head := _WORD.match(pattern, start))
        }
    return heads


_NUKTA_DECOMPOSE = str.maketrans(
    {pre: base for base, pre in _NUKTA_PRECOMPOSED.items()} | {"\u093c": None}
)


def _token_key(word: str) -> str:
    """Lookup key for a number word: lower case, no nukta."""
    return word.lower().translate(_NUKTA_DECOMPOSE)


_TOKEN = regex.compile(
    r"(?P<digits>\d{1,3}(?:[,٬،]\d{2})*[,٬،]\d{3}(?!\d)(?:[.٫]\d+)?|\d+(?:[.٫]\d+)?)|[\p{L}\p{M}]+"
)
_PERCENT_RE = regex.compile(_devanagari(rf"(?:{_PERCENT})$"), regex.IGNORECASE)
_ORDINAL_RE = regex.compile(rf"\d(?:{_ORDINAL})$", regex.IGNORECASE)
_AND_PREFIX = "و"
_BARE_ONE = 1


def _digits_value(digits: str) -> float:
    return float(digits.translate(_DIGIT_SEPARATORS))


# Western, Arabic and Urdu (Arabic comma) grouping; Arabic decimal separator
_DIGIT_SEPARATORS = str.maketrans({",": None, "٬": None, "،": None, "٫": "."})


def _evaluate(phrase: str, values: dict[str, float]) -> tuple[float, int] | None:
    """Value of a number phrase ("twenty-five", "1.2 million", "दो लाख पचास हज़ार")
    and how many tokens it has; None when no token is a number."""
    total = 0.0
    group = 0.0
    tokens = 0
    for token in _TOKEN.finditer(phrase):
        key = ""
        if token.group("digits"):
            value = _digits_value(token.group("digits"))
        else:
            key = _token_key(token.group())
            if key not in values and key.startswith(_AND_PREFIX):
                key = key[1:]
            if key not in values:
                continue  # "a", "an"
            value = values[key]
        tokens += 1
        joined = token.group().startswith(_AND_PREFIX) or key in _MULTIPLIERS
        if _cannot_follow(group, value, and_joined=joined):
            group = 0  # "एक तीन पहियों" ("a three-wheeled"): an article, then the number
        if key in _MULTIPLIERS:
            group = (group or 1) * value
        elif value >= 1000:
            total += (group or 1) * value
            group = 0
        else:
            group += value
    if not tokens:
        return None
    return total + group, tokens


def _cannot_follow(group: float, value: float, *, and_joined: bool) -> bool:
    """Whether ``value`` cannot add to the running group: "twenty five" and Arabic
    "خمسة وعشرون" (five and twenty) add up, "one three" does not."""
    if not group or value >= 100 or and_joined:
        return False
    units = group % 100
    return bool(units) and (units % 10 != 0 or value >= 10)


# "hundred" and "dozen" multiply the words before them; "twelve" (also 12) adds.
_MULTIPLIERS = frozenset(
    _token_key(_arabic_fold(word))
    for table in (_EN_SCALES, _HI_SCALES, _AR_SCALES, _UR_SCALES)
    for word, value in table.items()
    if value < 1000
)


# "both" is a two only when the other side says two: languages use it at different
# rates ("the two leaders" → "दोनों नेता"), so alone it is neither missing nor extra.
_BOTH = frozenset({"both", "दोनों", "دونوں"})


def _is_year(value: float, text: str) -> bool:
    return 1900 <= value <= 2100 and value == int(value) and text.strip().isdigit()


def _single(match_text: str, offset: int, lex: _Lexicon) -> Quantity | None:
    """One number (no range, no bound) from the text of a `core` group."""
    stripped = match_text.rstrip()
    percent = _PERCENT_RE.search(stripped)
    number_text = stripped[: percent.start()].rstrip() if percent else stripped
    ordinal = _ORDINAL_RE.search(number_text)
    if ordinal:
        number_text = number_text[: ordinal.start() + 1]
    evaluated = _evaluate(number_text, lex.values)
    if evaluated is None:
        return None
    value, tokens = evaluated
    negative = number_text.lstrip()[:1] in "-−"
    if negative:
        value = -value
    if value == _BARE_ONE and tokens == 1 and not number_text[:1].isdigit():
        return None
    if tokens == 1 and _token_key(number_text.strip()) in _BOTH:
        kind = "both"
    elif percent:
        kind = "percent"
    elif ordinal:
        kind = "ordinal"
    elif _is_year(value, number_text):
        kind = "year"
    else:
        kind = "number"
    return Quantity(value, value, stripped, offset, offset + len(stripped), kind)


def _expand_short_high(low: Quantity, high: Quantity, joiner: str) -> float:
    """1995-96 → 1996: after a dash, a shorter second number replaces the first one's
    last digits ("2014 से 30" is "since 2014, 30")."""
    low_text, high_text = low.text.strip(), high.text.strip()
    if (
        joiner.strip() in _DASHES
        and high.low < low.low
        and low_text.isdigit()
        and high_text.isdigit()
        and len(high_text) < len(low_text)
    ):
        return float(low_text[: len(low_text) - len(high_text)] + high_text)
    return high.low


def extract_quantities(text: str, lang: str) -> tuple[Quantity, ...]:
    """Every number, magnitude, range and bound in ``text``, in order.

    ``lang`` (ISO 639-1: en, hi, ar, ur) picks the number words besides English, which
    every language gets for code-mixed text; another code gets all of them. Digits may
    be ASCII, Devanagari or Arabic-Indic.
    """
    lex = _lexicon(lang)
    folded = _arabic_fold(text)
    found: list[Quantity] = []
    end = 0
    # The full pattern costs microseconds per position, so it is tried only where a
    # quantity can start: at a digit or number word, or at the bound words, "a", "one"
    # or minus sign just before it ("more than 30", "a dozen", "एक लाख", "−5").
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a rare letter whose lower case is longer ("İ")
        lowered = folded
    for anchor_match in lex.anchor.finditer(lowered):
        anchor = anchor_match.start()
        if anchor < end:
            continue
        opener = lex.opener.search(folded, max(end, anchor - _PREFIX_REACH), anchor)
        starts = (opener.start(), anchor) if opener and opener.start() < anchor else (anchor,)
        for start in starts:
            match = lex.pattern.match(folded, start)
            if match and match.end() > anchor:
                found.extend(_from_match(match, text, lex))
                end = match.end()
                break
    return tuple(found)


# longer than any bound phrase before a number ("ما لا يقل عن ", "in excess of ")
_PREFIX_REACH = 24


def _from_match(match: regex.Match[str], text: str, lex: _Lexicon) -> tuple[Quantity, ...]:
    start, end = match.span()
    if match.group("time"):
        hours, minutes = match.group("time").split(":")
        value = int(hours) + int(minutes) / 60
        quantity = Quantity(value, value, "", *match.span("time"), "time")
    elif match.group("vague"):
        # which magnitude matched, judged in place: some look past the words ("scores of")
        span = match.span("vague")
        low, high = next(
            v for p, v in lex.vague if (m := p.match(match.string, span[0])) and m.end() == span[1]
        )
        quantity = Quantity(float(low), float(high), "", *span, "magnitude")
    else:
        if _in_title(match, text):
            return ()
        first = _single(match.group("a"), match.start("a"), lex)
        second = _single(match.group("b"), match.start("b"), lex) if match.group("b") else None
        if first is None:
            return ()
        if second is not None:
            joiner = match.string[match.end("a") : match.start("b")]
            high = _expand_short_high(first, second, joiner)
            if high <= first.low:
                # a score (5-3) or a fall (from 5 to 3): two numbers, not a range
                return (_with_text(first, text), _with_text(second, text))
            quantity = Quantity(first.low, high, "", first.start, second.end, "range")
        else:
            quantity = first
    if match.group("more") or match.group("moreafter"):
        quantity = Quantity(quantity.low, INF, "", start, end, "bound")
    elif match.group("less") or match.group("lessafter"):
        quantity = Quantity(0.0, quantity.high, "", start, end, "bound")
    return (_with_text(quantity, text),)


_NEXT_CAPITALISED = regex.compile(r"[ \t]+\p{Lu}")


def _in_title(match: regex.Match[str], text: str) -> bool:
    """A capitalised number word before another capitalised word is part of a name
    ("Six Days in Fallujah", "The Two Towers"), which translations transliterate."""
    return (
        text[match.start()].isupper()
        and not match.group("a")[:1].isdigit()
        and _NEXT_CAPITALISED.match(text, match.end()) is not None
    )


def _with_text(quantity: Quantity, text: str) -> Quantity:
    surface = text[quantity.start : quantity.end]
    stripped = surface.strip()
    lead = len(surface) - len(surface.lstrip())
    start = quantity.start + lead
    return Quantity(
        quantity.low, quantity.high, stripped, start, start + len(stripped), quantity.kind
    )


# --- comparison ---------------------------------------------------------------------

_REL_TOLERANCE = 1e-6


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_REL_TOLERANCE, abs_tol=1e-9)


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities can state the same amount.

    Exact numbers must be equal (1,000 and "one thousand" are). A bound agrees with the
    same bound, or with a number or range end equal to its edge: "more than 30" and
    "30 से अधिक" or a bare "30", but not 31 (a translator does not change the number) and
    not "more than 20". A vague magnitude agrees with whatever it overlaps ("dozens"
    and "दर्जनों" or 30) and with a bound whose edge it holds ("more than 30"). Years,
    times and amounts agree only among themselves. An explicit range agrees with the same range or
    either of its ends ("from 2 to 3" written as two numbers).
    """
    if _same(a.low, b.low) and _same(a.high, b.high):
        return True
    if _family(a) != _family(b):
        return False
    if b.kind == "magnitude":
        a, b = b, a
    if a.kind == "magnitude":
        if b.kind == "bound":  # "more than 30" is "dozens", "at least four" is not "thousands"
            return a.low <= _edge(b) <= a.high
        return a.low <= b.high and b.low <= a.high
    if a.kind == b.kind == "bound":
        return False
    if b.kind == "bound":
        a, b = b, a
    ends = (b.low, b.high)
    if a.kind == "bound":
        return any(_same(_edge(a), end) for end in ends)
    if a.kind == "range" and b.exact:
        return _same(b.low, a.low) or _same(b.low, a.high)
    if b.kind == "range" and a.exact:
        return _same(a.low, b.low) or _same(a.low, b.high)
    return False


def _edge(bound: Quantity) -> float:
    """The number a bound states: 30 for both "more than 30" and "fewer than 30"."""
    return bound.low if math.isinf(bound.high) else bound.high


def _family(quantity: Quantity) -> str:
    """Quantities of different families never face each other as a mismatch."""
    return quantity.kind if quantity.kind in ("year", "time") else "amount"


def _magnitude(quantity: Quantity) -> float:
    high = quantity.low if math.isinf(quantity.high) else quantity.high
    middle = (abs(quantity.low) + abs(high)) / 2
    return math.log10(middle + 1)


def _distance(a: Quantity, b: Quantity) -> float:
    return abs(_magnitude(a) - _magnitude(b))


def _position(quantity: Quantity) -> tuple:
    return (quantity.start, *_order(quantity))


def _order(quantity: Quantity) -> tuple[float, float, str, int]:
    return (quantity.low, quantity.high, quantity.text, quantity.start)


def compare_quantities(source: Sequence[Quantity], target: Sequence[Quantity]) -> NumberComparison:
    """Pair the quantities of a source sentence with those of its translation.

    Identical values pair first, then compatible ones; a quantity left over that agrees
    with one already paired is a repetition (a year stated twice), not an addition. Of
    what is still left, quantities of the same family (years, times, amounts) face each
    other closest magnitude first as mismatches; the rest is missing or extra. The
    result does not depend on the order of either sequence.
    """
    sources = sorted(source, key=_order)
    targets = sorted(target, key=_order)
    matched: list[tuple[Quantity, Quantity]] = []
    free_targets = list(targets)
    free_sources: list[Quantity] = []
    for same_only in (True, False):
        still_free: list[Quantity] = []
        for quantity in sources if same_only else free_sources:
            counterpart = min(
                (
                    t
                    for t in free_targets
                    if (_same(t.low, quantity.low) and _same(t.high, quantity.high))
                    or (not same_only and compatible(quantity, t))
                ),
                key=lambda t, q=quantity: (_distance(q, t), _position(t)),
                default=None,
            )
            if counterpart is None:
                still_free.append(quantity)
            else:
                free_targets.remove(counterpart)
                matched.append((quantity, counterpart))
        free_sources = still_free

    free_sources, source_repeats = _split_repeats(free_sources, targets, source_side=True)
    free_targets, target_repeats = _split_repeats(free_targets, sources, source_side=False)
    matched.extend(source_repeats + target_repeats)
    free_sources = [q for q in free_sources if q.kind != "both"]
    free_targets = [q for q in free_targets if q.kind != "both"]

    free_sources.sort(key=_position)
    free_targets.sort(key=_position)
    candidates = sorted(
        (_distance(s, t), _order(s), _order(t), i, j)
        for i, s in enumerate(free_sources)
        for j, t in enumerate(free_targets)
        if _family(s) == _family(t)
    )
    mismatched: list[tuple[Quantity, Quantity]] = []
    used_sources: set[int] = set()
    used_targets: set[int] = set()
    for *_, i, j in candidates:
        if i in used_sources or j in used_targets:
            continue
        used_sources.add(i)
        used_targets.add(j)
        mismatched.append((free_sources[i], free_targets[j]))
    return NumberComparison(
        matched=tuple(sorted(matched, key=_pair_order)),
        missing=tuple(q for i, q in enumerate(free_sources) if i not in used_sources),
        extra=tuple(q for j, q in enumerate(free_targets) if j not in used_targets),
        mismatched=tuple(sorted(mismatched, key=_pair_order)),
    )


def _pair_order(pair: tuple[Quantity, Quantity]) -> tuple:
    return (pair[0].start, pair[1].start, _order(pair[0]), _order(pair[1]))


def _split_repeats(
    free: list[Quantity], other_side: list[Quantity], *, source_side: bool
) -> tuple[list[Quantity], list[tuple[Quantity, Quantity]]]:
    """Separate the free quantities that repeat one the other side states."""
    still_free: list[Quantity] = []
    repeats: list[tuple[Quantity, Quantity]] = []
    for quantity in free:
        twin = next((o for o in other_side if compatible(quantity, o)), None)
        if twin is None:
            still_free.append(quantity)
        else:
            repeats.append((quantity, twin) if source_side else (twin, quantity))
    return still_free, repeats


def format_number(value: float) -> str:
    """Canonical string of a number: 1000.0 → "1000", 1.50 → "1.5"."""
    return f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def number_signature(text: str, lang: str) -> frozenset[str]:
    """The exact numbers a sentence states, as canonical strings: an alignment anchor
    that is the same for "1,000", "1000" and "one thousand". Vague magnitudes are left
    out; a bound contributes the number it names, a range both ends."""
    signature: set[str] = set()
    for quantity in extract_quantities(text, lang):
        if quantity.kind in ("magnitude", "both"):
            continue
        if quantity.kind == "bound":
            signature.add(format_number(_edge(quantity)))
        else:
            signature.add(format_number(quantity.low))
            signature.add(format_number(quantity.high))
    return frozenset(signature)
