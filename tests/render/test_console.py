"""Console tables: straight borders for Devanagari and Arabic at any width, wrapped, never cut;
right-to-left cells right-aligned, and with ``bidi="visual"`` each line in display order."""

from __future__ import annotations

import io

import pytest
import regex
from rich.console import Console

from dupcheck.backends.registry import BackendConfig
from dupcheck.fidelity.pipeline import Checker
from dupcheck.records import Bead, Finding, FindingType, Location, Severity
from dupcheck.render.bidi import is_visual, visual
from dupcheck.render.cells import Column, table, width
from dupcheck.render.console import render_console
from dupcheck.text.load import document_from_text
from dupcheck.text.segment import segment
from tests.gate_support import report_for
from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"
_MARK_FIRST = regex.compile(r"^\p{M}")
_HYPHEN = regex.compile(r"\s+|(?<=-)")


@pytest.fixture(scope="module")
def report():
    return Checker(BackendConfig(encoder="none")).check_files(
        SEEDS / "002_ad68b3a4021bdc8c.txt", SEEDS / "000_7c1714d105d40b16.txt"
    )


@pytest.mark.parametrize(("text", "cells"), [
    ("हजारों", 5),  # vowel signs ा ो are spacing marks, the anusvara is not: rich says 3
    ("परेशान", 5),
    ("सत्तावादी", 8),  # as tmux 3.3 draws it (wcwidth's string width joins the conjunct: 7)
    ("राष्ट्रपति", 8),
    ("البلدين", 7),
    ("عَرَبِيّ", 4),  # harakat take no cell
    ("ironclad", 8),
])
def test_width_table(text: str, cells: int) -> None:
    assert width(text) == cells


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip("│").split("│")]


@pytest.mark.parametrize("columns", [80, 120])
def test_every_table_line_is_the_console_width_and_no_word_is_cut(report, columns: int) -> None:
    buffer = io.StringIO()
    render_console(report, Console(file=buffer, width=columns), show_alignment=True)
    lines = [line for line in buffer.getvalue().splitlines() if line[:1] in "┌│├└"]
    assert len(lines) > len(report.alignment)
    assert {width(line) for line in lines} == {columns}
    rows = [line for line in lines if line.startswith("│")]
    # a cell line never starts with a combining mark (a word cut inside a character) ...
    assert not [c for line in rows for c in _cells(line) if _MARK_FIRST.match(c)]
    # ... and every word of every sentence is on one line, whole (a hyphen may end a line)
    shown = {word for line in rows for c in _cells(line) for word in _HYPHEN.split(c)}
    for doc in (report.source, report.target):
        for sentence in doc.sentences:
            for word in _HYPHEN.split(sentence.text):
                if width(word) <= 30:  # words longer than a column are broken, at a grapheme
                    assert word in shown, word


def test_a_word_longer_than_its_column_breaks_at_a_grapheme() -> None:
    lines = table([Column("n"), Column("text", wraps=True)], [("1", "राष्ट्रपति" * 3)], 20)
    assert {width(line) for line in lines} == {20}
    assert not [c for line in lines[3:-1] for c in _cells(line) if _MARK_FIRST.match(c)]


# ---- right to left -------------------------------------------------------------------


def _small_arabic_report():
    english = "Reuters said the talks (in Cairo) went well. Most cases were mild."
    arabic = "قالت رويترز إن المحادثات (في القاهرة) سارت بشكل جيد. كانت معظم الحالات خطيرة."
    source = segment(document_from_text(english, path="en.txt", lang="en"))
    target = segment(document_from_text(arabic, path="ar.txt", lang="ar"))
    finding = Finding(FindingType.MISTRANSLATION, Severity.MAJOR, "mistranslation.word", (1,), (1,),
                      "mild", "خطيرة", '"mild" is rendered as "خطيرة" (serious) in 2 places',
                      source_location=_on_line_one(english, "mild"), target_location=_on_line_one(arabic, "خطيرة"))
    return report_for(source, target, (Bead((0,), (0,), 0.8), Bead((1,), (1,), 0.7)), (finding,))


