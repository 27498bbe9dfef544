"""Second pipeline stage: split a document's text into sentences.

Rules rather than a library (benchmarks/bench_segment.py, FLORES-200 dev paragraphs,
boundary F1 en/hi/ur): dupcheck 0.93/0.90/0.91, sentencex 0.92/0.88/0.86 (it misses the
Urdu keyboard full stop and, on seed 000, the danda before a closing quote: 10 sentences
for 27), pysbd 0.92/0.50/0.84 at ~1 ms a sentence, 40 times slower.
A paragraph is a line, or a block between blank lines in a hard-wrapped text; inside it a
sentence ends at a final mark and any closing quotes after it, unless the mark ends an
abbreviation or the next word is lower case.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise

import regex

from dupcheck.languages import Language, with_pivot
from dupcheck.records import Document, Sentence
from dupcheck.text.load import InputFormat

#: ASCII quotes and brackets close and open sentences in every language; a language adds
#: its own quotation marks (``[sentences] quotes``)
_ASCII_CLOSERS = "\"')]}"
_ASCII_OPENERS = "\"'([{"
_CONTENT = regex.compile(r"[\p{L}\p{N}]")
_ENDS_OPEN = regex.compile(r"[,;:\-\u2013\u2014]$")
_LAST_TOKEN = regex.compile(r"(\S+)$")
_DOTTED_ACRONYM = regex.compile(r"(?:\p{L}\.)+\p{L}")
# a script without case spells each letter of an acronym by its name, one to three
# letters with their vowel signs (एन.एस.ए. NSA, जी.पी.एस. GPS, डी.डी.ओ.एस. DDoS)
_DOTTED_LETTER_NAMES = regex.compile(r"(?:(?:\p{L}\p{M}*){1,3}\.)+(?:\p{L}\p{M}*){1,3}")


class _Rules:
    """The sentence rules of the languages a text is read with (``languages.with_pivot``):
    its own and English's, since news in any language quotes English."""

    def __init__(self, languages: tuple[Language, ...]) -> None:
        rules = [lang.sentences for lang in languages]
        self.always_final = "".join(dict.fromkeys(c for r in rules for c in r.final_marks))
        self.stand_in_marks = "".join(mark for r in rules for mark, _ in r.stand_ins)
        self.closers = _ASCII_CLOSERS + "".join(close for r in rules for _, close in r.quotes)
        self.openers = _ASCII_OPENERS + "".join(open_ for r in rules for open_, _ in r.quotes)
        closers = regex.escape(self.closers)
        finals = [rf"[{self.always_final}]+"] if self.always_final else []
        finals += [pattern for r in rules for _, pattern in r.stand_ins]
        finals.append(rf"[.!?…]+(?=[{closers}]*(?:\s|$))")
        self.boundary = regex.compile(
            rf"(?:{'|'.join(finals)})[{self.always_final}.!?…]*[{closers}]*"
        )
        self.ends_final = regex.compile(rf"[{self.always_final}.!?…][{closers}]*$")
        self.abbreviations = frozenset(a for r in rules for a in r.abbreviations)
        self.months = frozenset(m for r in rules for m in r.months)
        self.sentence_starters = frozenset(w for r in rules for w in r.sentence_starters)


@lru_cache(maxsize=16)
def _rules(languages: tuple[Language, ...]) -> _Rules:
    return _Rules(languages)


#: a line with at least this many words and no final mark is a sentence broken across
#: lines, not a heading
_MIN_PARAGRAPH_WORDS = 12
#: characters looked at on each side of a candidate boundary
_LOOK = 80


