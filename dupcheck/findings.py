"""Find problems in an aligned pair of documents.

Each detector walks the alignment through one loop written in ``Detector.find`` and
fills the hook ``inspect`` for one bead. Every finding carries a reason code
(``omission.sentence``, ``number.magnitude``, ...) so that reports, baselines and
CI rules can refer to it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from dupcheck.numbers import compare_quantities, extract_quantities
from dupcheck.pivot import PivotSide, Word
from dupcheck.records import Bead, Document, Finding, FindingType, Severity
from dupcheck.wordalign import WordAlignment, align_words


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
            words=align_words(src_words, tgt_words),
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
            out.append(Word(w.text, w.start + shift, w.end + shift, w.keys, w.content, w.meanings, w.name))
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
            yield from self._clauses(view)

    def _clauses(self, view: PairView) -> Iterator[Finding]:
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
                yield self._finding(
                    Severity.MAJOR, "omission.clause", view,
                    f'clause "{clause}" has no counterpart in the aligned translation '
                    f"({hit_in:.0%} of its words matched, {hit_out:.0%} of the rest)",
                    source_text=clause, source_span=(start, end),
                )


_CLAUSE_BREAK = regex.compile(r"[,;:()\u2014]|\s--\s|\s-\s")


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


def _describe(q) -> str:  # noqa: ANN001 - a numbers.Quantity
    if q.low == q.high:
        return f"{q.low:,.10g}"
    return f"{q.low:,.10g}–{q.high:,.10g}"


class NameChanges(Detector):
    """Names in the source whose counterpart in the translation is missing or different."""

    type = FindingType.ENTITY

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if not (view.bead.source and view.bead.target):
            return
        words = view.words
        src_names = [i for i, w in enumerate(words.source) if w.name and i not in words.source_matched]
        if not src_names:
            return
        tgt_names = [i for i, w in enumerate(words.target)
                     if w.name and not w.meanings and i not in words.target_matched]
        for i in src_names:
            w = words.source[i]
            if tgt_names:
                t = words.target[tgt_names[0]]
                yield self._finding(
                    Severity.MAJOR, "entity.changed", view,
                    f'name "{w.text}" does not correspond to "{t.text}" in the translation',
                    source_text=w.text, target_text=t.text,
                    source_span=(w.start, w.end), target_span=(t.start, t.end),
                )
            else:
                yield self._finding(
                    Severity.MINOR, "entity.missing", view,
                    f'name "{w.text}" has no counterpart in the translation',
                    source_text=w.text, source_span=(w.start, w.end),
                )


class UntranslatedText(Detector):
    """Runs of source-language text left in the translation."""

    type = FindingType.UNTRANSLATED
    min_words = 3

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if not view.bead.target:
            return
        for run in pair.target.foreign_runs:
            if run.lang != pair.source.lang:
                continue
            for index in view.bead.target:
                sentence = pair.target.sentences[index]
                start, end = max(run.start, sentence.start), min(run.end, sentence.end)
                text = pair.target.text[start:end]
                if end > start and len(text.split()) >= self.min_words:
                    yield Finding(
                        type=self.type, severity=Severity.MAJOR, code="untranslated.run",
                        source=view.bead.source, target=view.bead.target,
                        source_text=view.source_text, target_text=text,
                        message=f'"{_clip(text)}" is left in {pair.source.lang}, untranslated',
                        target_span=(start, end),
                    )


class Mistranslations(Detector):
    """A source word with no counterpart facing a target word whose meanings are absent
    from the source: the two stand in the same place (next to the same matched word, or
    alone unmatched in their sentences), so one was rendered as the other."""

    type = FindingType.MISTRANSLATION

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if not (view.bead.source and view.bead.target):
            return
        words = view.words
        src_free = _unmatched_content(words.source, words.source_matched)
        tgt_free = _unmatched_content(words.target, words.target_matched, need_meanings=True)
        if not src_free or not tgt_free:
            return
        source_lemmas = frozenset(k for w in words.source for k in w.keys)
        for s, t in _facing_pairs(words, src_free, tgt_free):
            sw, tw = words.source[s], words.target[t]
            if tw.meanings & source_lemmas:
                continue
            quoted = _inside_quotes(view.source_text, sw.start)
            severity = Severity.CRITICAL if quoted else Severity.MAJOR
            meanings = ", ".join(sorted(tw.meanings)[:4])
            yield self._finding(
                severity, "mistranslation.word", view,
                f'"{sw.text}" is rendered as "{tw.text}", which means {meanings}'
                + (" (inside a quotation)" if quoted else ""),
                source_text=sw.text, target_text=tw.text,
                source_span=(sw.start, sw.end), target_span=(tw.start, tw.end),
            )


def _unmatched_content(words: tuple[Word, ...], matched: frozenset[int], need_meanings: bool = False) -> list[int]:
    return [
        i for i, w in enumerate(words)
        if w.content and w.text and not w.name and i not in matched
        and (w.meanings if need_meanings else w.keys)
    ]


def _facing_pairs(words: WordAlignment, src_free: list[int], tgt_free: list[int]) -> list[tuple[int, int]]:
    """Unmatched words standing next to the two ends of the same link."""
    src_content = [i for i, w in enumerate(words.source) if w.content and w.text]
    tgt_content = [i for i, w in enumerate(words.target) if w.content and w.text]
    src_pos = {i: p for p, i in enumerate(src_content)}
    tgt_pos = {i: p for p, i in enumerate(tgt_content)}
    tgt_free_set = set(tgt_free)
    pairs: list[tuple[int, int]] = []
    taken: set[int] = set()
    for s in src_free:
        for ls, lt in words.links:
            if ls not in src_pos or lt not in tgt_pos or abs(src_pos[s] - src_pos[ls]) != 1:
                continue
            for step in (-1, 1):
                p = tgt_pos[lt] + step
                if 0 <= p < len(tgt_content) and tgt_content[p] in tgt_free_set - taken:
                    pairs.append((s, tgt_content[p]))
                    taken.add(tgt_content[p])
                    break
            if pairs and pairs[-1][0] == s:
                break
    if not pairs and len(src_free) == 1 and len(tgt_free) == 1:
        pairs.append((src_free[0], tgt_free[0]))
    return pairs


_QUOTE = regex.compile(r'"')


def _inside_quotes(text: str, position: int) -> bool:
    """Whether a position falls between an opening and a closing double quote."""
    return len(_QUOTE.findall(text, 0, position)) % 2 == 1


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


DETECTORS: tuple[Detector, ...] = (
    SentenceOmissions(), SentenceAdditions(), NumberChanges(), NameChanges(),
    UntranslatedText(), Mistranslations(),
)


def find_problems(pair: CheckedPair, detectors: Iterable[Detector] = DETECTORS) -> tuple[Finding, ...]:
    views = list(pair.views())
    findings = [f for d in detectors for f in d.find(pair, views)]
    order = {(b.source, b.target): k for k, b in enumerate(pair.alignment)}
    findings.sort(key=lambda f: (order[(f.source, f.target)], -f.severity.rank, f.code))
    return tuple(findings)
