"""Right-to-left text in the reports: which cells run right to left, what is isolated in a
message, and the console's visual order.

A language's direction is data (``direction`` in its ``languages/*.toml`` ``[script]``);
the HTML report turns it into ``dir`` and isolates foreign runs of a message in ``<bdi>``.

The console has no markup, and most terminals (tmux, xterm, alacritty, kitty, Windows
Terminal) neither reorder nor shape: they draw code points left to right, one glyph a cell,
so Arabic comes out letters reversed and unjoined, and a number after an Arabic word in an
English message joins the Arabic run. ``--bidi visual`` therefore writes each table line
as it is to be seen: cells are wrapped in logical order first (so a line ends where the
reader's line ends), then each line is put in display order by the Unicode Bidirectional
Algorithm (UAX #9) with the cell's own base direction, and its Arabic letters are shaped
into their joined presentation forms. python-bidi resolves the levels (rules up to I2,
bracket pairs and isolates included); L2 reversal is done here by grapheme, so a haraka
stays on its letter (L3), with brackets mirrored at odd levels (L4): python-bidi's own
output does neither. ``logical`` leaves the text as it is, for terminals that do bidi
themselves (VTE's: GNOME Terminal and others, Konsole, mlterm, mintty, macOS Terminal),
pipes and files, where copying, grep and diff want the characters in reading order.
``auto`` is visual on a terminal not known to do bidi, logical anywhere else.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from functools import cache
from typing import Any

import regex

from dupcheck.languages import direction as language_direction

MODES = ("auto", "visual", "logical")

#: in a message, what is bidi-isolated: quoted text, and runs of another script, so that an
#: Arabic word inside an English message neither reorders the words around it nor takes
#: the message's punctuation
_FOREIGN = regex.compile(
    r'"[^"\n]+"|[^\p{Latin}\p{Common}\p{Inherited}][^\p{Latin}"\n]*[^\p{Latin}\p{Common}\s"\n]'
    r'|[^\p{Latin}\p{Common}\p{Inherited}]'
)
_RTL = regex.compile(r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}]")
_STRONG = regex.compile(r"[\p{Bidi_Class=L}\p{Bidi_Class=R}\p{Bidi_Class=AL}]")
_ARABIC = regex.compile(r"\p{Script=Arabic}")
_LEVEL = regex.compile(r"Level\(\s*(\d+),?\s*\)")

#: a message as pieces, each (text, isolated)
Message = tuple[tuple[str, bool], ...]


def direction(lang: str) -> str:
    """The ``dir`` of text in ``lang``: its language file's, else "auto" (the text decides)."""
    return language_direction(lang) or "auto"


def isolate(message: str) -> Message:
    """``message`` cut into plain runs and runs to isolate (``<bdi>``, or reordered alone)."""
    out, at = [], 0
    for match in _FOREIGN.finditer(message):
        if match.start() > at:
            out.append((message[at : match.start()], False))
        out.append((match.group(), True))
        at = match.end()
    if at < len(message):
        out.append((message[at:], False))
    return tuple(out)


def starts_rtl(text: str) -> bool:
    """Whether the first strong character of ``text`` is right-to-left (UAX #9 rule P2)."""
    strong = _STRONG.search(text)
    return strong is not None and bool(_RTL.match(strong.group()))


# ---- the console ----------------------------------------------------------------------

#: terminals that reorder (and shape) by themselves: text sent to them stays logical
_BIDI_TERMINALS = ("KONSOLE_VERSION", "MLTERM")
_BIDI_PROGRAMS = ("Apple_Terminal", "mintty")
#: VTE does bidi since 0.57.3 (GNOME Terminal 3.33.3), on by default
_VTE_BIDI = 5703


