"""Pairing the quantities of a source sentence with those of its translation."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from dupcheck.lexical.numbers.extract import Quantity, extract_quantities


@dataclass(frozen=True, slots=True)
class NumberComparison:
    """How the quantities of a source sentence fare in its translation.

    ``matched`` also holds repetitions: a year stated twice on one side pairs both
    mentions with the one on the other side.
    """

    matched: tuple[tuple[Quantity, Quantity], ...]
    missing: tuple[Quantity, ...]
    extra: tuple[Quantity, ...]
    #: (source, target) pairs where the source quantity's best counterpart differs
    mismatched: tuple[tuple[Quantity, Quantity], ...]

    @property
    def consistent(self) -> bool:
        return not self.mismatched


#: only what floating point loses in a scale's product ("2.3 billion" is 2299999999.9999995):
#: a count of a million must still differ from the same count plus one (1,051,635 and
#: 1,051,636 differ by 1e-6 of themselves)
_REL_TOLERANCE = 1e-12
#: "both" and a noun in the dual are a two only when the other side says two: languages
#: use them at different rates ("the two leaders" → "दोनों नेता", "the two countries" →
#: "البلدين"), so alone they are neither missing nor extra
_SOFT_TWOS = frozenset({"both", "dual"})
#: a first rank ("No. 1") is as often said without its number ("शीर्ष स्थान", the top
#: place): never missing, but a different number facing it is a change ("No. 1" → "नंबर 2")
_FIRST_RANK = "first_rank"


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_REL_TOLERANCE, abs_tol=1e-9)


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities can state the same amount.

    Exact numbers must be equal (1,000 and "one thousand" are). A bound agrees with the
    same bound, or with a number or range end equal to its edge: "more than 30" and
    "30 से अधिक" or a bare "30", but not 31 (a translator does not change the number) and
    not "more than 20". A vague magnitude agrees with whatever it overlaps ("dozens"
    and "दर्जनों" or 30) and with a bound whose edge it holds ("more than 30"). Years,
    times and amounts agree only among themselves. An explicit range agrees with the same range or
    either of its ends ("from 2 to 3" written as two numbers). A number written so that
    the reader cannot tell its reading agrees in either (``_other_readings``).
    """
    if _agree(a, b):
        return True
    return any(_agree(x, b) for x in _other_readings(a)) or any(_agree(a, y) for y in _other_readings(b))


@lru_cache(maxsize=4096)
def _other_readings(quantity: Quantity) -> tuple[Quantity, ...]:
    """What else a number's digits may mean: "42.000" is 42,000 where a point groups the
    thousands (TICO-19's English, from German sources: "more than 42.000 participants" →
    "42,000 से अधिक"), and "6.30" is a time, 6:30 ("a result at 6.30 that night")."""
    if quantity.kind not in ("number", "bound"):
        return ()
    digits = _LONE_DIGITS.findall(quantity.text)
    if len(digits) != 1:
        return ()
    out = []
    if _POINT_GROUPED.fullmatch(digits[0]):
        out.append(replace(quantity, low=quantity.low * 1000, high=quantity.high * 1000))
    if quantity.kind == "number" and (clock := _CLOCK.fullmatch(digits[0])):
        hours, minutes = int(clock[1]), int(clock[2])
        value = hours + minutes / 60
        out.append(replace(quantity, low=value, high=value, kind="time"))
    return tuple(out)


_LONE_DIGITS = regex.compile(r"\d[\d.,]*")
_POINT_GROUPED = regex.compile(r"\d{1,3}\.\d{3}")
_CLOCK = regex.compile(r"(1?\d|2[0-3])\.([0-5]\d)")


def _agree(a: Quantity, b: Quantity) -> bool:
    if _same(a.low, b.low) and _same(a.high, b.high):
        return True
    if "decade" in (a.kind, b.kind):
        return _same_decade(a, b)
    if _family(a) != _family(b):
        return False
    if b.kind == "magnitude":
        a, b = b, a
    if a.kind == "magnitude":
        if b.kind == "bound":  # "more than 30" is "dozens", "at least four" is not "thousands"
            return a.low <= _edge(b) <= a.high
        return a.low <= b.high and b.low <= a.high
    if a.kind == b.kind == "bound":
        return False
    if b.kind == "bound":
        a, b = b, a
    ends = (b.low, b.high)
    if a.kind == "bound":
        return any(_same(_edge(a), end) for end in ends)
    if a.kind == "range" and b.exact:
        return _same(b.low, a.low) or _same(b.low, a.high)
    if b.kind == "range" and a.exact:
        return _same(a.low, b.low) or _same(a.low, b.high)
    return False


def _same_decade(a: Quantity, b: Quantity) -> bool:
    """A decade agrees with the same decade, written with its century or without
    ("1960s", الستينيات "the sixties"), and with the year that opens it ("1960 में")."""
    if b.kind == "decade":
        a, b = b, a
    if b.kind == "decade":
        return _same(a.low, b.low) or (min(a.low, b.low) < 100 and _same(a.low % 100, b.low % 100))
    return b.exact and (_same(a.low, b.low) or (b.low < 100 and _same(a.low % 100, b.low)))


def _edge(bound: Quantity) -> float:
    """The number a bound states: 30 for both "more than 30" and "fewer than 30"."""
    return bound.low if math.isinf(bound.high) else bound.high


