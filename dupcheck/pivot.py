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

from dupcheck.lexicon import Lexicon, load_lexicon
from dupcheck.records import Document
from dupcheck.translate.base import Translator
from dupcheck.translit import name_key

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

    def bags(self) -> list[dict[str, float]]:
        """Weighted key bags for the aligner: a word with k meanings spreads its weight."""
        out = []
        for sentence in self.words:
            bag: dict[str, float] = {}
            for word in sentence:
                if not word.content or not word.keys:
                    continue
                weight = 1.0 / len(word.keys) ** 0.5
                for key in word.keys:
                    bag[key] = max(bag.get(key, 0.0), weight)
            out.append(bag)
        return out


def pivot_source(doc: Document) -> PivotSide:
    """The source side is already in the pivot language: its words key on their own lemmas."""
    lexicon = _lexicon_for(doc.lang)
    texts = tuple(s.text for s in doc.sentences)
    return PivotSide(doc.lang, texts, tuple(_english_words(t, lexicon) for t in texts))


def pivot_target(doc: Document, translator: Translator) -> PivotSide:
    """Translate the target back into the pivot language and gloss its words."""
    texts = [s.text for s in doc.sentences]
    pivots = tuple(translator.translate(texts, doc.lang, PIVOT_LANG)) if texts else ()
    lexicon = load_lexicon(doc.lang)
    english = _lexicon_for(PIVOT_LANG)
    words = []
    for text, pivot in zip(texts, pivots):
        glossed = _foreign_words(text, doc.lang, lexicon)
        # words of a neural pivot add what the lexicon does not know; the lexical backend's
        # pivot is made of the same glosses, so this adds nothing there
        extra = frozenset(k for w in _english_words(pivot, english) for k in w.keys)
        words.append(_attach_pivot_keys(glossed, extra))
    return PivotSide(doc.lang, pivots, tuple(words))


def _attach_pivot_keys(words: Sequence[Word], pivot_keys: frozenset[str]) -> tuple[Word, ...]:
    known = frozenset(k for w in words for k in w.keys)
    missing = pivot_keys - known
    if not missing:
        return tuple(words)
    # keys only the pivot has are carried by a zero-width pseudo-word at the sentence end,
    # so bag similarity sees them while word-level detectors ignore them
    end = words[-1].end if words else 0
    return (*words, Word("", end, end, missing, True, frozenset()))


def _lexicon_for(lang: str) -> Lexicon | None:
    return None if lang == PIVOT_LANG else load_lexicon(lang)


def _english_words(text: str, lexicon: Lexicon | None) -> tuple[Word, ...]:
    raise NotImplementedError


def _foreign_words(text: str, lang: str, lexicon: Lexicon) -> tuple[Word, ...]:
    raise NotImplementedError


__all__ = ["PIVOT_LANG", "PivotSide", "Word", "name_key", "pivot_source", "pivot_target"]
