"""Numbers, quantities, identifiers and dates that differ between a source sentence and its
translation."""

from __future__ import annotations

import math
from collections.abc import Iterable

from dupcheck.fidelity.findings.base import CheckedPair, Detector, PairView
from dupcheck.languages import PIVOT
from dupcheck.lexical.numbers import Quantity, compare_quantities, extract_quantities, says_one
from dupcheck.lexical.numbers.calendar import (
    CalendarName,
    calendar_names,
    compare_calendar,
    english_name,
)
from dupcheck.lexical.numbers.identifiers import Identifier, compare_identifiers
from dupcheck.records import Finding, FindingType, Severity

#: anything found at a place in a sentence: a quantity, an identifier, a day or month
Located = Quantity | Identifier | CalendarName

#: the confidence of a number written in digits that differs or is missing: digits are
#: copied or converted, rarely paraphrased
DIGITS_CONFIDENCE = 0.9
#: of an identifier whose digits the translation lacks: it may write it out ("R0" →
#: رقم التكاثر الأساسي, "basic reproduction number", three times in the TICO-19 ar calibration
#: documents, the only such cases in all four sets), so below the gate
IDENTIFIER_MISSING_CONFIDENCE = 0.45
#: of a small number written as a word ("two", "nine", "third"): a translation often
#: carries it in its grammar (the Arabic dual اليومين, Hindi तीनों "all three", an
#: ordinal नौवें), which the number reader does not see, so its absence is weaker evidence
WORDS_CONFIDENCE = 0.4
_SMALL = 12


class NumberChanges(Detector):
    """Quantities that differ ("tens of thousands" → हजारों), identifiers whose digits
    differ ("CD8" → "CD1"; ``lexical.numbers.identifiers``) and weekdays and months
    ("Monday" → मंगलवार, "Tuesday"; ``lexical.numbers.calendar``)."""

    type = FindingType.NUMBER

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if not (view.bead.source and view.bead.target):
            return
        yield from self._identifiers(view)
        yield from self._calendar(view, pair.target.lang)
        src = extract_quantities(view.source_text, pair.source.lang)
        tgt = extract_quantities(view.target_text, pair.target.lang)
        if not src and not tgt:
            return
        comparison = compare_quantities(src, tgt)
        for s, t in comparison.mismatched:
            yield self._changed(
                view, f'"{s.text}" ({_describe(s)}) is rendered as "{t.text}" ({_describe(t)})',
                s, t, min(_confidence(s), _confidence(t)),
            )
        for s in comparison.missing:
            confidence, note = _missing_confidence(s, view.target_text, pair.target.lang)
            yield self._missing(
                view, Severity.MAJOR, f'"{s.text}" ({_describe(s)}) has no counterpart in the translation{note}',
                s, confidence,
            )
        for t in comparison.extra:
            yield self._added(view, f'"{t.text}" ({_describe(t)}) in the translation is not in the source', t)

    def _changed(self, view: PairView, message: str, s: Located, t: Located, confidence: float) -> Finding:
        """A major ``number.changed`` of source ``s`` rendered as ``t`` (a quantity, an
        identifier or a day or month: each has its text and where it is)."""
        return self._finding(
            Severity.MAJOR, "number.changed", view, message, source_text=s.text, target_text=t.text,
            source_span=(s.start, s.end), target_span=(t.start, t.end), confidence=confidence,
        )

    def _missing(self, view: PairView, severity: Severity, message: str, s: Located, confidence: float) -> Finding:
        return self._finding(severity, "number.missing", view, message, source_text=s.text,
                             source_span=(s.start, s.end), confidence=confidence)

    def _added(self, view: PairView, message: str, t: Located) -> Finding:
        """A minor ``number.added``: a translation adds a date or a count freely."""
        return self._finding(Severity.MINOR, "number.added", view, message, target_text=t.text,
                             target_span=(t.start, t.end))

    def _identifiers(self, view: PairView) -> Iterable[Finding]:
        comparison = compare_identifiers(view.source_text, view.target_text)
        for s, t in comparison.changed:
            yield self._changed(view, f'identifier "{s.text}" is rendered as "{t.text}"', s, t, DIGITS_CONFIDENCE)
        for s in comparison.missing:
            yield self._missing(
                view, Severity.MAJOR, f'identifier "{s.text}" has no counterpart in the translation (its '
                "digits are nowhere in it; it may be written out)", s, IDENTIFIER_MISSING_CONFIDENCE,
            )

    def _calendar(self, view: PairView, lang: str) -> Iterable[Finding]:
        comparison = compare_calendar(
            calendar_names(view.source_text, PIVOT), calendar_names(view.target_text, lang)
        )
        for s, t in comparison.changed:
            yield self._changed(view, f'"{s.text}" is rendered as "{t.text}" ({english_name(t)})', s, t, DIGITS_CONFIDENCE)
        # a translation drops or adds a "Tuesday" where its own sentence dates the event
        # otherwise (a dateline rewritten, "on Thursday" added: WMT14 hi), so minor
        for s in comparison.missing:
            yield self._missing(
                view, Severity.MINOR, f'"{s.text}" has no counterpart in the translation (it names no {s.kind})',
                s, DIGITS_CONFIDENCE,
            )
        for t in comparison.added:
            yield self._added(view, f'"{t.text}" ({english_name(t)}) in the translation is not in the source', t)


def _missing_confidence(q: Quantity, target: str, lang: str) -> tuple[float, str]:
    """How sure a missing quantity is missing, and why not surer. A lone 1, even in
    digits, is often rendered by the target's word for one, which is also its article
    and which the number reader therefore leaves unread ("a daily fee of 1 Rs." →
    "एक रुपये की फीस"; two such in WMT14 hi's calibration documents): where the
    translation has that word, the 1 may well be there."""
    if q.kind == "number" and q.exact and q.low == 1 and says_one(target, lang):
        return WORDS_CONFIDENCE, " (a 1: the translation's word for one, also its article, may render it)"
    if _confidence(q) == DIGITS_CONFIDENCE:
        return DIGITS_CONFIDENCE, ""
    return WORDS_CONFIDENCE, " (a small number in words: the translation may carry it in its grammar)"


def _confidence(q: Quantity) -> float:
    spelled = not any(c.isdigit() for c in q.text) or q.kind == "ordinal"
    return WORDS_CONFIDENCE if spelled and q.high <= _SMALL else DIGITS_CONFIDENCE


def _describe(q: Quantity) -> str:
    if q.low == q.high:
        return _figure(q.low)
    if q.high == math.inf:
        return f"more than {_figure(q.low)}"
    return f"{_figure(q.low)}–{_figure(q.high)}"


def _figure(value: float) -> str:
    """A value as a message prints it: thousands grouped, except in four-digit whole
    numbers, which are mostly years ("between 2009 and 2011", not "2,009–2,011")."""
    if value.is_integer() and 1000 <= abs(value) < 10_000:
        return f"{value:.0f}"
    return f"{value:,.10g}"
