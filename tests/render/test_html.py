from __future__ import annotations

import subprocess
from collections import Counter
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dupcheck.gate.config import Pair, load_config
from dupcheck.gate.pipeline import GateResult, gate_report, run_gate
from dupcheck.records import Bead, Finding, FindingType, Severity
from dupcheck.render.html import render_html
from dupcheck.text.load import document_from_text
from dupcheck.text.segment import segment
from tests.gate_support import SEED_HI, copy_desk, report_for

CHROMIUM = Path("/usr/bin/chromium")
TITLE = "dupcheck gate: fail"
ARABIC = Path(__file__).resolve().parents[2] / "fixtures" / "arabic"
HOSTILE_EN = (
    'The minister said <script>document.title="pwned"</script> talks went well.\n'
    "Officials met on Monday in the capital to sign the agreement.\n"
    "A second meeting is planned for next year."
)
HOSTILE_HI = (
    'मंत्री ने कहा <script>document.title="pwned"</script> बातचीत अच्छी रही।\n'
    'अधिकारियों ने "><img src=x onerror="document.title=\'pwned2\'"> समझौते पर हस्ताक्षर किए।'
)


def _result(desk: Path) -> GateResult:
    """The desk's seed and clean pairs, plus a hand-built report with hostile text and an omission."""
    config = load_config(desk / "dupcheck.toml")
    checked = run_gate(config)
    source = segment(document_from_text(HOSTILE_EN, path="hostile.en.txt", lang="en"))
    target = segment(document_from_text(HOSTILE_HI, path="hostile.hi.txt", lang="hi"))
    img = target.text.index('"><img')
    finding = Finding(
        FindingType.MISTRANSLATION,
        Severity.MAJOR,
        "mistranslation.word",
        (1,),
        (1,),
        source.sentences[1].text,
        target.sentences[1].text,
        'odd markup "><img onerror=…> in the translation',
        target_span=(img, img + len('"><img')),
    )
    omitted = Finding(
        FindingType.OMISSION,
        Severity.MAJOR,
        "omission.sentence",
        (2,),
        (),
        source.sentences[2].text,
        "",
        "source sentence 3 has no translation",
    )
    # two findings on the same words (as a mistranslation and a glossary finding can be): one mark
    same_words = replace(finding, code="glossary.forbidden", type=FindingType.GLOSSARY)
    report = report_for(
        source,
        target,
        (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.6), Bead((2,), (), 0.0)),
        (finding, omitted, same_words),
    )
    hostile = gate_report(
        Pair("hostile.en.txt", "hostile.hi.txt", "hi"), report, config, None, Counter()
    )
    return GateResult((*checked.documents, hostile), checked.fail_on, baselined=False)


class _Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.marked: list[str] = []
        self.tags: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tags[tag] += 1
        if tag == "mark":
            self.depth += 1
            self.marked.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.marked[-1] += data


def test_html_marks_flagged_words_escapes_text_and_is_deterministic(tmp_path: Path) -> None:
    desk = copy_desk(tmp_path)
    page = render_html(_result(desk))
    assert page == render_html(_result(desk))
    parsed = _Marks()
    parsed.feed(page)
    assert "परेशान" in parsed.marked and parsed.marked.count('"><img') == 1
    assert parsed.tags["script"] == 0 and parsed.tags["img"] == 0
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in page
    assert "— not translated —" in page and 'class="omitted"' in page
    assert page.count("<svg") == 3 and "<circle" in page
    assert 'title="fidelity of this pair">0.60<' in page  # the hostile pair's second bead
    seed = page[page.index(SEED_HI) : page.index("hostile.hi.txt")]
    assert seed.count('class="omitted"') >= 3  # the seed's untranslated source sentences face a gap


def _check_page(tmp_path: Path) -> str:
    from typer.testing import CliRunner

    from dupcheck.cli import app

    page = tmp_path / "check.html"
    done = CliRunner().invoke(app, ["check", str(ARABIC / "covid.en.txt"), str(ARABIC / "covid.ar.txt"),
                                    "--encoder", "none", "--no-cache", "--html", str(page)])
    assert done.exit_code == 1, done.output
    return page.read_text(encoding="utf-8")


