"""Every bad input is one line ``dupcheck: error: PATH: cause`` and exit code 2, never a
traceback or a hang; no report replaces an input or a device (``tests/cli/bad_corpus.py``)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from dupcheck.cli import run
from tests.cli.bad_corpus import CASES, EN, HI, BadCase
from tests.paths import ROOT


def invoke(argv: tuple[str, ...], monkeypatch, capsys) -> tuple[int, str]:
    """Exit code and stderr of the ``dupcheck`` program itself (as the console script runs it)."""
    monkeypatch.setattr(sys, "argv", ["dupcheck", *argv])
    with pytest.raises(SystemExit) as exit_:
        run()
    return exit_.value.code, capsys.readouterr().err


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_one_line_and_exit_2(name, tmp_path, monkeypatch, capsys):
    case: BadCase = CASES[name](tmp_path)
    monkeypatch.chdir(tmp_path)
    code, err = invoke(case.argv, monkeypatch, capsys)
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1 and lines[0].startswith("dupcheck: error: "), err
    assert case.names in lines[0] and case.cause in lines[0], lines[0]


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()
    }


@pytest.mark.parametrize("name", [n for n in CASES if "report" in n])
def test_refused_reports_leave_every_input_and_fifo_as_it_was(name, tmp_path, monkeypatch, capsys):
    case = CASES[name](tmp_path)
    before = _digests(tmp_path)
    fifos = sorted(p for p in tmp_path.rglob("*") if stat.S_ISFIFO(p.lstat().st_mode))
    invoke(case.argv, monkeypatch, capsys)
    assert _digests(tmp_path) == before
    assert all(stat.S_ISFIFO(p.lstat().st_mode) for p in fifos)


@pytest.mark.parametrize("option", ["-o", "--sarif", "--junit", "--html", "--tmx", "--xliff-notes"])
def test_every_report_path_is_refused_before_the_check_starts(option, tmp_path, monkeypatch, capsys):
    """A refused report path costs the user no wait: the checker is never built."""
    import dupcheck.fidelity.pipeline

    def no_check(*args, **kwargs):
        raise AssertionError("the check started before its report paths were judged")

    monkeypatch.setattr(dupcheck.fidelity.pipeline, "Checker", no_check)
    xliff = Path(shutil.copy(ROOT / "fixtures" / "bilingual" / "seed.xlf", tmp_path / "seed.xlf"))
    code, err = invoke(("check", str(xliff), option, str(xliff), "--encoder", "none", "--no-cache"),
                       monkeypatch, capsys)
    assert code == 2, err
    assert "refusing to write the report over an input file" in err


@pytest.mark.parametrize("readonly", [False, True])
def test_a_report_path_that_cannot_be_written_is_refused_before_the_check_starts(
    readonly, tmp_path, monkeypatch, capsys,
):
    """A report below a file, or in a folder the user cannot write (root writes anywhere, so
    the permission is stubbed), would lose the check's verdict after all its work."""
    import dupcheck.fidelity.pipeline

    def no_check(*args, **kwargs):
        raise AssertionError("the check started before its report paths were judged")

    monkeypatch.setattr(dupcheck.fidelity.pipeline, "Checker", no_check)
    xliff = Path(shutil.copy(ROOT / "fixtures" / "bilingual" / "seed.xlf", tmp_path / "seed.xlf"))
    if readonly:
        folder = tmp_path / "ro"
        folder.mkdir()
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != folder and real_access(p, mode))
        report, cause = folder / "new" / "x.sarif", f"the folder {folder} is not writable"
    else:
        report, cause = xliff / "x.sarif", "Not a directory"
    code, err = invoke(("check", str(xliff), "--sarif", str(report), "--encoder", "none", "--no-cache"),
                       monkeypatch, capsys)
    assert code == 2 and f"{report}: cannot write the report ({cause})" in err, err


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_report_gets_the_umask_mode_and_a_replaced_one_keeps_its_own(tmp_path, monkeypatch, capsys):
    fresh, existing = tmp_path / "new.json", tmp_path / "old.json"
    existing.write_text("{}")
    existing.chmod(0o640)
    old_umask = os.umask(0o022)
    try:
        for out in (fresh, existing):
            code, err = invoke(("check", str(EN), str(HI), "--encoder", "none", "--no-cache", "-f", "json",
                                "-o", str(out)), monkeypatch, capsys)
            assert code == 1, err
    finally:
        os.umask(old_umask)
    assert _mode(fresh) == 0o644
    assert _mode(existing) == 0o640
    assert json.loads(existing.read_text(encoding="utf-8"))["schema"].startswith("dupcheck.check/")


