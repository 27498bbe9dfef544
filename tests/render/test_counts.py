from __future__ import annotations

import pytest

from dupcheck.render.counts import counted


@pytest.mark.parametrize(("n", "noun", "plural", "expected"), [
    (0, "document", None, "0 documents"),
    (1, "document", None, "1 document"),
    (2, "candidate pair", None, "2 candidate pairs"),
    (1, "analysis", "analyses", "1 analysis"),
    (3, "analysis", "analyses", "3 analyses"),
])
def test_counted(n, noun, plural, expected):
    assert counted(n, noun, plural) == expected
