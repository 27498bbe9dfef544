"""Console tables: straight borders for Devanagari and Arabic at any width, wrapped, never cut."""

from __future__ import annotations

import io

import pytest
import regex
from rich.console import Console

from dupcheck.backends.registry import BackendConfig
from dupcheck.fidelity.pipeline import Checker
from dupcheck.render.cells import Column, table, width
from dupcheck.render.console import render_console
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
