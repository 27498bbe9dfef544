"""SARIF 2.1.0 log of a gate run, for code-review annotations.

Each finding is a result whose rule id is its reason code and whose location is the
translation file with a line/column region. Columns count Unicode code points
(``run.columnKind = "unicodeCodePoints"``), not SARIF's default UTF-16 code units, so a
Devanagari word's columns are its characters. Finding offsets index the *normalised* text;
they are mapped back to the original file by finding the same words there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from dupcheck import __version__
from dupcheck.gate.pipeline import DocumentResult, GateResult
from dupcheck.records import Finding, Severity
from dupcheck.text.load import decode_bytes

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning"}
_WORD_RUN = regex.compile(r"[\p{L}\p{M}\p{N} ]{8,}")


@dataclass(frozen=True, slots=True)
class Region:
    """1-based lines and columns (code points); ``end_column`` is one past the last character."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int

    def to_sarif(self) -> dict[str, int]:
        return {
            "startLine": self.start_line,
            "startColumn": self.start_column,
            "endLine": self.end_line,
            "endColumn": self.end_column,
        }


def locate(original: str, normalised: str, start: int, end: int) -> Region | None:
    """Region in ``original`` of ``normalised[start:end]``, or None when it cannot be found there.

    The piece is looked for as the same occurrence (the k-th) it is in the normalised text;
    when normalisation changed it (curly quotes, odd spaces), its first run of plain words is
    looked for, and the region keeps the piece's length from where that run puts its start.
    """
    piece = normalised[start:end]
    at = _nth(original, piece, _count(normalised, piece, start))
    if at is not None:
        return _region(original, at, at + len(piece))
    words = _WORD_RUN.search(piece)
    if words is None:
        return None
    probe = words.group().strip()
    lead = words.start() + words.group().index(probe)
    at = _nth(original, probe, _count(normalised, probe, start + lead))
    if at is None or at < lead:
        return None
    return _region(original, at - lead, _end_near(original, at - lead, len(piece)))


def _count(text: str, piece: str, before: int) -> int:
    n, at = 0, text.find(piece)
    while 0 <= at < before:
        n, at = n + 1, text.find(piece, at + 1)
    return n


def _nth(text: str, piece: str, n: int) -> int | None:
    at = text.find(piece)
    for _ in range(n):
        if at < 0:
            return None
        at = text.find(piece, at + 1)
    return at if at >= 0 else None


def _end_near(text: str, at: int, length: int) -> int:
    """End of a piece whose characters changed in normalisation: same length, kept on its line."""
    line_end = text.find("\n", at)
    return min(at + length, len(text) if line_end < 0 else line_end)


def _region(text: str, start: int, end: int) -> Region:
    def line_col(offset: int) -> tuple[int, int]:
        line_start = text.rfind("\n", 0, offset) + 1
        return text.count("\n", 0, offset) + 1, offset - line_start + 1

    (l1, c1), (l2, c2) = line_col(start), line_col(end)
    return Region(l1, c1, l2, c2)


def finding_region(finding: Finding, result: DocumentResult, original: str) -> Region | None:
    """Where a finding is in the translation file: its flagged words, else its first target sentence."""
    target = result.report.target
    if finding.target_span is not None:
        return locate(original, target.text, *finding.target_span)
    if finding.target:
        sentence = target.sentences[finding.target[0]]
        return locate(original, target.text, sentence.start, sentence.end)
    return None


def sarif_log(result: GateResult, root: Path) -> dict[str, Any]:
    codes = sorted({f.code for d in result.documents for f in d.report.findings})
    rule_index = {code: i for i, code in enumerate(codes)}
    results = []
    for doc in result.documents:
        original = decode_bytes((root / doc.pair.target).read_bytes(), path=doc.pair.target)
        for fp, finding in zip(doc.fingerprints, doc.report.findings):
            physical: dict[str, Any] = {
                "artifactLocation": {"uri": doc.pair.target, "uriBaseId": "%SRCROOT%"}
            }
            region = finding_region(finding, doc, original)
            if region is not None:
                physical["region"] = region.to_sarif()
            results.append(
                {
                    "ruleId": finding.code,
                    "ruleIndex": rule_index[finding.code],
                    "level": _LEVEL[finding.severity],
                    "message": {"text": finding.message},
                    "locations": [{"physicalLocation": physical}],
                    "partialFingerprints": {"dupcheck/v1": fp},
                    "baselineState": "new"
                    if doc.is_new(finding) or not result.baselined
                    else "unchanged",
                    "properties": {
                        "severity": finding.severity.value,
                        "type": finding.type.value,
                        "source": doc.pair.source,
                        "sourceSentences": [i + 1 for i in finding.source],
                        "targetSentences": [i + 1 for i in finding.target],
                    },
                }
            )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dupcheck",
                        "version": __version__,
                        "rules": [
                            {"id": code, "name": code, "shortDescription": {"text": code}}
                            for code in codes
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_sarif(result: GateResult, root: Path) -> str:
    """The SARIF log as text: sorted keys, no timestamps, so equal runs give equal bytes."""
    return json.dumps(sarif_log(result, root), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
