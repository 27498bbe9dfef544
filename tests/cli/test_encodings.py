"""`dupcheck check` on a translation saved in another encoding: the same report as its UTF-8
copy, the encoding shown in the signature; an encoding that cannot be told is one line and
exit 2, and ``--encoding`` forces one."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dupcheck.cli import app
from tests.paths import FIXTURES

EN = FIXTURES / "arabic" / "covid.en.txt"
ARABIC = (FIXTURES / "arabic" / "covid.ar.txt").read_text(encoding="utf-8")

runner = CliRunner()


def _check_json(tmp_path: Path, target: Path, *args: str) -> tuple[int, dict]:
    out = tmp_path / f"{target.name}.json"
    result = runner.invoke(app, ["check", str(EN), str(target), "--encoder", "none", "--no-cache",
                                 "-f", "json", "-o", str(out), *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(out.read_text(encoding="utf-8"))


def _signature_parts(report: dict) -> dict[str, str]:
    return dict(part.split(":", 1) for part in report["signature"].split("|") if ":" in part)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("cp1256"), "cp1256"),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "utf-16-le"),
        (ARABIC.encode("utf-16-le"), "utf-16-le"),
        (ARABIC.encode("utf-16-be"), "utf-16-be"),
    ],
    ids=["cp1256", "utf16-bom", "utf16le-no-bom", "utf16be-no-bom"],
)
def test_a_translation_in_another_encoding_checks_as_its_utf8_copy(tmp_path, data, encoding):
    utf8, other = tmp_path / "ar.utf8.txt", tmp_path / f"ar.{encoding}.txt"
    utf8.write_bytes(ARABIC.encode("utf-8"))
    other.write_bytes(data)
    code, expected = _check_json(tmp_path, utf8)
    assert (code, _signature_parts(expected)["encoding"]) == (1, "utf-8/utf-8")
    assert expected["findings"], "a check with no findings would show little"
    code, report = _check_json(tmp_path, other)
    assert code == 1
    assert _signature_parts(report)["encoding"] == f"utf-8/{encoding}"
    for key in ("findings", "scores", "alignment", "verdict"):
        assert report[key] == expected[key], key
    assert report["signature"] == expected["signature"].replace("/utf-8|", f"/{encoding}|")


def test_an_english_source_saved_as_windows_1252_checks_as_its_utf8_copy(tmp_path):
    # curly quotes and a dash, which Windows tools write as 0x93, 0x94 and 0x96
    english = EN.read_text(encoding="utf-8").replace("a cluster", "a \u201ccluster\u201d \u2013", 1)
    assert "\u201c" in english
    utf8, cp1252 = tmp_path / "en.utf8.txt", tmp_path / "en.cp1252.txt"
    utf8.write_bytes(english.encode("utf-8"))
    cp1252.write_bytes(english.encode("cp1252"))
    target = FIXTURES / "arabic" / "covid.ar.txt"

    def check(source: Path) -> dict:
        out = tmp_path / f"{source.name}.json"
        result = runner.invoke(app, ["check", str(source), str(target), "--encoder", "none", "--no-cache",
                                     "-f", "json", "-o", str(out)])
        assert result.exit_code in (0, 1), result.output
        return json.loads(out.read_text(encoding="utf-8"))

    expected, report = check(utf8), check(cp1252)
    assert _signature_parts(report)["encoding"] == "cp1252/utf-8"
    for key in ("findings", "scores", "alignment", "verdict"):
        assert report[key] == expected[key], key


def test_an_undetectable_encoding_is_one_line_and_encoding_forces_it(tmp_path):
    # three words: too few for the detector to be sure of cp1256
    target = tmp_path / "short.ar.txt"
    target.write_bytes(" ".join(ARABIC.split()[:3]).encode("cp1256"))
    argv = ["check", str(EN), str(target), "--encoder", "none", "--no-cache", "--target-lang", "ar"]
    refused = runner.invoke(app, argv)
    assert refused.exit_code == 2
    cause = (f"not UTF-8 (invalid byte 0x{target.read_bytes()[0]:02x} at offset 0) and cannot "
             "tell its encoding; pass --encoding NAME")
    assert refused.output.strip().splitlines() == [f"dupcheck: error: {target}: {cause}"]
    _, report = _check_json(tmp_path, target, "--target-lang", "ar", "--encoding", "cp1256")
    assert _signature_parts(report)["encoding"] == "cp1256/cp1256"
    assert report["target"]["lang"] == "ar"
