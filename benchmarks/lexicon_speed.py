"""Load and lookup speed of the offline lexicons (medians of 5 runs).

    PYTHONPATH=. /work/venv/bin/python benchmarks/lexicon_speed.py

Cold figures run in a fresh interpreter each time: import, table load, first lookups
(which load simplemma's dictionaries).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from dupcheck.backends.translate.lexical import LexicalTranslator
from dupcheck.lexical.lexicon import english_terms, load_lexicon

ROOT = Path(__file__).resolve().parents[1]
FLORES = ROOT.parent / "shared" / "data" / "flores200-dev"
RUNS = 5

COLD = """
import time
start, cpu = time.perf_counter(), time.process_time()
from dupcheck.lexical.lexicon import english_terms, load_lexicon
load_lexicon("{lang}").gloss("{sample}")
english_terms("Chinese leader Xi Jinping said on Saturday")
print(time.perf_counter() - start, time.process_time() - cpu)
"""


def median_seconds(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    for lang, sample in (("hi", "चीनी नेता ने शनिवार को कहा"), ("ar", "الرئيس الصيني")):
        code = COLD.format(lang=lang, sample=sample)
        cold = [
            [float(x) for x in subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True,
                cwd=ROOT, env={"PYTHONPATH": str(ROOT)},
            ).stdout.split()]
            for _ in range(RUNS)
        ]  # fmt: skip
        wall = statistics.median(c[0] for c in cold)
        cpu = statistics.median(c[1] for c in cold)
        print(f"{lang}: cold import+load+first lookups {wall:.3f} s wall, {cpu:.3f} s CPU")
    english = (FLORES / "eng_Latn.dev").read_text(encoding="utf-8").splitlines()
    for lang, file in (("hi", "hin_Deva.dev"), ("ar", "urd_Arab.dev")):
        lines = (FLORES / file).read_text(encoding="utf-8").splitlines()
        lexicon = load_lexicon(lang)
        first = median_seconds(lambda lx=lexicon, ls=lines: [lx.gloss(line) for line in ls])
        print(f"{lang}: gloss {len(lines)} FLORES lines (warm cache) {first:.3f} s")
        pivot = median_seconds(
            lambda ls=lines, lg=lang: LexicalTranslator()._translate_batch(ls, lg, "en")
        )
        print(f"{lang}: lexical pivot of {len(lines)} lines {pivot:.3f} s")
    terms = median_seconds(lambda: [english_terms(line) for line in english])
    print(f"en: english_terms of {len(english)} lines {terms:.3f} s")


if __name__ == "__main__":
    main()
