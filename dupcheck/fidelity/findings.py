"""Find problems in an aligned pair of documents.

Each detector walks the alignment through one loop written in ``Detector.find`` and
fills the hook ``inspect`` for one bead. Every finding carries a reason code
(``omission.sentence``, ``number.magnitude``, ...) so that reports, baselines and
CI rules can refer to it.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import regex

from dupcheck.backends.encode.base import Encoder
from dupcheck.fidelity.wordalign import NAME_MATCH, WordAlignment, align_words
from dupcheck.lexical.lexicon import Lexicon
from dupcheck.lexical.numbers import Quantity, compare_quantities, extract_quantities
from dupcheck.lexical.pivot import PivotSide, Word, is_english_word
from dupcheck.lexical.translit import name_similarity
from dupcheck.records import Bead, Document, Finding, FindingType, Severity
from dupcheck.text.langid import find_foreign_runs


@dataclass(frozen=True, slots=True)
class PairView:
    """One bead of a checked pair with everything a detector may look at."""

    bead: Bead
    source_text: str
    target_text: str
    words: WordAlignment
    #: offset of the run's first sentence in its document's text, for finding spans
    source_offset: int
    target_offset: int


@dataclass(frozen=True, slots=True)
class CheckedPair:
    source: Document
    target: Document
    source_pivot: PivotSide
    target_pivot: PivotSide
    alignment: tuple[Bead, ...]
    #: the target language's lexicon: what its words can mean, how English words render
    lexicon: Lexicon
    #: tells whether two words across languages mean alike; None aligns on the lexicon alone
    encoder: Encoder | None = None

    def views(self) -> Iterator[PairView]:
        for bead in self.alignment:
            yield self.view(bead)

    def view(self, bead: Bead) -> PairView:
        src_words = _run_words(self.source_pivot, self.source, bead.source)
        tgt_words = _run_words(self.target_pivot, self.target, bead.target)
        return PairView(
            bead=bead,
            source_text=_run_text(self.source, bead.source),
            target_text=_run_text(self.target, bead.target),
            words=align_words(src_words, tgt_words, self.target.lang),
            source_offset=self.source.sentences[bead.source[0]].start if bead.source else 0,
            target_offset=self.target.sentences[bead.target[0]].start if bead.target else 0,
        )


def _run_text(doc: Document, indices: tuple[int, ...]) -> str:
    return " ".join(doc.sentences[i].text for i in indices)


def _run_words(side: PivotSide, doc: Document, indices: tuple[int, ...]) -> tuple[Word, ...]:
    """Words of a run with offsets relative to the run's joined text."""
    out: list[Word] = []
    shift = 0
    for i in indices:
        for w in side.words[i]:
            out.append(replace(w, start=w.start + shift, end=w.end + shift))
        shift += len(doc.sentences[i].text) + 1
    return tuple(out)


class Detector(ABC):
    type: FindingType

    def find(self, pair: CheckedPair, views: Iterable[PairView]) -> Iterator[Finding]:
        for view in views:
            yield from self.inspect(pair, view)

    @abstractmethod
    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        """Findings for one bead."""

    def _finding(
        self, severity: Severity, code: str, view: PairView, message: str,
        source_text: str | None = None, target_text: str | None = None,
        source_span: tuple[int, int] | None = None, target_span: tuple[int, int] | None = None,
    ) -> Finding:
        def absolute(span: tuple[int, int] | None, offset: int) -> tuple[int, int] | None:
            return None if span is None else (span[0] + offset, span[1] + offset)

        return Finding(
            type=self.type, severity=severity, code=code,
            source=view.bead.source, target=view.bead.target,
            source_text=view.source_text if source_text is None else source_text,
            target_text=view.target_text if target_text is None else target_text,
            message=message,
            source_span=absolute(source_span, view.source_offset),
            target_span=absolute(target_span, view.target_offset),
        )


