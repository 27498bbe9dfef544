"""Numbers and quantities that differ between a source sentence and its translation."""

from __future__ import annotations

import math
from collections.abc import Iterable

from dupcheck.fidelity.findings.base import CheckedPair, Detector, PairView
from dupcheck.lexical.numbers import Quantity, compare_quantities, extract_quantities
from dupcheck.records import Finding, FindingType, Severity


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
