"""Articles that share passages: are only the passages aligned? With and without an encoder.

    python -m benchmarks.shared_passages [--sets ...] [--pairs 12] [--documents 12]
                                         [--encoder e5-onnx] [--cache-dir DIR]

Each set's pairs come from ``benchmarks.synth.shared_passage_pairs``: an English article
against the translation of the lines that follow it (same topic, not its translation)
with one to three of its passages put in. Every other pair is for calibration, the rest
for the report, as with the real documents (``benchmarks.corpora.part``).

* **calibration**: the aligner's own beads (before the check's re-pairing), each
  labelled true (a gold passage bead) or false, with the evidence
  ``dupcheck.fidelity.passages`` reads: the share of the source aligned, and per bead
  its score, its word match in context and its lexical coverage. Printed: how much of
  the source the pairs and the real translations (calibration documents of the same
  sets) align, and for a grid of thresholds the false beads taken apart against the
  true ones lost, among the pairs below the coverage bar.
* **report**: the check's alignment (``Checker.aligned_pair``) of the report pairs with
  the chosen defaults and with the step off: passage beads found, false beads left,
  pairs aligned exactly; and the report documents of the real translations, whose
  alignment the step must leave as it is.
* **held out** (``--held-out``, e.g. the Tatoeba sets, on which nothing was tuned): every
  document of each set named, all correct translations line by line: how many the step
  reads as two articles (their report carries the note), how many alignments it changes,
  and the gold line-k-to-line-k beads the check finds with the step off and on.

Seed 003 against the AP story is no case here: it is the test
``tests/fidelity/test_pipeline.py::test_an_article_sharing_passages_aligns_only_those``.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.align_calibration import case
from benchmarks.corpora import ARTICLE_SETS, DATA, SETS, RealDocument, documents, part, read_set
from benchmarks.synth import SyntheticPair, shared_passage_pairs
from dupcheck.backends.registry import CPU_DEFAULT, BackendConfig, load_encoder, load_translator
from dupcheck.backends.translate.base import Translator
from dupcheck.fidelity.align import align_sentences
from dupcheck.fidelity.findings.base import CheckedPair
from dupcheck.fidelity.passages import (
    BeadEvidence,
    PassageSettings,
    bead_evidence,
    shared_passages,
)
from dupcheck.fidelity.pipeline import Checker, CheckSettings
from dupcheck.fidelity.repair import WordVectors
from dupcheck.fidelity.score import aligned_share
from dupcheck.lexical.lexicon import load_lexicon
from dupcheck.lexical.pivot import PivotSide, pivot_source, pivot_target
from dupcheck.records import Bead, Document

WORD_MATCH_GRID = (0.0, 0.52, 0.54, 0.56, 0.58, 0.60, 0.62)
SCORE_GRID = (0.0, 0.15, 0.20, 0.25, 0.30)
LEXICAL_GRID = (0.0, 0.1, 0.2, 0.3, 0.4)
#: true passage beads the chosen thresholds may take apart, over all calibration pairs
MAX_TRUE_LOST = 2


@dataclass(frozen=True, slots=True)
class LabelledBead:
    evidence: BeadEvidence
    true: bool


@dataclass(frozen=True, slots=True)
class RawAlignment:
    """The aligner's beads for one pair, before the check's re-pairing."""

    name: str
    coverage: float
    beads: tuple[LabelledBead, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """One report pair's check alignment against its gold passages; ``unpaired_false``:
    the false beads already there before the check's re-pairing."""

    found: int
    gold: int
    false: int
    unpaired_false: int

    @property
    def exact(self) -> bool:
        return self.found == self.gold and not self.false


#: one set's report part: the passage pairs' outcomes with the step on and off, and how
#: many of its real documents the step changes, of how many
ReportSet = tuple[list[Outcome], list[Outcome], int, int]


@dataclass(frozen=True, slots=True)
class HeldOut:
    """One held-out set of correct line-by-line translations, the step off and on."""

    name: str
    documents: int
    noted: int
    changed: int
    gold: int
    found_off: int
    found_on: int


@dataclass(frozen=True, slots=True)
class AlignerView:
    """What the aligner and the passage step read of one pair, and the aligner's beads."""

    documents: tuple[Document, Document]
    pivots: tuple[PivotSide, PivotSide]
    words: WordVectors | None
    beads: tuple[Bead, ...]


def aligner_view(checker: Checker, name: str, english: Sequence[str], target: Sequence[str],
                 lang: str) -> AlignerView:
    built = case(checker, name, english, target, lang, ())
    source, translation = built.documents
    pivots = (pivot_source(source, load_lexicon(lang)), pivot_target(translation, checker.translator(lang)))
    words = None
    if checker.encoder is not None and checker.encoder.gives_token_states:
        words = (checker.word_vectors(source, pivots[0]), checker.word_vectors(translation, pivots[1]))
    return AlignerView(built.documents, pivots, words,
                       align_sentences(built.source, built.target, checker.align_settings))


