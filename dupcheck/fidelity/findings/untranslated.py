"""Source-language text left untranslated in the translation."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice

import regex

from dupcheck.excerpt import excerpt
from dupcheck.fidelity.findings.base import CheckedPair, Detector, PairView
from dupcheck.records import Finding, FindingType, Severity
from dupcheck.text.langid import find_foreign_runs


class UntranslatedText(Detector):
    """Runs of ordinary source-language words left in the translation.

    Names, acronyms and model numbers stay in Latin script in a good Hindi or Arabic
    text ("JAS 39C Gripen"), so a run counts only for its lowercase words.
    """

    type = FindingType.UNTRANSLATED
    min_words = 3

    def inspect(self, pair: CheckedPair, view: PairView) -> Iterable[Finding]:
        if not view.bead.target:
            return
        runs = _foreign_runs(pair.target.text, pair.target.lang)
        begin = pair.target.sentences[view.bead.target[0]].start
        finish = pair.target.sentences[view.bead.target[-1]].end
        # runs are in text order and do not overlap: only those that reach into the bead,
        # so that a long document's many runs are not all visited for every bead
        for run in islice(runs, bisect_right(runs, begin, key=lambda r: r.end), None):
            if run.start >= finish:
                break
            if run.lang != pair.source.lang:
                continue
            for index in view.bead.target:
                sentence = pair.target.sentences[index]
                start, end = max(run.start, sentence.start), min(run.end, sentence.end)
                text = pair.target.text[start:end]
                # a web address is copied, not left untranslated
                words = _LATIN_WORD.findall(_URL.sub(" ", text))
                ordinary = [w for w in words if w.islower() and len(w) > 1]
                if end > start and len(ordinary) >= self.min_words:
                    yield Finding(
                        type=self.type, severity=Severity.MAJOR, code="untranslated.run",
                        source=view.bead.source, target=view.bead.target,
                        source_text=view.source_text, target_text=text,
                        message=f'"{excerpt(text, 60)}" is left in {pair.source.lang}, untranslated',
                        target_span=(start, end),
                    )


_LATIN_WORD = regex.compile(r"\p{Latin}+")
_URL = regex.compile(r"\b(?:https?://|www\.)\S+")
#: the runs of the document being checked, found once for all its beads: loading leaves
#: them out, as only this detector needs them
_foreign_runs = lru_cache(maxsize=4)(find_foreign_runs)

