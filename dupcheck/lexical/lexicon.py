"""Offline bilingual lexicons (Hindi/Arabic <-> English) and word-level glossing.

The tables are built by ``models/build_lexicon.py`` from FreeDict and live in
``models/lexicon/``. A word is looked up by its dictionary lemma (``simplemma``, which
measured better than Snowball stems or suffix rules alone) and its normalised surface
form, whose senses are merged; only if neither is known are light suffix/clitic
strippings tried, and the first the table knows wins, so stripping never invents a
stem the dictionary does not have. Unknown words may still be read as English loans
by sound (``Gloss.loans``).
"""

from __future__ import annotations

import gzip
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import regex
import simplemma

from dupcheck.backends.models import SHIPPED_MODELS
from dupcheck.errors import BackendError
from dupcheck.languages import PIVOT, WordRules, language
from dupcheck.lexical.translit import (
    close_sounds,
    phonetic_key,
    romanize,
    sound_similarity,
    spelling_similarity,
)

LEXICON_DIR = SHIPPED_MODELS / "lexicon"
PLACES_DIR = SHIPPED_MODELS / "places"
NAMES_DIR = SHIPPED_MODELS / "names"
#: languages with an offline lexicon: a language's file in ``dupcheck/languages/`` and its
#: table ``models/lexicon/{code}.tsv.gz`` (``models/build_lexicon.py`` builds them)
LANGS = tuple(
    sorted(p.name.split(".")[0] for p in LEXICON_DIR.glob("*.tsv.gz") if p.name != "loans.tsv.gz")
)
#: a romanised unknown word is read as an English loan only if its sound key has this
#: many consonants (applied when the loan table is built); at most this many readings
#: are kept
MIN_LOAN_CONSONANTS = 3
MAX_LOAN_READINGS = 3
#: senses kept when a word's lemma and surface form both have entries
MAX_SENSES = 16
#: distinct words each per-word cache keeps: news text is Zipfian, so a few tens of
#: thousands of words cover nearly every token, but a large collection's long tail of
#: names keeps coming (reading 10,000 documents of benchmarks/scan_bench.py's 100,000:
#: 6.7 ms of CPU a document at 2^18, 7.4 ms at 2^16, for 300 MiB more per process)
WORD_CACHE_SIZE = 1 << 18

TOKEN = regex.compile(r"\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}]+")
DIGITS = regex.compile(r"\p{N}+(?:[.,:]\p{N}+)*")

#: English function words: compared as such, never as content
ENGLISH_STOPWORDS = language(PIVOT).words.function_words


@lru_cache(maxsize=64)
def _word_rules(lang: str) -> WordRules:
    own = language(lang)
    return own.words if own is not None else WordRules()


@lru_cache(maxsize=64)
def _compiled(lang: str) -> tuple[dict[int, str | None], tuple[tuple[regex.Pattern[str], str], ...]]:
    rules = _word_rules(lang)
    table = {ord(c): None for c in rules.delete} | {ord(a): b for a, b in rules.replace}
    return table, tuple((regex.compile(p), r) for p, r in rules.rewrite)


def normalize(word: str, lang: str) -> str:
    """The form under which a word is compared: NFC, spelling variants folded as the
    language's file says (``[words]``), lower-cased where its script has case."""
    rules = _word_rules(lang)
    table, rewrites = _compiled(lang)
    word = unicodedata.normalize("NFC", word)
    if rules.decompose:
        word = unicodedata.normalize("NFC", unicodedata.normalize("NFD", word).translate(table))
    elif table:
        word = word.translate(table)
    for pattern, replacement in rewrites:
        word = pattern.sub(replacement, word)
    return word.lower() if rules.lowercase else word


@lru_cache(maxsize=WORD_CACHE_SIZE)
def english_lemma(word: str) -> str:
    """Dictionary lemma of an English word: countries -> country, said -> say."""
    word = word.lower().replace("’", "'")
    if not _LATIN_LETTER.search(word):
        # what simplemma returns for a word with no Latin letter (an Urdu word read as it
        # is), without its search through an unknown word's affixes, none of which apply
        return unicodedata.normalize("NFC", word)
    return simplemma.lemmatize(word, lang="en").lower()


