"""Synthetic English→Hindi and English→Arabic document pairs with gold alignments and errors.

Built from a :class:`~benchmarks.corpora.Corpus` of professional translations line by
line, consecutive lines from one article: FLORES-200 dev (NLLB Team, Meta AI; CC BY-SA
4.0) by default, or any set of :mod:`benchmarks.corpora` (TICO-19 en–ar for Arabic).
A document is a run of consecutive lines; every change is made on the translation's
side, so the English side is always the untouched source. The changes follow the
translation's language: a clause ends at ``,`` or ``،``, a sentence at ``।`` or ``؟``
as well as ``.?!``, and a changed number keeps its own digits (Arabic-Indic stay so).

Every builder is a pure function of the corpus and a seed and returns frozen records;
only :func:`benchmarks.corpora.read_parallel` touches the disk.
"""

from __future__ import annotations

import functools
import math
import random
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from benchmarks.corpora import Corpus, read_parallel

#: gold error types; ``omission``/``addition`` come from alignment pairs, the rest are
#: the single error injected into an otherwise clean error pair
OMISSION = "omission"
ADDITION = "addition"
NUMBER = "number"
DROPPED_CLAUSE = "dropped_clause"
REPLACED_SENTENCE = "replaced_sentence"
REPLACED_WORD = "replaced_word"
INJECTED_TYPES = (NUMBER, DROPPED_CLAUSE, REPLACED_SENTENCE, REPLACED_WORD)

#: a line this far (or farther) from a document is taken to belong to another article
_FOREIGN_DISTANCE = 20
#: the translation's most frequent tokens are function words, never content words
_FUNCTION_WORD_RANK = 250
_MIN_CLAUSE_WORDS = 4

_DIGITS = regex.compile(r"\d+")
#: a word of the translation's script: letters and their marks, not its digits or commas
_WORDS = {
    "hi": regex.compile(r"\p{Devanagari}+"),
    # the short vowels and tanween (ًا) are of the Inherited script, so marks of any script
    "ar": regex.compile(r"(?:(?=\p{Arabic})\p{L}|\p{M})+"),
}
# a comma followed by a space: not the one in "11,000"
_CLAUSE_COMMA = regex.compile(r"[,،]\s+")
# a sentence end inside a line: a danda or stop (not a decimal point) followed by more text
_INNER_SENTENCE_END = regex.compile(r"(?<!\d)[।.?!؟](?=\s+\S)")
#: what ends a sentence made by splitting one at a comma
_FULL_STOP = {"hi": "।", "ar": "."}
_END_PUNCTUATION = "।.?!؟\"”' "

Bead = tuple[tuple[int, ...], tuple[int, ...]]
#: an altered target sentence, a note on what changed, and the new text put in ("" if none)
_Change = tuple[str, str, str]
#: (type, source index, target index); ``None`` where the error has no sentence on that side
GoldError = tuple[str, int | None, int | None]


@dataclass(frozen=True, slots=True)
class SyntheticPair:
    """A source document, its (altered) translation into ``lang``, and what to find there.

    ``beads`` cover every source and every target index exactly once, in order.
    ``notes`` says, per gold error, what was changed (for failure reports); ``inserted``
    is, per gold error, the text put into the target sentence where the error is a number
    or a word ("" otherwise), so a checker can be asked to point at it.
    """

    name: str
    kind: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    beads: tuple[Bead, ...]
    errors: tuple[GoldError, ...] = ()
    notes: tuple[str, ...] = ()
    inserted: tuple[str, ...] = ()
    lang: str = "hi"


def read_flores(directory: Path) -> Corpus:
    """The English and Hindi dev files (line-aligned) of a FLORES-200 directory."""

    return read_parallel(directory / "eng_Latn.dev", directory / "hin_Deva.dev", "hi", "flores-hi")


# --- alignment pairs -------------------------------------------------------------------

# A draft document is a list of (source indices, target sentences) beads; indices into the
# target are only assigned once all edits are made.
_Draft = list[tuple[tuple[int, ...], tuple[str, ...]]]


