"""JSON report, schema ``dupcheck.check/3``: the contract other tools and the CI gate read.

Sentence numbers count from ``sentence_base`` (1, as in every other report). A finding's
``source_span``/``target_span`` index dupcheck's normalised text (the ``sentences`` joined as
they were in the document); ``source_location``/``target_location`` are where the same words
are in the file itself: offsets into its decoded text and 1-based line and column.
"""

from __future__ import annotations

import json
from typing import Any

from dupcheck.numbering import BASE, numbers
from dupcheck.records import Document, Finding, Location, Report

SCHEMA = "dupcheck.check/3"


def report_to_dict(report: Report) -> dict[str, Any]:
    fidelity = {(p.bead.source, p.bead.target): p for p in report.pairs}
    alignment = []
    for bead in report.alignment:
        entry: dict[str, Any] = {
            "source": numbers(bead.source), "target": numbers(bead.target), "score": bead.score,
        }
        scored = fidelity.get((bead.source, bead.target))
        if scored is not None:
            entry["fidelity"] = scored.fidelity
            entry["pivot_chrf"] = scored.pivot_chrf
        alignment.append(entry)
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "signature": report.signature,
        "sentence_base": BASE,
        "source": _document(report.source),
        "target": {**_document(report.target), "pivot": list(report.pivot)},
        "alignment": alignment,
        "findings": [_finding(f) for f in report.findings],
        "scores": {
            "fidelity": report.scores.fidelity,
            "coverage": report.scores.coverage,
            "pivot_chrf": report.scores.pivot_chrf,
            "pivot_bleu": report.scores.pivot_bleu,
        },
        "fail_on": report.fail_on.value,
        "verdict": report.verdict,
    }
    if report.warnings:
        out["warnings"] = list(report.warnings)
    if report.alternatives:
        out["sources"] = [
            {"path": a.path, "coverage": a.coverage, "fidelity": a.fidelity, "chosen": a.chosen}
            for a in report.alternatives
        ]
    return out


def render_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def _document(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.path,
        "lang": doc.lang,
        "sentences": [s.text for s in doc.sentences],
        "headlines": numbers(s.index for s in doc.sentences if s.headline),
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "type": f.type.value,
        "severity": f.severity.value,
        "code": f.code,
        "source": numbers(f.source),
        "target": numbers(f.target),
        "source_text": f.source_text,
        "target_text": f.target_text,
        "message": f.message,
        "source_span": list(f.source_span) if f.source_span else None,
        "target_span": list(f.target_span) if f.target_span else None,
        "source_location": _location(f.source_location),
        "target_location": _location(f.target_location),
        "confidence": f.confidence,
    }


def _location(where: Location | None) -> dict[str, int] | None:
    if where is None:
        return None
    return {
        "start": where.start, "end": where.end, "line": where.line, "column": where.column,
        "end_line": where.end_line, "end_column": where.end_column,
    }
