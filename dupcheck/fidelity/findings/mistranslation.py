"""Words rendered by a word that means something else ("ironclad" → "परेशान")."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import numpy as np
import regex

from dupcheck.backends.encode.base import Encoder
from dupcheck.fidelity.findings.base import CheckedPair, Detector, PairView
from dupcheck.fidelity.wordalign import NAME_MATCH, WordAlignment
from dupcheck.lexical.lexicon import Lexicon, name_similarity
from dupcheck.lexical.pivot import Word, is_english_word
from dupcheck.records import Finding, FindingType, Severity


class Mistranslations(Detector):
    """A source word with no counterpart facing a target word whose meanings are absent
    from the source.

    Two places make words face each other: the same position in a pair of quotations
    (the k-th quotation of a bead's source and of its target render each other, and a
    short quotation keeps its word order: "ironclad friendship" / "परेशान दोस्ती"), and
    the same side of the two ends of one word link (the modifier of the same head).
    "Absent" means none of the target word's meanings is a word of the source, nor shares
    a rendering with one, and (with an encoder) the two words embed far apart, so a mere
    gap in the lexicon does not read as a mistranslation. In a quotation it is a
    misquote: critical.

    The confidence follows the encoder's evidence: the further the two words embed below
    the similarity a translation reaches, the surer. Without an encoder the only evidence
    is the quotation's word order and the lexicon's silence, which free translations
    share ("clear evidence" / "स्पष्ट प्रमाण"): a quotation alone is no evidence, so the
    confidence is low and the finding stays below the gate.
    """

    type = FindingType.MISTRANSLATION
    #: e5 ("query: ") cosine of a word and its translation rarely falls below these
    #: (measured on FLORES dev word pairs; see benchmarks/README.md)
    quoted_similarity = 0.82
    linked_similarity = 0.80
    #: a word this alike another word of the pair is rendered there, not mistranslated
    explained_similarity = 0.86
    #: quotations longer than this (content words) no longer keep word order
    short_quote = 4
    #: the confidence of a quotation's word order and the lexicon alone
    lexical_confidence = 0.4
    #: confidence gained per unit of similarity below the threshold (0.1 below: sure)
    confidence_slope = 5.0

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if not (view.bead.source and view.bead.target):
            return
        words = view.words
        src_free = set(_unmatched_content(words.source, words.source_matched))
        tgt_free = set(_unmatched_content(words.target, words.target_matched, need_meanings=True))
        if not src_free or not tgt_free:
            return
        quoted = _quoted_pairs(view, src_free, tgt_free, self.short_quote)
        # next to a link, words face each other only loosely: without an encoder to tell
        # whether they mean alike, the lexicon's gaps would make too many false alarms
        linked = [] if pair.encoder is None else [
            (s, t) for s, t in _facing_pairs(words, src_free, tgt_free)
            if s not in {q[0] for q in quoted} and pair.lexicon.renderings(words.source[s].text)
        ]
        candidates = [(s, t, True) for s, t in quoted] + [(s, t, False) for s, t in linked]
        if not candidates:
            return
        # the related lemmas cost more than the rest of the check together: only for pairs
        # with words that face each other
        related = _related_lemmas(pair.lexicon, words.source)
        candidates = [
            (s, t, q) for s, t, q in candidates
            if not words.target[t].meanings & related
            # a word no English dictionary knows cannot be judged; one that sounds like
            # its facing word is a loanword written in the other script ("light", लाइट)
            and is_english_word(words.source[s].text)
            and name_similarity(words.source[s].text, words.target[t].text, pair.target.lang) < NAME_MATCH
        ]
        if not candidates:
            return
        similar = _SimilarityTable(pair.encoder, words, src_free, tgt_free)
        for s, t, in_quote in candidates:
            sim = similar.between(s, t)
            confidence = self.lexical_confidence
            if sim is not None:
                floor = self.quoted_similarity if in_quote else self.linked_similarity
                if sim >= floor:
                    continue
                confidence = 0.5 + self.confidence_slope * (floor - sim)
                # next to a link the facing is loose: a word that means alike some other
                # word of the pair is rendered there (or renders that one). A short
                # quotation keeps its order, so there the facing itself is the evidence.
                if not in_quote and similar.best_other(s, t) >= self.explained_similarity:
                    continue
            sw, tw = words.source[s], words.target[t]
            meanings = ", ".join(pair.lexicon.senses(tw.text)[:4])  # most common senses first
            evidence = "" if sim is None else f"; cross-lingual similarity {sim:.2f}"
            yield self._finding(
                Severity.CRITICAL if in_quote else Severity.MAJOR, "mistranslation.word", view,
                f'"{sw.text}" is rendered as "{tw.text}", which means {meanings}'
                + (" (inside a quotation)" if in_quote else "") + evidence,
                source_text=sw.text, target_text=tw.text,
                source_span=(sw.start, sw.end), target_span=(tw.start, tw.end),
                confidence=confidence,
            )


class _SimilarityTable:
    """Cross-lingual similarity of the unmatched words of one pair, embedded once."""

    def __init__(self, encoder: Encoder | None, words: WordAlignment, src: Collection[int], tgt: Collection[int]):
        self.src, self.tgt = sorted(src), sorted(tgt)
        self.table: np.ndarray | None = None
        if encoder is not None:
            texts = [words.source[i].text for i in self.src] + [words.target[j].text for j in self.tgt]
            vectors = encoder.encode(texts)
            self.table = vectors[: len(self.src)] @ vectors[len(self.src) :].T

    def between(self, s: int, t: int) -> float | None:
        if self.table is None:
            return None
        return float(self.table[self.src.index(s), self.tgt.index(t)])

    def best_other(self, s: int, t: int) -> float:
        """Highest similarity of ``s`` to another target word or of ``t`` to another source word."""
        assert self.table is not None
        i, j = self.src.index(s), self.tgt.index(t)
        row = np.delete(self.table[i], j)
        col = np.delete(self.table[:, j], i)
        return float(max(row.max(initial=-1.0), col.max(initial=-1.0)))


def _quoted_pairs(view: PairView, src_free: set[int], tgt_free: set[int], short: int) -> list[tuple[int, int]]:
    """Unmatched words at the same relative place in the k-th short quotation of each side."""
    src_quotes = _quote_spans(view.source_text)
    tgt_quotes = _quote_spans(view.target_text)
    if not src_quotes or len(src_quotes) != len(tgt_quotes):
        return []
    words = view.words
    pairs = []
    for (ss, se), (ts, te) in zip(src_quotes, tgt_quotes):
        src_in = [i for i, w in enumerate(words.source) if w.content and w.text and ss <= w.start < se]
        tgt_in = [i for i, w in enumerate(words.target) if w.content and w.text and ts <= w.start < te]
        if not src_in or not tgt_in or max(len(src_in), len(tgt_in)) > short:
            continue
        for rank, s in enumerate(src_in):
            if s not in src_free:
                continue
            t = tgt_in[min(round(rank * len(tgt_in) / len(src_in)), len(tgt_in) - 1)]
            if t in tgt_free:
                pairs.append((s, t))
    return pairs


def _quote_spans(text: str) -> list[tuple[int, int]]:
    marks = [m.start() for m in _QUOTE.finditer(text)]
    return list(zip(marks[0::2], marks[1::2]))


def _related_lemmas(lexicon: Lexicon, words: tuple[Word, ...]) -> frozenset[str]:
    """Source lemmas and every lemma that shares a foreign rendering with one of them,
    in both British and American spelling (the dictionaries mix them)."""
    lemmas = {m for w in words for m in w.meanings}
    related = set(lemmas)
    for lemma in lemmas:
        # the Arabic dictionary renders a few words ("civet") also as "", which no
        # lemmatiser takes: skipped, as it means nothing
        for rendering in filter(None, lexicon.renderings(lemma)):
            related |= lexicon.meanings(rendering)
    return frozenset(related | {_american(r) for r in related} | {_british(r) for r in related})


def _american(word: str) -> str:
    return _OUR.sub("or", _ISE.sub("ize", word))


def _british(word: str) -> str:
    return _OR.sub("our", _IZE.sub("ise", word))


_OUR, _ISE = regex.compile(r"our$"), regex.compile(r"ise$")
_OR, _IZE = regex.compile(r"(?<=[^aeiou])or$"), regex.compile(r"ize$")


def _unmatched_content(words: tuple[Word, ...], matched: frozenset[int], need_meanings: bool = False) -> list[int]:
    return [
        i for i, w in enumerate(words)
        if w.content and w.text and not w.name and i not in matched
        and (w.meanings if need_meanings else w.keys)
    ]


def _facing_pairs(words: WordAlignment, src_free: Collection[int], tgt_free: Collection[int]) -> list[tuple[int, int]]:
    """Unmatched words next to the two ends of one link, on the same side of it."""
    src_content = [i for i, w in enumerate(words.source) if w.content and w.text]
    tgt_content = [i for i, w in enumerate(words.target) if w.content and w.text]
    src_pos = {i: p for p, i in enumerate(src_content)}
    tgt_pos = {i: p for p, i in enumerate(tgt_content)}
    src_free_set, tgt_free_set = set(src_free), set(tgt_free)
    pairs: list[tuple[int, int]] = []
    for ls, lt in words.links:
        if ls not in src_pos or lt not in tgt_pos:
            continue
        for step in (-1, 1):
            ps, pt = src_pos[ls] + step, tgt_pos[lt] + step
            if not (0 <= ps < len(src_content) and 0 <= pt < len(tgt_content)):
                continue
            s, t = src_content[ps], tgt_content[pt]
            if s in src_free_set and t in tgt_free_set:
                pairs.append((s, t))
                src_free_set.discard(s)
                tgt_free_set.discard(t)
    return pairs


_QUOTE = regex.compile(r'"')
