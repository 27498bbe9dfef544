"""Property: any text of Devanagari, Arabic, Latin, digits and punctuation goes through
load → segment → pivot → align → findings with a report or a one-line ``InputError``,
never another exception. A fixed example budget and a derandomised search keep CI fast
and its result the same from run to run."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dupcheck.backends.registry import BackendConfig
from dupcheck.errors import InputError
from dupcheck.fidelity.pipeline import Checker
from dupcheck.text.load import document_from_text

_RANGES = {
    "latin": [chr(c) for c in range(ord("A"), ord("Z") + 1)] + [chr(c) for c in range(ord("a"), ord("z") + 1)],
    "devanagari": [chr(c) for c in range(0x0900, 0x0980)],
    "arabic": [chr(c) for c in range(0x0600, 0x0700)],
    "digits": list("0123456789०१२३٤٥۶"),
    "punctuation": list(".,;:!?\"'()-–—।॥؟،…%"),
}
_ALPHABET = st.sampled_from([c for chars in _RANGES.values() for c in chars])
_WORD = st.text(_ALPHABET, min_size=1, max_size=8)
_SEPARATOR = st.sampled_from([" ", " ", " ", "\n", "\n\n", ". ", "। ", "? "])
_TEXT = st.lists(st.tuples(_WORD, _SEPARATOR), min_size=1, max_size=40).map(
    lambda parts: "".join(word + sep for word, sep in parts)
)

_CHECKER = Checker(BackendConfig(translator="lexical", encoder="none", cache=False))


@pytest.mark.parametrize("target_lang", ["hi", "ar"])
@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(source_text=_TEXT, target_text=_TEXT)
def test_random_text_makes_a_report_or_an_input_error(target_lang, source_text, target_text):
    try:
        source = document_from_text(source_text, path="source.txt", lang="en")
        target = document_from_text(target_text, path="target.txt", lang=target_lang)
        report = _CHECKER.check_documents(source, target)
    except InputError as exc:
        assert exc.path in {"source.txt", "target.txt"} and "\n" not in exc.cause
        return
    covered = sorted(i for bead in report.alignment for i in bead.source)
    assert covered == list(range(len(report.source.sentences)))
    for finding in report.findings:
        assert all(0 <= j < len(report.target.sentences) for j in finding.target)
