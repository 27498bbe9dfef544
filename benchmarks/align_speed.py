"""Per-call speed of ``align_sentences`` (medians), dense and sparse term paths.

    PYTHONPATH=. /work/venv/bin/python benchmarks/align_speed.py [--pairs 200] [--runs 5]

Features are built as ``dupcheck check`` builds them (lexical pivot of the Hindi side,
``PivotSide.key_sets``) from FLORES-200 dev (``../shared/data/flores200-dev``):
(a) short documents of 5-15 consecutive lines, as ``dupcheck scan`` verifies by the
thousand, with the path ``align_sentences`` chooses (dense) and with the sparse path
forced; (b) all 997 lines as one pair, as the check benchmark's speed pair (sparse);
(c) both paths forced on documents of 10 to 60 lines, where dense stops paying.
"""

from __future__ import annotations

import argparse
import random
import statistics
from collections.abc import Sequence

from benchmarks.numbers_speed import FLORES, median_seconds
from benchmarks.synth import read_flores
from dupcheck.backends.translate.lexical import LexicalTranslator
from dupcheck.fidelity import align
from dupcheck.fidelity.align import AlignSettings, SideFeatures, align_sentences
from dupcheck.lexical.lexicon import load_lexicon
from dupcheck.lexical.pivot import PivotSide, pivot_source, pivot_target
from dupcheck.records import Document
from dupcheck.text.load import document_from_text
from dupcheck.text.segment import segment

Pair = tuple[SideFeatures, SideFeatures]
SETTINGS = {"lexical_only": AlignSettings.lexical_only(), "default": AlignSettings()}


def features(doc: Document, pivot: PivotSide) -> SideFeatures:
    """What ``Checker`` hands the aligner when no encoder is configured."""
    return SideFeatures(
        pivot.key_sets(),
        [len(s.text) for s in doc.sentences],
        alone=frozenset(s.index for s in doc.sentences if s.headline),
    )


def lines_document(lines: Sequence[str], lang: str) -> Document:
    text = "\n".join(lines)
    return segment(document_from_text(text, lang=lang, input_format="lines"), input_format="lines")


def pair(english: Sequence[str], hindi: Sequence[str]) -> Pair:
    source, target = lines_document(english, "en"), lines_document(hindi, "hi")
    return (
        features(source, pivot_source(source, load_lexicon("hi"))),
        features(target, pivot_target(target, LexicalTranslator())),
    )


def windows(
    english: Sequence[str], hindi: Sequence[str], count: int, sizes: tuple[int, int], seed: int = 0
) -> list[Pair]:
    """``count`` pairs of consecutive lines, each of a size within ``sizes``."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(count):
        size = rng.randint(*sizes)
        start = rng.randrange(len(english) - size)
        pairs.append(pair(english[start : start + size], hindi[start : start + size]))
    return pairs


def per_call_ms(
    pairs: list[Pair], settings: AlignSettings, runs: int, dense_cells: int | None = None
) -> float:
    """Median over pairs of each pair's median time; ``dense_cells`` overrides the limit of
    the dense path (0: always sparse)."""
    chosen = align.DENSE_CELLS
    align.DENSE_CELLS = chosen if dense_cells is None else dense_cells
    try:
        return 1000 * statistics.median(
            median_seconds(lambda p=p: align_sentences(*p, settings), runs) for p in pairs
        )
    finally:
        align.DENSE_CELLS = chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5, help="timed calls per pair (median)")
    args = parser.parse_args()
    corpus = read_flores(FLORES)
    english, hindi = corpus.english, corpus.target
    short = windows(english, hindi, args.pairs, (5, 15))
    whole = [pair(english, hindi)]
    for label, settings in SETTINGS.items():
        chosen = per_call_ms(short, settings, args.runs)
        sparse = per_call_ms(short, settings, args.runs, dense_cells=0)
        print(
            f"(a) {args.pairs} pairs of 5-15 sentences, {label}: {chosen:.3f} ms per call "
            f"(dense, as chosen); sparse forced {sparse:.3f} ms ({sparse / chosen:.1f}x)"
        )
    for label, settings in SETTINGS.items():
        chosen = per_call_ms(whole, settings, 3)
        print(
            f"(b) {len(english)}-sentence pair, {label}: {chosen:.1f} ms per call (sparse, as chosen)"
        )
    # where the dense path stops paying: the reason for align.DENSE_CELLS
    settings = SETTINGS["lexical_only"]
    for size in (10, 15, 20, 30, 60):
        sized = windows(english, hindi, 10, (size, size))
        dense = per_call_ms(sized, settings, 3, dense_cells=10**12)
        sparse = per_call_ms(sized, settings, 3, dense_cells=0)
        print(
            f"(c) {size} sentences a side, lexical_only: dense {dense:.3f} ms, "
            f"sparse {sparse:.3f} ms (sparse/dense {sparse / dense:.2f})"
        )


if __name__ == "__main__":
    main()