_LATIN_LETTER = regex.compile(r"\p{Latin}")


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _lemma(word: str, lang: str) -> str:
    lemmatizer = _word_rules(lang).lemmatizer
    return normalize(simplemma.lemmatize(word, lang=lemmatizer) if lemmatizer else word, lang)


def foreign_keys(word: str, lang: str) -> tuple[str, ...]:
    """Keys a dictionary headword is stored under: its normalised form and its lemma."""
    return tuple(dict.fromkeys((normalize(word, lang), _lemma(word, lang))))


def _stripped(word: str, lang: str) -> Iterator[str]:
    """Stems to look up for a word neither the table nor its lemma knows: the word
    without each prefix, each of those without each suffix (with the language's
    ``restore`` endings put back), then without a verb's person prefix. The first that
    the table knows wins, so stripping never invents a stem the dictionary lacks."""
    rules = _word_rules(lang)
    bases = [word] + [word[len(p) :] for p in _longest_first(rules.prefixes) if word.startswith(p)]
    for base in bases:
        if len(base) < rules.min_stem:
            continue
        if base != word:
            yield base
        for suffix in _longest_first(rules.suffixes):
            rest = base[: -len(suffix)]
            if base.endswith(suffix) and len(rest) >= rules.min_stem:
                for ending in rules.restore:
                    yield rest + ending
    if rules.person_prefixes:
        for base in bases:
            if len(base) > rules.min_stem and base[0] in rules.person_prefixes:
                yield base[1:]


@lru_cache(maxsize=64)
def _longest_first(affixes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(set(affixes), key=lambda affix: (-len(affix), affix)))


@dataclass(frozen=True, slots=True)
class Gloss:
    """One word of a text with what the lexicon knows about it.

    ``meanings`` are English lemmas in sense order (most common first); for English text
    they hold the word's own lemma, so both sides compare on the same footing. ``loans``
    are English words an unknown word sounds like (सिस्टम: system): often right for
    English loans, wrong for native words the dictionary lacks (अदालत: adulate), so
    weaker evidence than ``meanings``.
    """

    text: str
    start: int
    end: int
    stem: str
    meanings: tuple[str, ...]
    romanized: str
    stopword: bool
    loans: tuple[str, ...] = ()

    @property
    def is_number(self) -> bool:
        return DIGITS.fullmatch(self.text) is not None

    def at(self, match: regex.Match[str]) -> Gloss:
        """This gloss (of a word at offset 0) placed where ``match`` found the word."""
        return Gloss(
            self.text,
            match.start(),
            match.end(),
            self.stem,
            self.meanings,
            self.romanized,
            self.stopword,
            self.loans,
        )


def tokens(text: str) -> Iterator[regex.Match[str]]:
    """Words and numbers of ``text`` with their character offsets (any script)."""
    return TOKEN.finditer(text)


