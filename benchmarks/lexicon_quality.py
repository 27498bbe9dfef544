"""Recall and coverage of the offline lexicons on FLORES-200 dev (first N lines).

recall: share of English reference content lemmas found among the meanings of the
foreign sentence's words; coverage: share of foreign content tokens with any meaning.

    PYTHONPATH=. /work/venv/bin/python benchmarks/lexicon_quality.py [N]
"""

from __future__ import annotations

import sys
from pathlib import Path

from dupcheck.lexical.lexicon import lexical_quality

FLORES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "flores200-dev"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    english = (FLORES / "eng_Latn.dev").read_text(encoding="utf-8").splitlines()[:n]
    for lang, file in (("hi", "hin_Deva.dev"), ("ar", "urd_Arab.dev")):
        foreign = (FLORES / file).read_text(encoding="utf-8").splitlines()[:n]
        for loans in (False, True):
            recall, coverage = lexical_quality(english, foreign, lang, loans=loans)
            print(
                f"{file} via {lang} lexicon{' + loans' if loans else ''}, {n} lines: "
                f"recall {recall:.3f} coverage {coverage:.3f}"
            )


if __name__ == "__main__":
    main()
