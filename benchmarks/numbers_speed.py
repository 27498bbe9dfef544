"""Time quantity extraction and comparison on FLORES-200 dev (997 lines per language).

Prints the median over repeats of: extraction per 1,000 sentences for each language,
and comparison per 1,000 eng/hin sentence pairs. Run from the repository root:
``PYTHONPATH=. python benchmarks/numbers_speed.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from dupcheck.lexical.numbers import compare_quantities, extract_quantities

FLORES = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "flores200-dev"
REPEATS = 7


def median_seconds(work, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    if not FLORES.exists():
        print(f"FLORES-200 dev not found at {FLORES}", file=sys.stderr)
        return 2
    lines = {
        lang: (FLORES / f"{name}.dev").read_text(encoding="utf-8").splitlines()
        for lang, name in (("en", "eng_Latn"), ("hi", "hin_Deva"), ("ur", "urd_Arab"))
    }
    for lang, texts in lines.items():
        extract_quantities("warm up 1", lang)  # builds the language's patterns once
        seconds = median_seconds(
            lambda texts=texts, lang=lang: [extract_quantities(t, lang) for t in texts]
        )
        print(f"extract {lang}: {seconds / len(texts) * 1000 * 1000:.1f} ms per 1,000 sentences")
    english = [extract_quantities(t, "en") for t in lines["en"]]
    hindi = [extract_quantities(t, "hi") for t in lines["hi"]]
    seconds = median_seconds(lambda: [compare_quantities(e, h) for e, h in zip(english, hindi)])
    print(f"compare en-hi: {seconds / len(english) * 1000 * 1000:.1f} ms per 1,000 pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
