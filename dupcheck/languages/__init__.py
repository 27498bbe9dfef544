"""What is specific to one language, as data: one TOML file per language in this folder.

The algorithms that read these records (``text.segment``, ``text.langid``,
``lexical.numbers``, ``lexical.lexicon``, ``lexical.translit``) are language-neutral:
adding a language is adding its file here (and, for the lexical pivot, its lexicon in
``models/lexicon/``). ``docs/languages.md`` walks through what a file holds.

Files are read on first use, not at import. English comes first: it is the pivot, and
every language also reads English number words and abbreviations, since news in any
language quotes English.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

from dupcheck.errors import ConfigError

LANGUAGES_DIR = Path(__file__).resolve().parent
PIVOT = "en"

Table = tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class ScriptRules:
    """How the language's script varies in spelling, for matching."""

    #: Unicode script name (as ``\\p{Script=...}`` spells it)
    name: str = "Latin"
    #: "rtl" for a script written right to left (Arabic, Hebrew): the HTML report sets its
    #: cells' ``dir``, the console right-aligns and, shown visually, reorders them
    direction: str = "ltr"
    #: one character to one character, so offsets survive (Arabic hamza-carrying alefs)
    fold: tuple[tuple[str, str], ...] = ()
    #: a combining mark writers may omit or precompose (the Devanagari nukta), and the
    #: precomposed letters it forms with its base letters
    optional_mark: str = ""
    precomposed: tuple[tuple[str, str], ...] = ()
    #: pairs of sound-key letters (``lexical.translit.phonetic_key``) that the script
    #: cannot tell apart or that assimilate in it, which substitute for a fraction when a
    #: name is matched: Arabic has no p or v (بوتين Putin, فلاديمير Vladimir), while
    #: Devanagari writes p and b, t and d apart (पुतिन is not बाइडेन)
    close_sounds: tuple[str, ...] = ("bp", "fv", "kg", "mn", "td", "sc", "sj", "sx", "jç")


