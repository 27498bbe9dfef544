"""A piece of the check's text as its file writes it."""

from __future__ import annotations

import pytest

from dupcheck.text.coords import as_written
from dupcheck.text.load import document_from_text


@pytest.mark.parametrize(
    ("written", "lang"),
    [
        # Arabic-Indic digits and separators, which the check reads as 25 and 1,051,635
        ("أعلنت المنظمة عن ٢٥ ألف حالة و١٬٠٥١٬٦٣٥ إصابة.", "ar"),
        # Devanagari digits and curly quotes
        ("उन्होंने कहा, “२०१७ में ५२ लोग थे।”", "hi"),
        ("Nothing here is folded.", "en"),
    ],
)
def test_a_sentence_is_quoted_as_its_file_writes_it(written, lang):
    doc = document_from_text(written + "\n", lang=lang)
    assert as_written(doc, 0, len(doc.text)) == written
    assert doc.text != written or lang == "en"


def test_a_piece_the_file_writes_otherwise_is_quoted_as_the_check_read_it():
    # a character NFC composes is no one-for-one fold: the check's text is quoted
    doc = document_from_text("cafe\u0301 ٢٥\n", lang="en")
    assert as_written(doc, 0, len(doc.text)) == doc.text
