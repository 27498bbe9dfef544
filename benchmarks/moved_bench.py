"""Sentences translated out of their places, on real translations: does the check report
one ``misalignment.moved`` where a translation moved a sentence, and keep an omission
and an addition where it dropped one and added another's?

    python -m benchmarks.moved_bench [--part calibration|report] [--limit 16] [--sets ...]

For each real document (``corpora.documents``, one part), one line drawn by the seed:

- moved: its translation taken out and put back two or three lines later, so that it
  crosses one or two other translations (what a desk's editor does when reordering);
- replaced: its translation taken out and, as many lines later, a line from 20-40 lines
  away in the set put in (an omission beside a same-topic sentence that translates
  nothing of it, the hard case for the rule).

Per set it prints how often each is reported as a move, as an omission (the line's
source sentence left unaligned and reported), or otherwise (the aligner paired the
lines some other way), and the features the rule reads (``repair.moved_sentences``):
the pair's cosine, the smaller of its two margins over the translations between, and
its content words' match, for each case where both sentences were left unaligned.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from benchmarks.corpora import ARTICLE_SETS, ENCODER_CHOICES, PARTS, documents, part, read_set
from dupcheck.backends.registry import CPU_DEFAULT, BackendConfig, load_encoder, load_translator
from dupcheck.fidelity.findings import CheckedPair, find_problems
from dupcheck.fidelity.pipeline import Checker, CheckSettings
from dupcheck.fidelity.wordalign import content_vectors, word_match
from dupcheck.text.load import document_from_text

KINDS = ("moved", "replaced")
#: lines a moved translation goes down (it then crosses one or two other translations)
DISTANCES = (2, 3)
#: how far in the set the replacing line comes from: another passage, often of the topic
FAR = (20, 40)


@dataclass(frozen=True, slots=True)
class Case:
    kind: str
    #: "moved", "omission" or "other": what the check reported for the line
    outcome: str
    #: (cosine, least margin, word match) where both sentences were left unaligned
    features: tuple[float, float, float] | None


def cases(checker: Checker, name: str, which: str, limit: int, seed: int) -> list[Case]:
    corpus = read_set(name)
    rng = random.Random(seed)
    out = []
    for doc in part(documents(corpus), which)[:limit]:
        k = rng.randrange(1, len(doc.source) - 4)
        d = rng.choice(DISTANCES)
        far = doc.first_line - 1 + k + rng.choice((-1, 1)) * rng.randint(*FAR)
        if not 0 <= far < len(corpus.target):
            far = doc.first_line - 1 + k + FAR[0]
        for kind in KINDS:
            target = list(doc.target)
            line = target.pop(k)
            target.insert(k + d, line if kind == "moved" else corpus.target[far])
            pair, _ = checker.aligned_pair(
                document_from_text("\n".join(doc.source), lang="en", input_format="lines"),
                document_from_text("\n".join(target), lang=doc.lang, input_format="lines"),
            )
            out.append(Case(kind, _outcome(pair, k), _features(checker, pair, k, k + d)))
    return out


def _outcome(pair: CheckedPair, s: int) -> str:
    codes = {(f.code, f.source) for f in find_problems(pair)}
    if ("misalignment.moved", (s,)) in codes:
        return "moved"
    return "omission" if ("omission.sentence", (s,)) in codes else "other"


def _features(checker: Checker, pair: CheckedPair, s: int, t: int) -> tuple[float, float, float] | None:
    alone = {b.source[0] for b in pair.alignment if b.source and not b.target}
    added = {b.target[0] for b in pair.alignment if b.target and not b.source}
    encoder = checker.encoder
    if s not in alone or t not in added or encoder is None:
        return None
    if pair.source_vectors is None or pair.target_vectors is None:
        return None
    n = t - s + 1
    vectors = encoder.encode(
        [pair.source.sentences[i].text for i in range(s, s + n)]
        + [pair.target.sentences[j].text for j in range(s, s + n)]
    )
    table = vectors[:n] @ vectors[n:].T
    cosine = float(table[0, -1])
    margin = min(cosine - table[0, :-1].max(), cosine - table[1:, -1].max())
    words = word_match(
        content_vectors(pair.source_pivot.words[s], pair.source_vectors[s]),
        content_vectors(pair.target_pivot.words[t], pair.target_vectors[t]),
    )
    return cosine, float(margin), words


def render(name: str, found: Sequence[Case]) -> str:
    lines = [f"{name}:"]
    for kind in KINDS:
        mine = [c for c in found if c.kind == kind]
        counts = {o: sum(c.outcome == o for c in mine) for o in ("moved", "omission", "other")}
        shown = ", ".join(f"{o} {v}" for o, v in counts.items())
        lines.append(f"  {kind:9s} {len(mine):3d} cases: {shown}")
        rows = np.array([c.features for c in mine if c.features is not None])
        if len(rows):
            ranges = "  ".join(
                f"{label} {rows[:, j].min():.3f}-{rows[:, j].max():.3f}"
                for j, label in enumerate(("cosine", "margin", "words"))
            )
            lines.append(f"            both unaligned {len(rows)}: {ranges}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", choices=ARTICLE_SETS, default=list(ARTICLE_SETS))
    parser.add_argument("--part", choices=PARTS, default="report")
    parser.add_argument("--limit", type=int, default=16, help="documents per set")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--encoder", choices=ENCODER_CHOICES, default=CPU_DEFAULT)
    args = parser.parse_args(argv)
    config = BackendConfig(encoder=args.encoder, cache=True)
    checker = Checker(
        config, CheckSettings(input_format="lines"),
        translator=load_translator(config), encoder=load_encoder(config),
    )
    print(f"part {args.part}, {args.limit} documents a set, seed {args.seed}, encoder {args.encoder}")
    for name in args.sets:
        print(render(name, cases(checker, name, args.part, args.limit, args.seed)), flush=True)


if __name__ == "__main__":
    main()
