"""The scan's console report: one block per related pair; with ``bidi="visual"`` each
line's Arabic (a shared passage, a spun word) in display order, the rest as it is."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from dupcheck.records import Passage, RelatedPair, Relation, ScanDocument, ScanReport, Substitution
from dupcheck.render.bidi import visual
from dupcheck.render.scan_console import render_scan_console
from dupcheck.text.load import document_from_text
from dupcheck.text.segment import segment

A_TEXT = "قال الوزير إن المحادثات مستمرة.\nوأضاف أن الاتفاق قريب."
B_TEXT = "ذكر الوزير إن المحادثات مستمرة.\nوأضاف أن الاتفاق قريب."


def _report() -> ScanReport:
    docs = tuple(
        ScanDocument(name, segment(document_from_text(text, path=f"{name}.ar.txt", lang="ar", input_format="lines"),
                                   input_format="lines"))
        for name, text in (("a", A_TEXT), ("b", B_TEXT))
    )
    pair = RelatedPair("a", "b", Relation.PARTIAL_OVERLAP, 1.0, (Passage((0, 1), (0, 1), 0.95),),
                       (Substitution(0, 0, "قال", "ذكر", True),))
    return ScanReport(docs, (), (pair,), (("a", "b"),), 1, "sig")


def _lines(bidi: str) -> list[str]:
    buffer = io.StringIO()
    render_scan_console(_report(), Console(file=buffer, width=200), bidi=bidi)
    return buffer.getvalue().splitlines()


def test_logical_lines_keep_the_text_as_it_is():
    lines = _lines("logical")
    assert "  spinning b ← a: قال → ذكر" in lines
    assert any(line.startswith("  shared a [1,2] ↔ b [1,2]: قال الوزير") for line in lines), lines


@pytest.mark.parametrize("start", ["  spinning b ← a: ", "  shared a [1,2] ↔ b [1,2]: "])
def test_visual_lines_put_the_arabic_in_display_order_and_leave_the_labels(start):
    logical, shown = _lines("logical"), _lines("visual")
    (before,) = [line for line in logical if line.startswith(start)]
    (after,) = [line for line in shown if line.startswith(start)]
    assert after == visual(before, rtl=False) != before
    # the lines with no Arabic are the same
    assert [line for line in shown if line in logical] == [line for line in logical if line == visual(line, rtl=False)]
