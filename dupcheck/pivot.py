"""Pivot stage: bring both sides of a pair into one comparable term space.

The target is translated back into the source language (the pivot) by the configured
``Translator``; independently of that backend, every word of both sides is glossed by
the offline lexicon, so that each word carries the keys it can match on: pivot-language
lemmas it can mean, a number key, and a cross-script name key. The aligner compares
bags of these keys, the detectors compare words by them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex
import simplemma

from dupcheck.lexicon import Lexicon, english_glosses, english_lemma, load_lexicon
from dupcheck.records import Document
from dupcheck.translate.base import Translator
from dupcheck.translit import phonetic_key

PIVOT_LANG = "en"


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
    # a capitalised word that starts a sentence is a name only if the document also
    # capitalises it mid-sentence ("Putin has..." yes, "Moreover, ..." no)
    capitalised = frozenset(
        g.text for t in texts for k, g in enumerate(english_glosses(t)) if k and g.text[:1].isupper()
    )
    return _side(doc.lang, texts, tuple(_english_words(t, renderable, capitalised) for t in texts))


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
        extra = frozenset(k for w in _english_words(pivot, lexicon) for k in w.keys)
        words.append(_attach_pivot_keys(glossed, extra))
    return _side(doc.lang, pivots, tuple(words))


def _side(lang: str, texts: tuple[str, ...], words: tuple[tuple[Word, ...], ...]) -> PivotSide:
    vocabulary = frozenset(k for sentence in words for w in sentence for k in w.keys)
    return PivotSide(lang, texts, words, vocabulary)


def _attach_pivot_keys(words: Sequence[Word], pivot_keys: frozenset[str]) -> tuple[Word, ...]:
    known = frozenset(k for w in words for k in w.keys)
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


@lru_cache(maxsize=65536)
def _name_key(latin: str, min_consonants: int = 1) -> str:
    """Cross-script key of a name or loanword: its consonant skeleton after coarse sound
    merging (Sinopharm and सिनोफार्म both give ``~snfrm``)."""
    skeleton = phonetic_key(latin).replace("a", "")
    return f"~{skeleton}" if len(skeleton) >= min_consonants else ""


#: ordinary words also match by sound (loanwords: police/पुलिस, vaccine/वैक्सीन) when
#: their skeleton is long enough not to collide by chance
_LOANWORD_CONSONANTS = 3


def _english_words(
    text: str, renderable: Lexicon | None, capitalised: frozenset[str] | None = None
) -> tuple[Word, ...]:
    """English words keyed on their lemma; names also on their cross-script name key.

    A name is a capitalised word that is no ordinary word: the target lexicon has no
    rendering for it ("Tokayev", "CGTN"; not "Winter" or "Since"). All-capital acronyms
    are names whatever the lexicon says.
    """
    words = []
    for k, g in enumerate(english_glosses(text)):
        if g.is_number:
            words.append(Word(g.text, g.start, g.end, frozenset({f"#{g.text}"}), True, frozenset()))
            continue
        lemma = g.meanings[0]
        name = ""
        if g.text[:1].isupper() and not g.stopword:
            acronym = len(g.text) > 1 and g.text.isupper()
            ordinary = renderable is not None and bool(renderable.renderings(g.text))
            unsure_start = k == 0 and capitalised is not None and g.text not in capitalised
            if acronym or not (ordinary or unsure_start):
                name = _name_key(g.text)
        loan = "" if name or g.stopword else _name_key(g.text, _LOANWORD_CONSONANTS)
        keys = frozenset(filter(None, (lemma, name, loan)))
        words.append(Word(g.text, g.start, g.end, keys, not g.stopword, frozenset({lemma}), name))
    return tuple(words)


def _foreign_words(text: str, lexicon: Lexicon) -> tuple[Word, ...]:
    """Foreign words keyed on the English lemmas they can mean; unknown words on a name key."""
    words = []
    for g in lexicon.gloss(text):
        if g.is_number:
            words.append(Word(g.text, g.start, g.end, frozenset({f"#{g.text}"}), True, frozenset()))
            continue
        if _LATIN.fullmatch(g.text):
            # source-language text left in the translation compares as itself
            lemma = english_lemma(g.text)
            words.append(Word(g.text, g.start, g.end, frozenset({lemma}), True, frozenset({lemma})))
            continue
        meanings = frozenset(g.meanings)
        name = "" if meanings else _name_key(g.romanized)
        sound = name or _name_key(g.romanized, _LOANWORD_CONSONANTS)
        keys = meanings | ({sound} if sound else set())
        words.append(Word(g.text, g.start, g.end, frozenset(keys), not g.stopword, meanings, name))
    return tuple(words)


_LATIN = regex.compile(r"[\p{Latin}'’-]+")
