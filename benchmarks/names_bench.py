"""Name links across scripts on real translations: how often a source name finds its
rendering in the translated line, and how often it finds a chance look-alike in an
unrelated line.

    python -m benchmarks.names_bench [--sets tico19-ar tico19-hi wmt14-hi] [--lines 700]

A name is what the check pipeline reads as one (``pivot_source``: a capitalised word the
target lexicon cannot render, or an acronym) and no English dictionary knows. For each,
the best ``name_similarity`` to a word of its own translated line (recall) and of a
random other line (chance) is compared with the two thresholds the detectors use: 0.5,
a variant spelling (``MissingNames.variant``), and 0.75, a link (``NAME_MATCH``). The
``written`` columns ask what ``entity.missing`` asks of one word: a variant's 0.5, or
``TRANSLATED_WORD_SPELLING`` of a word the lexicon gives a meaning (``nearest_spelling``).
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from dataclasses import dataclass

from benchmarks.corpora import read_set
from dupcheck.backends.translate.lexical import LexicalTranslator
from dupcheck.fidelity.findings.names import MissingNames, nearest_spelling
from dupcheck.fidelity.wordalign import NAME_MATCH
from dupcheck.lexical.lexicon import load_lexicon, name_similarity, tokens
from dupcheck.lexical.pivot import is_english_word, pivot_source, pivot_target
from dupcheck.text.load import document_from_text, normalize_text
from dupcheck.text.segment import segment

THRESHOLDS = (MissingNames.variant, NAME_MATCH)


@dataclass(frozen=True, slots=True)
class NameLinks:
    corpus: str
    names: int
    #: threshold → share of names whose own translated line holds a word that alike
    recall: dict[float, float]
    #: threshold → share of names that an unrelated line matches that well by chance
    chance: dict[float, float]
    #: the same for the detector's bar of one word (``nearest_spelling``)
    written: float
    written_by_chance: float
    missed: tuple[str, ...]


def name_links(corpus_name: str, lines: int, seed: int = 0) -> NameLinks:
    corpus = read_set(corpus_name)
    lexicon = load_lexicon(corpus.lang)
    rng = random.Random(seed)
    translator = LexicalTranslator()
    found: Counter[float | str] = Counter()
    chance: Counter[float | str] = Counter()
    missed: Counter[str] = Counter()
    total = 0
    for english, target in list(zip(corpus.english, corpus.target, strict=True))[:lines]:
        doc = segment(document_from_text(english, lang="en", input_format="lines"), input_format="lines")
        names = [
            w.text for sentence in pivot_source(doc, lexicon).words for w in sentence
            if w.name and not is_english_word(w.text)
        ]
        own_line, other_line = target, rng.choice(corpus.target)
        own = [m.group() for m in tokens(normalize_text(own_line))]
        other = [m.group() for m in tokens(normalize_text(other_line))]
        own_translated, other_translated = (_translated(line, corpus.lang, translator) for line in (own_line, other_line))
        for name in names:
            total += 1
            best = max((name_similarity(name, t, corpus.lang) for t in own), default=0.0)
            lucky = max((name_similarity(name, t, corpus.lang) for t in other), default=0.0)
            for threshold in THRESHOLDS:
                found[threshold] += best >= threshold
                chance[threshold] += lucky >= threshold
            for words, translated, counts in ((own, own_translated, found), (other, other_translated, chance)):
                nearest, bar = nearest_spelling(name, words, translated, corpus.lang, MissingNames.variant)
                counts["written"] += nearest >= bar
            if best < THRESHOLDS[0]:
                missed[name] += 1
    share = {t: round(found[t] / max(total, 1), 3) for t in THRESHOLDS}
    luck = {t: round(chance[t] / max(total, 1), 3) for t in THRESHOLDS}
    return NameLinks(
        corpus_name, total, share, luck, round(found["written"] / max(total, 1), 3),
        round(chance["written"] / max(total, 1), 3), tuple(n for n, _ in missed.most_common(15)),
    )


def _translated(line: str, lang: str, translator: LexicalTranslator) -> frozenset[str]:
    """The words of ``line`` that the lexical pivot gives a meaning, as the detector reads them."""
    doc = segment(document_from_text(line, lang=lang, input_format="lines"), input_format="lines")
    return frozenset(w.text for sentence in pivot_target(doc, translator).words for w in sentence
                     if w.text and w.content and w.meanings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=["tico19-ar", "tico19-hi", "wmt14-hi"])
    parser.add_argument("--lines", type=int, default=700, help="first lines of each set")
    args = parser.parse_args()
    print(f"{'set':<10} {'names':>6}  " + "  ".join(
        f"recall@{t} chance@{t}" for t in THRESHOLDS
    ) + "  written  by chance")
    for name in args.sets:
        links = name_links(name, args.lines)
        cells = "  ".join(f"{links.recall[t]:>9.3f} {links.chance[t]:>9.3f}" for t in THRESHOLDS)
        print(f"{name:<10} {links.names:>6}  {cells}  {links.written:>7.3f} {links.written_by_chance:>10.3f}")
        print(f"  most often missed: {', '.join(links.missed)}")


if __name__ == "__main__":
    main()
