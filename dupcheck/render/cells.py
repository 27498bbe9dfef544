"""Bordered console tables whose widths are right for Devanagari and Arabic.

rich counts हजारों as 3 cells where terminals draw 5: its vowel signs ा ो are spacing marks
(Mc), which take a cell, and only non-spacing marks (Mn: the anusvara, Arabic harakat) take
none. So every Hindi row pushed its border out, and long cells were cut mid-character.
Here a cell's width is what terminals draw (measured in tmux 3.3: a code point's ``wcwidth``,
with a spacing mark one cell; wcwidth's own string width joins conjuncts, सत्तावादी 7, where
tmux draws 8), and cells wrap at word boundaries, a word too long for its column at a
grapheme boundary, so every line is exactly the table's width.

A right-to-left cell (its column's ``direction``, or, where that is None, its own first
strong character) is right-aligned; with ``visual`` each of its lines, wrapped in logical
order, is then put in display order (``render.bidi.visual``), and padded by the cells the
shaped line takes (a lam-alef ligature is one).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex
import wcwidth

from dupcheck.render import bidi

#: a word, or the part of a hyphenated word up to and including its hyphen
_WORDS = regex.compile(r"[^\s-]*-+|[^\s-]+")


def width(text: str) -> int:
    """Terminal cells ``text`` takes (a control character counts as none)."""
    return sum(_cells(ch) for ch in text)


@lru_cache(maxsize=4096)
def _cells(ch: str) -> int:
    if unicodedata.category(ch) == "Mc":
        return 1
    return max(wcwidth.wcwidth(ch), 0)


def wrap(text: str, room: int) -> list[str]:
    """``text`` in lines of at most ``room`` cells, broken at spaces (or after a hyphen); a
    word longer than a line is broken between graphemes, never inside one."""
    lines: list[str] = []
    line = ""
    for word in _WORDS.findall(text):
        glue = "" if not line or line.endswith("-") else " "
        if width(line + glue + word) <= room:
            line += glue + word
            continue
        if line:
            lines.append(line)
        line = ""
        for grapheme in regex.findall(r"\X", word):
            if line and width(line + grapheme) > room:
                lines.append(line)
                line = ""
            line += grapheme
    if line:
        lines.append(line)
    return lines


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    #: a column that wraps shares what the fixed columns leave; the others keep their content's width
    wraps: bool = False
    right: bool = False
    #: "ltr", "rtl", or None: each cell's own first strong character tells
    direction: str | None = "ltr"


def table(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], total: int, *, visual: bool = False
) -> list[str]:
    """The table as lines of exactly ``total`` cells (or wider, when even one cell a wrapping
    column cannot fit): box borders, a header row, each row's cells wrapped to their column,
    right-to-left cells right-aligned and, with ``visual``, each line in display order."""
    natural = [max([width(c.header), *(width(r[k]) for r in rows)]) for k, c in enumerate(columns)]
    borders = 3 * len(columns) + 1
    fixed = sum(w for w, c in zip(natural, columns) if not c.wraps)
    wrapping = [k for k, c in enumerate(columns) if c.wraps]
    room = max(total - borders - fixed, 8 * len(wrapping))
    widths = list(natural)
    # wrapping columns share the room; one that needs less gives the rest to the others
    left, pending = room, sorted(wrapping, key=lambda k: natural[k])
    while pending:
        share = left // len(pending)
        k = pending.pop(0)
        widths[k] = min(natural[k], share) if pending else min(natural[k], left)
        left -= widths[k]
    lines = [_rule("┌", "┬", "┐", widths), _row([c.header for c in columns], columns, widths),
             _rule("├", "┼", "┤", widths)]
    for row in rows:
        lines.extend(_wrapped(row, columns, widths, visual))
    lines.append(_rule("└", "┴", "┘", widths))
    return lines


def _rule(left: str, mid: str, right: str, widths: list[int]) -> str:
    return left + mid.join("─" * (w + 2) for w in widths) + right


def _pad(text: str, w: int, right: bool) -> str:
    gap = " " * (w - width(text))
    return gap + text if right else text + gap


def _row(cells: Sequence[str], columns: Sequence[Column], widths: list[int],
         right: Sequence[bool] | None = None) -> str:
    right = right or [col.right for col in columns]
    return "│" + "│".join(f" {_pad(c, w, r)} " for c, w, r in zip(cells, widths, right)) + "│"


def _wrapped(row: Sequence[str], columns: Sequence[Column], widths: list[int], visual: bool) -> list[str]:
    rtl = [col.direction == "rtl" or (col.direction is None and bidi.starts_rtl(cell))
           for cell, col in zip(row, columns)]
    pieces = [wrap(cell, w) or [""] for cell, w in zip(row, widths)]
    if visual:
        pieces = [[bidi.visual(line, r) for line in p] for p, r in zip(pieces, rtl)]
    right = [col.right or r for col, r in zip(columns, rtl)]
    height = max(len(p) for p in pieces)
    return [
        _row([p[i] if i < len(p) else "" for p in pieces], columns, widths, right)
        for i in range(height)
    ]