def _on_line_one(text: str, word: str) -> Location:
    start = text.index(word)
    return Location(start, start + len(word), 1, start + 1, 1, start + len(word) + 1)


def _tables(report, bidi: str, columns: int = 64) -> list[str]:
    buffer = io.StringIO()
    render_console(report, Console(file=buffer, width=columns), show_alignment=True, bidi=bidi)
    return [line for line in buffer.getvalue().splitlines() if line[:1] in "┌│├└"]


# logical: the text as it is (reading order), Arabic cells right-aligned
LOGICAL = [
    "┌───────┬────────────────┬─────┬─────┬───────┬─────────────────┐",
    "│ sev   │ type           │ src │ tgt │ lines │ message         │",
    "├───────┼────────────────┼─────┼─────┼───────┼─────────────────┤",
    "│ major │ mistranslation │   2 │   2 │ 1 → 1 │ \"mild\" is       │",
    "│       │                │     │     │       │ rendered as     │",
    "│       │                │     │     │       │ \"خطيرة\"         │",
    "│       │                │     │     │       │ (serious) in 2  │",
    "│       │                │     │     │       │ places          │",
    "└───────┴────────────────┴─────┴─────┴───────┴─────────────────┘",
    "┌─────┬─────┬───────┬────────────────────┬─────────────────────┐",
    "│ src │ tgt │ score │ source             │ translation         │",
    "├─────┼─────┼───────┼────────────────────┼─────────────────────┤",
    "│   1 │   1 │  0.80 │ Reuters said the   │      قالت رويترز إن │",
    "│     │     │       │ talks (in Cairo)   │       المحادثات (في │",
    "│     │     │       │ went well.         │  القاهرة) سارت بشكل │",
    "│     │     │       │                    │                جيد. │",
    "│   2 │   2 │  0.70 │ Most cases were    │   كانت معظم الحالات │",
    "│     │     │       │ mild.              │              خطيرة. │",
    "└─────┴─────┴───────┴────────────────────┴─────────────────────┘",
]
# visual: the same lines broken in the same places, each in display order and shaped:
# "قالت رويترز إن" is drawn "ﻥﺇ ﺯﺮﺘﻳﻭﺭ ﺖﻟﺎﻗ" (presentation forms, right to left), the full
# stop at the sentence's left end, "(في" / "القاهرة)" with their brackets mirrored so they
# open to the right; "الحالات" has a lam-alef ligature (one cell less, one more of padding);
# in the message the Arabic word is reordered alone, so "(serious)" stays after it
VISUAL = [
    *LOGICAL[:5],
    "│       │                │     │     │       │ \"ﺓﺮﻴﻄﺧ\"         │",
    *LOGICAL[6:12],
    "│   1 │   1 │  0.80 │ Reuters said the   │      ﻥﺇ ﺯﺮﺘﻳﻭﺭ ﺖﻟﺎﻗ │",
    "│     │     │       │ talks (in Cairo)   │       ﻲﻓ) ﺕﺎﺛﺩﺎﺤﻤﻟﺍ │",
    "│     │     │       │ went well.         │  ﻞﻜﺸﺑ ﺕﺭﺎﺳ (ﺓﺮﻫﺎﻘﻟﺍ │",
    "│     │     │       │                    │                .ﺪﻴﺟ │",
    "│   2 │   2 │  0.70 │ Most cases were    │    ﺕﻻﺎﺤﻟﺍ ﻢﻈﻌﻣ ﺖﻧﺎﻛ │",
    "│     │     │       │ mild.              │              .ﺓﺮﻴﻄﺧ │",
    LOGICAL[-1],
]


@pytest.mark.parametrize(("bidi", "expected"), [("logical", LOGICAL), ("visual", VISUAL)])
def test_a_small_arabic_report(bidi: str, expected: list[str]) -> None:
    assert _tables(_small_arabic_report(), bidi) == expected


