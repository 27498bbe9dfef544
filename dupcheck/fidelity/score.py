"""Scores: fidelity per aligned pair and per document, with sacrebleu chrF and BLEU."""

from __future__ import annotations

from collections.abc import Sequence

from sacrebleu.metrics import BLEU, CHRF

from dupcheck.fidelity.wordalign import WordAlignment
from dupcheck.records import Bead, Document, PairScore, Scores

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


def pair_fidelity(words: WordAlignment, chrf: float) -> float:
    """0-1: content coverage both ways, blended with chrF of the pivot against the source."""
    lexical = _SOURCE_WEIGHT * words.source_coverage() + (1 - _SOURCE_WEIGHT) * words.target_coverage()
    return round(0.8 * lexical + 0.2 * min(chrf / 100.0, 1.0), 4)


def score_pairs(
    alignment: Sequence[Bead], source_runs: Sequence[str], pivot_runs: Sequence[str],
    words: Sequence[WordAlignment | None],
) -> tuple[PairScore, ...]:
    """One score per matched bead (beads with an empty side are omissions/additions)."""
    out = []
    for bead, src, piv, wa in zip(alignment, source_runs, pivot_runs, words):
        if wa is None:
            continue
        chrf = _CHRF.sentence_score(piv, [src]).score
        out.append(PairScore(bead=bead, chrf=round(chrf, 2), fidelity=pair_fidelity(wa, chrf)))
    return tuple(out)


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
    aligned = sum(src_len[i] for b in alignment if b.target for i in b.source)
    refs = [s for s, b in zip(source_runs, alignment) if b.source and b.target]
    hyps = [p for p, b in zip(pivot_runs, alignment) if b.source and b.target]
    chrf = _CHRF.corpus_score(hyps, [refs]).score if hyps else 0.0
    bleu = _BLEU.corpus_score(hyps, [refs]).score if hyps else 0.0
    return Scores(
        fidelity=round(weighted / total, 4) if total else 0.0,
        coverage=round(aligned / max(sum(src_len), 1), 4),
        chrf=round(chrf, 2),
        bleu=round(bleu, 2),
    )