class SentenceOmissions(Detector):
    """Source sentences with no counterpart, and clauses missing inside an aligned pair."""

    type = FindingType.OMISSION
    #: a clause this long whose words find almost no counterpart, in an otherwise matched pair
    min_clause_words = 4
    max_clause_match = 0.15
    min_rest_match = 0.5
    #: with an encoder: how much closer to the translation the rest of the sentence must
    #: embed than the clause does (a translated clause embeds about as close as the rest)
    min_gap = 0.07

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if view.bead.source and not view.bead.target:
            sentence = pair.source.sentences[view.bead.source[0]]
            if sentence.headline:
                yield self._finding(Severity.MINOR, "omission.headline", view,
                                    "headline has no counterpart in the translation")
            else:
                yield self._finding(Severity.MAJOR, "omission.sentence", view,
                                    "source sentence has no counterpart in the translation")
            return
        if view.bead.source and view.bead.target:
            yield from self._clauses(view, pair.encoder)

    def _clauses(self, view: PairView, encoder: Encoder | None) -> Iterator[Finding]:
        words = view.words.source
        matched = view.words.source_matched
        content = [i for i, w in enumerate(words) if w.content and w.keys and not w.name]
        if not content:
            return
        for start, end in _clause_spans(view.source_text):
            inside = [i for i in content if start <= words[i].start < end]
            outside = [i for i in content if i not in inside]
            if len(inside) < self.min_clause_words or len(outside) < self.min_clause_words:
                continue
            hit_in = sum(i in matched for i in inside) / len(inside)
            hit_out = sum(i in matched for i in outside) / len(outside)
            if hit_in <= self.max_clause_match and hit_out >= self.min_rest_match:
                clause = view.source_text[start:end].strip(" ,;:")
                rest = view.source_text[:start] + view.source_text[end:]
                if encoder is not None and not _dropped(encoder, clause, rest, view.target_text, self.min_gap):
                    continue
                yield self._finding(
                    Severity.MAJOR, "omission.clause", view,
                    f'clause "{clause}" has no counterpart in the aligned translation '
                    f"({hit_in:.0%} of its words matched, {hit_out:.0%} of the rest)",
                    source_text=clause, source_span=(start, end),
                )


# a comma between digits (9,000) or a colon in a time (9:30) breaks no clause
def _dropped(encoder: Encoder, clause: str, rest: str, target: str, min_gap: float) -> bool:
    clause_vec, rest_vec, target_vec = encoder.encode([clause, rest, target])
    return float(rest_vec @ target_vec) - float(clause_vec @ target_vec) >= min_gap


_CLAUSE_BREAK = regex.compile(r"(?<!\d)[,:]|[,:](?!\d)|[;()\u2014]|\s--\s|\s-\s")


def _clause_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [s for s in spans if s[1] > s[0]]


class SentenceAdditions(Detector):
    type = FindingType.ADDITION

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if view.bead.target and not view.bead.source:
            yield self._finding(Severity.MAJOR, "addition.sentence", view,
                                "translation sentence has no counterpart in the source")


class NumberChanges(Detector):
    type = FindingType.NUMBER

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if not (view.bead.source and view.bead.target):
            return
        src = extract_quantities(view.source_text, pair.source.lang)
        tgt = extract_quantities(view.target_text, pair.target.lang)
        if not src and not tgt:
            return
        comparison = compare_quantities(src, tgt)
        for s, t in comparison.mismatched:
            yield self._finding(
                Severity.MAJOR, "number.changed", view,
                f'"{s.text}" ({_describe(s)}) is rendered as "{t.text}" ({_describe(t)})',
                source_text=s.text, target_text=t.text,
                source_span=(s.start, s.end), target_span=(t.start, t.end),
            )
        for s in comparison.missing:
            yield self._finding(
                Severity.MAJOR, "number.missing", view,
                f'"{s.text}" ({_describe(s)}) has no counterpart in the translation',
                source_text=s.text, source_span=(s.start, s.end),
            )
        for t in comparison.extra:
            yield self._finding(
                Severity.MINOR, "number.added", view,
                f'"{t.text}" ({_describe(t)}) in the translation is not in the source',
                target_text=t.text, target_span=(t.start, t.end),
            )


def _describe(q: Quantity) -> str:
    if q.low == q.high:
        return f"{q.low:,.10g}"
    if q.high == math.inf:
        return f"more than {q.low:,.10g}"
    return f"{q.low:,.10g}–{q.high:,.10g}"


