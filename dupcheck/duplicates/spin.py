"""Word and phrase substitutions between two near-duplicate sentences, and which are spinning.

A content spinner rewrites a text by swapping words for thesaurus synonyms without regard
to sense: "model" → "mannequin" (a fashion model), "power" → "energy", "said" →
"mentioned". The test here, over Princeton WordNet 3.0 (``models/wordnet/``): a
substitution is *spinning* when some sense of the old word and some sense of the new word
are WordNet neighbours (the same synset, one the direct hypernym of the other, sisters
under one direct hypernym, similar-to or verb-group) but no such link joins the two words'
*first* (most frequent) senses. Two words that are synonyms in their everyday sense
("big" → "large") are an editor's rewording, not a spinner's.
"""

from __future__ import annotations

import difflib
import gzip
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from dupcheck.backends.models import SHIPPED_MODELS
from dupcheck.records import Substitution

WORDNET_PATH = SHIPPED_MODELS / "wordnet" / "wordnet-senses.tsv.gz"

#: WordNet's detachment rules (morphy), per part of speech
_SUFFIX_RULES = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
          ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}
#: substitutions longer than this (in words, either side) are rewrites, not swaps
MAX_SWAP_WORDS = 3
_TOKEN = regex.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
#: typographic variants a copy may change without rewording anything
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass(frozen=True, slots=True)
class WordNet:
    """Lemma → synsets (sense-frequency order) per part of speech, and synset links."""

    senses: dict[tuple[str, str], tuple[str, ...]]
    links: dict[str, frozenset[str]]
    exceptions: dict[tuple[str, str], tuple[str, ...]]

    def lemmas(self, word: str, pos: str) -> list[str]:
        word = word.lower().replace(" ", "_")
        found = [b for b in self.exceptions.get((word, pos), ()) if (b, pos) in self.senses]
        if (word, pos) in self.senses:
            found.append(word)
        for suffix, ending in _SUFFIX_RULES[pos]:
            if word.endswith(suffix) and len(word) > len(suffix):
                base = word[: len(word) - len(suffix)] + ending
                if (base, pos) in self.senses:
                    found.append(base)
        return list(dict.fromkeys(found))

    def synsets(self, word: str, pos: str) -> tuple[str, ...]:
        """Senses of ``word`` (any inflection), most frequent first."""
        merged: list[str] = []
        for lemma in self.lemmas(word, pos):
            merged.extend(self.senses[(lemma, pos)])
        return tuple(dict.fromkeys(merged))

    def neighbours(self, a: str, b: str) -> bool:
        if a == b or b in self.links.get(a, ()) or a in self.links.get(b, ()):
            return True
        return bool(self.links.get(a, frozenset()) & self.links.get(b, frozenset()))

    def sense_link(self, old: str, new: str) -> tuple[int, int] | None:
        """Lowest (old rank, new rank) of linked senses, over parts of speech; None if unlinked."""
        best: tuple[int, int] | None = None
        for pos in _SUFFIX_RULES:
            for i, a in enumerate(self.synsets(old, pos)):
                for j, b in enumerate(self.synsets(new, pos)):
                    if self.neighbours(a, b) and (best is None or i + j < sum(best)):
                        best = (i, j)
        return best


@cache
def load_wordnet(path: Path = WORDNET_PATH) -> WordNet:
    senses: dict[tuple[str, str], tuple[str, ...]] = {}
    links: dict[str, frozenset[str]] = {}
    exceptions: dict[tuple[str, str], tuple[str, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as rows:
        for row in rows:
            kind, *fields = row.rstrip("\n").split("\t")
            if kind == "L":
                senses[(fields[0], fields[1])] = tuple(fields[2].split())
            elif kind == "S":
                links[fields[0]] = frozenset(fields[1].split())
            else:
                exceptions[(fields[0], fields[1])] = tuple(fields[2].split())
    return WordNet(senses, links, exceptions)


def is_spin(old: str, new: str, wordnet: WordNet) -> bool:
    """Whether ``old`` → ``new`` is a synonym swap made in a sense other than the usual one."""
    old_words = [w for w in old.lower().split() if w.isalpha()]
    new_words = [w for w in new.lower().split() if w.isalpha()]
    if not old_words or not new_words or len(old_words) > MAX_SWAP_WORDS or len(new_words) > MAX_SWAP_WORDS:
        return False
    old_phrase, new_phrase = "_".join(old_words), "_".join(new_words)
    if any(set(wordnet.lemmas(o, p)) & set(wordnet.lemmas(n, p))
           for o in old_words for n in new_words for p in _SUFFIX_RULES):
        return False  # an inflection of the same word, not a swap
    if wordnet.sense_link(old_phrase, new_phrase) == (0, 0):
        return False  # a phrase may be one WordNet lemma ("web site")
    # each old word's closest link to a new word: spinning if one is not between first senses
    best_links = []
    for o in old_words:
        links = [link for n in new_words if (link := wordnet.sense_link(o, n)) is not None]
        if links:
            best_links.append(min(links, key=sum))
    return any(link != (0, 0) for link in best_links)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _fold(token: str) -> str:
    return token.translate(_TYPOGRAPHY).lower()


def substitutions(
    a_index: int, a_text: str, b_index: int, b_text: str, wordnet: WordNet
) -> list[Substitution]:
    """The replaced word runs between two aligned sentences, each marked spin or not."""
    a_tokens, b_tokens = tokens(a_text), tokens(b_text)
    matcher = difflib.SequenceMatcher(a=[_fold(t) for t in a_tokens],
                                      b=[_fold(t) for t in b_tokens], autojunk=False)
    found = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace" or not any(t.isalnum() for t in a_tokens[i1:i2] + b_tokens[j1:j2]):
            continue
        old, new = " ".join(a_tokens[i1:i2]), " ".join(b_tokens[j1:j2])
        found.append(Substitution(a_index, b_index, old, new, is_spin(old, new, wordnet)))
    return found


def polysemy(phrase: str, wordnet: WordNet) -> int:
    """WordNet senses of a phrase's words, over parts of speech: common words have many."""
    return sum(len(wordnet.synsets(w, pos)) for w in phrase.split() for pos in _SUFFIX_RULES)


def reads_as_spun(found: Sequence[Substitution], wordnet: WordNet | None = None) -> bool:
    """Whether the ``after`` side of spinning substitutions is the spun text.

    A spinner trades common words for rarer synonyms ("said" → "mentioned"), and common
    words have more WordNet senses; so the original is the side whose swapped words are
    the more polysemous.
    """
    wordnet = wordnet or load_wordnet()
    return sum(polysemy(s.before, wordnet) - polysemy(s.after, wordnet) for s in found if s.spin) >= 0


def pair_substitutions(
    pairs: Sequence[tuple[int, str, int, str]], wordnet: WordNet | None = None
) -> tuple[Substitution, ...]:
    """Substitutions over aligned sentence pairs ``(a index, a text, b index, b text)``."""
    wordnet = wordnet or load_wordnet()
    return tuple(s for pair in pairs for s in substitutions(*pair, wordnet))
