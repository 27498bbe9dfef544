"""Pivot stage: bring both sides of a pair into one comparable term space.

The target is translated back into the source language (the pivot) by the configured
``Translator``; independently of that backend, every word of both sides is glossed by
the offline lexicon, so that each word carries the keys it can match on: pivot-language
lemmas it can mean, a number key, and a cross-script name key. The aligner compares
bags of these keys, the detectors compare words by them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex
import simplemma

from dupcheck.backends.translate.base import Translator
from dupcheck.lexical.lexicon import (
    MIN_LOAN_CONSONANTS,
    WORD_CACHE_SIZE,
    Lexicon,
    english_gloss,
    english_lemma,
    load_lexicon,
    tokens,
)
from dupcheck.lexical.translit import phonetic_key
from dupcheck.records import Document

PIVOT_LANG = "en"
#: characters a lemma key is cut to when sentences are compared as term sets
STEM_CHARS = 5


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a sentence with the keys it can match on (offsets within the sentence)."""

    text: str
    start: int
    end: int
    keys: frozenset[str]
    content: bool
    #: pivot-language lemmas this word can mean (empty when unknown or a stopword)
    meanings: frozenset[str]
    #: key that matches the same name written in another script, or "" for non-names
    name: str = ""
    #: for a foreign word the lexicon does not know, the English word it sounds like
    #: (नेगेटिव: negative), or "": a guess (पुतिन sounds like "patina"), so it only
    #: helps candidate generation meet English loans, and is never shown as a reading
    loan: str = ""

    def at(self, match: regex.Match[str]) -> Word:
        """This word (keyed at offset 0) placed where ``match`` found it."""
        return Word(
            self.text, match.start(), match.end(), self.keys, self.content, self.meanings, self.name,
            self.loan,
        )


@dataclass(frozen=True, slots=True)
class PivotSide:
    """One document's sentences in the pivot term space."""

    lang: str
    texts: tuple[str, ...]
    words: tuple[tuple[Word, ...], ...]
    #: every key any word of the document carries, to ask "is this written anywhere?"
    vocabulary: frozenset[str] = frozenset()

    def key_sets(self) -> list[list[frozenset[str]]]:
        """Per sentence, the keys of each content word: what the aligner compares."""
        return [[w.keys for w in sentence if w.content and w.keys] for sentence in self.words]


def pivot_source(doc: Document, renderable: Lexicon | None = None) -> PivotSide:
    """The source side is already in the pivot language: its words key on their own lemmas.

    ``renderable`` is the target language's lexicon, which tells ordinary words from names.
    """
    texts = tuple(s.text for s in doc.sentences)
    capitalised = _capitalised(texts)
    return _side(doc.lang, texts, tuple(_english_words(t, renderable, capitalised) for t in texts))


def _capitalised(texts: Iterable[str]) -> frozenset[str]:
    """Words a document capitalises mid-sentence: a capitalised word that starts a sentence
    is a name only if it is among them ("Putin has..." yes, "Moreover, ..." no)."""
    return frozenset(
        m.group() for t in texts for k, m in enumerate(tokens(t)) if k and m.group()[:1].isupper()
    )


def pivot_target(doc: Document, translator: Translator) -> PivotSide:
    """Translate the target back into the pivot language and gloss its words."""
    texts = [s.text for s in doc.sentences]
    pivots = tuple(translator.translate(texts, doc.lang, PIVOT_LANG)) if texts else ()
    lexicon = load_lexicon(doc.lang)
    words = []
    for text, pivot in zip(texts, pivots):
        glossed = _foreign_words(text, lexicon)
        # words of a neural pivot add what the lexicon does not know; the lexical backend's
        # pivot is made of the same glosses, so this adds nothing there
        extra = frozenset().union(*(w.keys for _, w in _english_readings(pivot, lexicon)))
        words.append(_attach_pivot_keys(glossed, extra))
    return _side(doc.lang, pivots, tuple(words))


