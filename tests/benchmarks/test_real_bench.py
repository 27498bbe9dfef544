"""benchmarks.real_bench: the listed faults of the professional translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.corpora import SETS, RealDocument, read_set
from benchmarks.real_bench import FAULTS, on_fault, read_faults
from dupcheck.records import Finding, FindingType, Severity
from tests.paths import SHARED

DOCUMENT = RealDocument("wmt14-hi-003", "wmt14-hi", "hi", 41, ("a", "b", "c"), ("x", "y", "z"))


def _finding(code: str, source: tuple[int, ...], target: tuple[int, ...]) -> Finding:
    kind = FindingType.ADDITION if code.startswith("addition") else FindingType.OMISSION
    return Finding(kind, Severity.MAJOR, code, source, target, "", "", "m", confidence=0.9)


@pytest.mark.parametrize(
    ("finding", "expected"),
    [
        (_finding("omission.clause", (1,), (1,)), True),  # line 41 + 1
        (_finding("omission.clause", (2,), (2,)), False),  # another line
        (_finding("mistranslation.word", (1,), (1,)), False),  # another code
        (_finding("addition.sentence", (), (0,)), True),  # by its target line
    ],
)
def test_a_finding_is_on_a_fault_by_set_line_and_code(finding: Finding, expected: bool) -> None:
    faults = frozenset({("wmt14-hi", 42, "omission.clause"), ("wmt14-hi", 41, "addition.sentence")})
    assert on_fault(finding, DOCUMENT, faults) is expected


def test_a_malformed_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "faults.tsv"
    path.write_text("# comment\nwmt14-hi\t42\tomission.clause\tdrops a clause\nwmt14-hi\tx\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"faults.tsv:3:"):
        read_faults(path)
    path.write_text("# comment\nwmt14-hi\t42\tomission.clause\tdrops a clause\n", encoding="utf-8")
    assert read_faults(path) == {("wmt14-hi", 42, "omission.clause")}


@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="needs ../shared/data")
def test_every_listed_fault_names_a_line_of_its_set() -> None:
    faults = read_faults(FAULTS)
    for name, line, code in faults:
        assert name in SETS and code.count(".") == 1
        assert 1 <= line <= len(read_set(name, SHARED / "data").english)
