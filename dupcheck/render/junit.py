"""JUnit XML of a gate run (or of one ``check``, named for it): a test suite per
translation, a test case per finding.

Common viewers show one failure per test case, so each finding is its own case: failing
when it is new and at or above ``fail-on``, skipped when the baseline accepted it, passing
otherwise. A first case per translation carries its scores, so a clean translation still
shows as a passing test.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from dupcheck.gate.pipeline import DocumentResult, GateResult
from dupcheck.numbering import place, sentences
from dupcheck.records import Finding
from dupcheck.render.counts import counted


def _finding_case(doc: DocumentResult, finding: Finding, classname: str) -> ET.Element:
    case = ET.Element(
        "testcase",
        {"classname": classname, "name": f"{finding.code} at {place(finding, doc.pair.source, doc.pair.target)} (sentences {sentences(finding)})",
         "file": doc.pair.target, "time": "0"},
    )
    detail = (
        f"{finding.severity.value} {finding.type.value}: {finding.message}\n"
        f"source: {finding.source_text}\ntranslation: {finding.target_text}"
    )
    if any(f is finding for f in doc.failing):
        failure = ET.SubElement(case, "failure", {"type": finding.code, "message": finding.message})
        failure.text = detail
    elif not doc.is_new(finding):
        ET.SubElement(case, "skipped", {"message": "accepted in the baseline"})
    else:
        ET.SubElement(case, "system-out").text = detail
    return case


def _suite(doc: DocumentResult) -> ET.Element:
    classname = f"dupcheck.{doc.pair.lang}"
    cases = [_finding_case(doc, f, classname) for f in doc.report.findings]
    suite = ET.Element(
        "testsuite",
        {
            "name": doc.pair.target,
            "tests": str(len(cases) + 1),
            "failures": str(len(doc.failing)),
            "errors": "0",
            "skipped": str(len(doc.report.findings) - len(doc.new)),
            "time": "0",
        },
    )
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "dupcheck.signature", "value": doc.report.signature})
    summary = ET.SubElement(
        suite, "testcase",
        {"classname": classname, "name": doc.pair.target, "file": doc.pair.target, "time": "0"},
    )
    s = doc.report.scores
    ET.SubElement(summary, "system-out").text = (
        f"{doc.pair.target} against {doc.pair.source}: fidelity {s.fidelity:.3f}, "
        f"coverage {s.coverage:.3f}, pivot chrF {s.pivot_chrf:.1f}, pivot BLEU {s.pivot_bleu:.1f}\n"
        f"{counted(len(doc.report.findings), 'finding')}, {len(doc.new)} new, {len(doc.failing)} failing"
    )
    suite.extend(cases)
    return suite


def render_junit(result: GateResult) -> str:
    suites = [_suite(d) for d in result.documents]
    totals = {
        key: str(sum(int(s.get(key) or 0) for s in suites))
        for key in ("tests", "failures", "errors", "skipped")
    }
    root = ET.Element("testsuites", {"name": f"dupcheck {result.command}", **totals})
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
