"""Findings in each file's own coordinates: offsets and line/column of the original text.

Finding spans index the *normalised* text (datelines stripped, quotes straightened, CRLF
folded), which no consumer has. Normalisation is not one-to-one, so a piece is mapped back
by finding the same words in the file's decoded text: the same occurrence (the k-th) it is
in the normalised text; when normalisation changed the piece itself (curly quotes, odd
spaces), its first run of plain words is looked for, and the location keeps the piece's
length from where that run puts its start.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import regex

from dupcheck.records import Document, Finding, Location
from dupcheck.text.load import fold_characters

_WORD_RUN = regex.compile(r"[\p{L}\p{M}\p{N} ]{8,}")


def locate(original: str, normalised: str, start: int, end: int) -> Location | None:
    """Where ``normalised[start:end]`` is in ``original``, or None when it cannot be found
    there. The file is searched with its characters folded as normalisation folds them one
    for one, so that a piece in Arabic-Indic digits ("٢٥ ألف") is found as written."""
    piece = normalised[start:end]
    original = _folded(original)
    at = _nth(original, piece, _count(normalised, piece, start))
    if at is not None:
        return _location(original, at, at + len(piece))
    words = _WORD_RUN.search(piece)
    if words is None:
        return None
    probe = words.group().strip()
    lead = words.start() + words.group().index(probe)
    at = _nth(original, probe, _count(normalised, probe, start + lead))
    if at is None or at < lead:
        return None
    return _location(original, at - lead, _end_near(original, at - lead, len(piece)))


@lru_cache(maxsize=8)  # a document's file is searched once per finding and per sentence shown
def _folded(text: str) -> str:
    return fold_characters(text)


def as_written(doc: Document, start: int, end: int) -> str:
    """``doc.text[start:end]`` as its file writes it (its own digits, quotes and spaces),
    for a report that quotes the translation (a translation memory, the HTML page); as
    the check read it where the file's piece differs in more than those characters."""
    piece = doc.text[start:end]
    where = locate(doc.raw, doc.text, start, end) if doc.raw else None
    if where is None:
        return piece
    written = doc.raw[where.start : where.end]
    return written if fold_characters(written) == piece else piece


def locate_findings(findings: tuple[Finding, ...], source: Document, target: Document) -> tuple[Finding, ...]:
    """``findings`` with their source and target locations filled (those already set are kept)."""
    return tuple(
        replace(
            f,
            source_location=f.source_location or _where(source, f.source_span, f.source),
            target_location=f.target_location or _where(target, f.target_span, f.target),
        )
        for f in findings
    )


def _where(doc: Document, span: tuple[int, int] | None, sentences: tuple[int, ...]) -> Location | None:
    """The flagged words when there are some, else the finding's first sentence."""
    if span is None and sentences:
        first = doc.sentences[sentences[0]]
        span = (first.start, first.end)
    if span is None:
        return None
    return locate(doc.raw or doc.text, doc.text, *span)


def _count(text: str, piece: str, before: int) -> int:
    n, at = 0, text.find(piece)
    while 0 <= at < before:
        n, at = n + 1, text.find(piece, at + 1)
    return n


def _nth(text: str, piece: str, n: int) -> int | None:
    at = text.find(piece)
    for _ in range(n):
        if at < 0:
            return None
        at = text.find(piece, at + 1)
    return at if at >= 0 else None


def _end_near(text: str, at: int, length: int) -> int:
    """End of a piece whose characters changed in normalisation: same length, kept on its line."""
    line_end = text.find("\n", at)
    return min(at + length, len(text) if line_end < 0 else line_end)


def _location(text: str, start: int, end: int) -> Location:
    def line_col(offset: int) -> tuple[int, int]:
        line_start = text.rfind("\n", 0, offset) + 1
        return text.count("\n", 0, offset) + 1, offset - line_start + 1

    (l1, c1), (l2, c2) = line_col(start), line_col(end)
    return Location(start, end, l1, c1, l2, c2)