@dataclass(frozen=True, slots=True)
class NumberWords:
    """Number words and the phrases around numbers; regular expressions where marked."""

    #: word → value: values below 100 add, scales multiply (below 1000) or close a group
    words: Table = ()
    scales: Table = ()
    #: scale words that are also ordinary words ("अरब" = Arab): count only after a number
    scales_after_number: Table = ()
    #: regexes of the words before which such a scale is the ordinary word ("एक अरब देश",
    #: an Arab country, but "एक अरब लोग", a billion people)
    not_scale_before: tuple[str, ...] = ()
    #: scale abbreviations written onto an amount of money ("$325m"): "100m" alone is metres
    scales_after_money: Table = ()
    #: words for a decade, by its tens (Arabic الستينيات, "the sixties": 60)
    decades: Table = ()
    #: regexes after a number that make it a decade ("1960s", "1960 के दशक")
    decade_after: tuple[str, ...] = ()
    #: (regex, low, high) vague magnitudes, in order: "tens of thousands" before "thousands"
    vague: tuple[tuple[str, float, float], ...] = ()
    #: regexes of the phrases that make a number a bound ("more than 30", "30 से अधिक")
    more_before: tuple[str, ...] = ()
    less_before: tuple[str, ...] = ()
    more_after: tuple[str, ...] = ()
    less_after: tuple[str, ...] = ()
    #: regexes joining the two ends of a range ("to", "से")
    range_joins: tuple[str, ...] = ()
    #: regexes of percent words
    percent: tuple[str, ...] = ()
    #: regexes of the ordinal suffixes of digits ("60th", "60वाँ")
    ordinal: tuple[str, ...] = ()
    #: endings that make a number word of five or more an ordinal (बीसवीं, "twentieth"),
    #: read as its number as the digits' ordinals are
    word_ordinals: tuple[str, ...] = ()
    #: words for "both": a two only when the other side says two
    both: tuple[str, ...] = ()
    #: regexes before a number that make it a rank ("No. 1"); a first rank is as often
    #: said without its number ("top", शीर्ष, "the leading"), so it is a one only when the
    #: other side says one
    rank_before: tuple[str, ...] = ()
    #: regex of the article before a bare scale ("a hundred")
    article: str = ""
    #: regexes that join number words besides spaces and hyphens ("hundred and five")
    joiners: tuple[str, ...] = ()
    #: a conjunction written onto number words (Arabic و: "وعشرون")
    word_prefix: str = ""
    #: regex of clitics written onto number and magnitude words (Arabic الثلاثة "the three",
    #: بالآلاف "by the thousands")
    clitics: str = ""
    #: words that make a unit before them a teen (Arabic أربعة عشر, "four ten": 14)
    teens: tuple[str, ...] = ()
    #: (suffix, ending restored on the stem): a noun of the lexicon with such a suffix is a
    #: dual, a two only when the other side says two (Arabic البلدين, "the two countries")
    dual: tuple[tuple[str, str], ...] = ()
    #: words that read as number words but are none (Arabic الاثنين, "Monday")
    not_numbers: tuple[str, ...] = ()
    #: other languages whose number words this one also reads (Urdu reads Arabic's)
    include: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SentenceRules:
    #: marks that always end a sentence (the danda)
    final_marks: str = ""
    #: (mark, regex): keyboard stand-ins for a final mark ("|" for the danda)
    stand_ins: tuple[tuple[str, str], ...] = ()
    #: words after which "." does not end a sentence (lower case, without the dot)
    abbreviations: tuple[str, ...] = ()
    #: month abbreviations: "Jan. 5" ends no sentence, "in Jan. The" does
    months: tuple[str, ...] = ()
    #: capitalised words that start a new sentence after a dotted acronym ("U.S. The")
    sentence_starters: tuple[str, ...] = ()
    #: quotation marks besides the ASCII ones, as (opening, closing)
    quotes: tuple[tuple[str, str], ...] = ()
    #: news agencies as a dateline writes them in brackets ("BEIJING (AP) --", "नई दिल्ली
    #: (रॉयटर्स) --"): the dateline is dropped with the document's other metadata
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WordRules:
    """How a word is reduced to the form a lexicon looks it up under."""

    #: simplemma's code for the language's lemmatiser ("" for none)
    lemmatizer: str = ""
    #: scripts without case set this false, so Latin words inside keep their capitals
    lowercase: bool = True
    #: decompose (NFD) before ``delete``/``replace`` and compose after
    decompose: bool = False
    #: characters left out for matching (nukta, diacritics, tatweel)
    delete: str = ""
    replace: tuple[tuple[str, str], ...] = ()
    #: (regex, replacement) applied last (a nasal before its class → anusvara)
    rewrite: tuple[tuple[str, str], ...] = ()
    #: affixes tried, longest first, only when neither the word nor its lemma is known
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    #: endings tried on what is left after a suffix (the infinitive ना of a verb stem)
    restore: tuple[str, ...] = ("",)
    #: fewest characters a stripped stem keeps (Arabic roots are three letters)
    min_stem: int = 2
    #: letters a verb's person prefix can be (Arabic يتنا), tried last on long words
    person_prefixes: str = ""
    #: function words (the lexicon files mark them for the other languages)
    function_words: frozenset[str] = frozenset()
    #: words or phrases that link or frame a clause ("although", इस समय "now"):
    #: translators add and drop them freely, so they render no content of the source
    connectives: frozenset[str] = frozenset()
    #: titles a translation may write onto a name as one word (Hindi श्री: "Mr Ströbele" →
    #: श्रीस्ट्रॉ बेले), left off when a name is looked for
    honorifics: tuple[str, ...] = ()
    #: clitics written onto the front of a name (Arabic و "and", ب "in": بهوبي "in
    #: Hubei", وإف بي آي "and the FBI"), left off, longest first, when a name is looked for
    name_prefixes: tuple[str, ...] = ()
    #: conjunctions typed onto the word before them (Hindi और: "Guebuza and" →
    #: जीबुझांऔर), left off when a name is looked for
    joined_after: tuple[str, ...] = ()
    #: whether the language's texts run a word onto the next without its space (Hindi
    #: news: अधिकांशसोफा ला, "most Sofala"), so that a word the lexicon does not know is
    #: also read as a word it knows and what follows; not where words carry clitics the
    #: lexicon cannot split (Arabic), whose remainders would sound like names by chance
    run_on_words: bool = False
    #: endings that derive a word from a shorter one (English "transportation" from
    #: "transport"): a misspelt source word counts as rendered when its base is
    derivations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CalendarWords:
    """The names of the weekdays and months, which a translation keeps as it keeps
    numbers ("on Monday" → "सोमवार को"); a language without them is not compared."""

    #: seven lists of spellings, Monday first; written as the text writes them (English
    #: capitalised: "may" is a verb, "May" a month)
    days: tuple[tuple[str, ...], ...] = ()
    #: twelve lists of spellings, January first
    months: tuple[tuple[str, ...], ...] = ()
    #: spellings that are also ordinary words (English "May", Arabic الاثنين "the two"):
    #: a day or month only beside a digit or after a word of ``cues_before`` or before
    #: one of ``cues_after``
    cued: tuple[str, ...] = ()
    cues_before: tuple[str, ...] = ()
    cues_after: tuple[str, ...] = ()
    #: regex of a conjunction or preposition written onto the word (Arabic و: والخميس)
    prefix: str = ""


