"""SARIF 2.1.0 log of a gate run, for code-review annotations.

Each finding is a result whose rule id is its reason code (described in ``render.rules``)
and whose location is a line/column region: on the translation's words, or for an omission
on the source's sentence, the other side as a related location. Every result has a
``startLine`` (GitHub drops those without). Columns count Unicode code points
(``run.columnKind = "unicodeCodePoints"``), not SARIF's default UTF-16 code units, so a
Devanagari word's columns are its characters. The regions are the findings' file locations
(``dupcheck.text.coords``), computed once by the pipeline.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from dupcheck.gate.pipeline import DocumentResult, GateResult
from dupcheck.numbering import numbers
from dupcheck.records import Finding, Location, Severity
from dupcheck.render.rules import rule
from dupcheck.version import __version__

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning"}


def _region(where: Location | None) -> dict[str, int]:
    """SARIF region of a location; a finding about the whole document is put on line 1,
    since code scanning drops a result without ``startLine``."""
    if where is None:
        return {"startLine": 1}
    return {
        "startLine": where.line,
        "startColumn": where.column,
        "endLine": where.end_line,
        "endColumn": where.end_column,
    }


def _artifact(path: str) -> dict[str, str]:
    """A file's artifact location: relative to the checkout (``%SRCROOT%``) where the path
    lies inside it, else an absolute ``file:`` URI, which a viewer can still open (a
    ``../shared/x.txt`` under ``%SRCROOT%`` would point outside the checkout)."""
    pure = PurePath(path)
    if pure.is_absolute() or ".." in pure.parts:
        return {"uri": Path(path).resolve().as_uri()}
    # a URI reference (RFC 3986): "covid c&d.ar.txt" is "covid%20c%26d.ar.txt"
    return {"uri": quote(pure.as_posix()), "uriBaseId": "%SRCROOT%"}


def _physical(uri: str, where: Location | None) -> dict[str, Any]:
    return {"artifactLocation": _artifact(uri), "region": _region(where)}


def _locations(doc: DocumentResult, finding: Finding) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The primary location and the related one: the translation's words, the source's as
    related; for an omission (nothing in the translation) the source's sentence, the
    translation file as related."""
    if finding.target_location is None and finding.source_location is not None:
        primary = _physical(doc.pair.source, finding.source_location)
        other, what = {"artifactLocation": _artifact(doc.pair.target)}, "the translation"
    else:
        primary = _physical(doc.pair.target, finding.target_location)
        if finding.source_location is None:
            return {"physicalLocation": primary}, []
        other, what = _physical(doc.pair.source, finding.source_location), "the source"
    return {"physicalLocation": primary}, [{"id": 0, "physicalLocation": other, "message": {"text": what}}]


def _rule(code: str) -> dict[str, Any]:
    r = rule(code)
    return {
        "id": code,
        "name": code,
        "shortDescription": {"text": r.short},
        "fullDescription": {"text": r.full},
        "help": {"text": r.help},
        # each result carries its own level, from its finding's severity
        "defaultConfiguration": {"level": "warning"},
    }


def sarif_log(result: GateResult) -> dict[str, Any]:
    codes = sorted({f.code for d in result.documents for f in d.report.findings})
    rule_index = {code: i for i, code in enumerate(codes)}
    results = []
    for doc in result.documents:
        for fp, finding in zip(doc.fingerprints, doc.report.findings):
            primary, related = _locations(doc, finding)
            entry: dict[str, Any] = {"relatedLocations": related} if related else {}
            results.append(
                {
                    **entry,
                    "ruleId": finding.code,
                    "ruleIndex": rule_index[finding.code],
                    "level": _LEVEL[finding.severity],
                    "message": {"text": finding.message},
                    "locations": [primary],
                    "partialFingerprints": {"dupcheck/v1": fp},
                    "baselineState": "new"
                    if doc.is_new(finding) or not result.baselined
                    else "unchanged",
                    "properties": {
                        "severity": finding.severity.value,
                        "type": finding.type.value,
                        "source": doc.pair.source,
                        "sourceSentences": numbers(finding.source),
                        "targetSentences": numbers(finding.target),
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
                        "rules": [_rule(code) for code in codes],
                    }
                },
                "columnKind": "unicodeCodePoints",
                # what ran (backends, models, settings, version), as every report says it
                "properties": {"signatures": list(result.signatures)},
                "results": results,
            }
        ],
    }


def render_sarif(result: GateResult) -> str:
    """The SARIF log as text: sorted keys, no timestamps, so equal runs give equal bytes."""
    return json.dumps(sarif_log(result), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
