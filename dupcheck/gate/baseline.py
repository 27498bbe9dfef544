"""Baselines: the findings a desk has accepted, so that the gate fails on new ones only.

A finding's fingerprint hashes the translation's path, its type and reason code, and its
normalised source and target text (the flagged words where it has a span, else the whole
sentences). Line numbers never enter it, so moving a paragraph or editing another part of
the file keeps the fingerprint; editing the flagged sentence makes a new finding.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import regex

from dupcheck.errors import ConfigError
from dupcheck.files import replace_text_file
from dupcheck.records import Finding
from dupcheck.text.load import read_text_file

SCHEMA = "dupcheck.baseline/1"
_NOT_WORD = regex.compile(r"[^\p{L}\p{M}\p{N}]+")


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    fingerprint: str
    path: str
    code: str
    message: str


def _normalise(text: str) -> str:
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()


def fingerprint(path: str, finding: Finding, target_text: str | None = None) -> str:
    """Stable id of a finding in the translation at ``path`` (a path relative to the project root).

    ``target_text`` is the translation's text, to fingerprint the flagged words of a finding
    with a span together with its sentence.
    """
    flagged = ""
    if finding.target_span is not None and target_text is not None:
        flagged = target_text[finding.target_span[0] : finding.target_span[1]]
    parts = [
        path,
        finding.type.value,
        finding.code,
        _normalise(finding.source_text),
        _normalise(finding.target_text),
        _normalise(flagged),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def baseline_to_text(entries: Iterable[BaselineEntry]) -> str:
    rows = sorted(
        (
            {"fingerprint": e.fingerprint, "path": e.path, "code": e.code, "message": e.message}
            for e in entries
        ),
        key=lambda r: (r["path"], r["code"], r["fingerprint"]),
    )
    return (
        json.dumps(
            {"schema": SCHEMA, "findings": rows}, ensure_ascii=False, indent=2, sort_keys=True
        )
        + "\n"
    )


def write_baseline(path: Path, entries: Iterable[BaselineEntry]) -> None:
    """Write (or replace) a baseline file, atomically and keeping the mode of the one it
    replaces, as reports are; callers only do this on an explicit ``--write-baseline``."""
    replace_text_file(path, baseline_to_text(entries))


def load_baseline(path: Path) -> tuple[BaselineEntry, ...]:
    """The accepted findings, one entry per acceptance (a fingerprint accepted twice covers
    two identical findings); an absent file is an empty baseline."""
    if not path.exists():
        return ()
    text = read_text_file(path)
    try:
        data = json.loads(text)
    # ValueError: not JSON, or an integer of more digits than Python converts;
    # RecursionError: arrays nested thousands deep
    except (ValueError, RecursionError) as exc:
        raise ConfigError(f"{path}: not a readable baseline ({_first_line(exc)})") from None
    if (
        not isinstance(data, dict)
        or data.get("schema") != SCHEMA
        or not isinstance(data.get("findings"), list)
    ):
        raise ConfigError(f"{path}: not a dupcheck baseline (expected schema {SCHEMA!r})")
    for index, row in enumerate(data["findings"]):
        if not isinstance(row, dict) or not isinstance(row.get("fingerprint"), str):
            raise ConfigError(f"{path}: findings[{index}]: expected an object with a fingerprint string")
    return tuple(
        BaselineEntry(row["fingerprint"], str(row.get("path", "")), str(row.get("code", "")), str(row.get("message", "")))
        for row in data["findings"]
    )


def stale_entries(
    entries: Iterable[BaselineEntry], checked: Iterable[str], fingerprints: Iterable[str]
) -> tuple[BaselineEntry, ...]:
    """The accepted findings of the translations ``checked`` (paths) that no finding of
    this run matches any more (``fingerprints``: all of them): fixed or reworded, so
    the baseline can be pruned. Those of translations not checked (``--changed-only``)
    are not judged."""
    left = Counter(fingerprints)
    paths = set(checked)
    out = []
    for entry in entries:
        if entry.path not in paths:
            continue
        if left[entry.fingerprint] > 0:
            left[entry.fingerprint] -= 1
        else:
            out.append(entry)
    return tuple(out)


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def new_findings(
    fingerprints: Iterable[tuple[str, Finding]], accepted: Iterable[BaselineEntry]
) -> tuple[Finding, ...]:
    """Findings beyond those accepted: a fingerprint accepted twice covers two identical findings."""
    left = Counter(e.fingerprint for e in accepted)
    out = []
    for print_, finding in fingerprints:
        if left[print_] > 0:
            left[print_] -= 1
        else:
            out.append(finding)
    return tuple(out)
