"""Recall and coverage of the offline lexicons on real translations (first N lines).

recall: share of English reference content lemmas found among the meanings of the
foreign sentence's words; coverage: share of foreign content tokens with any meaning.
Sets: FLORES-200 dev Hindi (and its Urdu read through the Arabic lexicon, as scan reads
Urdu), TICO-19 Hindi and Arabic.

    PYTHONPATH=. .venv/bin/python -m benchmarks.lexicon_quality [N]
"""

from __future__ import annotations

import sys

from benchmarks.corpora import DATA, read_parallel, read_set
from dupcheck.lexical.lexicon import lexical_quality

FLORES = DATA / "flores200-dev"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    sets = [
        ("FLORES hin_Deva", read_set("flores-hi"), "hi"),
        ("FLORES urd_Arab", read_parallel(FLORES / "eng_Latn.dev", FLORES / "urd_Arab.dev", "ur"), "ar"),
        ("TICO-19 hi", read_set("tico19-hi"), "hi"),
        ("TICO-19 ar", read_set("tico19-ar"), "ar"),
    ]
    for name, corpus, lang in sets:
        english, foreign = list(corpus.english[:n]), list(corpus.target[:n])
        for loans in (False, True):
            recall, coverage = lexical_quality(english, foreign, lang, loans=loans)
            print(
                f"{name} via {lang} lexicon{' + loans' if loans else ''}, {n} lines: "
                f"recall {recall:.3f} coverage {coverage:.3f}"
            )


if __name__ == "__main__":
    main()
