"""The detectors of ``dupcheck check``, one module per family, and the one call that runs
them all over an aligned pair.

``base`` holds what they share (``CheckedPair``, ``PairView``, the ``Detector`` loop);
``omissions`` (sentences, headlines, clauses, additions), ``numbers``, ``names``,
``untranslated`` and ``mistranslation`` each hold one family; ``omissions`` also holds
``MovedSentences``, the sentences an omission and an addition would otherwise report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dupcheck.fidelity.findings.base import CheckedPair, Detector, PairView
from dupcheck.fidelity.findings.mistranslation import Mistranslations
from dupcheck.fidelity.findings.names import MissingNames
from dupcheck.fidelity.findings.numbers import NumberChanges
from dupcheck.fidelity.findings.omissions import (
    MovedSentences,
    SentenceAdditions,
    SentenceOmissions,
)
from dupcheck.fidelity.findings.untranslated import UntranslatedText
from dupcheck.records import Finding

__all__ = ["DETECTORS", "CheckedPair", "Detector", "PairView", "find_problems"]

DETECTORS: tuple[Detector, ...] = (
    SentenceOmissions(), SentenceAdditions(), NumberChanges(), MissingNames(),
    UntranslatedText(), Mistranslations(), MovedSentences(),
)


def find_problems(
    pair: CheckedPair, views: Sequence[PairView] | None = None,
    detectors: Iterable[Detector] = DETECTORS,
) -> tuple[Finding, ...]:
    """Every detector's findings over the beads of ``pair`` (``views``: theirs, when the
    caller has them) and over its moved sentences' beads, whose words are checked as any
    pair's are; in alignment order, a moved pair at its source sentence's place."""
    views = [*(pair.views() if views is None else views), *(pair.view(b) for b in pair.moved)]
    findings = [f for d in detectors for f in d.find(pair, views)]
    # each sentence lies in one bead of the alignment: a finding sits at its first one's
    source_bead = {s: k for k, b in enumerate(pair.alignment) for s in b.source}
    target_bead = {t: k for k, b in enumerate(pair.alignment) for t in b.target}

    def order(f: Finding) -> int:
        return source_bead[f.source[0]] if f.source else target_bead[f.target[0]]

    findings.sort(key=lambda f: (order(f), -f.severity.rank, f.code))
    return tuple(findings)