def _family(quantity: Quantity) -> str:
    """Quantities of different families never face each other as a mismatch."""
    if quantity.kind == "decade" or (quantity.kind == "range" and _is_year(quantity.low) and _is_year(quantity.high)):
        return "year"  # "1997 से 2007", "from 1997 to 2007": years
    return quantity.kind if quantity.kind in ("year", "time") else "amount"


def _is_year(value: float) -> bool:
    return 1900 <= value <= 2100 and value == int(value)


def _magnitude(quantity: Quantity) -> float:
    high = quantity.low if math.isinf(quantity.high) else quantity.high
    middle = (abs(quantity.low) + abs(high)) / 2
    return math.log10(middle + 1)


def _distance(a: Quantity, b: Quantity) -> float:
    return abs(_magnitude(a) - _magnitude(b))


def _position(quantity: Quantity) -> tuple:
    return (quantity.start, *_order(quantity))


def _order(quantity: Quantity) -> tuple[float, float, str, int]:
    return (quantity.low, quantity.high, quantity.text, quantity.start)


def compare_quantities(source: Sequence[Quantity], target: Sequence[Quantity]) -> NumberComparison:
    """Pair the quantities of a source sentence with those of its translation.

    Identical values pair first, then compatible ones; a quantity left over that agrees
    with one already paired is a repetition (a year stated twice), not an addition. Of
    what is still left, quantities of the same family (years, times, amounts) face each
    other closest magnitude first as mismatches; the rest is missing or extra. The
    result does not depend on the order of either sequence.
    """
    sources = sorted(source, key=_order)
    targets = sorted(target, key=_order)
    matched: list[tuple[Quantity, Quantity]] = []
    free_targets = list(targets)
    free_sources: list[Quantity] = []
    for same_only in (True, False):
        still_free: list[Quantity] = []
        for quantity in sources if same_only else free_sources:
            counterpart = min(
                (
                    t
                    for t in free_targets
                    if (_same(t.low, quantity.low) and _same(t.high, quantity.high))
                    or (not same_only and compatible(quantity, t))
                ),
                key=lambda t, q=quantity: (_distance(q, t), _position(t)),
                default=None,
            )
            if counterpart is None:
                still_free.append(quantity)
            else:
                free_targets.remove(counterpart)
                matched.append((quantity, counterpart))
        free_sources = still_free

    free_sources, source_repeats = _split_repeats(free_sources, targets, source_side=True)
    free_targets, target_repeats = _split_repeats(free_targets, sources, source_side=False)
    matched.extend(source_repeats + target_repeats)
    free_sources = [q for q in free_sources if q.kind not in _SOFT_TWOS]
    free_targets = [q for q in free_targets if q.kind not in _SOFT_TWOS]

    free_sources.sort(key=_position)
    free_targets.sort(key=_position)
    candidates = sorted(
        (_distance(s, t), _order(s), _order(t), i, j)
        for i, s in enumerate(free_sources)
        for j, t in enumerate(free_targets)
        if _family(s) == _family(t)
    )
    mismatched: list[tuple[Quantity, Quantity]] = []
    used_sources: set[int] = set()
    used_targets: set[int] = set()
    for *_, i, j in candidates:
        if i in used_sources or j in used_targets:
            continue
        used_sources.add(i)
        used_targets.add(j)
        mismatched.append((free_sources[i], free_targets[j]))
    return NumberComparison(
        matched=tuple(sorted(matched, key=_pair_order)),
        missing=_unpaired(free_sources, used_sources),
        extra=_unpaired(free_targets, used_targets),
        mismatched=tuple(sorted(mismatched, key=_pair_order)),
    )


def _unpaired(free: Sequence[Quantity], used: set[int]) -> tuple[Quantity, ...]:
    """The quantities of ``free`` no mismatch took, less first ranks (never missing or
    extra alone)."""
    return tuple(q for i, q in enumerate(free) if i not in used and q.kind != _FIRST_RANK)


def _pair_order(pair: tuple[Quantity, Quantity]) -> tuple:
    return (pair[0].start, pair[1].start, _order(pair[0]), _order(pair[1]))


def _split_repeats(
    free: list[Quantity], other_side: list[Quantity], *, source_side: bool
) -> tuple[list[Quantity], list[tuple[Quantity, Quantity]]]:
    """Separate the free quantities that repeat one the other side states."""
    still_free: list[Quantity] = []
    repeats: list[tuple[Quantity, Quantity]] = []
    for quantity in free:
        twin = next((o for o in other_side if compatible(quantity, o)), None)
        if twin is None:
            still_free.append(quantity)
        else:
            repeats.append((quantity, twin) if source_side else (twin, quantity))
    return still_free, repeats


def format_number(value: float) -> str:
    """Canonical string of a number: 1000.0 → "1000", 1.50 → "1.5"."""
    return f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def number_signature(text: str, lang: str) -> frozenset[str]:
    """The exact numbers a sentence states, as canonical strings: an alignment anchor
    that is the same for "1,000", "1000" and "one thousand". Vague magnitudes are left
    out; a bound contributes the number it names, a range both ends."""
    signature: set[str] = set()
    for quantity in extract_quantities(text, lang):
        if quantity.kind in ("magnitude", "both"):
            continue
        if quantity.kind == "bound":
            signature.add(format_number(_edge(quantity)))
        else:
            signature.add(format_number(quantity.low))
            signature.add(format_number(quantity.high))
    return frozenset(signature)
