from __future__ import annotations

import json
from pathlib import Path

import pytest

from dupcheck.gate.config import load_config
from dupcheck.gate.pipeline import run_gate
from dupcheck.records import Location
from dupcheck.render.rules import RULES, rule
from dupcheck.render.sarif import render_sarif
from dupcheck.text.coords import locate
from dupcheck.text.load import normalize_text
from tests.gate_support import SEED_EN, SEED_HI, copy_desk
from tests.paths import ROOT

jsonschema = pytest.importorskip("jsonschema")
SCHEMA = json.loads(
    (ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def _sarif(desk: Path) -> dict:
    return json.loads(render_sarif(run_gate(load_config(desk / "dupcheck.toml"))))


def _ironclad(log: dict) -> dict:
    (hit,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "glossary.forbidden"]
    return hit


def test_findings_without_words_point_at_their_sentence(tmp_path: Path) -> None:
    desk = copy_desk(tmp_path)
    results = _sarif(desk)["runs"][0]["results"]
    added = [r for r in results if r["ruleId"] == "addition.sentence"]
    assert added
    lines = (desk / SEED_HI).read_text(encoding="utf-8").splitlines()
    for r in added:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert (
            region["startColumn"] < region["endColumn"] <= len(lines[region["startLine"] - 1]) + 1
        )
    omitted = [r for r in results if r["ruleId"] == "omission.sentence"]
    # an omission has no words in the translation: it is on the source's sentence, the
    # translation file as its related location
    source_lines = (desk / SEED_EN).read_text(encoding="utf-8").splitlines()
    (seed,) = [d for d in run_gate(load_config(desk / "dupcheck.toml")).documents if d.pair.target == SEED_HI]
    omitted_texts = {f.source_text for f in seed.report.findings if f.code == "omission.sentence"}
    assert omitted
    for r in omitted:
        location = r["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == SEED_EN
        line = source_lines[location["region"]["startLine"] - 1]
        covered = line[location["region"]["startColumn"] - 1 : location["region"]["endColumn"] - 1]
        assert covered in omitted_texts
        assert r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == SEED_HI


def test_every_result_has_a_start_line_and_every_rule_its_metadata(tmp_path: Path) -> None:
    """GitHub code scanning drops results without region.startLine (GH1003)."""
    run = _sarif(copy_desk(tmp_path))["runs"][0]
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in run["results"])
    for entry in run["tool"]["driver"]["rules"]:
        assert entry["shortDescription"]["text"] != entry["id"]
        assert entry["fullDescription"]["text"] and entry["help"]["text"]
        assert entry["defaultConfiguration"]["level"] in {"error", "warning", "note"}


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_catalogued_code_is_described(code: str) -> None:
    r = rule(code)
    assert r.code == code and r.short and r.full.endswith(".") and r.help.endswith(".")


def test_an_uncatalogued_code_is_still_described() -> None:
    assert rule("number.scale").short == "Number problem (number.scale)"


def _covered(path: Path, region: dict) -> str:
    assert region["startLine"] == region["endLine"]
    line = path.read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
    return line[region["startColumn"] - 1 : region["endColumn"] - 1]


def test_sarif_is_valid_and_deterministic(tmp_path: Path) -> None:
    desk = copy_desk(tmp_path)
    log = _sarif(desk)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {
        r["ruleId"] for r in run["results"]
    }
    assert (
        render_sarif(run_gate(load_config(desk / "dupcheck.toml")))
        == json.dumps(log, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    )


def test_ironclad_region_covers_exactly_the_forbidden_word(tmp_path: Path) -> None:
    desk = copy_desk(tmp_path)
    hit = _ironclad(_sarif(desk))
    location = hit["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == SEED_HI
    assert hit["level"] == "error"
    assert _covered(desk / SEED_HI, location["region"]) == "परेशान"


def test_region_survives_what_normalisation_changes(tmp_path: Path) -> None:
    """CRLF line ends, curly quotes and a BOM in the file: the region still lands on the word."""
    desk = copy_desk(tmp_path)
    path = desk / SEED_HI
    text = path.read_text(encoding="utf-8")
    edited = "\ufeff\u201cपहली पंक्ति\u201d\r\n\r\n" + text.replace("\n", "\r\n").replace(
        '"परेशान दोस्ती"', "\u201cपरेशान दोस्ती\u201d"
    )
    path.write_bytes(edited.encode("utf-8"))
    region = _ironclad(_sarif(desk))["locations"][0]["physicalLocation"]["region"]
    lines = edited.lstrip("\ufeff").split("\r\n")
    assert region["startLine"] == 1 + next(n for n, line in enumerate(lines) if "परेशान" in line)
    line = lines[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "परेशान"


@pytest.mark.parametrize(
    ("original", "piece_at", "expected"),
    [
        ("एक।\nदो परेशान, तीन परेशान।", ("परेशान", 1), Location(19, 25, 2, 16, 2, 22)),  # the second
        (
            "a  \n\u201cquoted words here\u201d and more",
            ('"quoted words here"', 0),
            Location(4, 23, 2, 1, 2, 20),
        ),
        # digits normalisation folds one for one are found as the file writes them
        ("أعلنت المنظمة عن ٢٥ ألف حالة.", ("25 ألف", 0), Location(17, 23, 1, 18, 1, 24)),
        ("nothing alike", ("परेशान", 0), None),
    ],
)
def test_locate_table(original: str, piece_at: tuple[str, int], expected: Location | None) -> None:
    normalised = normalize_text(original) if expected is not None else "परेशान"
    piece, nth = piece_at
    start = -1
    for _ in range(nth + 1):
        start = normalised.index(piece, start + 1)
    assert locate(original, normalised, start, start + len(piece)) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("stories/a.hi.txt", {"uri": "stories/a.hi.txt", "uriBaseId": "%SRCROOT%"}),
        # a URI reference, percent-encoded as the absolute ones are
        ("stories/covid c&<x>.ar.txt", {"uri": "stories/covid%20c%26%3Cx%3E.ar.txt", "uriBaseId": "%SRCROOT%"}),
        # outside the checkout: an absolute file URI, not a path that climbs out of %SRCROOT%
        ("../shared/seeds/002.txt", {"uri": (Path.cwd() / ".." / "shared/seeds/002.txt").resolve().as_uri()}),
        ("/data/stories/a hi.txt", {"uri": "file:///data/stories/a%20hi.txt"}),
    ],
)
def test_an_artifact_is_a_uri_relative_to_the_checkout_or_absolute_outside_it(path: str, expected: dict) -> None:
    from dupcheck.render.sarif import _artifact

    assert _artifact(path) == expected