def segment(doc: Document, *, input_format: InputFormat = "text") -> Document:
    """``doc`` with ``sentences`` filled; each sentence's offsets index ``doc.text``.

    ``input_format="lines"`` keeps one sentence per non-empty line, as Vecalign and
    hunalign take their input.
    """
    if input_format == "lines":
        spans = [(s, e, False) for s, e in _lines(doc.text)]
    else:
        spans = list(_sentence_spans(doc.text, _rules(with_pivot(doc.lang))))
    sentences = tuple(
        Sentence(index=i, text=doc.text[s:e], start=s, end=e, headline=headline)
        for i, (s, e, headline) in enumerate(spans)
    )
    return replace(doc, sentences=sentences)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, without its surrounding spaces."""
    for m in regex.finditer(r"[^\n]*\S[^\n]*", text):
        line = m.group()
        yield m.start() + len(line) - len(line.lstrip()), m.end() - len(line) + len(line.rstrip())


def _sentence_spans(text: str, rules: _Rules) -> Iterator[tuple[int, int, bool]]:
    lines = list(_lines(text))
    for block_start, block_end, headline in _paragraphs(text, lines, rules):
        if headline:
            yield block_start, block_end, True
            continue
        for s, e in _split_paragraph(text, block_start, block_end, rules):
            if _CONTENT.search(text, s, e):
                yield s, e, False


def _paragraphs(
    text: str, lines: list[tuple[int, int]], rules: _Rules
) -> Iterator[tuple[int, int, bool]]:
    """Runs of lines to segment as one stretch of text; the flag marks a headline.

    A paragraph ends at a line with a final mark, or at a line without one that looks like
    a heading (short, followed by a capital or another script). In a hard-wrapped text
    single line breaks do not end a paragraph; only blank lines may.
    """
    wrapped = _is_hard_wrapped(text, lines, rules)
    start = None
    for i, (s, e) in enumerate(lines):
        start = s if start is None else start
        if i + 1 == len(lines):
            yield start, e, False
            return
        next_s = lines[i + 1][0]
        blank_after = text.count("\n", e, next_s) > 1
        line = text[s:e]
        if rules.ends_final.search(line):
            if blank_after or not wrapped:
                yield start, e, False
                start = None
            continue
        if i == 0 and blank_after:
            yield start, e, True
            start = None
            continue
        continues = (
            (wrapped and not blank_after)
            or len(line.split()) >= _MIN_PARAGRAPH_WORDS
            or bool(_ENDS_OPEN.search(line))
            or text[next_s].islower()
        )
        if not continues:
            yield start, e, False
            start = None


def _is_hard_wrapped(text: str, lines: list[tuple[int, int]], rules: _Rules) -> bool:
    """Whether most single line breaks fall inside a sentence (a wrapped text) rather
    than after one (a text with one paragraph per line); one such break proves nothing."""
    single_breaks = [
        (s, e) for (s, e), (next_s, _) in pairwise(lines) if text.count("\n", e, next_s) == 1
    ]
    mid_sentence = sum(not rules.ends_final.search(text, s, e) for s, e in single_breaks)
    return mid_sentence >= 2 and mid_sentence * 2 > len(single_breaks)


def _split_paragraph(text: str, start: int, end: int, rules: _Rules) -> Iterator[tuple[int, int]]:
    sentence_start = start
    for m in rules.boundary.finditer(text, start, end):
        if not _is_boundary(text, sentence_start, m, end, rules):
            continue
        yield sentence_start, m.end()
        sentence_start = m.end()
        while sentence_start < end and text[sentence_start].isspace():
            sentence_start += 1
    if sentence_start < end:
        yield sentence_start, end


def _is_boundary(
    text: str, sentence_start: int, mark: regex.Match[str], end: int, rules: _Rules
) -> bool:
    # look at a window on either side only, so a huge paragraph stays linear
    following = text[mark.end() : min(end, mark.end() + _LOOK)]
    after = following.lstrip()
    if not after:
        return True
    marks = mark.group().rstrip(rules.closers)
    if any(ch in rules.always_final or ch in rules.stand_in_marks for ch in marks):
        return True
    next_word = after.lstrip(rules.openers)
    if next_word[:1].islower():
        return False  # '"Why?" he asked', 'approx. five'
    if marks != ".":
        return True
    token_match = _LAST_TOKEN.search(text, max(sentence_start, mark.start() - _LOOK), mark.start())
    token = token_match.group(1).lstrip(rules.openers) if token_match else ""
    if token.lower() in rules.abbreviations or token.lower().rstrip(".") in rules.abbreviations:
        return False
    if token.lower() in rules.months:
        return not next_word[:1].isdigit()
    if len(token) == 1 and token.isupper():
        return False  # an initial: "J. K. Rowling"
    caseless = not any(c.isupper() or c.islower() for c in token)
    if _DOTTED_ACRONYM.fullmatch(token) or caseless and _DOTTED_LETTER_NAMES.fullmatch(token):
        # at a paragraph's end it was a boundary above; a line break here is a soft wrap
        first = regex.match(r"\w+", next_word)
        return bool(first and first.group() in rules.sentence_starters)
    return True
