"""Identifiers with digits in them ("CD8", "HCoV-NL63", "H1N1", "229E"), whose digits a
translation keeps whatever it does with the letters.

The quantity reader leaves digits attached to a letter alone (they count nothing), so a
changed identifier ("CD8" → "CD1", "NL63" → "NL66") was seen by no check. An identifier
is compared by its digits only, and one the translation writes in its own script
("ओआरएफ4") or apart ("CD 8") is kept where its digits are.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

import regex

#: a run of letters and digits with a letter just before a digit, or a capital just after
#: one ("229E", "5G"; not "10km", a quantity with its unit): the quantity reader's blind
#: spot. A hyphen ends it: "SARS-CoV-2"'s 2 is a quantity's, read there
_IDENTIFIER = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}])(?=[\p{L}\p{M}\p{N}]*(?:\p{L}\p{M}*\p{Nd}|\p{Nd}\p{Lu}))[\p{L}\p{M}\p{N}]+")
_DIGITS = regex.compile(r"\p{Nd}+")
_LATIN = regex.compile(r"\p{Latin}")


@dataclass(frozen=True, slots=True)
class Identifier:
    text: str
    start: int
    end: int
    #: its digit runs in ASCII digits, e.g. ("1", "1") for H1N1
    digits: tuple[str, ...]


def identifiers(text: str) -> tuple[Identifier, ...]:
    """The identifiers of ``text``: in Latin letters only, as the English source writes
    them and a translation keeps them (Arabic و4 is "and 4", a clitic on a number)."""
    return tuple(
        Identifier(m.group(), m.start(), m.end(), tuple(_ascii(d) for d in _DIGITS.findall(m.group())))
        for m in _IDENTIFIER.finditer(text)
        if _LATIN.search(m.group())
    )


@dataclass(frozen=True, slots=True)
class IdentifierComparison:
    #: (source, target) identifiers of the same place whose digits differ
    changed: tuple[tuple[Identifier, Identifier], ...]
    #: source identifiers whose digits are nowhere in the translation
    missing: tuple[Identifier, ...]


def compare_identifiers(source_text: str, target_text: str) -> IdentifierComparison:
    """Source identifiers against the translation's: the same digits count as kept (also
    where the translation writes them apart, "CD 8"). Those left over on both sides pair
    as changes, the same letters first ("WIV1" with "WIV3"), then in order; the source's
    others are missing."""
    source, target = list(identifiers(source_text)), list(identifiers(target_text))
    for s in list(source):
        kept = next((t for t in target if t.digits == s.digits), None)
        if kept is not None:
            source.remove(s)
            target.remove(kept)
    changed: list[tuple[Identifier, Identifier]] = []
    for s in list(source):
        same = next((t for t in target if _letters(t) == _letters(s)), None)
        if same is not None:
            changed.append((s, same))
            source.remove(s)
            target.remove(same)
    changed += zip(source, target)
    loose = Counter(_ascii(d) for d in _DIGITS.findall(target_text))
    unpaired = source[len(target):]
    return IdentifierComparison(
        tuple(sorted(changed, key=lambda pair: pair[0].start)),
        tuple(s for s in unpaired if not all(loose[d] for d in s.digits)),
    )


def _letters(identifier: Identifier) -> str:
    return _DIGITS.sub("", identifier.text).casefold()


def _ascii(digits: str) -> str:
    return "".join(str(unicodedata.digit(c)) for c in digits)