def test_scan_lists_fifos_loops_and_device_links_as_skipped(tmp_path, monkeypatch, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(EN, docs / "en.txt")
    shutil.copy(HI, docs / "hi.txt")
    os.mkfifo(docs / "pipe.txt")
    (docs / "loop.txt").symlink_to(docs / "loop.txt")
    (docs / "to-pipe.txt").symlink_to(docs / "pipe.txt")  # a link to a device-like file
    out = tmp_path / "scan.json"
    code, err = invoke(("scan", str(docs), "-f", "json", "-o", str(out), "--no-progress", "--workers", "1"),
                       monkeypatch, capsys)
    assert code == 0, err
    skipped = {Path(s["path"]).name: s["cause"] for s in json.loads(out.read_text(encoding="utf-8"))["skipped"]}
    assert set(skipped) == {"pipe.txt", "loop.txt", "to-pipe.txt"}
    assert "FIFO" in skipped["pipe.txt"] and "FIFO" in skipped["to-pipe.txt"]
    assert "symbolic links" in skipped["loop.txt"]


def test_manifest_lines_that_break_the_parser_are_skipped_with_their_line(tmp_path, monkeypatch, capsys):
    manifest = tmp_path / "m.jsonl"
    good = HI.read_text(encoding="utf-8").splitlines()[0].replace('"', "")
    manifest.write_text("\n".join([
        json.dumps({"id": "en", "path": str(EN)}),
        json.dumps({"id": "hi", "text": good}, ensure_ascii=False),
        '{"id": 1, "text": ' + "9" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
        '{"text": "Hello there, my friend.", "lang": 5}',
        '{"text": null}',
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "scan.json"
    code, err = invoke(("scan", str(manifest), "-f", "json", "-o", str(out), "--no-progress", "--workers", "1"),
                       monkeypatch, capsys)
    assert code == 0, err
    skipped = {s["path"]: s["cause"] for s in json.loads(out.read_text(encoding="utf-8"))["skipped"]}
    assert sorted(skipped) == [f"{manifest}:{n}" for n in (3, 4, 5, 6)]
    assert skipped[f"{manifest}:3"].startswith("not JSON") and skipped[f"{manifest}:4"].startswith("not JSON")
    assert skipped[f"{manifest}:5"] == '"lang" must be a string, got int'
    assert skipped[f"{manifest}:6"] == '"text" must be a string, got NoneType'


@pytest.mark.parametrize("argv", [
    ("check", str(EN), "{fifo}"),
    ("scan", "{folder}", "--no-progress", "--workers", "1"),
])
def test_fifo_inputs_end_within_seconds(argv, tmp_path):
    # a FIFO nobody writes to blocks a reader forever: run the real program, with a deadline
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(EN, folder / "en.txt")
    os.mkfifo(folder / "pipe.txt")
    args = [a.format(fifo=folder / "pipe.txt", folder=folder) for a in argv]
    done = subprocess.run([sys.executable, "-m", "dupcheck", *args, "--format", "json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode in (0, 2), done.stderr
    assert "Traceback" not in done.stderr


def test_a_cache_that_cannot_be_used_is_a_one_line_warning(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    done = subprocess.run(
        # the encoder's vectors are what the cache keeps (the lexical pivot is not cached)
        [sys.executable, "-m", "dupcheck", "check", str(EN), str(HI), "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "DUPCHECK_CACHE_DIR": str(blocked / "cache")},
    )
    assert done.returncode in (0, 1), done.stderr
    warning_lines = [line for line in done.stderr.splitlines() if "cache" in line]
    assert warning_lines and all(line.startswith("dupcheck: warning: ") for line in warning_lines), done.stderr
    assert "RuntimeWarning" not in done.stderr


def test_a_scan_error_is_one_line_without_a_terminal(tmp_path):
    # a progress display stopped on a pipe used to write a blank line before the error
    done = subprocess.run([sys.executable, "-m", "dupcheck", "scan", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("dupcheck: error: ") and done.stderr.count("\n") == 1, repr(done.stderr)


@pytest.mark.parametrize("option", ["-o", "--sarif", "--html"])
def test_a_report_to_the_null_device_is_discarded(option, tmp_path, monkeypatch, capsys):
    """CI scripts name /dev/null to drop a report: the check runs, nothing is written, and
    the device stays a device."""
    code, err = invoke(("check", str(EN), str(HI), "--encoder", "none", "--no-cache", option, os.devnull),
                       monkeypatch, capsys)
    assert code in (0, 1), err
    assert "wrote" not in err and "error" not in err
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_an_unreadable_input_is_named_in_dupchecks_own_words(tmp_path, monkeypatch, capsys):
    """Not click's "Invalid value for 'FILES'": the loader's one line, as for every input
    error. Root reads any file, so the permission is stubbed where both look."""
    import dupcheck.text.load

    locked = Path(shutil.copy(HI, tmp_path / "locked.txt"))
    real_open, real_access = os.open, os.access

    def no_read(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(dupcheck.text.load.os, "open", no_read)
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != locked and real_access(p, mode))
    code, err = invoke(("check", str(EN), str(locked), "--encoder", "none", "--no-cache"), monkeypatch, capsys)
    assert code == 2 and err.strip() == f"dupcheck: error: {locked}: cannot be read (Permission denied)", err