class Lexicon:
    """Foreign -> English meanings for one language, and the reverse renderings."""

    def __init__(self, lang: str, senses: dict[str, tuple[str, ...]], stop: frozenset[str]):
        self.lang = lang
        self._senses = senses
        self._stop = stop
        # per instance, so that each language's lexicon keeps its own words
        self.lookup = lru_cache(maxsize=WORD_CACHE_SIZE)(self._lookup)

    def stem(self, word: str) -> str:
        """The table key a word resolves to; its lemma if the table knows no form of it."""
        return self.lookup(word).stem

    def knows(self, word: str, *, lemma: bool = True) -> bool:
        """Whether the table holds the word itself, or (``lemma``) its lemma; no affix is
        stripped."""
        if normalize(word, self.lang) in self._senses:
            return True
        return lemma and _lemma(word, self.lang) in self._senses

    def senses(self, word: str) -> tuple[str, ...]:
        """English lemmas ``word`` can mean, most common first; empty if unknown."""
        return self.lookup(word).meanings

    def loans(self, word: str) -> tuple[str, ...]:
        """English words an unknown ``word`` sounds like; empty if the lexicon knows it."""
        return self.lookup(word).loans

    def is_stopword(self, word: str) -> bool:
        return self.lookup(word).stopword

    def _lookup(self, word: str) -> Gloss:
        """What the lexicon knows of one word, as a gloss at offset 0 (``lookup`` caches it)."""
        if DIGITS.fullmatch(word):
            return Gloss(word, 0, len(word), word, (word,), word, False)
        romanized = romanize(word, self.lang)
        surface = normalize(word, self.lang)
        stem, senses = self._senses_of(surface, _lemma(word, self.lang))
        stopword = stem in self._stop or surface in self._stop
        loans = () if senses else self._loans_of(romanized)
        return Gloss(word, 0, len(word), stem, senses, romanized, stopword, loans)

    def _senses_of(self, surface: str, lemma: str) -> tuple[str, tuple[str, ...]]:
        # The lemma's senses come first: a surface form in the table may be an inflected
        # word lifted out of a phrase (कहा from "बिना कहे"), the lemma is the headword.
        known = [key for key in (lemma, surface) if key in self._senses]
        if surface in self._stop and lemma not in self._stop:
            # a function word is not a form of the content word it lemmatises to
            # (Arabic عما "about what" is not عم "uncle", إنه "that he" not نهي "forbid")
            known = [surface]
        if known:
            merged = dict.fromkeys(s for key in known for s in self._senses[key])
            return known[0], tuple(merged)[:MAX_SENSES]
        for key in _stripped(surface, self.lang):
            if key in self._senses:
                return key, self._senses[key]
        return lemma, ()

    def _loans_of(self, romanized: str) -> tuple[str, ...]:
        readings = loanword_index().get(phonetic_key(romanized), ())
        # closest spelling first; a key many words share says little, so few are kept
        close = close_sounds(self.lang)
        ranked = sorted(readings, key=lambda e: (-spelling_similarity(romanized, e, close), e))
        return tuple(ranked[:MAX_LOAN_READINGS])

    def meanings(self, word: str) -> frozenset[str]:
        return frozenset(self.senses(word))

    @cached_property
    def _renderings(self) -> dict[str, tuple[str, ...]]:
        """English lemma -> foreign keys, those giving it as an earlier sense first."""
        inverse: dict[str, list[tuple[int, str]]] = {}
        for key, english in self._senses.items():
            if key in self._stop:
                continue
            for rank, lemma in enumerate(english):
                inverse.setdefault(lemma, []).append((rank, key))
        return {lemma: tuple(key for _, key in sorted(keys)) for lemma, keys in inverse.items()}

    def renderings(self, english_word: str) -> frozenset[str]:
        """Foreign stems (table keys) that can render an English word."""
        return frozenset(self._renderings.get(english_lemma(english_word), ()))

    def render(self, english_word: str) -> str | None:
        """The foreign stem most likely to render an English word, None if there is none."""
        found = self._renderings.get(english_lemma(english_word))
        return found[0] if found else None

    def gloss(self, text: str) -> tuple[Gloss, ...]:
        lookup = self.lookup
        return tuple(lookup(match.group()).at(match) for match in tokens(text))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def english_gloss(word: str) -> Gloss:
    """One English word as a gloss at offset 0: its lemma as stem and sole meaning."""
    number = DIGITS.fullmatch(word) is not None
    lemma = word if number else english_lemma(word)
    stopword = not number and (word.lower() in ENGLISH_STOPWORDS or lemma in ENGLISH_STOPWORDS)
    return Gloss(word, 0, len(word), lemma, (lemma,), word, stopword)


def english_glosses(text: str) -> tuple[Gloss, ...]:
    """English words as glosses (lemma as stem and sole meaning), to compare with foreign ones."""
    return tuple(english_gloss(match.group()).at(match) for match in tokens(text))