def _split_point(sentence: str) -> int | None:
    """Where a target sentence splits cleanly into two, or None.

    A sentence end inside the line is preferred; otherwise the comma nearest the middle
    with at least four words on each side.
    """

    for pattern in (_INNER_SENTENCE_END, _CLAUSE_COMMA):
        points = [
            match.start()
            for match in pattern.finditer(sentence)
            if len(sentence[: match.start()].split()) >= _MIN_CLAUSE_WORDS
            and len(sentence[match.end() :].split()) >= _MIN_CLAUSE_WORDS
        ]
        if points:
            return min(points, key=lambda at: abs(len(sentence) - 2 * at))
    return None


def _split(sentence: str, at: int, lang: str) -> tuple[str, str]:
    head = sentence[:at].rstrip()
    if sentence[at] in ",،":
        head += _FULL_STOP[lang]
    else:
        head += sentence[at]
    return head, sentence[at + 1 :].strip()


def _far_line(rng: random.Random, size: int, start: int, end: int, exclude: set[int]) -> int:
    """A line index at least ``_FOREIGN_DISTANCE`` lines away from ``[start, end)``."""

    while True:
        index = rng.randrange(size)
        if index not in exclude and (
            index < start - _FOREIGN_DISTANCE or index >= end + _FOREIGN_DISTANCE
        ):
            return index


def _finish(
    name: str,
    kind: str,
    corpus: Corpus,
    start: int,
    end: int,
    draft: _Draft,
    errors: Sequence[tuple[str, int | None, int]],
    notes: Sequence[str],
    inserted: Sequence[str] = (),
) -> SyntheticPair:
    """Number the target sentences of a draft; ``errors`` name target sides by draft bead."""

    beads: list[Bead] = []
    target: list[str] = []
    first_target: list[int] = []
    for source, sentences in draft:
        first_target.append(len(target))
        beads.append(
            (
                tuple(i - start for i in source),
                tuple(range(len(target), len(target) + len(sentences))),
            )
        )
        target.extend(sentences)
    gold = tuple(
        (kind_, None if s is None else s - start, first_target[b] if draft[b][1] else None)
        for kind_, s, b in errors
    )
    return SyntheticPair(
        name,
        kind,
        corpus.english[start:end],
        tuple(target),
        tuple(beads),
        gold,
        tuple(notes),
        tuple(inserted),
        corpus.lang,
    )


