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
from itertools import pairwise

import regex

from dupcheck.records import Document, Sentence
from dupcheck.text.load import InputFormat

#: marks that always end a sentence: danda, double danda, Urdu full stop, Arabic question mark
_ALWAYS_FINAL = "।॥۔؟"
_CLOSERS = "\"')]}»"
#: keyboard stand-ins for a final mark: "|" for the danda after Hindi, "-" for "۔" after Urdu
_STAND_IN_FINAL = r"(?<=\p{Devanagari}[\p{M}]* ?)\|(?=\s|$)|(?<=\p{Arabic})-(?=\s+\p{Arabic})"
_BOUNDARY = regex.compile(
    rf"(?:[{_ALWAYS_FINAL}]+|{_STAND_IN_FINAL}|[.!?…]+(?=[{regex.escape(_CLOSERS)}]*(?:\s|$)))"
    rf"[{_ALWAYS_FINAL}.!?…]*[{regex.escape(_CLOSERS)}]*"
)
_ENDS_FINAL = regex.compile(rf"[{_ALWAYS_FINAL}.!?…][{regex.escape(_CLOSERS)}]*$")
_ENDS_OPEN = regex.compile(r"[,;:\-\u2013\u2014]$")
_LAST_TOKEN = regex.compile(r"(\S+)$")
_DOTTED_ACRONYM = regex.compile(r"(?:\p{L}\.)+\p{L}")
_CONTENT = regex.compile(r"[\p{L}\p{N}]")
_OPENERS = "\"'([{«"

#: words after which "." does not end a sentence (compared lower-cased, without the dot)
# fmt: off
_ABBREVIATIONS = frozenset({
    # English titles, ranks, company forms and Latin abbreviations
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col",
    "capt", "sgt", "cmdr", "adm", "maj", "mt", "ft", "rev", "hon", "pres", "supt", "inc", "ltd",
    "co", "corp", "bros", "vs", "v", "no", "nos", "vol", "fig", "approx", "dept", "est", "e.g",
    "i.e", "cf", "al",
    # Hindi: Dr., Prof., Shri, ... and Latin initials spelt in Devanagari ("ए. पी. जे.")
    "डॉ", "प्रो", "श्री", "सं", "पृ", "ई.पू", "मि", "ए", "बी", "सी", "डी", "एफ", "जी", "एच", "आई",
    "जे", "के", "एल", "एम", "एन", "ओ", "पी", "आर", "एस", "टी", "यू", "वी",
    # Arabic د. (doctor); not م. (AD), which mostly ends a sentence after a year
    "د",
})
#: "Jan. 5": a month ends a sentence only when no day number follows
_MONTHS = frozenset({
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
#: after a dotted acronym ("U.S."), these capitalised words start a new sentence
_SENTENCE_STARTERS = frozenset({
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "This", "That", "These", "Those",
    "But", "And", "In", "On", "At", "His", "Her", "Their", "Its", "Our", "There", "Some", "Many",
    "Most",
})
# fmt: on
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
        spans = list(_sentence_spans(doc.text))
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


def _sentence_spans(text: str) -> Iterator[tuple[int, int, bool]]:
    lines = list(_lines(text))
    for block_start, block_end, headline in _paragraphs(text, lines):
        if headline:
            yield block_start, block_end, True
            continue
        for s, e in _split_paragraph(text, block_start, block_end):
            if _CONTENT.search(text, s, e):
                yield s, e, False


def _paragraphs(text: str, lines: list[tuple[int, int]]) -> Iterator[tuple[int, int, bool]]:
    """Runs of lines to segment as one stretch of text; the flag marks a headline.

    A paragraph ends at a line with a final mark, or at a line without one that looks like
    a heading (short, followed by a capital or another script). In a hard-wrapped text
    single line breaks do not end a paragraph; only blank lines may.
    """
    wrapped = _is_hard_wrapped(text, lines)
    start = None
    for i, (s, e) in enumerate(lines):
        start = s if start is None else start
        if i + 1 == len(lines):
            yield start, e, False
            return
        next_s = lines[i + 1][0]
        blank_after = text.count("\n", e, next_s) > 1
        line = text[s:e]
        if _ENDS_FINAL.search(line):
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


def _is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether most single line breaks fall inside a sentence (a wrapped text) rather
    than after one (a text with one paragraph per line); one such break proves nothing."""
    single_breaks = [
        (s, e) for (s, e), (next_s, _) in pairwise(lines) if text.count("\n", e, next_s) == 1
    ]
    mid_sentence = sum(not _ENDS_FINAL.search(text, s, e) for s, e in single_breaks)
    return mid_sentence >= 2 and mid_sentence * 2 > len(single_breaks)


def _split_paragraph(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    sentence_start = start
    for m in _BOUNDARY.finditer(text, start, end):
        if not _is_boundary(text, sentence_start, m, end):
            continue
        yield sentence_start, m.end()
        sentence_start = m.end()
        while sentence_start < end and text[sentence_start].isspace():
            sentence_start += 1
    if sentence_start < end:
        yield sentence_start, end


def _is_boundary(text: str, sentence_start: int, mark: regex.Match[str], end: int) -> bool:
    # look at a window on either side only, so a huge paragraph stays linear
    following = text[mark.end() : min(end, mark.end() + _LOOK)]
    after = following.lstrip()
    if not after:
        return True
    marks = mark.group().rstrip(_CLOSERS)
    if any(ch in _ALWAYS_FINAL or ch in "|-" for ch in marks):
        return True
    next_word = after.lstrip(_OPENERS)
    if next_word[:1].islower():
        return False  # '"Why?" he asked', 'approx. five'
    if marks != ".":
        return True
    token_match = _LAST_TOKEN.search(text, max(sentence_start, mark.start() - _LOOK), mark.start())
    token = token_match.group(1).lstrip(_OPENERS) if token_match else ""
    if token.lower() in _ABBREVIATIONS or token.lower().rstrip(".") in _ABBREVIATIONS:
        return False
    if token.lower() in _MONTHS:
        return not next_word[:1].isdigit()
    if len(token) == 1 and token.isupper():
        return False  # an initial: "J. K. Rowling"
    if _DOTTED_ACRONYM.fullmatch(token):
        # at a paragraph's end it was a boundary above; a line break here is a soft wrap
        first = regex.match(r"\w+", next_word)
        return bool(first and first.group() in _SENTENCE_STARTERS)
    return True