def stem(key: str) -> str:
    """A lemma key cut to ``STEM_CHARS``: a word-by-word pivot often picks a sibling of the
    right word ("militarily" for military, "technique" for technology). Name (``~``) and
    number (``#``) keys stay whole."""
    return key if key[:1] in "~#" else key[:STEM_CHARS]


def sentence_terms(pivot_text: str, words: Iterable[Word]) -> tuple[str, ...]:
    """A sentence's terms, for candidate generation and cheap pre-tests: the stemmed lemmas
    of its pivot translation's content words in reading order, then the cross-script keys
    of its ``words``' names and the stemmed English loans its unknown words sound like;
    each term once.

    The pivot translation gives one (the most likely) sense per word; every sense a word
    can mean would bloat the sets and sink the similarity of true translations. The order
    lets candidate generation also compare consecutive terms, which finds a copied
    passage even where all its words are common ones.
    """
    terms = dict.fromkeys(_pivot_term(match.group()) for match in tokens(pivot_text))
    terms.update(dict.fromkeys(stem(key) for word in words for key in (word.name, word.loan)))
    terms.pop("", None)
    return tuple(terms)


def pivot_terms(doc: Document, translator: Translator | None) -> tuple[tuple[str, ...], ...]:
    """Per sentence, the ``sentence_terms`` of ``doc`` pivoted by ``translator`` (None for a
    document in the pivot language, or in one no translator covers).

    The same sets as ``sentence_terms`` over ``pivot_target``'s (``pivot_source``'s)
    sentences, without building their words: reading a large collection needs only these.
    """
    texts = [s.text for s in doc.sentences]
    if translator is None:
        capitalised = _capitalised(texts)
        return tuple(sentence_terms(t, _english_names(t, capitalised)) for t in texts)
    pivots = translator.translate(texts, doc.lang, PIVOT_LANG) if texts else []
    lexicon = load_lexicon(doc.lang)
    return tuple(
        sentence_terms(p, (_foreign_word(m.group(), lexicon) for m in tokens(t)))
        for t, p in zip(texts, pivots)
    )


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _pivot_term(token: str) -> str:
    """A pivot-language token's term: its stemmed lemma, or "" for a stopword."""
    gloss = english_gloss(token)
    return "" if gloss.stopword else stem(gloss.stem)


def _side(lang: str, texts: tuple[str, ...], words: tuple[tuple[Word, ...], ...]) -> PivotSide:
    vocabulary = frozenset().union(*(w.keys for sentence in words for w in sentence))
    return PivotSide(lang, texts, words, vocabulary)


def _attach_pivot_keys(words: Sequence[Word], pivot_keys: frozenset[str]) -> tuple[Word, ...]:
    known = frozenset().union(*(w.keys for w in words))
    missing = pivot_keys - known
    if not missing:
        return tuple(words)
    # keys only the pivot has are carried by a zero-width pseudo-word at the sentence end,
    # so bag similarity sees them while word-level detectors ignore them
    end = words[-1].end if words else 0
    return (*words, Word("", end, end, missing, True, frozenset()))


def is_english_word(word: str) -> bool:
    """Whether an English dictionary knows the word ("Broadcasting" yes, "Tokayev" no)."""
    return simplemma.is_known(word.lower(), lang="en")


def _sound_keys(latin: str) -> tuple[str, str]:
    """Cross-script key of a name, and of a loanword ("" where there is none): the
    consonant skeleton after coarse sound merging (Sinopharm and सिनोफार्म both give
    ``~snfrm``). An ordinary word also matches by sound (police/पुलिस) only when its
    skeleton is as long as the lexicon's loan table asks, so as not to collide by chance."""
    skeleton = phonetic_key(latin).replace("a", "")
    key = f"~{skeleton}"
    return key if skeleton else "", key if len(skeleton) >= MIN_LOAN_CONSONANTS else ""


