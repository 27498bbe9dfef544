"""Per-call speed of ``align_sentences`` (medians), dense and sparse term paths.

    PYTHONPATH=. /work/venv/bin/python benchmarks/align_speed.py [--pairs 200] [--runs 5]

Features are built as ``dupcheck check`` builds them (lexical pivot of the Hindi side,
``PivotSide.key_sets``) from FLORES-200 dev (``../shared/data/flores200-dev``):
(a) short documents of 5-15 consecutive lines, as ``dupcheck scan`` verifies by the
thousand; (b) all 997 lines as one pair, as the check benchmark's speed pair. Each case
runs with the path ``align_sentences`` chooses and with the sparse path forced (the only
path before dense term matrices existed), under both calibrations.
"""

from __future__ import annotations

import argparse
import random
import statistics
from collections.abc import Sequence

from benchmarks.numbers_speed import FLORES, median_seconds
from benchmarks.synth import read_flores
from dupcheck import align
from dupcheck.align import AlignSettings, SideFeatures, align_sentences
from dupcheck.lexicon import load_lexicon
from dupcheck.load import document_from_text
from dupcheck.pivot import PivotSide, pivot_source, pivot_target
from dupcheck.records import Document
from dupcheck.segment import segment
from dupcheck.translate.lexical import LexicalTranslator

Pair = tuple[SideFeatures, SideFeatures]


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


def short_pairs(
    english: Sequence[str], hindi: Sequence[str], count: int, seed: int = 0
) -> list[Pair]:
    rng = random.Random(seed)
    pairs = []
    for _ in range(count):
        size = rng.randint(5, 15)
        start = rng.randrange(len(english) - size)
        pairs.append(pair(english[start : start + size], hindi[start : start + size]))
    return pairs


def per_call_ms(pairs: list[Pair], settings: AlignSettings, runs: int) -> float:
    """Median over pairs of each pair's median time."""
    return 1000 * statistics.median(
        median_seconds(lambda p=p: align_sentences(*p, settings), runs) for p in pairs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5, help="timed calls per pair (median)")
    args = parser.parse_args()
    corpus = read_flores(FLORES)
    english, hindi = corpus.english, corpus.hindi
    cases = [
        (
            f"{args.pairs} pairs of 5-15 sentences",
            short_pairs(english, hindi, args.pairs),
            args.runs,
        ),
        (f"{len(english)}-sentence pair", [pair(english, hindi)], 3),
    ]
    dense_limit = align.DENSE_CELLS
    for name, pairs, runs in cases:
        for label, settings in (
            ("lexical_only", AlignSettings.lexical_only()),
            ("default", AlignSettings()),
        ):
            chosen = per_call_ms(pairs, settings, runs)
            align.DENSE_CELLS = 0
            try:
                sparse = per_call_ms(pairs, settings, runs)
            finally:
                align.DENSE_CELLS = dense_limit
            print(
                f"{name}, {label}: {chosen:.3f} ms per call as chosen, {sparse:.3f} ms sparse forced "
                f"({sparse / chosen:.1f}x)"
            )


if __name__ == "__main__":
    main()
