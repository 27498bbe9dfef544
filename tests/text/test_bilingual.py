"""Bilingual files in: XLIFF 1.2/2.0, TMX and TSV of the seed pair, checked segment by segment."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dupcheck.backends.registry import BackendConfig
from dupcheck.cli import app
from dupcheck.fidelity.pipeline import Checker, CheckSettings
from dupcheck.text.bilingual import load_bilingual
from tests.paths import FIXTURES, ROOT

BILINGUAL = FIXTURES / "bilingual"
runner = CliRunner()


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(BackendConfig(encoder="none"))


def _where(report, code: str) -> list[int]:
    return [f.source[0] + 1 for f in report.findings if f.code == code]


@pytest.mark.parametrize("name", ["seed.xlf", "seed.xliff", "seed.tmx", "seed.tsv"])
def test_each_format_checks_the_seed_per_segment(checker: Checker, name: str) -> None:
    report = checker.check_bilingual(BILINGUAL / name)
    assert (report.source.lang, report.target.lang) == ("en", "hi")
    assert len(report.alignment) == len(report.source.sentences) == 26
    assert all(b.source == b.target for b in report.alignment)  # as paired, never re-aligned
    assert "input:aligned" in report.signature
    # the ironclad mistranslation on segment 26, "tens of thousands" → "हजारों" on segment 6
    assert _where(report, "mistranslation.word") == [26]
    assert _where(report, "number.changed") == [6]
    assert _where(report, "misalignment.segment") == []
    # located in the bilingual file itself
    ironclad = next(f for f in report.findings if f.code == "mistranslation.word")
    raw = (BILINGUAL / name).read_text(encoding="utf-8")
    loc = ironclad.target_location
    assert raw[loc.start : loc.end] == "परेशान"
    assert raw.splitlines()[loc.line - 1][loc.column - 1 : loc.end_column - 1] == "परेशान"


def test_a_swapped_segment_is_reported_as_misaligned(checker: Checker) -> None:
    report = checker.check_bilingual(BILINGUAL / "seed-misaligned.tsv")
    assert _where(report, "misalignment.segment") == [5, 6]
    assert _where(report, "mistranslation.word") == [26]


def test_two_line_files_known_to_be_parallel(tmp_path: Path) -> None:
    pairs = load_bilingual(BILINGUAL / "seed-misaligned.tsv")
    src, tgt = tmp_path / "en.txt", tmp_path / "hi.txt"
    src.write_text("\n".join(s.text for s in pairs[0].sentences) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(s.text for s in pairs[1].sentences) + "\n", encoding="utf-8")
    report = Checker(BackendConfig(encoder="none"), CheckSettings(input_format="aligned")).check_files(src, tgt)
    assert all(b.source == b.target for b in report.alignment)
    assert _where(report, "misalignment.segment") == [5, 6]
    # one line fewer: not parallel, said in one line
    tgt.write_text("\n".join(s.text for s in pairs[1].sentences[:-1]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(src), str(tgt), "--input-format", "aligned", "--encoder", "none"])
    assert result.exit_code == 2 and "as many segments on both sides" in result.stderr


_XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
<file original="a.txt" source-language="en" {target} datatype="plaintext"><body>
<trans-unit id="1"><source>The president spoke on Saturday.</source><target>{text}</target></trans-unit>
</body></file></xliff>
"""


@pytest.mark.parametrize(("name", "content", "cause"), [
    ("broken.xlf", "<xliff><file><body><trans-unit>", "not a readable XLF file"),
    ("nolang.xlf", _XLIFF.format(target="", text="राष्ट्रपति ने शनिवार को बात की।"), "names no target language"),
    ("empty.xlf", _XLIFF.format(target='target-language="hi"', text=""), "segment 1 (id 1) has an empty target"),
    ("short.tsv", "en\thi\nThe president spoke.\n", "line 2: expected 2 columns (source, target), found 1"),
    ("notes.tsv", "", "holds no translated segment"),
])
def test_bad_bilingual_files_are_one_line_errors(tmp_path: Path, name: str, content: str, cause: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--encoder", "none"])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"dupcheck: error: {path}: ") and cause in line, line


def test_the_fixtures_are_what_the_script_writes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make", ROOT / "scripts" / "make_bilingual_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for path in sorted(tmp_path.iterdir()):
        assert path.read_bytes() == (BILINGUAL / path.name).read_bytes(), path.name


def test_a_po_file_is_read_through_translate_toolkit(checker: Checker, tmp_path: Path) -> None:
    from translate.storage import po

    source, target = load_bilingual(BILINGUAL / "seed.tsv")
    store = po.pofile()
    for s, t in zip(source.sentences, target.sentences):
        store.addsourceunit(s.text).target = t.text
    path = tmp_path / "seed.po"
    path.write_bytes(bytes(store))
    report = checker.check_bilingual(path, source_lang="en", target_lang="hi")
    assert _where(report, "mistranslation.word") == [26] and _where(report, "number.changed") == [6]


def test_findings_written_back_into_a_copy_of_the_xliff(tmp_path: Path) -> None:
    out = tmp_path / "notes.xlf"
    result = runner.invoke(app, ["check", str(BILINGUAL / "seed.xlf"), "--encoder", "none",
                                 "--xliff-notes", str(out)])
    assert result.exit_code == 1 and f"to {out}" in result.stderr
    from translate.storage import xliff

    units = [u for u in xliff.xlifffile.parsestring(out.read_bytes()).units if not u.isheader()]
    assert len(units) == 26
    assert "number.changed" in units[5].getnotes("dupcheck")  # segment 6
    assert "mistranslation.word" in units[25].getnotes("dupcheck")  # segment 26
    assert units[0].getnotes("dupcheck") == ""
    states = {k + 1 for k, u in enumerate(units)
              if u.xmlelement.find(u.namespaced("target")).get("state") == "needs-review-translation"}
    assert 6 in states and 1 not in states
    # the copy reads back as the same segments
    assert [s.text for s in load_bilingual(out)[1].sentences] == [
        s.text for s in load_bilingual(BILINGUAL / "seed.xlf")[1].sentences
    ]
