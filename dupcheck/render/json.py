"""JSON report, schema ``dupcheck.check/1``: the contract other tools and the CI gate read."""

from __future__ import annotations

import json
from typing import Any

from dupcheck.records import Document, Finding, Report

SCHEMA = "dupcheck.check/1"


def report_to_dict(report: Report) -> dict[str, Any]:
    fidelity = {(p.bead.source, p.bead.target): p for p in report.pairs}
    alignment = []
    for bead in report.alignment:
        entry: dict[str, Any] = {"source": list(bead.source), "target": list(bead.target), "score": bead.score}
        scored = fidelity.get((bead.source, bead.target))
        if scored is not None:
            entry["fidelity"] = scored.fidelity
            entry["chrf"] = scored.chrf
        alignment.append(entry)
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "signature": report.signature,
        "source": _document(report.source),
        "target": {**_document(report.target), "pivot": list(report.pivot)},
        "alignment": alignment,
        "findings": [_finding(f) for f in report.findings],
        "scores": {
            "fidelity": report.scores.fidelity,
            "coverage": report.scores.coverage,
            "chrf": report.scores.chrf,
            "bleu": report.scores.bleu,
        },
        "fail_on": report.fail_on.value,
        "verdict": report.verdict,
    }
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
        "headlines": [s.index for s in doc.sentences if s.headline],
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "type": f.type.value,
        "severity": f.severity.value,
        "code": f.code,
        "source": list(f.source),
        "target": list(f.target),
        "source_text": f.source_text,
        "target_text": f.target_text,
        "message": f.message,
        "source_span": list(f.source_span) if f.source_span else None,
        "target_span": list(f.target_span) if f.target_span else None,
    }