def _gate_page(tmp_path: Path) -> str:
    return render_html(_result(copy_desk(tmp_path)))


@pytest.mark.parametrize(
    ("page", "title", "heading"),
    [
        (
            _check_page,
            f"dupcheck check: {ARABIC / 'covid.en.txt'} → {ARABIC / 'covid.ar.txt'}: fail",
            f"dupcheck check: <bdi>{ARABIC / 'covid.en.txt'}</bdi> → <bdi>{ARABIC / 'covid.ar.txt'}</bdi>: ",
        ),
        (_gate_page, TITLE, "dupcheck gate: "),
    ],
    ids=["check", "gate"],
)
def test_a_check_page_is_headed_for_its_pair_and_a_gate_page_for_the_gate(
    tmp_path: Path, page, title: str, heading: str
) -> None:
    html = page(tmp_path)
    assert f"<title>{title}</title>" in html[: html.index("</head>")]
    assert html.count("<h1>") == 1 and f'<h1>{heading}<span class="fail">FAIL</span></h1>' in html


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="headless Chromium not installed (apt-get install chromium)"
)
def test_html_in_headless_chromium(tmp_path: Path) -> None:
    desk = copy_desk(tmp_path)
    page = tmp_path / "gate.html"
    page.write_text(render_html(_result(desk)), encoding="utf-8")
    shot = tmp_path / "gate.png"
    done = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1400,2400", page.as_uri())
    assert shot.is_file(), done.stderr
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    # a script that ran would have renamed the page; an img that loaded would be an element
    assert f"<title>{TITLE}</title>" in dom
    assert "pwned" in dom and "<img" not in dom.replace("&lt;img", "")
    assert "<mark" in dom and "परेशान</mark>" in dom



def _arabic_page() -> str:
    from dupcheck.backends.registry import BackendConfig
    from dupcheck.fidelity.pipeline import Checker, CheckSettings
    from dupcheck.gate.pipeline import check_result

    checker = Checker(BackendConfig(encoder="none"), CheckSettings(input_format="lines"))
    report = checker.check_files(ARABIC / "covid.en.txt", ARABIC / "covid.ar.txt")
    return render_html(check_result(report))


@pytest.mark.parametrize(("message", "isolated"), [
    ('"ironclad" is rendered as "परेशान", which means kid', ['"ironclad"', '"परेशान"']),
    ("the word البلدين is here, and وثماني عشرة too.", ["البلدين", "وثماني عشرة"]),
    ("source sentence has no counterpart in the translation", []),
])
def test_foreign_text_in_a_message_is_bidi_isolated(message: str, isolated: list[str]) -> None:
    from dupcheck.render.bidi import isolate

    pieces = isolate(message)
    assert "".join(text for text, _ in pieces) == message
    assert [text for text, iso in pieces if iso] == isolated


def test_arabic_cells_are_right_to_left_and_messages_isolated() -> None:
    page = _arabic_page()
    assert page.count('lang="ar" dir="rtl"') == 6 and page.count('lang="en" dir="ltr"') == 6
    assert '<ul class="msgs" dir="ltr" lang="en">' in page
    assert "<bdi>&#34;14%&#34;</bdi> (14) is rendered as <bdi>&#34;41%&#34;</bdi>" in page


@pytest.mark.slow
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="headless Chromium not installed (make browser)"
)
def test_arabic_report_in_headless_chromium(tmp_path: Path) -> None:
    """The screenshot in docs/img/html-rtl.png is this page at 1100 x 1100."""
    page = tmp_path / "arabic.html"
    page.write_text(_arabic_page(), encoding="utf-8")
    shot = tmp_path / "arabic.png"
    done = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1100,1100", page.as_uri())
    assert shot.is_file() and shot.read_bytes().startswith(b"\x89PNG"), done.stderr
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert dom.count('lang="ar" dir="rtl"') == 6 and "<bdi>" in dom