def terminal_does_bidi(environ: Mapping[str, str]) -> bool:
    """Whether the terminal that ``environ`` describes reorders right-to-left text itself.
    Inside tmux or screen it does not: they lay out the cells and draw them left to right."""
    if environ.get("TMUX") or environ.get("STY") or environ.get("TERM", "").startswith(("tmux", "screen")):
        return False
    vte = environ.get("VTE_VERSION", "")
    return (
        (vte.isdigit() and int(vte) >= _VTE_BIDI)
        or any(environ.get(name) for name in _BIDI_TERMINALS)
        or environ.get("TERM_PROGRAM", "") in _BIDI_PROGRAMS
    )


def is_visual(mode: str, *, is_terminal: bool, environ: Mapping[str, str]) -> bool:
    """Whether console output in ``mode`` (auto, visual, logical) is put in display order.
    ``is_terminal``: the stream itself is a terminal (rich's ``is_terminal`` is also true
    where FORCE_COLOR is set, as in many CI jobs, whose logs a browser shows with its own
    bidi); under CI (``CI`` set) auto stays logical even on a pseudo-terminal."""
    if mode not in MODES:
        raise ValueError(f"bidi mode must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "auto":
        return is_terminal and not environ.get("CI") and not terminal_does_bidi(environ)
    return mode == "visual"


def console_is_visual(mode: str, console: Any) -> bool:
    """``is_visual`` for a rich console: its stream, this process's environment."""
    return is_visual(mode, is_terminal=isatty(console.file), environ=os.environ)


def isatty(stream: object) -> bool:
    """Whether ``stream`` is a terminal (False for anything without a working ``isatty``)."""
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def visual(line: str, rtl: bool) -> str:
    """One display line in the order a left-to-right terminal is to draw it, its Arabic
    shaped. ``rtl``: the line's base direction; in a left-to-right line each foreign run
    (``isolate``) is reordered alone, so it takes none of the line's numbers or punctuation.
    A line with no right-to-left character is returned as it is (Hindi is never touched)."""
    if not _RTL.search(line):
        return line
    if rtl:
        return _display(line, True)
    return "".join(
        _display(text, iso and starts_rtl(text)) if _RTL.search(text) else text
        for text, iso in isolate(line)
    )


def _display(text: str, rtl: bool) -> str:
    if _ARABIC.search(text):
        text = _reshaper().reshape(text)
    levels = _levels(text, rtl)
    # L2 by grapheme: a letter and its marks move together (L3); L4 mirrors at odd levels
    units: list[tuple[str, int]] = []
    at = 0
    for grapheme in regex.findall(r"\X", text):
        level = levels[at]
        at += len(grapheme)
        if level % 2:
            grapheme = _mirror(grapheme[0]) + grapheme[1:]
        units.append((grapheme, level))
    odd = [level for _, level in units if level % 2] or [1]
    for floor in range(max(level for _, level in units), min(odd) - 1, -1):
        k = 0
        while k < len(units):
            if units[k][1] < floor:
                k += 1
                continue
            end = k
            while end < len(units) and units[end][1] >= floor:
                end += 1
            units[k:end] = units[k:end][::-1]
            k = end
    return "".join(grapheme for grapheme, _ in units)


def _levels(text: str, rtl: bool) -> list[int]:
    """Each code point's resolved embedding level, from python-bidi (unicode-bidi in Rust),
    which gives them only in its debug dump: one ``Level(n)`` a UTF-8 byte."""
    from bidi import get_display

    dump = get_display(text, base_dir="R" if rtl else "L", debug=True)
    listed = dump.partition("\n    levels: [")[2].partition("\n    ],")[0]
    per_byte = [int(n) for n in _LEVEL.findall(listed)]
    if len(per_byte) != len(text.encode("utf-8")):
        raise RuntimeError("python-bidi's debug dump has changed: pin python-bidi<0.7")
    out, at = [], 0
    for ch in text:
        out.append(per_byte[at])
        at += len(ch.encode("utf-8"))
    return out


@cache
def _reshaper():
    import arabic_reshaper

    # harakat are kept (a terminal draws them on their letter's cell); lam-alef is one cell
    return arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


def _mirror(ch: str) -> str:
    if not unicodedata.mirrored(ch):
        return ch
    from bidi.mirror import MIRRORED

    return MIRRORED.get(ch, ch)