def english_terms(text: str) -> tuple[Gloss, ...]:
    """The content words (and numbers) of English text with offsets and lemmas."""
    # stopwords are skipped before they are placed: most English tokens are stopwords
    return tuple(
        gloss.at(match)
        for match in tokens(text)
        if not (gloss := english_gloss(match.group())).stopword
    )


@cache
def loanword_index() -> dict[str, tuple[str, ...]]:
    """English lemmas by sound key (``phonetic_key``), for English loans (सिस्टम)."""
    raw = gzip.decompress((LEXICON_DIR / "loans.tsv.gz").read_bytes()).decode("utf-8")
    return {
        key: tuple(words.split("|"))
        for key, words in (line.split("\t") for line in raw.splitlines())
    }


@cache
def _name_list(path: Path) -> frozenset[str]:
    """A shipped list of names, one a line (``models/places/``, ``models/names/``)."""
    return frozenset(path.read_text(encoding="utf-8").split("\n")) - {""}


def is_place(word: str) -> bool:
    """Whether an English word is a country, capital, great city or US state that the
    English dictionary also knows ("Beijing", "Moscow", "China"; ``models/build_places.py``):
    a name to look for across, though a dictionary word."""
    return word in _name_list(PLACES_DIR / "places.txt")


def is_given_name(word: str) -> bool:
    """Whether an English word is a first name that the English dictionary knows but that
    is no common word ("Kate", "Donald"; not "Will" or "Grace"; ``models/build_given_names.py``):
    a name to look for across, though a dictionary word."""
    return word in _name_list(NAMES_DIR / "given.txt")


def lexicon_version() -> dict[str, str]:
    """{Debian package: version} the built tables came from."""
    meta = json.loads((LEXICON_DIR / "meta.json").read_text(encoding="utf-8"))
    return dict(meta["packages"])


@cache
def load_lexicon(lang: str) -> Lexicon:
    if lang not in LANGS:
        raise BackendError(f"no offline lexicon for language {lang!r} (have: {', '.join(LANGS)})")
    path = LEXICON_DIR / f"{lang}.tsv.gz"
    try:
        raw = gzip.decompress(path.read_bytes()).decode("utf-8")
    except OSError as exc:
        raise BackendError(f"lexicon file {path} cannot be read: {exc.strerror or exc}") from None
    senses: dict[str, tuple[str, ...]] = {}
    stop = set()
    for line in raw.splitlines():
        key, english, flag = line.split("\t")
        senses[key] = tuple(english.split("|")) if english else ()
        if flag:
            stop.add(key)
    return Lexicon(lang, senses, frozenset(stop))


def lexical_quality(
    english: list[str], foreign: list[str], lang: str, *, loans: bool = False
) -> tuple[float, float]:
    """(recall, coverage) of the ``lang`` lexicon on line-aligned English/foreign text.

    recall: share of English content lemmas found among the meanings of the aligned
    foreign sentence's words; coverage: share of foreign content words with any meaning.
    ``loans`` counts sound-alike English loans as meanings too.
    """
    lexicon = load_lexicon(lang)
    found = wanted = known = content = 0
    for source, target in zip(english, foreign, strict=True):
        glosses = [g for g in lexicon.gloss(target) if not g.stopword and not g.is_number]
        readings = [g.meanings + g.loans if loans else g.meanings for g in glosses]
        terms = {g.stem for g in english_terms(source) if not g.is_number}
        wanted += len(terms)
        found += len(terms & {m for r in readings for m in r})
        content += len(glosses)
        known += sum(1 for r in readings if r)
    return found / max(wanted, 1), known / max(content, 1)


def name_similarity(latin: str, foreign: str, lang: str) -> float:
    """How likely ``foreign`` (Hindi or Arabic script) writes the Latin name ``latin``, 0..1.

    1.0 when the lexicon gives ``latin`` as a meaning (الصين = China), otherwise
    ``translit.sound_similarity``.
    """
    if lang in LANGS and english_lemma(latin) in load_lexicon(lang).meanings(
        foreign.replace(" ", "")
    ):
        return 1.0
    return sound_similarity(latin, foreign, lang)