class MissingNames(Detector):
    """Names in the source with no counterpart in the aligned translation.

    A name spelled only roughly alike across scripts is a transliteration variant
    (Washington / वॉशिगंटन), not a finding. A name the whole translation never writes is
    major; one written elsewhere in it (moved to another sentence) is minor.
    """

    type = FindingType.ENTITY
    #: this alike across scripts: a variant spelling of the same name
    variant = 0.5

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if not (view.bead.source and view.bead.target):
            return
        words = view.words
        # every target word counts, matched or not: a lexicon link may have taken the
        # name's rendering for an ordinary word (जॉर्ज is also "gorge")
        free = [w.text for w in words.target if w.text and w.content]
        for i, w in enumerate(words.source):
            # capitalised dictionary words ("Geological Survey") are not names to miss
            if not w.name or i in words.source_matched or is_english_word(w.text):
                continue
            if any(name_similarity(w.text, t, pair.target.lang) >= self.variant for t in free):
                continue
            elsewhere = _written_near(pair, view, w)
            yield self._finding(
                Severity.MINOR if elsewhere else Severity.MAJOR, "entity.missing", view,
                f'name "{w.text}" has no counterpart in the aligned translation'
                + (" (it appears elsewhere in the translation)" if elsewhere else " nor near it"),
                source_text=w.text, source_span=(w.start, w.end),
            )


def _written_near(pair: CheckedPair, view: PairView, name: Word, reach: int = 2) -> bool:
    """Whether the translation writes the name: its sound key anywhere, or a spelling
    alike enough within ``reach`` sentences of the pair (a sentence moved nearby)."""
    if name.name in pair.target_pivot.vocabulary:
        return True
    first, last = min(view.bead.target) - reach, max(view.bead.target) + reach
    near = pair.target_pivot.words[max(first, 0) : last + 1]
    return any(
        name_similarity(name.text, w.text, pair.target.lang) >= NAME_MATCH
        for sentence in near for w in sentence if w.text and w.content
    )


class UntranslatedText(Detector):
    """Runs of ordinary source-language words left in the translation.

    Names, acronyms and model numbers stay in Latin script in a good Hindi or Arabic
    text ("JAS 39C Gripen"), so a run counts only for its lowercase words.
    """

    type = FindingType.UNTRANSLATED
    min_words = 3

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if not view.bead.target:
            return
        for run in _foreign_runs(pair.target.text, pair.target.lang):
            if run.lang != pair.source.lang:
                continue
            for index in view.bead.target:
                sentence = pair.target.sentences[index]
                start, end = max(run.start, sentence.start), min(run.end, sentence.end)
                text = pair.target.text[start:end]
                ordinary = [w for w in _LATIN_WORD.findall(text) if w.islower() and len(w) > 1]
                if end > start and len(ordinary) >= self.min_words:
                    yield Finding(
                        type=self.type, severity=Severity.MAJOR, code="untranslated.run",
                        source=view.bead.source, target=view.bead.target,
                        source_text=view.source_text, target_text=text,
                        message=f'"{_clip(text)}" is left in {pair.source.lang}, untranslated',
                        target_span=(start, end),
                    )


_LATIN_WORD = regex.compile(r"\p{Latin}+")
#: the runs of the document being checked, found once for all its beads: loading leaves
#: them out, as only this detector needs them
_foreign_runs = lru_cache(maxsize=4)(find_foreign_runs)


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
            if sim is not None:
                if sim >= (self.quoted_similarity if in_quote else self.linked_similarity):
                    continue
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
        for rendering in lexicon.renderings(lemma):
            related |= lexicon.meanings(rendering)
    return frozenset(related | {_american(r) for r in related} | {_british(r) for r in related})


def _american(word: str) -> str:
    return regex.sub(r"our$", "or", regex.sub(r"ise$", "ize", word))


def _british(word: str) -> str:
    return regex.sub(r"(?<=[^aeiou])or$", "our", regex.sub(r"ize$", "ise", word))


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


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


DETECTORS: tuple[Detector, ...] = (
    SentenceOmissions(), SentenceAdditions(), NumberChanges(), MissingNames(),
    UntranslatedText(), Mistranslations(),
)


def find_problems(
    pair: CheckedPair, views: Sequence[PairView] | None = None,
    detectors: Iterable[Detector] = DETECTORS,
) -> tuple[Finding, ...]:
    views = list(pair.views()) if views is None else views
    findings = [f for d in detectors for f in d.find(pair, views)]
    order = {(b.source, b.target): k for k, b in enumerate(pair.alignment)}
    findings.sort(key=lambda f: (order[(f.source, f.target)], -f.severity.rank, f.code))
    return tuple(findings)
