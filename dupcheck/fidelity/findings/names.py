"""Names of the source with no counterpart in the translation."""

from __future__ import annotations

from collections.abc import Iterable

from dupcheck.fidelity.findings.base import CheckedPair, Detector, PairView
from dupcheck.fidelity.wordalign import NAME_MATCH
from dupcheck.lexical.lexicon import name_similarity
from dupcheck.lexical.pivot import Word, is_english_word
from dupcheck.records import Finding, FindingType, Severity


class MissingNames(Detector):
    """Names in the source with no counterpart in the aligned translation.

    A name spelled only roughly alike across scripts is a transliteration variant
    (Washington / वॉशिगंटन), not a finding. A name the whole translation never writes is
    major; one written elsewhere in it (moved to another sentence) is minor.
    """

    type = FindingType.ENTITY
    #: this alike across scripts: a variant spelling of the same name
    variant = 0.5

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if not (view.bead.source and view.bead.target):
            return
        words = view.words
        # every target word counts, matched or not: a lexicon link may have taken the
        # name's rendering for an ordinary word (जॉर्ज is also "gorge")
        free = [w.text for w in words.target if w.text and w.content]
        for i, w in enumerate(words.source):
            # capitalised dictionary words ("Geological Survey") are not names to miss
            if not w.name or i in words.source_matched or is_english_word(w.text):
                continue
            if any(name_similarity(w.text, t, pair.target.lang) >= self.variant for t in free):
                continue
            elsewhere = _written_near(pair, view, w)
            yield self._finding(
                Severity.MINOR if elsewhere else Severity.MAJOR, "entity.missing", view,
                f'name "{w.text}" has no counterpart in the aligned translation'
                + (" (it appears elsewhere in the translation)" if elsewhere else " nor near it"),
                source_text=w.text, source_span=(w.start, w.end),
            )


def _written_near(pair: CheckedPair, view: PairView, name: Word, reach: int = 2) -> bool:
    """Whether the translation writes the name: its sound key anywhere, or a spelling
    alike enough within ``reach`` sentences of the pair (a sentence moved nearby)."""
    if name.name in pair.target_pivot.vocabulary:
        return True
    first, last = min(view.bead.target) - reach, max(view.bead.target) + reach
    near = pair.target_pivot.words[max(first, 0) : last + 1]
    return any(
        name_similarity(name.text, w.text, pair.target.lang) >= NAME_MATCH
        for sentence in near for w in sentence if w.text and w.content
    )
