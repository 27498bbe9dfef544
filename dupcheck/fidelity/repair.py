"""Re-pairing sentences the aligner left apart although they translate each other.

The sentence aligner scores whole documents; where a free translation shares few
lexicon links with its source it can leave the source sentence unaligned (1-0) and its
translation unaligned (0-1) side by side. Reported as they stand they are two major
findings, an omission and an addition, on a correct translation. Here an unaligned
source sentence and an unaligned target sentence in the same small gap (between the same
two aligned beads, at most four sentences a side) become one 1-1 bead when the evidence says they translate each other:
with an encoder, their embeddings are as close as translations' are; without one, the
lexicon, number and name links cover enough of the source sentence. A sentence replaced
by another article's shares neither, so it stays an omission and an addition.

With word states the merges are checked last: a sentence left unaligned beside a 1-1
bead whose words render part of the bead's other sentence (fewer of them where the bead
lacks its length) is folded into it, and a merge member whose words find little across
is split off. Last, ``moved_sentences`` finds a sentence translated out of its place: an
omission and an addition a few beads apart that translate each other, which a monotone
alignment cannot pair.

Long because the re-pairing and the merge check read the pair through one view
(``_Pair``) and the same two measures (a run pair's cosine, a sentence's word precision
across); apart, each module would reach into the other's private helpers.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dupcheck.backends.encode.base import Encoder
from dupcheck.fidelity.align import length_departure
from dupcheck.fidelity.wordalign import align_words, content_vectors, word_match, word_precision
from dupcheck.lexical.pivot import PivotSide
from dupcheck.records import Bead, Document

#: e5 ("query: ") cosine at or above which two sentences are taken as translations of
#: each other. Measured on the first 25 calibration documents of WMT14 hi-en (corpora.py):
#: the one translation the aligner left apart embeds at 0.82, the 25 sentences replaced by
#: one from another article at 0.72-0.80 against the source sentence they replace
MIN_SIMILARITY = 0.82
#: and by this much closer to its source than the translations on either side of the gap
#: are. On 15 calibration documents each of WMT14 hi, TICO-19 hi and ar, a sentence's own
#: translation has a margin of 0.03-0.20 over its neighbours' and a sentence from another
#: article -0.14-0.03; in Arabic e5 puts such a replacement at cosine up to 0.84, above the
#: floor, so the margin is what keeps it apart
MIN_MARGIN = 0.035
#: or, below that margin, when their content words find each other in context this well
#: (``wordalign.word_match`` of the layer-8 word vectors). On the first 10 calibration
#: documents of TICO-19 ar, WMT14 hi and TICO-19 hi, the translations the aligner left
#: apart reach 0.55-0.62 and the sentences replaced by another article's 0.41-0.51: a
#: short line among like ones ("are you having any shortness of breath?") has no margin
#: over its neighbours, but its words have their counterparts
MIN_WORD_MATCH = 0.53
#: without an encoder: the share of the source sentence's content words linked into it.
#: The lexicon barely tells them apart (on the first 30 calibration documents of WMT14,
#: TICO-19 hi and ar: left-apart translations 0-0.40, replaced sentences 0-0.32), so
#: few are re-paired
MIN_COVERAGE = 0.35
#: only gaps this small on both sides are re-paired: where two articles share passages
#: (seed 003 against the AP story), long unaligned runs hold same-topic sentences that
#: embed alike without translating each other; translations left apart come one or a few
#: together (a TICO-19 ar calibration document opens with three: a title and two
#: sentences of one topic, whose lexical links are acronyms the lexicon lacks). Seed 003
#: keeps its three passages at 4 (tests/fidelity/test_pipeline.py)
MAX_GAP = 4

#: a sentence beside a 1-1 bead, left unaligned, is folded into it (a 2-1 or 1-2 merge)
#: when its content words find counterparts in the bead's other sentence this well (the
#: mean of their best layer-8 similarities across, ``_word_precision``) and the merged run
#: embeds at least as close to that sentence as the bead's own sentence does; a member of
#: a merge whose words find less than ``SPLIT_WORDS`` is split off. Chosen on
#: benchmarks/align_calibration.py's pairs of seeds 2 and 3 (not the reported 0 and 1),
#: ten a set, all four sets: the member of a gold merge reaches 0.62 in 390 of 432
#: cases, a deleted or inserted sentence beside a 1-1 bead in 0 of 396 when its run must
#: embed no further; below 0.5 fall 0 of 432 members and 280 of 396 such sentences. The
#: sentence cosine alone does not separate them (joined minus single: merge members -0.016
#: to 0.15, deleted and inserted neighbours -0.12 to 0.019)
MERGE_WORDS = 0.62
SPLIT_WORDS = 0.5
#: a sentence whose words find at least ``SPLIT_WORDS`` (so that it would stay in a merge)
#: is also folded in when the bead's lengths come this much closer with it to the ratio
#: of the other aligned beads (``align.length_departure``, a log ratio) and the merged run
#: embeds at most ``BALANCED_SLACK`` times that gain further: the half a split sentence
#: leaves behind is the length its bead lacks, and the more the lengths say so, the less
#: the joined run's cosine (which e5 lowers for any longer text) must. Chosen on
#: align_calibration's pairs of seeds 2-6 (ten a set, all four sets; not the reported 0
#: and 1), over the 1,160 sentences ``_folded`` weighs: the bead's departure falls by
#: 0.06-0.45 (10th-90th percentile) with a gold member folded in and rises by 0.18-0.96
#: with any other sentence; with this rule 19 of the 23 gold members are folded (9
#: without it, 18 with a fixed slack of 0.01) and 4 of the 1,137 others (the same 4)
BALANCED_GAIN = 0.15
BALANCED_SLACK = 0.05
#: the fewest other aligned beads whose lengths set the ratio ``BALANCED_GAIN`` reads
RATIO_BEADS = 5

#: a source sentence left unaligned and a target sentence left unaligned, at most this
#: many aligned beads apart, are one sentence translated out of its place when they embed
#: as translations do (``MIN_SIMILARITY``), each is closer to the other than to any
#: sentence of the beads between them, and their content words find each other this well
#: (``wordalign.word_match``). Chosen on benchmarks/moved_bench.py's calibration part (16
#: documents a set, all four sets): a translation moved two or three lines down matches
#: its source's words at 0.61-0.89 and by a margin of 0.009 or more, a sentence of another
#: passage put in after an omission at 0.34-0.56 (a margin up to 0.025, a cosine up to 0.89
#: in TICO-19's one-topic texts), so the words decide; the bar sits between the two. The
#: report part, held out: README.md. The reach is not calibrated: the benchmark moves a line
#: past one or two translations, and farther moves would weigh more same-topic sentences
MOVED_REACH = 3
MOVED_WORD_MATCH = 0.59

#: (source, target) per-sentence word vectors, one row per pivot word (``Checker.word_vectors``)
WordVectors = tuple[Sequence[np.ndarray], Sequence[np.ndarray]]


@dataclass(frozen=True, slots=True)
class _Pair:
    """What the re-pairing reads of the two documents."""

    source: Document
    target: Document
    source_pivot: PivotSide
    target_pivot: PivotSide
    encoder: Encoder | None
    words: WordVectors | None


def repaired(
    alignment: Sequence[Bead],
    source: Document,
    target: Document,
    source_pivot: PivotSide,
    target_pivot: PivotSide,
    encoder: Encoder | None,
    words: WordVectors | None = None,
) -> tuple[Bead, ...]:
    """``alignment`` with the 1-0 and 0-1 beads of each gap re-paired where they translate
    each other (the pairs of greatest total similarity that keep the order of both
    sides). ``words``: each side's per-sentence word vectors, when the encoder gives
    token states.

    A gap is also tried together with the aligned beads beside it and the gap beyond the
    next one, taken apart into their sentences: among like lines ("it is in my chest",
    "it is in the center of my chest") the aligner can pair a sentence with its
    neighbour's translation, leaving an addition on one side of that bead and an omission
    on the other, or fold a sentence into a merge beside its own unaligned translation.
    The wider re-pairing is kept only when it pairs more sentences than the beads it
    replaces. With ``words``, merges are then split (``_split``) and unaligned halves of
    a sentence folded into their bead (``_folded``)."""

    pair = _Pair(source, target, source_pivot, target_pivot, encoder, words)
    beads = list(alignment)
    out: list[Bead] = []
    #: beads before this index came out of a re-pairing and are not taken apart again
    settled = 0
    i = 0
    while i < len(beads):
        if _two_sided(beads[i]):
            out.append(beads[i])
            i += 1
            continue
        end = _gap_end(beads, i)
        # the window may take in the aligned bead before (unless it came out of a
        # re-pairing), the one after, and the gap beyond that
        starts = (i, i - 1) if i - 1 >= settled and i > 0 else (i,)
        ends = [end]
        if end < len(beads):
            ends += [end + 1, _gap_end(beads, end + 1)]
        best: tuple[int, int, list[Bead]] | None = None
        gain = 0
        for lo, hi in dict.fromkeys((lo, hi) for lo in starts for hi in ends):
            window = beads[lo:hi]
            # what the window keeps on its left: ``out`` less the bead it takes in
            kept = out[:-1] if lo < i else out
            neighbours = (kept[-1] if kept else None, beads[hi] if hi < len(beads) else None)
            around = [j for b in neighbours if b is not None and _two_sided(b) for j in b.target[-1:]]
            candidate = _pair_gap(taken_apart(window), around, pair)
            if (more := _paired(candidate) - _paired(window)) > gain:
                gain, best = more, (lo, hi, candidate)
        if best is None:
            out.extend(beads[i:end])
            i = end
            continue
        lo, hi, candidate = best
        if lo < i:
            out.pop()
        out.extend(candidate)
        i = settled = hi
    if encoder is not None and words is not None:
        out = _folded(_split(out, pair, encoder, words), pair, encoder, words)
    return tuple(out)


def moved_sentences(
    alignment: Sequence[Bead],
    source: Document,
    target: Document,
    source_pivot: PivotSide,
    target_pivot: PivotSide,
    encoder: Encoder,
    words: WordVectors,
) -> tuple[Bead, ...]:
    """1-1 beads, scored by their cosine, of sentences that translate each other though
    the alignment leaves both unaligned, a few beads apart (``MOVED_REACH``): a sentence
    the translation moved, which an order-keeping alignment reports as an omission and
    an addition. The pairs of greatest cosine first, each sentence in one at most; in
    source order."""
    pair = _Pair(source, target, source_pivot, target_pivot, encoder, words)
    omitted = [(k, b.source[0]) for k, b in enumerate(alignment) if b.source and not b.target]
    added = [(k, b.target[0]) for k, b in enumerate(alignment) if b.target and not b.source]
    candidates = []
    for k, s in omitted:
        for n, t in added:
            between = [b for b in alignment[min(k, n) + 1 : max(k, n)] if _two_sided(b)]
            if not 0 < len(between) <= MOVED_REACH:
                continue
            similarity = _moved_similarity(pair, encoder, s, t, between)
            if similarity is not None and _word_match(pair, words, s, t) >= MOVED_WORD_MATCH:
                candidates.append((similarity, s, t))
    out: list[Bead] = []
    for similarity, s, t in sorted(candidates, reverse=True):
        if all(s not in b.source and t not in b.target for b in out):
            out.append(Bead((s,), (t,), round(similarity, 4)))
    return tuple(sorted(out, key=lambda b: b.source))


def _moved_similarity(pair: _Pair, encoder: Encoder, s: int, t: int, between: Sequence[Bead]) -> float | None:
    """The cosine of source sentence ``s`` and target sentence ``t`` when it is a
    translation's (``MIN_SIMILARITY``) and each is closer to the other than to any
    sentence of the ``between`` beads on the other side; else None."""
    sources = [s, *(i for b in between for i in b.source)]
    targets = [t, *(j for b in between for j in b.target)]
    vectors = encoder.encode(
        [pair.source.sentences[i].text for i in sources] + [pair.target.sentences[j].text for j in targets]
    )
    table = vectors[: len(sources)] @ vectors[len(sources) :].T
    similarity = float(table[0, 0])
    if similarity < MIN_SIMILARITY:
        return None
    if similarity <= max(table[0, 1:].max(), table[1:, 0].max()):
        return None
    return similarity


def _split(beads: Sequence[Bead], pair: _Pair, encoder: Encoder, words: WordVectors) -> list[Bead]:
    """Each merge (n-1 or 1-n) with an end member whose words find few counterparts in
    the single sentence across split: that member becomes an omission or an addition
    beside the rest. Few is below ``SPLIT_WORDS``, or below ``MERGE_WORDS`` where the run
    embeds no closer with the member than without it. A sentence deleted beside its neighbour's
    bead rides along in a merge as far as its topic carries it ("The family members are
    frightened." after a sentence on threats to the family)."""
    out: list[Bead] = []
    for bead in beads:
        before: list[Bead] = []
        after: list[Bead] = []
        while (on_source := _merged_side(bead)) is not None:
            run, other = (bead.source, bead.target[0]) if on_source else (bead.target, bead.source[0])
            precision = {k: _word_precision(pair, words, on_source, k, other) for k in (run[0], run[-1])}
            weakest = min(precision, key=precision.__getitem__)
            if precision[weakest] >= MERGE_WORDS:
                break
            rest = run[1:] if weakest == run[0] else run[:-1]
            source, target = (rest, bead.target) if on_source else (bead.source, rest)
            without = _run_similarity(pair, encoder, source, target)
            # a member whose words find less than a fold asks but at least SPLIT_WORDS
            # stays where the run embeds closer with it than without
            if precision[weakest] >= SPLIT_WORDS and _run_similarity(pair, encoder, bead.source, bead.target) > without:
                break
            alone = Bead((weakest,), (), 0.0) if on_source else Bead((), (weakest,), 0.0)
            if weakest == run[0]:
                before.append(alone)
            else:
                after.insert(0, alone)
            bead = Bead(source, target, round(without, 4))
        out += [*before, bead, *after]
    return out


def _merged_side(bead: Bead) -> bool | None:
    """True for an n-1 merge, False for a 1-n one, None for any other bead."""
    if len(bead.target) == 1 and len(bead.source) > 1:
        return True
    if len(bead.source) == 1 and len(bead.target) > 1:
        return False
    return None


def _folded(beads: Sequence[Bead], pair: _Pair, encoder: Encoder, words: WordVectors) -> list[Bead]:
    """Each unaligned sentence beside a 1-1 bead, next to it in its own document, folded
    into that bead where it renders part of the bead's other sentence (``MERGE_WORDS``)
    and the merged run embeds no further from it: the short half of a split sentence
    ("إذا كان يتكيف تكيفًا جيدًا." of "If it adapts well, …") that the aligner left as an
    addition. Where the bead's lengths come closer to the documents' ratio with it, less
    is asked (``BALANCED_GAIN``). A sentence between two such beads goes to the one whose
    other sentence its words find better; of two such sentences, one each side of a
    bead, the one whose merge embeds closer."""
    out = list(beads)
    aligned = [_chars(pair, b.source, b.target) for b in out if _two_sided(b)]
    totals = (sum(c for c, _ in aligned), sum(c for _, c in aligned))

    def fold(i: int, n: int) -> tuple[float, float, Bead] | None:
        """Bead ``i`` with the unaligned sentence of bead ``n`` folded in, where the rules
        allow it: (the sentence's word precision, the merged run's cosine, the bead)."""
        if not (0 <= i < len(out) and 0 <= n < len(out)) or _two_sided(out[n]):
            return None
        return fold_beads(out[i], out[n])

    @functools.cache  # a rival's fold is weighed again when the loop reaches its bead
    def fold_beads(bead: Bead, loose: Bead) -> tuple[float, float, Bead] | None:
        if not (len(bead.source) == 1 and len(bead.target) == 1):
            return None
        on_source = bool(loose.source)
        extra, mine, other = (
            (loose.source[0], bead.source[0], bead.target[0]) if on_source
            else (loose.target[0], bead.target[0], bead.source[0])
        )
        if abs(extra - mine) != 1:
            return None
        precision = _word_precision(pair, words, on_source, extra, other)
        run = tuple(sorted((mine, extra)))
        source, target = (run, bead.target) if on_source else (bead.source, run)
        ratio = _ratio_beside(pair, totals, len(aligned), bead)
        gain = 0.0 if ratio is None else (
            _departure(pair, bead.source, bead.target, ratio) - _departure(pair, source, target, ratio)
        )
        balanced = gain >= BALANCED_GAIN
        if precision < (SPLIT_WORDS if balanced else MERGE_WORDS):
            return None
        joined = _run_similarity(pair, encoder, source, target)
        slack = BALANCED_SLACK * gain if balanced else 0.0
        if joined < _run_similarity(pair, encoder, bead.source, bead.target) - slack:
            return None
        return precision, joined, Bead(source, target, round(joined, 4))

    i = 0
    while i < len(out):
        options = []
        for n in (i - 1, i + 1):
            mine = fold(i, n)
            if mine is None:
                continue
            rival = fold(2 * n - i, n)  # the bead on the sentence's other side
            if rival is None or rival[0] <= mine[0]:
                options.append((mine[1], n, mine[2]))
        if not options:
            i += 1
            continue
        _, n, merged = max(options, key=lambda option: option[0])
        out[min(i, n)] = merged
        del out[max(i, n)]
        i = min(i, n) + 1
    return out


def _chars(pair: _Pair, source: Sequence[int], target: Sequence[int]) -> tuple[int, int]:
    """The characters of a run pair's source and target sentences."""
    return (sum(len(pair.source.sentences[s].text) for s in source),
            sum(len(pair.target.sentences[t].text) for t in target))


def _ratio_beside(pair: _Pair, totals: tuple[int, int], beads: int, bead: Bead) -> float | None:
    """Target characters per source character over the aligned beads other than ``bead``
    (``totals``: over all ``beads`` of them), or None when fewer than ``RATIO_BEADS``
    others set it: a bead cannot vouch for itself, and a short document's ratio is its
    few beads' own."""
    if beads - 1 < RATIO_BEADS:
        return None
    source, target = _chars(pair, bead.source, bead.target)
    return max(totals[1] - target, 1) / max(totals[0] - source, 1)


def _departure(pair: _Pair, source: Sequence[int], target: Sequence[int], ratio: float) -> float:
    """How far the run pair's lengths depart from ``ratio``."""
    return float(length_departure(*_chars(pair, source, target), ratio))


def _run_similarity(pair: _Pair, encoder: Encoder, source: Sequence[int], target: Sequence[int]) -> float:
    """Cosine of the two runs, each embedded as its sentences joined."""
    vectors = encoder.encode([
        " ".join(pair.source.sentences[s].text for s in source),
        " ".join(pair.target.sentences[t].text for t in target),
    ])
    return float(vectors[0] @ vectors[1])


def _word_precision(pair: _Pair, words: WordVectors, on_source: bool, k: int, other: int) -> float:
    """How fully sentence ``k``'s content words (of the source when ``on_source``) find
    counterparts in sentence ``other`` of the opposite document: the mean of their best
    similarities across (0 when either has none)."""
    sides = ((pair.source_pivot, words[0]), (pair.target_pivot, words[1]))
    (own, own_vectors), (opposite, opposite_vectors) = sides if on_source else sides[::-1]
    return word_precision(
        content_vectors(own.words[k], own_vectors[k]),
        content_vectors(opposite.words[other], opposite_vectors[other]),
    )


def _two_sided(bead: Bead) -> bool:
    return bool(bead.source and bead.target)


def _gap_end(beads: Sequence[Bead], start: int) -> int:
    """The index after the run of one-sided beads that begins at ``start``."""
    end = start
    while end < len(beads) and not _two_sided(beads[end]):
        end += 1
    return end


def taken_apart(beads: Sequence[Bead]) -> list[Bead]:
    """Each aligned bead split into its sentences, as 1-0 and 0-1 beads."""
    out: list[Bead] = []
    for bead in beads:
        if not _two_sided(bead):
            out.append(bead)
            continue
        out += [Bead((s,), (), 0.0) for s in bead.source]
        out += [Bead((), (t,), 0.0) for t in bead.target]
    return out


def _paired(beads: Sequence[Bead]) -> int:
    """Sentences of both sides that ``beads`` pair with a counterpart."""
    return sum(len(b.source) + len(b.target) for b in beads if _two_sided(b))


def _pair_gap(gap: list[Bead], around: list[int], pair: _Pair) -> list[Bead]:
    sources = [b.source[0] for b in gap if b.source]
    targets = [b.target[0] for b in gap if b.target]
    if not sources or not targets or max(len(sources), len(targets)) > MAX_GAP:
        return gap
    floor = MIN_SIMILARITY if pair.encoder is not None else MIN_COVERAGE
    scores = {(s, t): score for score, s, t in _scores(sources, targets, around, pair) if score >= floor}
    pairs = {s: (t, scores[s, t]) for s, t in monotone_matching(sources, targets, scores)}
    if not pairs:
        return gap
    taken = {t for t, _ in pairs.values()}
    beads = [Bead((s,), (t,), round(score, 4)) for s, (t, score) in pairs.items()]
    beads += [b for b in gap if (b.source and b.source[0] not in pairs)]
    beads += [b for b in gap if (b.target and b.target[0] not in taken)]
    # the order of a gap: by source index, an addition before the source sentence after it
    return sorted(beads, key=lambda b: (b.source[0] if b.source else _after(b, pairs), b.target))


def monotone_matching(
    sources: Sequence[int], targets: Sequence[int], scores: dict[tuple[int, int], float],
) -> list[tuple[int, int]]:
    """The (source, target) pairs of ``scores`` with the greatest total score that keep
    the order of both sides (no two pairs cross), in source order.

    Best-first picking fails among repeated lines: "I can't do this now." written twice
    embeds alike against both renderings, and a tie taken the wrong way round (the second
    copy with the first rendering) crosses, and so shuts out, the other pair.
    """
    rows, cols = len(sources) + 1, len(targets) + 1
    total = np.zeros((rows, cols))
    for a in range(1, rows):
        for b in range(1, cols):
            total[a, b] = max(total[a - 1, b], total[a, b - 1])
            if (key := (sources[a - 1], targets[b - 1])) in scores:
                total[a, b] = max(total[a, b], total[a - 1, b - 1] + scores[key])
    out: list[tuple[int, int]] = []
    a, b = rows - 1, cols - 1
    while a and b:
        if total[a, b] == total[a - 1, b]:
            a -= 1
        elif total[a, b] == total[a, b - 1]:
            b -= 1
        else:
            out.append((sources[a - 1], targets[b - 1]))
            a, b = a - 1, b - 1
    return out[::-1]


def _after(addition: Bead, pairs: dict[int, tuple[int, float]]) -> float:
    """Where an unpaired addition sits among the re-paired beads, by target order."""
    earlier = [s for s, (t, _) in pairs.items() if t < addition.target[0]]
    return max(earlier) + 0.5 if earlier else -0.5


def _scores(
    sources: list[int], targets: list[int], around: list[int], pair: _Pair,
) -> list[tuple[float, int, int]]:
    if pair.encoder is not None:
        vectors = pair.encoder.encode(
            [pair.source.sentences[s].text for s in sources]
            + [pair.target.sentences[t].text for t in (*targets, *around)]
        )
        table = vectors[: len(sources)] @ vectors[len(sources) :].T
        # a sentence embeds close to every sentence of its article: a pair counts only by
        # its margin over the translations next to the gap (a sentence replaced by another
        # article's is no closer to its source than those are)
        nearby = table[:, len(targets) :].max(axis=1, initial=-1.0)
        return [
            (float(table[i, j]), s, t)
            for i, s in enumerate(sources)
            for j, t in enumerate(targets)
            if table[i, j] - nearby[i] >= MIN_MARGIN
            or (pair.words is not None and _word_match(pair, pair.words, s, t) >= MIN_WORD_MATCH)
        ]
    return [
        (_coverage(pair.source_pivot, pair.target_pivot, s, t, pair.target.lang), s, t)
        for s in sources
        for t in targets
    ]


def _word_match(pair: _Pair, words: WordVectors, s: int, t: int) -> float:
    """``wordalign.word_match`` of the content words of sentences ``s`` and ``t``."""
    return word_match(
        content_vectors(pair.source_pivot.words[s], words[0][s]),
        content_vectors(pair.target_pivot.words[t], words[1][t]),
    )


def _coverage(source: PivotSide, target: PivotSide, s: int, t: int, lang: str) -> float:
    """Share of sentence ``s``'s content words linked into sentence ``t`` (0 with none:
    a sentence with nothing to link is no evidence)."""
    if not any(w.content and w.keys for w in source.words[s]):
        return 0.0
    return align_words(source.words[s], target.words[t], lang).source_coverage()
