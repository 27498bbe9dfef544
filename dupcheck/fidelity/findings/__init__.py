"""The detectors of ``dupcheck check``, one module per family, and the one call that runs
them all over an aligned pair.

``base`` holds what they share (``CheckedPair``, ``PairView``, the ``Detector`` loop);
``omissions`` (sentences, headlines, clauses, additions), ``numbers``, ``names``,
``untranslated`` and ``mistranslation`` each hold one family.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dupcheck.fidelity.findings.base import CheckedPair, Detector, PairView
from dupcheck.fidelity.findings.mistranslation import Mistranslations
from dupcheck.fidelity.findings.names import MissingNames
from dupcheck.fidelity.findings.numbers import NumberChanges
from dupcheck.fidelity.findings.omissions import SentenceAdditions, SentenceOmissions
from dupcheck.fidelity.findings.untranslated import UntranslatedText
from dupcheck.records import Finding

__all__ = ["DETECTORS", "CheckedPair", "Detector", "PairView", "find_problems"]

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