def raw_alignment(checker: Checker, name: str, english: Sequence[str], target: Sequence[str],
                  lang: str, gold: set) -> RawAlignment:
    view = aligner_view(checker, name, english, target, lang)
    labelled = tuple(
        LabelledBead(bead_evidence(b, *view.pivots, lang, view.words), (b.source, b.target) in gold)
        for b in view.beads if b.source and b.target
    )
    return RawAlignment(name, aligned_share(view.beads, view.documents[0]), labelled)


def two_sided(beads: Iterable[Bead]) -> set:
    return {(b.source, b.target) for b in beads if b.source and b.target}


def two_sided_gold(pair: SyntheticPair) -> set:
    return {b for b in pair.beads if b[0] and b[1]}


def outcome(checker: Checker, pair: SyntheticPair) -> Outcome:
    view = aligner_view(checker, pair.name, pair.source, pair.target, pair.lang)
    beads = two_sided(checker.aligned_pair(*view.documents)[0].alignment)
    unpaired = two_sided(shared_passages(view.beads, *view.documents, *view.pivots, view.words,
                                         checker.passage_settings))
    gold = two_sided_gold(pair)
    return Outcome(len(beads & gold), len(gold), len(beads - gold), len(unpaired - gold))


def kept(bead: LabelledBead, min_score: float, min_evidence: float) -> bool:
    evidence = bead.evidence
    measure = evidence.word_match if evidence.word_match is not None else evidence.lexical
    return evidence.bead.score >= min_score and measure >= min_evidence


def grid_table(raws: Sequence[RawAlignment], max_coverage: float, with_words: bool) -> list[str]:
    beads = [b for r in raws if r.coverage < max_coverage for b in r.beads]
    false = sum(not b.true for b in beads)
    true = sum(b.true for b in beads)
    name = "word match" if with_words else "lexical"
    lines = [f"beads in pairs below coverage {max_coverage}: {true} true, {false} false",
             f"| min score | min {name} | false taken apart | true lost |", "| --- | --- | --- | --- |"]
    rows = []
    for score, evidence in itertools.product(SCORE_GRID, WORD_MATCH_GRID if with_words else LEXICAL_GRID):
        dropped = [b for b in beads if not kept(b, score, evidence)]
        rows.append((sum(not b.true for b in dropped), sum(b.true for b in dropped), score, evidence))
        lines.append(f"| {score:.2f} | {evidence:.2f} | {rows[-1][0]}/{false} | {rows[-1][1]}/{true} |")
    # the rule the defaults follow: take apart the most false beads losing at most
    # MAX_TRUE_LOST true ones (the lower thresholds on a tie)
    best = max((r for r in rows if r[1] <= MAX_TRUE_LOST), key=lambda r: (r[0], -r[2], -r[3]))
    lines.append(f"chosen (most false taken apart, at most {MAX_TRUE_LOST} true lost): "
                 f"min score {best[2]:.2f}, min {name} {best[3]:.2f}")
    return lines


def spread(values: Sequence[float]) -> str:
    ordered = sorted(values)
    return f"min {ordered[0]:.2f}, median {ordered[len(ordered) // 2]:.2f}, max {ordered[-1]:.2f} ({len(ordered)})"


def step_on_and_off(checker: Checker, off: Checker, doc: RealDocument) -> tuple[CheckedPair, CheckedPair]:
    """A real document aligned with the step (``checker``) and without it (``off``)."""
    built = case(checker, doc.name, doc.source, doc.target, doc.lang, ())
    return checker.aligned_pair(*built.documents)[0], off.aligned_pair(*built.documents)[0]


def held_out(checker: Checker, off: Checker, name: str, data: Path) -> HeldOut:
    """Every document of set ``name``, a correct translation line by line, the step on and off."""
    noted = changed = gold_beads = found_off = found_on = 0
    docs = documents(read_set(name, data))
    for doc in docs:
        on_pair, off_pair = step_on_and_off(checker, off, doc)
        gold = {((k,), (k,)) for k in range(len(doc.source))}
        noted += on_pair.two_articles
        changed += on_pair.alignment != off_pair.alignment
        gold_beads += len(gold)
        found_off += len(two_sided(off_pair.alignment) & gold)
        found_on += len(two_sided(on_pair.alignment) & gold)
    return HeldOut(name, len(docs), noted, changed, gold_beads, found_off, found_on)


