"""JUnit XML of a gate run: one test case per translation, one failure per new failing finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from dupcheck.gate.pipeline import DocumentResult, GateResult
from dupcheck.records import Finding


def _where(finding: Finding) -> str:
    src = ",".join(str(i + 1) for i in finding.source) or "-"
    tgt = ",".join(str(i + 1) for i in finding.target) or "-"
    return f"source sentence {src}, translation sentence {tgt}"


def _testcase(doc: DocumentResult) -> ET.Element:
    case = ET.Element(
        "testcase",
        {
            "classname": f"dupcheck.{doc.pair.lang}",
            "name": doc.pair.target,
            "file": doc.pair.target,
            "time": "0",
        },
    )
    for finding in doc.failing:
        failure = ET.SubElement(case, "failure", {"type": finding.code, "message": finding.message})
        failure.text = (
            f"{finding.severity.value} {finding.type.value} ({_where(finding)})\n"
            f"source: {finding.source_text}\ntranslation: {finding.target_text}"
        )
    s = doc.report.scores
    out = ET.SubElement(case, "system-out")
    lines = [
        (
            f"{doc.pair.target} against {doc.pair.source}: fidelity {s.fidelity:.3f}, "
            f"coverage {s.coverage:.3f}, chrF {s.chrf:.1f}, BLEU {s.bleu:.1f}"
        ),
        f"{len(doc.report.findings)} findings, {len(doc.new)} new, {len(doc.failing)} failing",
    ]
    lines += [
        f"{'new' if doc.is_new(f) else 'baselined'} {f.severity.value} {f.code}: {f.message}"
        for f in doc.report.findings
    ]
    out.text = "\n".join(lines)
    return case


def render_junit(result: GateResult) -> str:
    failures = sum(1 for d in result.documents if d.failing)
    counts = {
        "tests": str(len(result.documents)),
        "failures": str(failures),
        "errors": "0",
        "skipped": "0",
    }
    suites = ET.Element("testsuites", {"name": "dupcheck gate", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "dupcheck gate", **counts, "time": "0"})
    suite.extend(_testcase(d) for d in result.documents)
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
