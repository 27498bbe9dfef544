"""The `dupcheck check` command: formats, exit codes, and one-line errors for bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dupcheck.cli import app
from dupcheck.render.cells import width
from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"
FLORES = FIXTURES / "flores"
AP = SEEDS / "002_ad68b3a4021bdc8c.txt"
HINDI = SEEDS / "000_7c1714d105d40b16.txt"

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["check", *map(str, args)])


@pytest.fixture(scope="module")
def seed_json(tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "report.json"
    result = run(AP, HINDI, "--format", "json", "--output", out)
    assert result.exit_code == 1, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def test_json_contract(seed_json):
    assert seed_json["schema"] == "dupcheck.check/3" and seed_json["sentence_base"] == 1
    assert seed_json["verdict"] == "fail"
    assert set(seed_json["scores"]) >= {"fidelity", "coverage", "pivot_chrf", "pivot_bleu"}
    assert seed_json["source"]["lang"] == "en" and seed_json["target"]["lang"] == "hi"
    omissions = [b for b in seed_json["alignment"] if b["target"] == []]
    assert len(omissions) >= 6
    for finding in seed_json["findings"]:
        assert set(finding) >= {"type", "severity", "source", "target", "source_text", "target_text", "message"}
    ironclad = [f for f in seed_json["findings"] if f["source_text"] == "ironclad"]
    assert ironclad and ironclad[0]["type"] == "mistranslation" and ironclad[0]["severity"] == "critical"


@pytest.mark.parametrize("fmt,needles", [
    ("markdown", ["ironclad", "परेशान", "omission", "addition", "number"]),
    ("console", ["ironclad", "परेशान", "FAIL"]),
])
def test_other_formats_show_the_seed_findings(fmt, needles):
    result = run(AP, HINDI, "--format", fmt)
    assert result.exit_code == 1
    for needle in needles:
        assert needle in result.output


def _write_clean_pair(folder: Path, start: int, stop: int) -> tuple[Path, Path]:
    en = (FLORES / "dev100.eng_Latn.txt").read_text(encoding="utf-8").splitlines()[start:stop]
    hi = (FLORES / "dev100.hin_Deva.txt").read_text(encoding="utf-8").splitlines()[start:stop]
    src, tgt = folder / "clean.en.txt", folder / "clean.hi.txt"
    src.write_text("\n".join(en) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(hi) + "\n", encoding="utf-8")
    return src, tgt


def test_output_dash_is_standard_output_not_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src, tgt = _write_clean_pair(tmp_path, 0, 5)
    result = run(src, tgt, "--input-format", "lines", "--encoder", "none", "--no-cache", "-f", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["schema"].startswith("dupcheck.check/")
    assert not (tmp_path / "-").exists()


def test_clean_flores_translation_passes(tmp_path):
    src, tgt = _write_clean_pair(tmp_path, 0, 30)
    out = tmp_path / "r.json"
    result = run(src, tgt, "--input-format", "lines", "--format", "json", "-o", out)
    report = json.loads(out.read_text(encoding="utf-8"))
    majors = [f for f in report["findings"] if f["severity"] in ("major", "critical")]
    assert result.exit_code == 0, majors
    assert report["verdict"] == "pass"
    assert all(b["source"] and b["target"] for b in report["alignment"])


def test_fail_on_critical_lets_major_findings_pass(tmp_path):
    src, tgt = _write_clean_pair(tmp_path, 0, 30)
    # drop two translated sentences: major omissions, nothing critical
    lines = tgt.read_text(encoding="utf-8").splitlines()
    tgt.write_text("\n".join(lines[:10] + lines[12:]) + "\n", encoding="utf-8")
    assert run(src, tgt, "--input-format", "lines").exit_code == 1
    assert run(src, tgt, "--input-format", "lines", "--fail-on", "critical").exit_code == 0


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    binary = tmp / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    latin1 = tmp / "latin1.txt"
    latin1.write_bytes("Le président a déclaré à la presse.".encode("latin-1"))
    english = tmp / "english.txt"
    english.write_text(AP.read_text(encoding="utf-8"), encoding="utf-8")
    urdu = tmp / "urdu.txt"
    urdu.write_text("\n".join((FLORES / "dev100.urd_Arab.txt").read_text(encoding="utf-8").splitlines()[:20]),
                    encoding="utf-8")
    return {
        "missing": (tmp / "nope.txt", "nope.txt"),
        "empty": (empty, "empty"),
        "binary": (binary, "binary"),
        "not utf-8": (latin1, "UTF-8"),
        "same language": (english, "same language"),
        "uncovered language": (urdu, "'ur'"),
    }


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "not utf-8", "same language", "uncovered language"])
def test_bad_translation_is_one_line_and_exit_2(tmp_path, case):
    path, cause = _bad_files(tmp_path)[case]
    result = run(AP, path)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert path.name in lines[0] and cause.lower() in lines[0].lower()
    assert "Traceback" not in result.output


def test_report_never_overwrites_an_input(tmp_path):
    src, tgt = _write_clean_pair(tmp_path, 0, 10)
    before = tgt.read_bytes()
    result = run(src, tgt, "--format", "json", "--output", tgt)
    assert result.exit_code == 2
    assert tgt.read_bytes() == before


def test_usage_errors_exit_2():
    assert run(AP).exit_code == 2
    assert run(AP, HINDI, "--format", "pdf").exit_code == 2


@pytest.mark.slow
def test_a_5mb_document_completes(tmp_path):
    en = (FLORES / "dev100.eng_Latn.txt").read_text(encoding="utf-8").splitlines()
    hi = (FLORES / "dev100.hin_Deva.txt").read_text(encoding="utf-8").splitlines()
    src, tgt = tmp_path / "big.en.txt", tmp_path / "big.hi.txt"
    reps = 5_000_000 // len("\n".join(hi).encode()) + 1
    src.write_text("\n".join(en * reps), encoding="utf-8")
    tgt.write_text("\n".join(hi * reps), encoding="utf-8")
    assert tgt.stat().st_size >= 5_000_000
    out = tmp_path / "r.json"
    result = run(src, tgt, "--input-format", "lines", "--encoder", "none", "--format", "json", "-o", out)
    assert result.exit_code in (0, 1), result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert len(report["target"]["sentences"]) == len(hi) * reps


ARABIC = FIXTURES / "arabic"
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


def _arabic_console(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["check", str(ARABIC / "covid.en.txt"), str(ARABIC / "covid.ar.txt"),
                               "--encoder", "none", "--no-cache", "--show-alignment", *args], env=env)


def test_bidi_option_orders_the_console_tables():
    logical = _arabic_console()  # stdout is not a terminal: auto is logical
    assert logical.exit_code == 1, logical.output
    assert "في 31 ديسمبر 2019" in logical.output and not _PRESENTATION_FORMS.search(logical.output)
    assert _arabic_console("--bidi", "logical").output == logical.output
    shown = _arabic_console("--bidi", "visual")
    assert shown.exit_code == 1, shown.output
    assert "ﺮﺒﻤﺴﻳﺩ 31 ﻲﻓ" in shown.output and "في 31 ديسمبر" not in shown.output  # reordered, shaped
    assert _arabic_console(env={"DUPCHECK_BIDI": "visual"}).output == shown.output
    # the table is laid out alike: the same lines, the same widths
    rows = [[width(line) for line in r.output.splitlines() if line[:1] in "┌│├└"] for r in (logical, shown)]
    assert rows[0] == rows[1]
    wrong = _arabic_console("--bidi", "sideways")
    assert wrong.exit_code == 2 and "sideways" in wrong.output
