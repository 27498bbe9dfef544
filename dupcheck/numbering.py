"""The one numbering every report uses: sentences and segments count from 1.

Records index sentences from 0, as Python does; a person reads "sentence 1" for the first,
so every renderer, the JSON included (which says so in ``sentence_base``), goes through
these two functions and the same finding has the same number everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from dupcheck.records import Finding

#: the number of a document's first sentence in every report
BASE = 1


def numbers(indices: Iterable[int]) -> list[int]:
    """Sentence numbers of record indices."""
    return [i + BASE for i in indices]


def label(indices: Iterable[int], *, none: str = "–") -> str:
    """Sentence numbers for a person: "3", "3,4", a consecutive run of three or more "1–33"."""
    shown = numbers(indices)
    if not shown:
        return none
    if len(shown) > 2 and shown == list(range(shown[0], shown[-1] + 1)):
        return f"{shown[0]}–{shown[-1]}"
    return ",".join(map(str, shown))


def passage(run: tuple[int, int]) -> str:
    """A scan passage, ``(first, last)`` indices inclusive, as sentence numbers."""
    return label(range(run[0], run[1] + 1))


def place(finding: Finding, source_path: str, target_path: str) -> str:
    """``file:line:col`` of a finding: the translation's words, else the source's (an omission),
    as SARIF puts it; the translation file alone for a finding about the whole document."""
    if finding.target_location is not None:
        loc, path = finding.target_location, target_path
    elif finding.source_location is not None:
        loc, path = finding.source_location, source_path
    else:
        return target_path
    return f"{path}:{loc.line}:{loc.column}"


def file_lines(finding: Finding) -> str:
    """The file lines a finding starts on, source → translation ("13 → 2", "5 → –"): a
    document of paragraphs holds many sentences a line, so sentence numbers alone do not
    find them in an editor."""
    where = (finding.source_location, finding.target_location)
    return " → ".join("–" if loc is None else str(loc.line) for loc in where)


def sentences(finding: Finding) -> str:
    """Both sides' sentence numbers of a finding: "30 → 27", "3 → –"."""
    return f"{label(finding.source)} → {label(finding.target)}"
