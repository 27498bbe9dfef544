"""Input that is already paired (``--input-format aligned``, bilingual files): segment k faces
segment k, and nothing is re-aligned.

The aligner still runs, freely, as a witness: a segment whose two sides it would not pair
with each other (its translation corresponds to another source segment, or to none) is
reported as misaligned, which is what a CAT tool's file shows when a segment's target was
pasted into its neighbour.
"""

from __future__ import annotations

from dupcheck.errors import InputError
from dupcheck.numbering import label
from dupcheck.records import Bead, Document, Finding, FindingType, Severity


def paired_alignment(source: Document, target: Document, free: tuple[Bead, ...]) -> tuple[Bead, ...]:
    """Segment k against segment k, scored as the free alignment scored that pair (else 0)."""
    if len(source.sentences) != len(target.sentences):
        raise InputError(
            target.name,
            f"paired input needs as many segments on both sides: {source.name} has "
            f"{len(source.sentences)}, {target.name} {len(target.sentences)}",
        )
    scores = {(b.source, b.target): b.score for b in free}
    return tuple(Bead((k,), (k,), scores.get(((k,), (k,)), 0.0)) for k in range(len(source.sentences)))


def misaligned(source: Document, target: Document, free: tuple[Bead, ...]) -> tuple[Finding, ...]:
    """A finding for each segment whose two sides the free alignment does not put together
    alone: its translation faces another source segment, none, or (a merge) a run of
    segments, as when two neighbours' targets were swapped."""
    facing = {j: bead for bead in free for j in bead.target}
    out = []
    for k, sentence in enumerate(target.sentences):
        bead = facing.get(k)
        if bead is not None and bead.source == (k,) and bead.target == (k,):
            continue
        if bead is None or not bead.source:
            seen = "corresponds to no source segment"
        elif k not in bead.source:
            seen = f"corresponds to source segment {label(bead.source)} instead"
        else:
            seen = (
                f"runs across segments {label(bead.source)} of the source and {label(bead.target)} "
                "of the translation (swapped or differently split targets)"
            )
        out.append(Finding(
            type=FindingType.MISALIGNMENT, severity=Severity.MAJOR, code="misalignment.segment",
            source=(k,), target=(k,), source_text=source.sentences[k].text,
            target_text=sentence.text,
            message=f"segment {label((k,))}: the translation does not correspond to its source; it {seen}",
        ))
    return tuple(out)
