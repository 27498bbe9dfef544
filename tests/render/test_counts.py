from __future__ import annotations

import pytest

from dupcheck.render.counts import counted


@pytest.mark.parametrize(("n", "noun", "expected"), [
    (0, "document", "0 documents"),
    (1, "document", "1 document"),
    (2, "candidate pair", "2 candidate pairs"),
    (1, "new finding", "1 new finding"),
])
def test_counted(n, noun, expected):
    assert counted(n, noun) == expected
