"""JSON, Markdown and console renderers over one Report: the contract and determinism."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from dupcheck.backends.registry import BackendConfig
from dupcheck.fidelity.pipeline import Checker
from dupcheck.render.console import render_console
from dupcheck.render.json import render_json
from dupcheck.render.markdown import render_markdown
from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"


@pytest.fixture(scope="module")
def report():
    checker = Checker(BackendConfig(encoder="none"))
    return checker.check_files(SEEDS / "002_ad68b3a4021bdc8c.txt", SEEDS / "000_7c1714d105d40b16.txt")


def test_json_has_the_contract_keys_and_is_deterministic(report):
    text = render_json(report)
    data = json.loads(text)
    assert {"schema", "source", "target", "alignment", "findings", "scores", "verdict", "signature"} <= set(data)
    assert len(data["source"]["sentences"]) == len(report.source.sentences)
    assert len(data["alignment"]) == len(report.alignment)
    assert render_json(report) == text


def test_markdown_lists_every_finding(report):
    text = render_markdown(report)
    assert text.count("\n| ") - 1 == len(report.findings)
    assert "`mistranslation.word`" in text and report.signature in text


def test_console_shows_verdict_scores_and_alignment(report):
    buffer = io.StringIO()
    render_console(report, Console(file=buffer, width=160), show_alignment=True)
    out = buffer.getvalue()
    assert "FAIL" in out and f"fidelity {report.scores.fidelity:.2f}" in out
    assert "Alignment" in out and "ironclad" in out


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ('a <b>bold</b> "claim" & more', None, 'a &lt;b&gt;bold&lt;/b&gt; "claim" &amp; more'),
        ("<script>alert(1)</script>", None, "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("one | two\nthree", None, "one \\| two three"),
        # cut before escaping, so an entity is never cut in half
        ("abc & def", 6, "abc &amp;…"),
    ],
)
def test_a_markdown_cell_shows_the_story_as_written(text, limit, expected):
    from dupcheck.render.markdown import cell

    assert cell(text, limit) == expected


def test_an_omission_row_has_no_words_on_the_translation_side(report):
    rows = [line for line in render_markdown(report).splitlines() if "`omission.sentence`" in line]
    assert rows and all(row.split(" | ")[4] == "–" for row in rows)


def test_every_gate_report_carries_the_signature(report):
    # a review found HTML, SARIF, JUnit and TMX without one: what ran must travel with
    # every report, as sacrebleu's signature does
    from xml.sax.saxutils import escape

    from dupcheck.gate.pipeline import check_result
    from dupcheck.render.html import render_html
    from dupcheck.render.junit import render_junit
    from dupcheck.render.sarif import sarif_log
    from dupcheck.render.tmx import render_tmx

    result = check_result(report)
    assert result.signatures == (report.signature,)
    assert sarif_log(result)["runs"][0]["properties"]["signatures"] == [report.signature]
    for rendered in (render_html(result), render_junit(result), render_tmx(result)):
        assert escape(report.signature, {'"': "&quot;"}) in rendered
