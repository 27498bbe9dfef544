"""JSON scan report, schema ``dupcheck.scan/2``.

Passages are sentence ranges, ``[first, last]`` inclusive, numbered from ``sentence_base``
(1, as in every report); ``text`` quotes the passage's first sentence on side ``a``.
"""

from __future__ import annotations

import json
from typing import Any

from dupcheck.numbering import BASE, numbers
from dupcheck.records import Passage, RelatedPair, ScanDocument, ScanReport, Substitution

SCHEMA = "dupcheck.scan/2"


def scan_report_to_dict(report: ScanReport) -> dict[str, Any]:
    by_id = {d.id: d for d in report.documents}
    return {
        "schema": SCHEMA,
        "signature": report.signature,
        "sentence_base": BASE,
        "documents": [_document(d) for d in report.documents],
        "skipped": [{"path": s.path, "cause": s.cause} for s in report.skipped],
        "candidates": report.candidates,
        "pairs": [_pair(p, by_id[p.a]) for p in report.pairs],
        "clusters": [list(c) for c in report.clusters],
    }


def render_scan_json(report: ScanReport) -> str:
    return json.dumps(scan_report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def passage_text(passage: Passage, document: ScanDocument) -> str:
    return document.document.sentences[passage.a[0]].text


def _document(d: ScanDocument) -> dict[str, Any]:
    return {"id": d.id, "path": d.path, "lang": d.lang, "sentences": len(d.document.sentences)}


def _pair(pair: RelatedPair, a: ScanDocument) -> dict[str, Any]:
    return {
        "a": pair.a,
        "b": pair.b,
        "relation": pair.relation.value,
        "score": pair.score,
        "passages": [
            {"a": numbers(p.a), "b": numbers(p.b), "score": p.score, "text": passage_text(p, a)}
            for p in pair.passages
        ],
        "substitutions": [_substitution(s) for s in pair.substitutions],
    }


def _substitution(s: Substitution) -> dict[str, Any]:
    return {"a_sentence": s.a_sentence + BASE, "b_sentence": s.b_sentence + BASE, "before": s.before,
            "after": s.after, "spin": s.spin}