# compared and hashed by identity: the number grammar of a set of languages is cached by
# them, and hashing every table on each look-up would cost more than the look-up
@dataclass(frozen=True, slots=True, eq=False)
class Language:
    code: str
    name: str
    script: ScriptRules = field(default_factory=ScriptRules)
    #: a short run of this script is taken to be in this language
    script_default: bool = False
    #: a short text in this script is taken to be in this language while plausible
    short_text_prior: bool = False
    numbers: NumberWords = field(default_factory=NumberWords)
    sentences: SentenceRules = field(default_factory=SentenceRules)
    words: WordRules = field(default_factory=WordRules)
    calendar: CalendarWords = field(default_factory=CalendarWords)


def language(code: str) -> Language | None:
    """The registered language of this ISO 639-1 code, or None."""
    return _registry().get(code)


def direction(code: str) -> str | None:
    """"rtl" or "ltr" for a registered language (a regional tag such as ``ar-EG`` is its
    language's); None for a code no file describes: the text itself then tells (the first
    strong character, as the Unicode Bidirectional Algorithm's rule P2 does)."""
    lang = language(code.split("-")[0].lower()) if code else None
    return lang.script.direction if lang is not None else None


def languages() -> tuple[Language, ...]:
    """Every registered language, the pivot first."""
    return tuple(_registry().values())


def with_pivot(code: str) -> tuple[Language, ...]:
    """The languages whose rules apply to text in ``code``: the pivot, the languages it
    includes and itself, in that order; every language for a code none of them is."""
    own = language(code)
    if own is None:
        return languages()
    codes = dict.fromkeys([PIVOT, *own.numbers.include, code])
    return tuple(lang for c in codes if (lang := language(c)) is not None)


def register_language(lang: Language) -> None:
    """Make ``lang`` known (replacing a language of the same code) from now on."""
    _registry()[lang.code] = lang


def unregister_language(code: str) -> None:
    _registry().pop(code, None)


@cache
def _registry() -> dict[str, Language]:
    files = sorted(LANGUAGES_DIR.glob("*.toml"), key=lambda p: (p.stem != PIVOT, p.stem))
    return {lang.code: lang for lang in map(load_language, files)}


def load_language(path: str | Path) -> Language:
    """A ``Language`` from its TOML file (see ``docs/languages.md``)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable language file ({exc})") from None
    try:
        lang = Language(
            code=_str(data, "code"),
            name=_str(data, "name"),
            script=_record(ScriptRules, data.get("script", {}), path, "script"),
            script_default=bool(data.get("script_default", False)),
            short_text_prior=bool(data.get("short_text_prior", False)),
            numbers=_record(NumberWords, data.get("numbers", {}), path, "numbers"),
            sentences=_record(SentenceRules, data.get("sentences", {}), path, "sentences"),
            words=_record(WordRules, data.get("words", {}), path, "words"),
            calendar=_record(CalendarWords, data.get("calendar", {}), path, "calendar"),
        )
        calendar = lang.calendar
        if calendar.days and len(calendar.days) != 7 or calendar.months and len(calendar.months) != 12:
            raise ValueError("[calendar] needs seven lists of days and twelve of months")
        return lang
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from None


def _str(data: Mapping[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not value:
        raise ValueError(f"{key!r} must be a non-empty string")
    return value


def _record(cls: type, table: Mapping[str, Any], path: Path, section: str) -> Any:
    """``cls`` from a TOML table: lists become tuples, tables of numbers (word → value)
    become (word, value) pairs in file order, lists of lists become tuples of tuples."""
    known = {f.name: f for f in fields(cls)}
    unknown = set(table) - set(known)
    if unknown:
        raise ValueError(f"[{section}] has unknown keys {sorted(unknown)}")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            values[key] = tuple((k, _number_or_text(v)) for k, v in value.items())
        elif isinstance(value, list):
            values[key] = tuple(
                tuple(map(_number_or_text, v)) if isinstance(v, list) else v for v in value
            )
        else:
            values[key] = value
    if values.get("direction", "ltr") not in ("ltr", "rtl"):
        raise ValueError(f"[{section}] direction must be \"ltr\" or \"rtl\"")
    for key in ("function_words", "connectives"):
        if key in values:
            values[key] = frozenset(values[key])
    return cls(**values)


def _number_or_text(value: Any) -> Any:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def merged(tables: Iterable[Table]) -> dict[str, float]:
    """Tables of several languages as one mapping; a later language wins a shared word."""
    out: dict[str, float] = {}
    for table in tables:
        out.update(table)
    return out