def _english_words(
    text: str, renderable: Lexicon | None, capitalised: frozenset[str] | None = None
) -> tuple[Word, ...]:
    """English words keyed on their lemma; names also on their cross-script name key.

    A name is a capitalised word that is no ordinary word: the target lexicon has no
    rendering for it ("Tokayev", "CGTN"; not "Winter" or "Since"). All-capital acronyms
    are names whatever the lexicon says. A sentence's first word is a name only if
    ``capitalised`` (when given) holds it too.
    """
    return tuple(word.at(match) for match, word in _english_readings(text, renderable, capitalised))


def _english_readings(
    text: str, renderable: Lexicon | None, capitalised: frozenset[str] | None = None
) -> Iterator[tuple[regex.Match[str], Word]]:
    """Each word of ``text`` with the reading (at offset 0) it takes there."""
    for k, match in enumerate(tokens(text)):
        plain, named = _english_word(match.group(), renderable)
        if named is not None and _reads_as_name(named.text, k, capitalised):
            yield match, named
        else:
            yield match, plain


def _english_names(text: str, capitalised: frozenset[str]) -> Iterator[Word]:
    """The words of ``text`` that ``_english_readings`` reads as names (no reader given),
    without reading the rest of each word: only a capitalised word can be a name."""
    for k, match in enumerate(tokens(text)):
        word = match.group()
        if word[:1].isupper() and _reads_as_name(word, k, capitalised):
            named = _english_word(word, None)[1]
            if named is not None:
                yield named


def _reads_as_name(word: str, position: int, capitalised: frozenset[str] | None) -> bool:
    """Whether a word that can be a name is one at ``position`` in its sentence: a first
    word only if its document capitalises it elsewhere too (or when that is not known)."""
    return bool(position) or capitalised is None or word in capitalised or _is_acronym(word)


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _english_word(word: str, renderable: Lexicon | None) -> tuple[Word, Word | None]:
    """One English word at offset 0, as an ordinary word and as a name (None when it is
    never one). Which reading a sentence-initial word gets depends on its document, so
    both are kept; the rest of the word's keys depend on the word alone, and are worked
    out once per word rather than per occurrence."""
    g = english_gloss(word)
    if g.is_number:
        return Word(word, g.start, g.end, frozenset({f"#{word}"}), True, frozenset()), None
    lemma = g.meanings[0]
    meanings = frozenset({lemma})
    if g.stopword:
        return Word(word, g.start, g.end, frozenset({lemma}), False, meanings), None
    name, loan = _sound_keys(word)
    plain = Word(word, g.start, g.end, frozenset(filter(None, (lemma, loan))), True, meanings)
    if not name or not word[:1].isupper():
        return plain, None
    if renderable is not None and renderable.renderings(word) and not _is_acronym(word):
        return plain, None
    named = Word(word, g.start, g.end, frozenset(filter(None, (lemma, name))), True, meanings, name)
    return plain, named


def _foreign_words(text: str, lexicon: Lexicon) -> tuple[Word, ...]:
    """Foreign words keyed on the English lemmas they can mean; unknown words on a name key."""
    return tuple(_foreign_word(match.group(), lexicon).at(match) for match in tokens(text))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _foreign_word(word: str, lexicon: Lexicon) -> Word:
    """One foreign word at offset 0 with its keys (worked out once per word, not per use)."""
    g = lexicon.lookup(word)
    if g.is_number:
        return Word(word, g.start, g.end, frozenset({f"#{word}"}), True, frozenset())
    if _LATIN.fullmatch(word):
        # source-language text left in the translation compares as itself
        lemma = english_lemma(word)
        return Word(word, g.start, g.end, frozenset({lemma}), True, frozenset({lemma}))
    meanings = frozenset(g.meanings)
    name, loan = _sound_keys(g.romanized)
    if meanings:
        name = ""
    sound = name or loan
    keys = meanings | ({sound} if sound else set())
    english = english_lemma(g.loans[0]) if g.loans and not g.stopword else ""
    return Word(word, g.start, g.end, frozenset(keys), not g.stopword, meanings, name, english)


_LATIN = regex.compile(r"[\p{Latin}'’-]+")
