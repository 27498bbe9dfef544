"""How the word-level checks were calibrated: which encoder layer, and which similarity
thresholds, on the calibration part of the real translations.

    python -m benchmarks.word_calibration [--limit 16] [--sets ...] [--part calibration]

Each set's calibration documents (``benchmarks.corpora``, the even ones) are checked as
they are and once with a replaced word and once with a dropped clause injected
(``benchmarks.synth``). For every aligned bead the script reads the encoder's token
states in several layers, pools them into word vectors (``fidelity.wordalign``) and
prints:

- per layer, how well a replaced word's best similarity to any source word separates it
  from the correct words of the real documents (ROC AUC; the candidates are the words the
  mistranslation detector considers: content words no lexical link holds, whose meanings
  the lexicon knows), and how well the largest missing similarity of a bead's unmatched
  source runs separates the beads with a dropped clause from the real ones;
- at the layer the check uses, the two trade-offs the thresholds were read from: recall
  of replaced words against false alarms per 100 real sentences for each similarity
  floor, the same for a word that stands apart from the rest of its sentence
  (``wordalign.isolation``) for each (floor, isolation) pair, recall of dropped
  clauses for each (floor, missing similarity) pair, and the same where the translation
  is short against its document's pairs (``CheckedPair.relative_length``) for each
  (length, missing similarity) pair, beside the plain gate; and last, at the chosen
  length and missing similarity, for each source length below which the short limit
  widens (``omissions.short_limit``).

The check itself is not run to its findings here: ``benchmarks.real_bench`` reports what
the chosen thresholds give, on the report part.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from benchmarks.check_bench import auc
from benchmarks.corpora import add_document_arguments, documents, part, read_set
from benchmarks.synth import (
    DROPPED_CLAUSE,
    REPLACED_WORD,
    SyntheticPair,
    document_errors,
    document_pair,
)
from dupcheck.backends.registry import CPU_DEFAULT
from dupcheck.fidelity.findings.mistranslation import related_lemmas, unmatched_content
from dupcheck.fidelity.findings.omissions import (
    PHRASE_SURE,
    SHORT_PHRASE_SURE,
    SHORT_TRANSLATION,
    short_limit,
)
from dupcheck.fidelity.wordalign import (
    RENDERED_SIMILARITY,
    WORD_LAYER,
    argmax_links,
    isolation,
    unmatched_runs,
    word_vectors,
)

LAYERS = (4, 6, 8, 10, 12)
WORD_FLOORS = (0.30, 0.33, 0.36, 0.38, 0.40, 0.45, 0.50)
ISOLATED_FLOORS = (0.38, 0.42, 0.46, 0.50)
ISOLATIONS = (0.15, 0.2, 0.25)
CLAUSE_FLOORS = (0.55, 0.60, 0.65)
CLAUSE_MASSES = (0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
SHORT_LENGTHS = (0.65, 0.7, 0.75, 0.8)
SHORT_MASSES = (0.1, 0.2, 0.3)
FULL_LENGTH_CHARS = (0, 40, 60, 80, 100, 120)


@dataclass(frozen=True, slots=True)
class BeadStats:
    """One aligned bead of a checked pair, per layer: the candidate target words' best
    similarity (and which of them is the replaced word), and the source side's best
    similarities with its content words and links, for the clause runs."""

    kind: str
    holds_error: bool
    word_best: dict[int, list[float]]
    word_is_replaced: list[bool]
    #: at WORD_LAYER, per candidate: how far below the rest of its sentence it stands
    word_apart: list[float]
    source_best: dict[int, np.ndarray]
    source_words: tuple
    source_linked: frozenset[int]
    #: the translation's length against what the document's pairs take for its source
    relative_length: float
    source_chars: int


def bead_stats(checker, pair: SyntheticPair) -> list[BeadStats]:
    from dupcheck.text.load import document_from_text

    source = document_from_text("\n".join(pair.source), lang="en", input_format="lines")
    target = document_from_text("\n".join(pair.target), lang=pair.lang, input_format="lines")
    checked, _ = checker.aligned_pair(source, target)
    encoder = checker.encoder
    states = {
        side: encoder.token_states([s.text for s in doc.sentences], LAYERS)
        for side, doc in (("source", checked.source), ("target", checked.target))
    }

    def vectors(side: str, pivot, indices, layer: int) -> np.ndarray:
        return np.concatenate([
            word_vectors(states[side][i], [(w.start, w.end) for w in pivot.words[i]], LAYERS.index(layer))
            for i in indices
        ])

    error = pair.errors[0] if pair.errors else None
    out = []
    for view in checked.views():
        bead, words = view.bead, view.words
        if not (bead.source and bead.target):
            continue
        related = related_lemmas(checked.lexicon, words.source)
        candidates = [
            t for t in unmatched_content(words.target, words.target_matched, need_meanings=True)
            if not words.target[t].meanings & related
        ]
        holds = error is not None and error[2] in bead.target
        replaced = [pair.kind == REPLACED_WORD and holds and words.target[t].text == pair.inserted[0]
                    for t in candidates]
        word_best: dict[int, list[float]] = {}
        word_apart: list[float] = []
        source_best: dict[int, np.ndarray] = {}
        for layer in LAYERS:
            sim = vectors("source", checked.source_pivot, bead.source, layer) @ \
                vectors("target", checked.target_pivot, bead.target, layer).T
            agreed = {t for _, t in argmax_links(sim)}
            best = sim.max(axis=0)
            # a word that is some source word's best match in both directions is aligned
            word_best[layer] = [1.0 if t in agreed else float(best[t]) for t in candidates]
            source_best[layer] = sim.max(axis=1)
            if layer == WORD_LAYER:
                apart = isolation(words.target, best)
                word_apart = [float(apart[t]) for t in candidates]
        out.append(BeadStats(pair.kind, holds, word_best, replaced, word_apart, source_best,
                             words.source, words.source_matched, checked.relative_length(view),
                             len(view.source_text)))
    return out


def _shown(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def missing_similarity(stats: BeadStats, layer: int, floor: float) -> float:
    """The largest similarity an unmatched source run (two words or more) lacks."""
    best = stats.source_best[layer]
    runs = unmatched_runs(stats.source_words, best, stats.source_linked, floor)
    return max((float(sum(floor - best[i] for i in run)) for run in runs if len(run) >= 2), default=0.0)


def clause_flagged(stats: BeadStats, layer: int, short: float, mass: float) -> bool:
    """``omission.clause``'s gate on a bead: a run missing ``PHRASE_SURE`` below the
    rendered floor, or a translation at or below the relative length ``short`` with a run
    missing ``mass``."""
    missing = missing_similarity(stats, layer, RENDERED_SIMILARITY)
    return missing >= PHRASE_SURE or (stats.relative_length <= short and missing >= mass)


def _trade_off(found: int, total: int, alarms: int, sentences: int) -> str:
    """One row's two sides: the share of errors found, and false alarms per 100 real sentences."""
    return f"{found / max(total, 1):.2f} ({found}/{total}) | {100 * alarms / sentences:.2f}"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_document_arguments(parser)
    args = parser.parse_args(argv)

    from dupcheck.backends.registry import BackendConfig
    from dupcheck.fidelity.pipeline import Checker, CheckSettings

    checker = Checker(BackendConfig(encoder=CPU_DEFAULT, cache=False), CheckSettings(input_format="lines"))
    beads: list[BeadStats] = []
    sentences = 0
    for name in args.sets:
        corpus = read_set(name, args.data)
        for number, doc in enumerate(part(documents(corpus, args.seed), args.part)[: args.limit]):
            start = doc.first_line - 1
            end = start + len(doc.source)
            sentences += end - start
            beads += bead_stats(checker, document_pair(corpus, start, end, doc.name))
            for pair in document_errors(corpus, start, end, args.seed * 10_000 + number, doc.name):
                if pair.kind in (REPLACED_WORD, DROPPED_CLAUSE):
                    beads += bead_stats(checker, pair)
    clean = [b for b in beads if b.kind == "clean"]
    replaced = [b for b in beads if b.kind == REPLACED_WORD and b.holds_error]
    dropped = [b for b in beads if b.kind == DROPPED_CLAUSE and b.holds_error]
    n_replaced = sum(any(b.word_is_replaced) for b in replaced)
    print(f"{args.part} part: {len(args.sets)} sets, {sentences} real sentences; "
          f"{n_replaced} replaced words, {len(dropped)} dropped clauses found in an aligned bead")

    print("\nlayer | replaced word AUC (best similarity) | mean best: replaced, correct words"
          " | dropped clause AUC (missing similarity, floor 0.6)")
    for layer in LAYERS:
        pos = [v for b in replaced for v, r in zip(b.word_best[layer], b.word_is_replaced) if r]
        neg = [v for b in clean for v in b.word_best[layer]]
        clause_pos = [-missing_similarity(b, layer, 0.6) for b in dropped]
        clause_neg = [-missing_similarity(b, layer, 0.6) for b in clean]
        print(f"{layer:5d} | {_shown(auc(pos, neg))} | {np.mean(pos):.2f}, {np.mean(neg):.2f} | "
              f"{_shown(auc(clause_pos, clause_neg))}")

    layer = WORD_LAYER
    print(f"\nlayer {layer}: mistranslation floor | replaced words found | false alarms per 100 real sentences")
    for floor in WORD_FLOORS:
        found = sum(any(v < floor and r for v, r in zip(b.word_best[layer], b.word_is_replaced)) for b in replaced)
        alarms = sum(v < floor for b in clean for v in b.word_best[layer])
        print(f"{floor:.2f} | {_trade_off(found, n_replaced, alarms, sentences)}")
    print(f"\nlayer {layer}: floor for a word standing apart, by at least | replaced words found | "
          "false alarms per 100 real sentences")
    for floor in ISOLATED_FLOORS:
        for apart in ISOLATIONS:
            def alone(b: BeadStats, k: int, floor: float = floor, apart: float = apart) -> bool:
                return b.word_best[layer][k] < floor and b.word_apart[k] >= apart
            found = sum(any(alone(b, k) and r for k, r in enumerate(b.word_is_replaced)) for b in replaced)
            alarms = sum(alone(b, k) for b in clean for k in range(len(b.word_apart)))
            print(f"{floor:.2f}, {apart:.2f} | {_trade_off(found, n_replaced, alarms, sentences)}")
    print(f"\nlayer {layer}: clause floor, missing similarity | dropped clauses found | false alarms per 100 real sentences")
    for floor in CLAUSE_FLOORS:
        for mass in CLAUSE_MASSES:
            found = sum(missing_similarity(b, layer, floor) >= mass for b in dropped)
            alarms = sum(missing_similarity(b, layer, floor) >= mass for b in clean)
            print(f"{floor:.2f}, {mass:.2f} | {_trade_off(found, len(dropped), alarms, sentences)}")
    print(f"\nlayer {layer}, clause floor {RENDERED_SIMILARITY}: the plain gate ({PHRASE_SURE}) or a short translation "
          "with a run missing at least | dropped clauses found | false alarms per 100 real sentences")
    for length in SHORT_LENGTHS:
        for mass in SHORT_MASSES:
            found = sum(clause_flagged(b, layer, length, mass) for b in dropped)
            alarms = sum(clause_flagged(b, layer, length, mass) for b in clean)
            print(f"{length:.2f}, {mass:.2f} | {_trade_off(found, len(dropped), alarms, sentences)}")

    print(f"\nlayer {layer}: the plain gate or a translation shorter than {SHORT_TRANSLATION} (widened below a "
          f"source of this many characters) with a run missing at least {SHORT_PHRASE_SURE} | dropped clauses "
          "found | false alarms per 100 real sentences")
    for full_chars in FULL_LENGTH_CHARS:
        def widened(b: BeadStats, full_chars: int = full_chars) -> bool:
            short = short_limit(SHORT_TRANSLATION, b.source_chars, full_chars)
            return clause_flagged(b, layer, short, SHORT_PHRASE_SURE)
        found = sum(map(widened, dropped))
        alarms = sum(map(widened, clean))
        print(f"{full_chars:4d} | {_trade_off(found, len(dropped), alarms, sentences)}")


if __name__ == "__main__":
    main()
