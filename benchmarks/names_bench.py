"""Name links across scripts on real translations: how often a source name finds its
rendering in the translated line, and how often it finds a chance look-alike in an
unrelated line.

    python -m benchmarks.names_bench [--sets tico19-ar tico19-hi wmt14-hi] [--lines 700]

A name is what the check pipeline reads as one (``pivot_source``: a capitalised word the
target lexicon cannot render, or an acronym) and no English dictionary knows. For each,
the best ``name_similarity`` to a word of its own translated line (recall) and of a
random other line (chance) is compared with the two thresholds the detectors use: 0.5,
a variant spelling (``MissingNames.variant``), and 0.75, a link (``NAME_MATCH``).
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from dataclasses import dataclass

from benchmarks.corpora import read_set
from dupcheck.fidelity.findings.names import MissingNames
from dupcheck.fidelity.wordalign import NAME_MATCH
from dupcheck.lexical.lexicon import load_lexicon, name_similarity, tokens
from dupcheck.lexical.pivot import is_english_word, pivot_source
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
    missed: tuple[str, ...]


def name_links(corpus_name: str, lines: int, seed: int = 0) -> NameLinks:
    corpus = read_set(corpus_name)
    lexicon = load_lexicon(corpus.lang)
    rng = random.Random(seed)
    found: Counter[float] = Counter()
    chance: Counter[float] = Counter()
    missed: Counter[str] = Counter()
    total = 0
    for english, target in list(zip(corpus.english, corpus.target, strict=True))[:lines]:
        doc = segment(document_from_text(english, lang="en", input_format="lines"), input_format="lines")
        names = [
            w.text for sentence in pivot_source(doc, lexicon).words for w in sentence
            if w.name and not is_english_word(w.text)
        ]
        own = [m.group() for m in tokens(normalize_text(target))]
        other = [m.group() for m in tokens(normalize_text(rng.choice(corpus.target)))]
        for name in names:
            total += 1
            best = max((name_similarity(name, t, corpus.lang) for t in own), default=0.0)
            lucky = max((name_similarity(name, t, corpus.lang) for t in other), default=0.0)
            for threshold in THRESHOLDS:
                found[threshold] += best >= threshold
                chance[threshold] += lucky >= threshold
            if best < THRESHOLDS[0]:
                missed[name] += 1
    share = {t: round(found[t] / max(total, 1), 3) for t in THRESHOLDS}
    luck = {t: round(chance[t] / max(total, 1), 3) for t in THRESHOLDS}
    return NameLinks(corpus_name, total, share, luck, tuple(n for n, _ in missed.most_common(15)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=["tico19-ar", "tico19-hi", "wmt14-hi"])
    parser.add_argument("--lines", type=int, default=700, help="first lines of each set")
    args = parser.parse_args()
    print(f"{'set':<10} {'names':>6}  " + "  ".join(
        f"recall@{t} chance@{t}" for t in THRESHOLDS
    ))
    for name in args.sets:
        links = name_links(name, args.lines)
        cells = "  ".join(f"{links.recall[t]:>9.3f} {links.chance[t]:>9.3f}" for t in THRESHOLDS)
        print(f"{name:<10} {links.names:>6}  {cells}")
        print(f"  most often missed: {', '.join(links.missed)}")


if __name__ == "__main__":
    main()
