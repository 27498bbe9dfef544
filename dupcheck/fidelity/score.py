"""Scores: fidelity per aligned pair and per document, and sacrebleu chrF and BLEU of the
pivot translation against the source (pivot agreement, not reference-based scores)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sacrebleu.metrics import BLEU, CHRF

from dupcheck.fidelity.wordalign import RENDERED_SIMILARITY, WordAlignment
from dupcheck.lexical.pivot import Word
from dupcheck.records import Bead, Document, Finding, PairScore, Scores, Severity

_CHRF = CHRF()
_BLEU = BLEU(effective_order=True)

#: how much the share of matched source words weighs against the share of matched
#: target words in a pair's fidelity: omitted content matters more than extra words
_SOURCE_WEIGHT = 0.7


def metric_signatures() -> str:
    """sacrebleu's own signatures, each led by its metric's name (``chrF2|nrefs:1|...``)."""
    parts = []
    for metric in (_CHRF, _BLEU):
        name = metric.sentence_score("a", ["a"]).name
        parts.append(f"{name}|{metric.get_signature()}")
    return "|".join(parts)


#: how much the pair's least rendered word weighs beside the mean: a wrong word or a
#: dropped clause lowers one word or a few, which a mean over twenty words hides
_WORST_WEIGHT = 0.2
#: how much a major-or-worse finding inside the pair takes off, at confidence 1
_FINDING_WEIGHT = 0.5


def pair_fidelity(words: WordAlignment, chrf: float, findings: Sequence[Finding] = ()) -> float:
    """0-1: how much of the pair's content finds a counterpart both ways, lowered by the
    strongest major-or-worse finding inside the pair.

    With word states, each content word earns credit 1 for a lexical link, else its best
    similarity across in context over ``RENDERED_SIMILARITY`` (capped at 1); the score
    blends the mean credit (source words weigh 0.7) with the least credited word.
    Without them, the lexical coverage both ways, blended with the pivot's chrF against
    the source. How well it tells error pairs from clean ones, per error type:
    benchmarks/check_bench.py (ROC AUC).
    """
    source_best, target_best = words.source_best(), words.target_best()
    if source_best is None or target_best is None:
        lexical = _SOURCE_WEIGHT * words.source_coverage() + (1 - _SOURCE_WEIGHT) * words.target_coverage()
        base = 0.8 * lexical + 0.2 * min(chrf / 100.0, 1.0)
    else:
        source = _credits(words.source, words.source_matched, source_best)
        target = _credits(words.target, words.target_matched, target_best)
        mean = _SOURCE_WEIGHT * source.mean() + (1 - _SOURCE_WEIGHT) * target.mean()
        base = (1 - _WORST_WEIGHT) * mean + _WORST_WEIGHT * min(source.min(), target.min())
    strongest = max((f.confidence for f in findings if f.severity.at_least(Severity.MAJOR)), default=0.0)
    return round(float(base) * (1 - _FINDING_WEIGHT * strongest), 4)


def _credits(words: Sequence[Word], linked: frozenset[int], best: np.ndarray) -> np.ndarray:
    """Per content word, 1 if a lexical link holds it, else how alike its best counterpart
    is in context relative to ``RENDERED_SIMILARITY``; ``[1.0]`` for a side with none."""
    credits = [
        1.0 if i in linked else min(1.0, max(float(best[i]), 0.0) / RENDERED_SIMILARITY)
        for i, w in enumerate(words) if w.content and w.text
    ]
    return np.asarray(credits or [1.0])


def score_pairs(
    alignment: Sequence[Bead], source_runs: Sequence[str], pivot_runs: Sequence[str],
    words: Sequence[WordAlignment | None], findings: Sequence[Finding] = (),
) -> tuple[PairScore, ...]:
    """One score per matched bead (beads with an empty side are omissions/additions)."""
    by_bead: dict[tuple[tuple[int, ...], tuple[int, ...]], list[Finding]] = {}
    for finding in findings:
        by_bead.setdefault((finding.source, finding.target), []).append(finding)
    out = []
    for bead, src, piv, wa in zip(alignment, source_runs, pivot_runs, words):
        if wa is None:
            continue
        chrf = _CHRF.sentence_score(piv, [src]).score
        inside = by_bead.get((bead.source, bead.target), [])
        out.append(PairScore(bead=bead, pivot_chrf=round(chrf, 2), fidelity=pair_fidelity(wa, chrf, inside)))
    return tuple(out)


def aligned_share(alignment: Sequence[Bead], source: Document) -> float:
    """Share of the source's characters in two-sided beads (``Scores.coverage``)."""
    lengths = [len(s.text) for s in source.sentences]
    aligned = sum(lengths[i] for b in alignment if b.target for i in b.source)
    return aligned / max(sum(lengths), 1)


def score_document(
    source: Document, target: Document, alignment: Sequence[Bead], pairs: Sequence[PairScore],
    source_runs: Sequence[str], pivot_runs: Sequence[str],
) -> Scores:
    """Fidelity weighs each pair by its source length; omitted and added sentences count as 0.

    Coverage is the share of source characters that are aligned to something.
    """
    src_len = [len(s.text) for s in source.sentences]
    tgt_len = [len(s.text) for s in target.sentences]
    ratio = sum(src_len) / max(sum(tgt_len), 1)
    weighted = 0.0
    total = 0.0
    fidelity_of = {(p.bead.source, p.bead.target): p.fidelity for p in pairs}
    for bead in alignment:
        weight = sum(src_len[i] for i in bead.source) if bead.source else ratio * sum(
            tgt_len[j] for j in bead.target
        )
        total += weight
        weighted += weight * fidelity_of.get((bead.source, bead.target), 0.0)
    refs = [s for s, b in zip(source_runs, alignment) if b.source and b.target]
    hyps = [p for p, b in zip(pivot_runs, alignment) if b.source and b.target]
    chrf = _CHRF.corpus_score(hyps, [refs]).score if hyps else 0.0
    bleu = _BLEU.corpus_score(hyps, [refs]).score if hyps else 0.0
    return Scores(
        fidelity=round(weighted / total, 4) if total else 0.0,
        coverage=round(aligned_share(alignment, source), 4),
        pivot_chrf=round(chrf, 2),
        pivot_bleu=round(bleu, 2),
    )