@pytest.mark.parametrize(("text", "rtl", "shown"), [
    # Hebrew, which is not shaped: the reordering alone
    ("שלום עולם", True, "םלוע םולש"),
    ("שלום (AP) עולם.", True, ".םלוע (AP) םולש"),  # brackets at an odd level are mirrored (L4)
    ("שורה עם f(x) בתוכה", True, "הכותב f(x) םע הרוש"),  # a bracket pair takes its inside's direction
    ("עַם", True, "םעַ"),  # the patah stays on its ayin (L3)
    ('rendered as "שלום" (10,000) here', False, 'rendered as "םולש" (10,000) here'),
    # Arabic: shaped, lam-alef one cell, the fathatan kept on its meem
    ("لا", True, "ﻻ"),
    ("15 عامًا", True, "ﺎﻣًﺎﻋ 15"),
    # in an English message the Arabic run is reordered alone: without that, European digits
    # after Arabic letters are Arabic numbers (UAX #9 W2) and "(10,000)" would join the run
    ('as "عشرات الآلاف" (10,000)', False, 'as "ﻑﻻﻵﺍ ﺕﺍﺮﺸﻋ" (10,000)'),
    ("हजारों 5 बार", False, "हजारों 5 बार"),  # no right-to-left character: untouched
])
def test_visual_order_of_a_line(text: str, rtl: bool, shown: str) -> None:
    assert visual(text, rtl) == shown


@pytest.mark.parametrize(("mode", "terminal", "environ", "shown_visual"), [
    ("auto", True, {"TERM": "xterm-256color"}, True),
    ("auto", False, {"TERM": "xterm-256color"}, False),  # a pipe, a file, a CI log
    ("auto", True, {"VTE_VERSION": "7600"}, False),  # GNOME Terminal does bidi itself
    ("auto", True, {"VTE_VERSION": "5202"}, True),  # VTE before 0.57.3 did not
    ("auto", True, {"KONSOLE_VERSION": "230805"}, False),
    ("auto", True, {"TERM_PROGRAM": "Apple_Terminal"}, False),
    ("auto", True, {"VTE_VERSION": "7600", "TMUX": "/tmp/tmux-0/default,1,0"}, True),  # tmux draws cells
    ("auto", True, {"CI": "true", "FORCE_COLOR": "1"}, False),  # a CI log, read in a browser
    ("visual", False, {}, True),
    ("logical", True, {}, False),
])
def test_auto_is_visual_on_a_terminal_that_does_not_reorder(
    mode: str, terminal: bool, environ: dict[str, str], shown_visual: bool
) -> None:
    assert is_visual(mode, is_terminal=terminal, environ=environ) is shown_visual


@pytest.fixture(scope="module")
def arabic_report():
    return Checker(BackendConfig(encoder="none")).check_files(
        SEEDS / "002_ad68b3a4021bdc8c.txt", SEEDS / "003_1fc78112d3480c43.txt"
    )


@pytest.mark.parametrize("bidi", ["logical", "visual"])
@pytest.mark.parametrize("columns", [80, 120])
def test_arabic_seed_table_lines_are_the_console_width(arabic_report, bidi: str, columns: int) -> None:
    lines = _tables(arabic_report, bidi, columns)
    assert len(lines) > len(arabic_report.alignment)
    assert {width(line) for line in lines} == {columns}


def test_auto_asks_the_stream_not_rich_which_forced_colour_makes_a_terminal(monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("CI", raising=False)
    console = Console(file=io.StringIO(), width=64)
    assert console.is_terminal  # rich's view
    render_console(_small_arabic_report(), console, show_alignment=True)
    assert "قالت رويترز إن" in console.file.getvalue()  # logical


def test_hindi_is_the_same_in_both_modes(report) -> None:
    assert _tables(report, "visual", 80) == _tables(report, "logical", 80)
