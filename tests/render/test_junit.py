from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from dupcheck.gate.baseline import write_baseline
from dupcheck.gate.config import load_config
from dupcheck.gate.pipeline import run_gate
from dupcheck.render.junit import render_junit
from tests.gate_support import CLEAN_HI, SEED_HI, copy_desk, paragraph_check


def _run(desk: Path):
    return run_gate(load_config(desk / "dupcheck.toml"), check=paragraph_check)


def test_one_case_per_document_one_failure_per_failing_finding(tmp_path: Path) -> None:
    desk = copy_desk(tmp_path)
    result = _run(desk)
    text = render_junit(result)
    assert text == render_junit(_run(desk))  # deterministic
    root = ET.fromstring(text)
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "2" and suite.get("failures") == "1"
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert set(cases) == {SEED_HI, CLEAN_HI}
    failures = cases[SEED_HI].findall("failure")
    assert [f.get("type") for f in failures] == ["glossary.forbidden"]
    assert "परेशान" in failures[0].get("message") and "परेशान दोस्ती" in failures[0].text
    assert cases[CLEAN_HI].findall("failure") == []
    assert "0 findings" in cases[CLEAN_HI].find("system-out").text


def test_baselined_findings_pass_and_are_listed(tmp_path: Path) -> None:
    desk = copy_desk(tmp_path)
    write_baseline(load_config(desk / "dupcheck.toml").baseline, _run(desk).baseline_entries())
    root = ET.fromstring(render_junit(_run(desk)))
    assert root.get("failures") == "0"
    seed = next(c for c in root.iter("testcase") if c.get("name") == SEED_HI)
    assert (
        seed.findall("failure") == []
        and "baselined major glossary.forbidden" in seed.find("system-out").text
    )