def alignment_pair(corpus: Corpus, seed: int, name: str = "") -> SyntheticPair:
    """A 20–60 line document whose target side has merges, splits, deletions and insertions.

    Edits touch distinct beads with at least one untouched bead between them, so the gold
    alignment is unambiguous (a deletion next to an insertion would look like a 1-1 bead).
    """

    rng = random.Random(seed)
    size = len(corpus.english)
    length = rng.randint(20, 60)
    start = rng.randrange(size - length)
    end = start + length
    edits = ["merge"] * rng.randint(1, 3) + ["split"] * rng.randint(1, 2)
    edits += ["delete"] * rng.randint(1, 2) + ["insert"] * rng.randint(1, 2)
    rng.shuffle(edits)
    # positions of lines to edit, every third line apart at least (a merge takes two)
    slots = rng.sample(range(0, length - 1, 3), k=min(len(edits), (length - 1) // 3))
    plan = dict(zip(slots, edits))
    errors: list[tuple[str, int | None, int]] = []
    notes: list[str] = []
    edited: _Draft = []
    used = set(range(start, end))
    position = 0
    while position < length:
        edit = plan.get(position)
        line = start + position
        if edit == "merge":
            edited.append(
                ((line, line + 1), (corpus.target[line] + " " + corpus.target[line + 1],))
            )
            position += 2
            continue
        if edit == "split" and (at := _split_point(corpus.target[line])) is not None:
            edited.append(((line,), _split(corpus.target[line], at, corpus.lang)))
        elif edit == "delete":
            errors.append((OMISSION, line, len(edited)))
            notes.append(f"deleted: {corpus.target[line]}")
            edited.append(((line,), ()))
        elif edit == "insert":
            foreign = _far_line(rng, size, start, end, used)
            used.add(foreign)
            errors.append((ADDITION, None, len(edited)))
            notes.append(f"inserted line {foreign + 1}")
            edited.append(((), (corpus.target[foreign],)))
            edited.append(((line,), (corpus.target[line],)))
        else:
            edited.append(((line,), (corpus.target[line],)))
        position += 1
    return _finish(name or f"align-{seed}", "alignment", corpus, start, end, edited, errors, notes)


def alignment_pairs(corpus: Corpus, count: int, seed: int = 0) -> tuple[SyntheticPair, ...]:
    return tuple(alignment_pair(corpus, seed * 10_000 + n, f"align-{n:02d}") for n in range(count))


def speed_pair(
    corpus: Corpus, seed: int = 0, merges: int = 10, deletions: int = 10
) -> SyntheticPair:
    """The whole corpus as one document, with a few merges and deletions on the target side."""

    rng = random.Random(seed)
    size = len(corpus.english)
    lines = rng.sample(range(0, size - 1, 3), k=merges + deletions)
    merged, deleted = set(lines[:merges]), set(lines[merges:])
    draft: _Draft = []
    errors: list[tuple[str, int | None, int]] = []
    line = 0
    while line < size:
        if line in merged:
            draft.append(((line, line + 1), (corpus.target[line] + " " + corpus.target[line + 1],)))
            line += 2
            continue
        if line in deleted:
            errors.append((OMISSION, line, len(draft)))
            draft.append(((line,), ()))
        else:
            draft.append(((line,), (corpus.target[line],)))
        line += 1
    return _finish("speed", "speed", corpus, 0, size, draft, errors, ())


# --- error pairs -----------------------------------------------------------------------


def _digit_values(run: str) -> str:
    """A digit run in ASCII digits (Arabic-Indic ٣٥ and Devanagari ३५ read as 35)."""

    return "".join(str(unicodedata.digit(c)) for c in run)


def _change_number(english: str, target: str, rng: random.Random) -> _Change | None:
    """Change one digit of a digit run that both sentences contain, in the run's own
    digits: a translation that writes Arabic-Indic digits gets an Arabic-Indic one."""

    english_numbers = {_digit_values(run) for run in _DIGITS.findall(english)}
    runs = [m for m in _DIGITS.finditer(target) if _digit_values(m.group()) in english_numbers]
    if not runs:
        return None
    run = rng.choice(runs)
    digits = list(_digit_values(run.group()))
    position = rng.randrange(len(digits))
    forbidden = {digits[position]} | ({"0"} if position == 0 and len(digits) > 1 else set())
    digits[position] = rng.choice([d for d in "0123456789" if d not in forbidden])
    # the zero of the run's own digit block, so the changed digit is written as the rest
    zero = ord(run.group()[position]) - unicodedata.digit(run.group()[position])
    changed = "".join(chr(zero + int(d)) for d in digits)
    return (
        target[: run.start()] + changed + target[run.end() :],
        f"number {run.group()} → {changed}",
        changed,
    )


def _drop_clause(sentence: str, rng: random.Random) -> _Change | None:
    """Remove one comma-delimited clause of at least four words, at most half the sentence.

    A longer "clause" is most of the sentence: dropping it replaces the sentence.
    """

    body = sentence.rstrip(_END_PUNCTUATION)
    ending = sentence[len(body) :]
    commas = list(_CLAUSE_COMMA.finditer(body))
    bounds = [0, *(m.start() for m in commas), len(body)]
    candidates = []
    for k in range(len(bounds) - 1):
        clause_start = bounds[k] if k == 0 else commas[k - 1].end()
        clause = body[clause_start : bounds[k + 1]]
        if k == 0:
            rest = body[commas[0].end() :] if commas else ""
        else:
            rest = body[: bounds[k]] + body[bounds[k + 1] :]
        words, kept = len(clause.split()), len(rest.split())
        if _MIN_CLAUSE_WORDS <= words <= kept and not _INNER_SENTENCE_END.search(clause):
            candidates.append((clause, rest))
    if not candidates:
        return None
    clause, rest = rng.choice(candidates)
    return rest.strip() + ending, f"dropped clause: {clause.strip()}", ""


@dataclass(frozen=True, slots=True)
class _WordBands:
    """Content words by frequency band (⌊log2 count⌋) over the whole corpus."""

    band_of: dict[str, int]
    words_in_band: dict[int, tuple[str, ...]]


def _word_bands(sentences: Sequence[str], words: regex.Pattern[str]) -> _WordBands:
    """Content words: three or more letters, not among the most frequent words, and seen in
    lines at least ``_FOREIGN_DISTANCE`` apart (so in two articles: not a name or term
    that one article repeats)."""

    counts: Counter[str] = Counter()
    lines: dict[str, list[int]] = {}
    for number, line in enumerate(sentences):
        for word in words.findall(line):
            counts[word] += 1
            lines.setdefault(word, []).append(number)
    function_words = {word for word, _ in counts.most_common(_FUNCTION_WORD_RANK)}
    band_of = {
        word: int(math.log2(count))
        for word, count in counts.items()
        if word not in function_words
        and len(word) >= 3
        and lines[word][-1] - lines[word][0] >= _FOREIGN_DISTANCE
    }
    words_in_band: dict[int, list[str]] = {}
    for word in sorted(band_of):
        words_in_band.setdefault(band_of[word], []).append(word)
    return _WordBands(
        band_of, {band: tuple(band_words) for band, band_words in words_in_band.items()}
    )


def _replace_word(
    sentence: str, bands: _WordBands, words: regex.Pattern[str], document: str, rng: random.Random
) -> _Change | None:
    """Swap one content word for another of the same frequency band.

    The replacement shares no three-letter prefix with the original (so it is not an
    inflection of it) and does not occur in the document; a random word of the same band
    is all but never a synonym.
    """

    matches = [m for m in words.finditer(sentence) if m.group() in bands.band_of]
    if not matches:
        return None
    match = rng.choice(matches)
    word = match.group()
    choices = [
        other
        for other in bands.words_in_band[bands.band_of[word]]
        if other[:3] != word[:3] and other not in document
    ]
    if not choices:
        return None
    other = rng.choice(choices)
    return (
        sentence[: match.start()] + other + sentence[match.end() :],
        f"word {word} → {other}",
        other,
    )


@functools.lru_cache(maxsize=4)
def _bands(corpus: Corpus) -> _WordBands:
    """The corpus's word bands, counted once per corpus (every error builder needs them)."""

    return _word_bands(corpus.target, _WORDS[corpus.lang])


def _change(
    corpus: Corpus, error_type: str, line: int, start: int, end: int, rng: random.Random
) -> _Change | None:
    """The change of ``error_type`` to target line ``line`` of document ``[start, end)``,
    or None where the line admits none (no shared number, no clause, no content word)."""

    sentence = corpus.target[line]
    if error_type == NUMBER:
        return _change_number(corpus.english[line], sentence, rng)
    if error_type == DROPPED_CLAUSE:
        return _drop_clause(sentence, rng)
    if error_type == REPLACED_WORD:
        document = " ".join(corpus.target[start:end])
        return _replace_word(sentence, _bands(corpus), _WORDS[corpus.lang], document, rng)
    foreign = _far_line(rng, len(corpus.target), start, end, set())
    return corpus.target[foreign], f"replaced by line {foreign + 1}", ""


def _error_pair(
    name: str, corpus: Corpus, error_type: str, line: int, start: int, end: int, change: _Change
) -> SyntheticPair:
    altered, note, inserted = change
    draft: _Draft = [((i,), (corpus.target[i],)) for i in range(start, end)]
    draft[line - start] = ((line,), (altered,))
    return _finish(
        name,
        error_type,
        corpus,
        start,
        end,
        draft,
        [(error_type, line, line - start)],
        [note],
        [inserted],
    )


def error_pairs(
    corpus: Corpus, per_type: int, seed: int = 0, length: tuple[int, int] = (6, 12)
) -> tuple[SyntheticPair, ...]:
    """``per_type`` pairs for each injected error type, one error in each.

    Each pair is a clean run of ``length`` consecutive lines around the altered sentence,
    which sits at a random position in it. Candidate sentences are drawn without
    replacement, so no sentence is altered twice.
    """

    rng = random.Random(seed)
    size = len(corpus.target)
    pairs: list[SyntheticPair] = []
    for error_type in INJECTED_TYPES:
        made = 0
        for line in rng.sample(range(size), k=size):
            if made == per_type:
                break
            doc_length = rng.randint(*length)
            start = min(max(0, line - rng.randrange(doc_length)), size - doc_length)
            end = start + doc_length
            change = _change(corpus, error_type, line, start, end, rng)
            if change is None:
                continue
            name = f"{error_type}-{made:02d}"
            pairs.append(_error_pair(name, corpus, error_type, line, start, end, change))
            made += 1
    return tuple(pairs)


def document_pair(corpus: Corpus, start: int, end: int, name: str) -> SyntheticPair:
    """Lines ``[start, end)`` untouched: every sentence pair a faithful translation."""

    draft: _Draft = [((i,), (corpus.target[i],)) for i in range(start, end)]
    return _finish(name, "clean", corpus, start, end, draft, [], [])


def document_errors(
    corpus: Corpus, start: int, end: int, seed: int, name: str
) -> tuple[SyntheticPair, ...]:
    """The document ``[start, end)`` once per injected error type, each with one error at
    a line drawn by ``seed`` among those that admit it (types no line admits are left out).

    The real-translation benchmark measures recall on the very documents whose clean
    versions it measures false alarms on.
    """

    rng = random.Random(seed)
    pairs = []
    for error_type in INJECTED_TYPES:
        for line in rng.sample(range(start, end), k=end - start):
            change = _change(corpus, error_type, line, start, end, rng)
            if change is not None:
                label = f"{name}-{error_type}"
                pairs.append(_error_pair(label, corpus, error_type, line, start, end, change))
                break
    return tuple(pairs)


def clean_pairs(
    corpus: Corpus, count: int, seed: int = 0, length: tuple[int, int] = (6, 12)
) -> tuple[SyntheticPair, ...]:
    """Untouched runs of consecutive lines: every sentence pair is a faithful translation."""

    rng = random.Random(seed)
    size = len(corpus.target)
    pairs = []
    for n in range(count):
        doc_length = rng.randint(*length)
        start = rng.randrange(size - doc_length)
        pairs.append(document_pair(corpus, start, start + doc_length, f"clean-{n:02d}"))
    return tuple(pairs)


# --- articles that share passages ------------------------------------------------------


def shared_passage_pair(corpus: Corpus, start: int, seed: int, name: str) -> SyntheticPair:
    """An English article of 15–25 lines from ``start`` against another article in the
    target language that shares one to three passages of one to three sentences with it.

    The other article is the translation of the lines that follow the source, so it is
    on the same topic (the hard case: sentences about the same events embed alike) yet
    translates none of the source but the passages, which are put into it in their order.
    The gold alignment pairs the passages' lines and leaves every other line unaligned.
    """

    rng = random.Random(seed)
    length = rng.randint(15, 25)
    other_length = rng.randint(15, 25)
    end = start + length
    other = range(end, min(end + other_length, len(corpus.target)))
    # passage starts at least four lines apart, so no two passages run into each other
    count = rng.randint(1, 3)
    firsts = sorted(rng.sample(range(0, length - 3, 4), k=count))
    passages = [range(start + f, start + f + rng.randint(1, 3)) for f in firsts]
    places = sorted(rng.choices(range(len(other) + 1), k=count))
    draft: _Draft = []
    next_source, next_other = start, 0
    for passage, place in zip(passages, places):
        draft += [((line,), ()) for line in range(next_source, passage.start)]
        draft += [((), (corpus.target[other[k]],)) for k in range(next_other, place)]
        draft += [((line,), (corpus.target[line],)) for line in passage]
        next_source, next_other = passage.stop, place
    draft += [((line,), ()) for line in range(next_source, end)]
    draft += [((), (corpus.target[other[k]],)) for k in range(next_other, len(other))]
    notes = [f"shares lines {p.start + 1}-{p.stop}" for p in passages]
    return _finish(name, "shared_passages", corpus, start, end, draft, [], notes)


def shared_passage_pairs(corpus: Corpus, count: int, seed: int = 0) -> tuple[SyntheticPair, ...]:
    """``count`` pairs at starts spread evenly over the corpus (each source and its other
    article take at most 50 lines, so pairs never share a line)."""

    step = max(len(corpus.english) // max(count, 1), 50)
    return tuple(
        shared_passage_pair(corpus, n * step, seed * 10_000 + n, f"passages-{n:02d}")
        for n in range(count)
        if n * step + 50 <= len(corpus.english)
    )
