from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from dupcheck.errors import ConfigError
from dupcheck.gate.baseline import (
    BaselineEntry,
    baseline_to_text,
    fingerprint,
    load_baseline,
    new_findings,
    stale_entries,
    write_baseline,
)
from dupcheck.records import Finding, FindingType, Severity

TARGET = 'शी ने चीन और सर्बिया के बीच "परेशान दोस्ती" की सराहना की।'
FINDING = Finding(
    FindingType.GLOSSARY,
    Severity.MAJOR,
    "glossary.forbidden",
    (29,),
    (26,),
    'Xi hailed the "ironclad friendship" between China and Serbia.',
    TARGET,
    "“ironclad” is rendered as forbidden “परेशान”",
    target_span=(4, 10),
)
TEXT = "पहला वाक्य।\n" + TARGET
SPAN = (
    len("पहला वाक्य।\n") + TARGET.index("परेशान"),
    len("पहला वाक्य।\n") + TARGET.index("परेशान") + 6,
)
PATH = "stories/x.hi.txt"


def test_fingerprint_ignores_position_but_not_content() -> None:
    base = replace(FINDING, target_span=SPAN)
    fp = fingerprint(PATH, base, TEXT)
    moved_text = "नया पैराग्राफ।\nपहला वाक्य।\n" + TARGET
    shift = len("नया पैराग्राफ।\n")
    moved = replace(
        base, source=(31,), target=(27,), target_span=(SPAN[0] + shift, SPAN[1] + shift)
    )
    assert (
        fingerprint(PATH, moved, moved_text) == fp
    )  # a paragraph added above, sentence indices moved
    assert (
        fingerprint(PATH, replace(base, message="reworded"), TEXT) == fp
    )  # messages are not content
    assert fingerprint(PATH, replace(base, target_text=TARGET.replace("  ", " ") + " "), TEXT) == fp
    changes = [
        ("other/y.hi.txt", base, TEXT),
        (PATH, replace(base, code="glossary.missing"), TEXT),
        (PATH, replace(base, target_text=TARGET.replace("सराहना", "प्रशंसा")), TEXT),
        (PATH, replace(base, source_text="Xi hailed the ironclad ties."), TEXT),
    ]
    for path, finding, text in changes:
        assert fingerprint(path, finding, text) != fp


def _accepted(*fingerprints: str, path: str = PATH) -> tuple[BaselineEntry, ...]:
    return tuple(BaselineEntry(f, path, "mistranslation.word", "") for f in fingerprints)


def test_new_findings_respect_counts() -> None:
    a, b = FINDING, replace(FINDING, code="number.changed")
    prints = [("fa", a), ("fa", a), ("fb", b)]
    assert new_findings(prints, _accepted("fa")) == (a, b)
    assert new_findings(prints, _accepted("fa", "fa", "fb")) == ()


@pytest.mark.parametrize(
    ("accepted", "found", "stale"),
    [
        # every accepted finding still occurs
        (_accepted("fa", "fb"), ["fa", "fb", "fc"], []),
        # one was fixed
        (_accepted("fa", "fb"), ["fa"], ["fb"]),
        # accepted twice, found once: one acceptance is left over
        (_accepted("fa", "fa"), ["fa"], ["fa"]),
        # a translation not checked this run (--changed-only) is not judged
        (_accepted("fa", path="other/y.hi.txt"), [], []),
    ],
)
def test_stale_entries_are_the_accepted_findings_no_longer_found(accepted, found, stale) -> None:
    assert [e.fingerprint for e in stale_entries(accepted, [PATH], found)] == stale


def test_write_and_load_round_trip_is_deterministic(tmp_path: Path) -> None:
    entries = [
        BaselineEntry("f2", "b.hi.txt", "number.changed", "m2"),
        BaselineEntry("f1", "a.hi.txt", "glossary.forbidden", "m1"),
    ]
    path = tmp_path / "baseline.json"
    write_baseline(path, entries)
    assert path.read_text(encoding="utf-8") == baseline_to_text(reversed(entries))
    assert load_baseline(path) == tuple(sorted(entries, key=lambda e: e.path))
    assert load_baseline(tmp_path / "absent.json") == ()


@pytest.mark.parametrize(
    ("existing_mode", "umask", "expected_mode"),
    [
        (0o644, 0o022, 0o644),
        (0o640, 0o022, 0o640),
        (0o600, 0o002, 0o600),
        (None, 0o022, 0o644),
        (None, 0o027, 0o640),
    ],
)
def test_a_replaced_baseline_keeps_its_mode_and_a_new_one_gets_the_umasks(
    tmp_path: Path, existing_mode: int | None, umask: int, expected_mode: int
) -> None:
    path = tmp_path / "baseline.json"
    if existing_mode is not None:
        path.write_text(baseline_to_text([]), encoding="utf-8")
        path.chmod(existing_mode)
    old_umask = os.umask(umask)
    try:
        write_baseline(path, [BaselineEntry("f1", "a.hi.txt", "number.changed", "m1")])
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == expected_mode
    assert [e.fingerprint for e in load_baseline(path)] == ["f1"]
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]  # no temporary file left


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        '{"schema": "other", "findings": []}',
        '{"schema": "dupcheck.baseline/1", "findings": [{}]}',
    ],
)
def test_bad_baseline_is_a_config_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=str(path)):
        load_baseline(path)
