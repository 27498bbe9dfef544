from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from dupcheck.gate.baseline import write_baseline
from dupcheck.gate.config import load_config
from dupcheck.gate.pipeline import check_result, run_gate
from dupcheck.render.junit import render_junit
from tests.gate_support import CLEAN_HI, SEED_HI, copy_desk, paragraph_check


def _run(desk: Path):
    return run_gate(load_config(desk / "dupcheck.toml"), check=paragraph_check)


def _suites(text: str) -> dict[str, ET.Element]:
    return {s.get("name"): s for s in ET.fromstring(text).iter("testsuite")}


def test_one_suite_per_document_one_case_per_finding(tmp_path: Path) -> None:
    desk = copy_desk(tmp_path)
    result = _run(desk)
    text = render_junit(result)
    assert text == render_junit(_run(desk))  # deterministic
    root = ET.fromstring(text)
    suites = _suites(text)
    assert set(suites) == {SEED_HI, CLEAN_HI}
    assert root.get("failures") == "1"
    seed = suites[SEED_HI]
    (seed_doc,) = [d for d in result.documents if d.pair.target == SEED_HI]
    # the document's own case, then one per finding
    cases = seed.findall("testcase")
    assert len(cases) == 1 + len(seed_doc.report.findings) and seed.get("tests") == str(len(cases))
    failing = [c for c in cases if c.find("failure") is not None]
    assert len(failing) == len(seed_doc.failing) == 1
    (failure,) = failing[0].findall("failure")
    assert failure.get("type") == "glossary.forbidden"
    assert "परेशान" in failure.get("message") and "परेशान दोस्ती" in failure.text
    # where it is, as file:line:col, and its sentence numbers
    assert failing[0].get("name").startswith(f"glossary.forbidden at {SEED_HI}:")
    clean = suites[CLEAN_HI]
    assert clean.findall("testcase/failure") == []
    assert "0 findings" in clean.find("testcase/system-out").text


def test_baselined_findings_are_skipped_cases(tmp_path: Path) -> None:
    desk = copy_desk(tmp_path)
    write_baseline(load_config(desk / "dupcheck.toml").baseline, _run(desk).baseline_entries())
    text = render_junit(_run(desk))
    assert ET.fromstring(text).get("failures") == "0"
    seed = _suites(text)[SEED_HI]
    skipped = [c for c in seed.findall("testcase") if c.find("skipped") is not None]
    assert seed.findall("testcase/failure") == []
    assert [c.get("name").split(" ")[0] for c in skipped] == ["glossary.forbidden"]


def test_the_report_is_named_for_the_command_that_ran(tmp_path: Path) -> None:
    gate = _run(copy_desk(tmp_path))
    assert ET.fromstring(render_junit(gate)).get("name") == "dupcheck gate"
    check = check_result(gate.documents[0].report)
    assert ET.fromstring(render_junit(check)).get("name") == "dupcheck check"
