"""Weekdays and months ("on Monday" → "सोमवार को", "in February" → "في فبراير"), which a
translation keeps as it keeps its numbers: a wire story's "said on Tuesday" rendered as
Wednesday is a changed date, and no word-level similarity tells one weekday from
another (they sit together in any encoder's space).

The names are data (``[calendar]`` in each language's file); a spelling that is also an
ordinary word (English "May", Arabic الاثنين "the two") counts only beside a digit or
next to a cue word ("in May", يوم الاثنين). A language whose file has no names is not
compared.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from dupcheck.languages import PIVOT, CalendarWords, language
from dupcheck.lexical.numbers.extract import _Spelling

DAY, MONTH = "day", "month"


@dataclass(frozen=True, slots=True)
class CalendarName:
    """A weekday or month named in a text; ``start``/``end`` index that text."""

    text: str
    start: int
    end: int
    #: DAY or MONTH
    kind: str
    #: 0 for Monday or January
    index: int


@dataclass(frozen=True, slots=True)
class CalendarComparison:
    #: (source, target) names of the same kind where the translation names another one
    changed: tuple[tuple[CalendarName, CalendarName], ...]
    #: source names with nothing of their kind left across
    missing: tuple[CalendarName, ...]
    #: translation names with nothing of their kind left in the source
    added: tuple[CalendarName, ...]


@dataclass(frozen=True, slots=True)
class _Reader:
    pattern: regex.Pattern[str]
    #: folded spelling → (kind, index, cued)
    names: dict[str, tuple[str, int, bool]]
    spelling: _Spelling
    cues_before: frozenset[str]
    cues_after: frozenset[str]


@functools.cache
def _reader(lang: str) -> _Reader | None:
    own = language(lang)
    if own is None or not own.calendar.days:
        return None
    calendar: CalendarWords = own.calendar
    spelling = _Spelling((own,))
    names: dict[str, tuple[str, int, bool]] = {}
    for kind, table in ((DAY, calendar.days), (MONTH, calendar.months)):
        for index, spellings in enumerate(table):
            for written in spellings:
                for variant in spelling.spellings(spelling.fold(written)):
                    names[variant] = (kind, index, written in calendar.cued)
    alternatives = "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))
    prefix = f"(?:{calendar.prefix})?" if calendar.prefix else ""
    # a name ends where a letter does not follow; an abbreviation ends with its dot
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){prefix}(?P<name>{alternatives})(?![\p{{L}}\p{{M}}])")
    return _Reader(
        pattern, names, spelling,
        frozenset(spelling.fold(c) for c in calendar.cues_before),
        frozenset(spelling.fold(c) for c in calendar.cues_after),
    )


_WORD = regex.compile(r"[\p{L}\p{M}\p{Nd}]+")


def calendar_names(text: str, lang: str) -> tuple[CalendarName, ...]:
    """The weekdays and months ``text`` names, in the language's own spellings."""
    reader = _reader(lang)
    if reader is None:
        return ()
    folded = reader.spelling.fold(text)  # one character to one: offsets hold
    found = []
    for match in reader.pattern.finditer(folded):
        kind, index, cued = reader.names[match.group("name")]
        start, end = match.span("name")
        if cued and not _cued(folded, match.start(), end, reader):
            continue
        found.append(CalendarName(text[start:end], start, end, kind, index))
    return tuple(found)


def _cued(text: str, start: int, end: int, reader: _Reader) -> bool:
    before = _WORD.findall(text[max(0, start - 30):start])
    after = _WORD.findall(text[end:end + 30])
    beside = before[-1:] + after[:1]
    return (
        any(w.isdigit() for w in beside)
        or bool(before) and before[-1].lower() in reader.cues_before
        or bool(after) and after[0].lower() in reader.cues_after
    )


def compare_calendar(source: Sequence[CalendarName], target: Sequence[CalendarName]) -> CalendarComparison:
    """Names the translation keeps (same kind and index) set aside; those left of a kind
    pair in order as changes; the rest are missing or added."""
    left_source, left_target = list(source), list(target)
    for s in source:
        kept = next((t for t in left_target if (t.kind, t.index) == (s.kind, s.index)), None)
        if kept is not None:
            left_source.remove(s)
            left_target.remove(kept)
    changed = []
    for s in list(left_source):
        other = next((t for t in left_target if t.kind == s.kind), None)
        if other is not None:
            changed.append((s, other))
            left_source.remove(s)
            left_target.remove(other)
    return CalendarComparison(tuple(changed), tuple(left_source), tuple(left_target))


def english_name(name: CalendarName) -> str:
    """The pivot's name for ``name``'s day or month ("Tuesday")."""
    pivot = language(PIVOT)
    table = pivot.calendar.days if name.kind == DAY else pivot.calendar.months  # type: ignore[union-attr]
    return table[name.index][0]
