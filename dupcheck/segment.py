"""Second pipeline stage: split a document's text into sentences.

Rule-based rather than a library: on FLORES-200 dev paragraphs sentencex misses most
Urdu boundaries (no ``۔``) and splits Hindi quotes badly, and pysbd is ~100x slower than
the 1,000-sentences-a-second budget and weak on Hindi (benchmarks/bench_segment.py).
The rules: a paragraph is a line (or, in a text whose paragraphs are separated by blank
lines, a block of lines); inside it a sentence ends at a terminal mark with any closing
quotes after it, unless the mark ends an abbreviation or the next word is lower case.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import regex

from dupcheck.load import InputFormat
from dupcheck.records import Document, Sentence

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
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "gen",
        "gov",
        "sen",
        "rep",
        "lt",
        "col",
        "capt",
        "sgt",
        "cmdr",
        "adm",
        "maj",
        "mt",
        "ft",
        "rev",
        "hon",
        "pres",
        "supt",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "vs",
        "v",
        "no",
        "nos",
        "vol",
        "fig",
        "approx",
        "dept",
        "est",
        "e.g",
        "i.e",
        "cf",
        "al",
        "डॉ",
        "प्रो",
        "श्री",
        "सं",
        "पृ",
        "ई.पू",
        "मि",
        "ए",
        "बी",
        "सी",
        "डी",
        "एफ",
        "जी",
        "एच",
        "आई",
        "जे",
        "के",
        "एल",
        "एम",
        "एन",
        "ओ",
        "पी",
        "आर",
        "एस",
        "टी",
        "यू",
        "वी",
        "د",
        "م",
        "ص",
    ]
)
#: "Jan. 5": a month ends a sentence only when no day number follows
_MONTHS = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
#: after a dotted acronym ("U.S."), these capitalised words start a new sentence
_SENTENCE_STARTERS = frozenset(
    [
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "This",
        "That",
        "These",
        "Those",
        "But",
        "And",
        "In",
        "On",
        "At",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
        "There",
        "Some",
        "Many",
        "Most",
    ]
)
#: a line with at least this many words and no final mark is a sentence broken across
#: lines, not a heading
_MIN_PARAGRAPH_WORDS = 12


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
    a heading (short, followed by a capital or another script). A text with blank lines
    between paragraphs is taken to be hard-wrapped: single line breaks inside a block do
    not end it.
    """
    wrapped = "\n\n" in text
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
    after = text[mark.end() : end].lstrip()
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
    token_match = _LAST_TOKEN.search(text, sentence_start, mark.start())
    token = token_match.group(1).lstrip(_OPENERS) if token_match else ""
    if token.lower() in _ABBREVIATIONS or token.lower().rstrip(".") in _ABBREVIATIONS:
        return False
    if token.lower() in _MONTHS:
        return not next_word[:1].isdigit()
    if len(token) == 1 and token.isupper():
        return False  # an initial: "J. K. Rowling"
    if _DOTTED_ACRONYM.fullmatch(token):
        first = regex.match(r"\w+", next_word)
        return "\n" in text[mark.end() : end] or bool(first and first.group() in _SENTENCE_STARTERS)
    return True