def print_parts(settings: PassageSettings, calibration_raws: Sequence[RawAlignment],
                real_coverage: Sequence[float], report: dict[str, ReportSet]) -> None:
    print("### calibration")
    print(f"aligned share of the source, passage pairs: {spread([r.coverage for r in calibration_raws])}")
    print(f"aligned share of the source, real translations: {spread(real_coverage)}")
    with_words = any(b.evidence.word_match is not None for r in calibration_raws for b in r.beads)
    print("\n".join(grid_table(calibration_raws, settings.max_coverage, with_words)))
    print(f"\n### report (defaults: {settings.describe()})")
    print("| set | step | passage beads found | false beads (before re-pairing) | pairs exact "
          "| real documents changed |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, (on_pairs, off_pairs, changed, real) in report.items():
        for step, outcomes in (("off", off_pairs), ("on", on_pairs)):
            found = sum(o.found for o in outcomes)
            gold = sum(o.gold for o in outcomes)
            false = f"{sum(o.false for o in outcomes)} ({sum(o.unpaired_false for o in outcomes)})"
            print(f"| {name} | {step} | {found}/{gold} | {false} "
                  f"| {sum(o.exact for o in outcomes)}/{len(outcomes)} "
                  f"| {f'{changed}/{real}' if step == 'on' else ''} |")


def run_mode(label: str, config: BackendConfig, translator: Translator, args: argparse.Namespace) -> None:
    """Both parts with one backend configuration; the step on (defaults) and off."""
    print(f"\n## {label}")
    encoder = load_encoder(config)
    settings = CheckSettings(input_format="lines")
    checker = Checker(config, settings, translator=translator, encoder=encoder)
    off = Checker(config, replace(settings, passages=PassageSettings.off()),
                  translator=translator, encoder=encoder)
    calibration_raws, real_coverage = [], []
    report: dict[str, ReportSet] = {}
    for name in args.sets:
        corpus = read_set(name, args.data)
        pairs = shared_passage_pairs(corpus, args.pairs, args.seed)
        print(f"{label} {name}: {len(pairs)} pairs", file=sys.stderr, flush=True)
        for pair in part(pairs, "calibration"):
            calibration_raws.append(raw_alignment(checker, pair.name, pair.source, pair.target,
                                                  pair.lang, two_sided_gold(pair)))
        docs = documents(corpus)
        for doc in part(docs, "calibration")[: args.documents]:
            raw = raw_alignment(checker, doc.name, doc.source, doc.target, doc.lang, set())
            real_coverage.append(raw.coverage)
        on_pairs = [outcome(checker, p) for p in part(pairs, "report")]
        off_pairs = [outcome(off, p) for p in part(pairs, "report")]
        changed = 0
        real = part(docs, "report")[: args.documents]
        for doc in real:
            on_pair, off_pair = step_on_and_off(checker, off, doc)
            changed += on_pair.alignment != off_pair.alignment
        report[name] = (on_pairs, off_pairs, changed, len(real))
    if args.sets:
        print_parts(checker.passage_settings, calibration_raws, real_coverage, report)
    if args.held_out:
        print("\n### held out (every document; correct translations line by line)")
        print("| set | documents read as two articles (noted) | alignments changed "
              "| gold beads found, step off | step on |")
        print("| --- | --- | --- | --- | --- |")
    for name in args.held_out:
        print(f"{label} held out {name}", file=sys.stderr, flush=True)
        row = held_out(checker, off, name, args.data)
        print(f"| {name} | {row.noted}/{row.documents} | {row.changed}/{row.documents} "
              f"| {row.found_off}/{row.gold} | {row.found_on}/{row.gold} |", flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="*", choices=tuple(SETS), default=list(ARTICLE_SETS))
    parser.add_argument("--pairs", type=int, default=12, help="passage pairs a set (half reported)")
    parser.add_argument("--documents", type=int, default=12, help="real documents a set and part")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--held-out", nargs="*", choices=tuple(SETS), default=[],
                        help="sets of correct translations to read whole, e.g. the Tatoeba sets")
    parser.add_argument("--encoder", default=CPU_DEFAULT)
    parser.add_argument("--modes", nargs="+", choices=("encoder", "none"), default=["encoder", "none"])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--cache-dir", default=None)
    args = parser.parse_args(argv)
    config = BackendConfig(encoder=args.encoder, cache=args.cache_dir is not None, cache_dir=args.cache_dir)
    translator = load_translator(config)
    if "encoder" in args.modes:
        run_mode(f"encoder {args.encoder} (default)", config, translator, args)
    if "none" in args.modes:
        run_mode("--encoder none", BackendConfig(encoder="none"), translator, args)


if __name__ == "__main__":
    main()
