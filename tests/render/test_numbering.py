"""One numbering: the same finding has the same sentence numbers in every report."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from rich.console import Console

from dupcheck.backends.registry import BackendConfig
from dupcheck.fidelity.pipeline import Checker
from dupcheck.gate.pipeline import check_result
from dupcheck.numbering import label
from dupcheck.render.console import render_console
from dupcheck.render.html import render_html
from dupcheck.render.json import render_json
from dupcheck.render.junit import render_junit
from dupcheck.render.markdown import render_markdown
from dupcheck.render.sarif import render_sarif
from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"


@pytest.fixture(scope="module")
def report():
    checker = Checker(BackendConfig(encoder="none"))
    return checker.check_files(SEEDS / "002_ad68b3a4021bdc8c.txt", SEEDS / "000_7c1714d105d40b16.txt")


def _console(report) -> str:
    buffer = io.StringIO()
    render_console(report, Console(file=buffer, width=240))
    return buffer.getvalue()


def _console_cells(report, code: str) -> list[str]:
    """The cells of the console's first findings row of ``code``'s type."""
    kind = code.split(".")[0]
    line = next(line for line in _console(report).splitlines() if f" {kind} " in line)
    return [c.strip() for c in re.split(r"[│┃]", line) if c.strip()]


def _from_console(report, code: str) -> tuple[str, str]:
    cells = _console_cells(report, code)
    return cells[2], cells[3]


def _from_markdown(report, code: str) -> tuple[str, str]:
    row = next(line for line in render_markdown(report).splitlines() if f"`{code}`" in line)
    cells = [c.strip() for c in row.split(" | ")]
    return cells[3].split(":")[0], cells[4].split(":")[0]


def _from_json(report, code: str) -> tuple[str, str]:
    f = next(f for f in json.loads(render_json(report))["findings"] if f["code"] == code)
    return ",".join(map(str, f["source"])), ",".join(map(str, f["target"]))


def _from_sarif(report, code: str) -> tuple[str, str]:
    results = json.loads(render_sarif(check_result(report)))["runs"][0]["results"]
    r = next(r for r in results if r["ruleId"] == code)
    return ",".join(map(str, r["properties"]["sourceSentences"])), ",".join(map(str, r["properties"]["targetSentences"]))


def _from_junit(report, code: str) -> tuple[str, str]:
    case = next(c for c in ET.fromstring(render_junit(check_result(report))).iter("testcase")
                if c.get("name").startswith(code))
    src, tgt = re.search(r"\(sentences (\S+) → (\S+)\)", case.get("name")).groups()
    return src, tgt


def _from_html(report, code: str) -> tuple[str, str]:
    html = render_html(check_result(report))
    src, tgt = re.search(rf"<code>{re.escape(code)}</code></td><td>([^<]*)</td><td>([^<]*)</td>", html).groups()
    return src, tgt


RENDERERS = [_from_console, _from_markdown, _from_json, _from_sarif, _from_junit, _from_html]


@pytest.mark.parametrize("read", RENDERERS, ids=lambda r: r.__name__[6:])
@pytest.mark.parametrize("code", ["mistranslation.word", "number.changed"])
def test_the_same_finding_has_the_same_number_everywhere(report, read, code: str) -> None:
    finding = next(f for f in report.findings if f.code == code)
    # the numbers a person reads: record index + 1 ("ironclad" is source sentence 30)
    expected = (label(finding.source), label(finding.target))
    assert expected[0] == str(finding.source[0] + 1)
    assert read(report, code) == expected


def test_json_says_its_base_and_gives_file_coordinates(report) -> None:
    data = json.loads(render_json(report))
    assert data["sentence_base"] == 1
    ironclad = next(f for f in data["findings"] if f["code"] == "mistranslation.word")
    source = (SEEDS / "002_ad68b3a4021bdc8c.txt").read_text(encoding="utf-8")
    target = (SEEDS / "000_7c1714d105d40b16.txt").read_text(encoding="utf-8")
    for text, where, word in ((source, ironclad["source_location"], "ironclad"),
                              (target, ironclad["target_location"], "परेशान")):
        assert text[where["start"] : where["end"]] == word
        line = text.splitlines()[where["line"] - 1]
        assert line[where["column"] - 1 : where["end_column"] - 1] == word


@pytest.mark.parametrize("code", ["mistranslation.word", "number.changed"])
def test_the_console_gives_the_lines_the_json_locations_hold(report, code: str) -> None:
    # the Hindi seed is three paragraphs: its sentence numbers are not its lines
    finding = next(f for f in json.loads(render_json(report))["findings"] if f["code"] == code)
    assert _console_cells(report, code)[4] == f"{finding['source_location']['line']} → {finding['target_location']['line']}"
    assert finding["target_location"]["line"] != finding["target"][0]
