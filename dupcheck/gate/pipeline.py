"""The CI gate: check every configured pair, add glossary and threshold findings, drop the
baselined ones, and decide.

Exit codes: 0 pass, 1 the gate failed (a new finding at or above ``fail-on``), 2 a usage,
configuration or input error (raised as ``DupcheckError``).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import regex

from dupcheck.backends.registry import BackendConfig
from dupcheck.errors import ConfigError
from dupcheck.gate.baseline import (
    BaselineEntry,
    fingerprint,
    load_baseline,
    new_findings,
    stale_entries,
)
from dupcheck.gate.config import GateConfig, Pair, Thresholds
from dupcheck.gate.glossary import Glossary, check_glossary, load_glossary
from dupcheck.records import Finding, FindingType, Report, Severity
from dupcheck.text.coords import locate_findings

#: checks one pair: (source file, translation file, translation language) → report
CheckPair = Callable[[Path, Path, str], Report]

EXIT_PASS, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One checked pair: its report (glossary and threshold findings included) and what is new."""

    pair: Pair
    report: Report
    #: one per ``report.findings``, in the same order
    fingerprints: tuple[str, ...]
    new: tuple[Finding, ...]

    @property
    def failing(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.new if f.severity.at_least(self.report.fail_on))

    def is_new(self, finding: Finding) -> bool:
        """Whether this very finding of ``report.findings`` is missing from the baseline."""
        return any(f is finding for f in self.new)

    @property
    def verdict(self) -> str:
        return "fail" if self.failing else "pass"


@dataclass(frozen=True, slots=True)
class GateResult:
    documents: tuple[DocumentResult, ...]
    fail_on: Severity
    #: whether a baseline file was read (the findings it holds are not new)
    baselined: bool
    #: the command that ran: ``check`` reports its one pair as a gate run (``check_result``)
    command: Literal["check", "gate"] = "gate"
    #: accepted findings of the translations checked that no longer occur (fixed or
    #: reworded): ``--write-baseline`` drops them
    stale: tuple[BaselineEntry, ...] = ()

    @property
    def new_findings(self) -> tuple[Finding, ...]:
        return tuple(f for d in self.documents for f in d.new)

    @property
    def verdict(self) -> str:
        return "fail" if any(d.failing for d in self.documents) else "pass"

    @property
    def signatures(self) -> tuple[str, ...]:
        """The checks' signatures, each once, in document order (pairs of other languages
        or settings give others)."""
        return tuple(dict.fromkeys(d.report.signature for d in self.documents))

    @property
    def exit_code(self) -> int:
        return EXIT_FAIL if self.verdict == "fail" else EXIT_PASS

    def baseline_entries(self) -> list[BaselineEntry]:
        """Every current finding, to accept as the new baseline."""
        return [
            BaselineEntry(fp, d.pair.target, f.code, f.message)
            for d in self.documents
            for fp, f in zip(d.fingerprints, d.report.findings)
        ]


@dataclass(frozen=True, slots=True)
class AssumedConfig:
    """What ``dupcheck gate`` assumes in a folder with no configuration."""

    config: GateConfig
    #: one line saying what was assumed
    summary: str
    #: the same as a commented ``dupcheck.toml`` (``gate --init``)
    toml: str


#: folders never searched for pairs
_SKIPPED_FOLDERS = frozenset({".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", ".tox"})
_NAMED = regex.compile(r"(?P<stem>.+)\.(?P<lang>[a-z]{2,3})\.(?P<ext>[A-Za-z0-9]+)")


def assume_config(root: Path) -> AssumedConfig:
    """Pairs found by their names, as linters find their files: ``{stem}.en.{ext}`` (or
    ``{stem}.{ext}``) beside ``{stem}.{lang}.{ext}``, in any folder under ``root``."""
    files = sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*")
        if p.is_file() and not _SKIPPED_FOLDERS & set(p.relative_to(root).parts[:-1])
    )
    present = set(files)
    pairs: list[Pair] = []
    patterns: dict[tuple[str, str], set[str]] = {}
    for name in files:
        match = _NAMED.fullmatch(name)
        if match is None or match["lang"] == "en":
            continue
        stem, lang, ext = match["stem"], match["lang"], match["ext"]
        for source, form in ((f"{stem}.en.{ext}", "{stem}.en."), (f"{stem}.{ext}", "{stem}.")):
            if source in present:
                pairs.append(Pair(source, name, lang))
                folder = f"{Path(stem).parent.as_posix()}/" if "/" in stem else ""
                patterns.setdefault((f"{folder}{form}{ext}", f"{folder}{{stem}}.{{lang}}.{ext}"), set()).add(lang)
                break
    if not pairs:
        raise ConfigError(
            f"{root}: no dupcheck.toml or pyproject.toml with [tool.dupcheck] here or above, and no "
            "{stem}.en.EXT beside {stem}.LANG.EXT to pair"
        )
    languages = tuple(sorted({p.lang for p in pairs}))
    config = GateConfig(
        path=root / "dupcheck.toml", root=root, languages=languages, pairs=tuple(pairs),
        backends=BackendConfig(), fail_on=Severity.MAJOR, thresholds=Thresholds(), glossary=None,
        baseline=root / ".dupcheck-baseline.json",
    )
    shown = "; ".join(f"{s} with {t} for {', '.join(sorted(langs))}" for (s, t), langs in patterns.items())
    summary = f"paired {shown} ({len(pairs)} {'pair' if len(pairs) == 1 else 'pairs'})"
    tables = "".join(f'\n[[pairs]]\nsource = "{s}"\ntarget = "{t}"\n' for s, t in patterns)
    toml = (
        "# dupcheck gate configuration, written by `dupcheck gate --init` from the files it found.\n"
        "# See docs/ci.md for every key.\n"
        f"languages = [{', '.join(repr(x).replace(chr(39), chr(34)) for x in languages)}]\n"
        'fail-on = "major"                    # minor, major or critical\n'
        "# glossary = \"glossary.toml\"        # the desk's termbase (TOML, CSV or TBX)\n"
        'baseline = ".dupcheck-baseline.json"  # accepted findings (dupcheck gate --write-baseline)\n'
        f"{tables}"
        "\n# [backends]\n# translator = \"auto\"\n# encoder = \"auto\"\n"
        "\n# [thresholds]\n# min-fidelity = 0.4\n# max-omitted-share = 0.25\n"
    )
    return AssumedConfig(config, summary, toml)


def check_result(report: Report) -> GateResult:
    """One ``dupcheck check`` as a gate run of its one pair with no baseline, so that ``check``
    writes the gate's report files (SARIF, JUnit, HTML, TMX) through the same renderers."""
    source, target = report.source.name, report.target.name
    prints = tuple(fingerprint(target, f, report.target.text) for f in report.findings)
    document = DocumentResult(Pair(source, target, report.target.lang), report, prints, report.findings)
    return GateResult((document,), report.fail_on, baselined=False, command="check")


def changed_files(root: Path, base: str) -> set[str]:
    """Files that ``git diff --name-only BASE`` names, relative to ``root``."""
    try:
        inside = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"], cwd=root, capture_output=True, text=True,
            check=False,
        )
        if inside.returncode != 0:
            raise ConfigError(f"--changed-only: {root} is not in a git work tree")
        done = subprocess.run(
            ["git", "diff", "--name-only", "--relative", base, "--"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as exc:
        raise ConfigError(f"--changed-only: cannot run git ({exc.strerror or exc})") from None
    if done.returncode != 0:
        reason = (
            done.stderr.strip().splitlines()[-1]
            if done.stderr.strip()
            else f"exit code {done.returncode}"
        )
        raise ConfigError(f"--changed-only: git diff --name-only {base} failed in {root}: {reason}")
    return {line.strip() for line in done.stdout.splitlines() if line.strip()}


def select_pairs(pairs: Iterable[Pair], changed: set[str] | None) -> tuple[Pair, ...]:
    """The pairs whose source or translation changed (all of them when ``changed`` is None)."""
    return tuple(p for p in pairs if changed is None or p.source in changed or p.target in changed)


def default_checker(config: GateConfig) -> CheckPair:
    """The real pipeline, backends loaded once for all pairs."""
    from dupcheck.fidelity.pipeline import Checker, CheckSettings

    checker = Checker(config.backends, CheckSettings(fail_on=config.fail_on))
    return lambda source, target, lang: checker.check_files(
        source, target, source_lang="en", target_lang=lang
    )


def run_gate(
    config: GateConfig,
    *,
    changed: set[str] | None = None,
    check: CheckPair | None = None,
    on_document: Callable[[Pair], None] | None = None,
) -> GateResult:
    """Check the configured pairs (those in ``changed`` only, when given) and decide.

    ``on_document`` is called with each pair once it is checked (a progress bar).
    """
    check = check or default_checker(config)
    glossary = load_glossary(config.glossary) if config.glossary else None
    accepted = load_baseline(config.baseline)
    documents = []
    for pair in select_pairs(config.pairs, changed):
        report = _in_checkout(check(config.root / pair.source, config.root / pair.target, pair.lang), pair)
        documents.append(gate_report(pair, report, config, glossary, accepted))
        if on_document is not None:
            on_document(pair)
    stale = stale_entries(
        accepted, (d.pair.target for d in documents), (p for d in documents for p in d.fingerprints)
    )
    return GateResult(tuple(documents), config.fail_on, baselined=config.baseline.exists(), stale=stale)


def _in_checkout(report: Report, pair: Pair) -> Report:
    """The report with its documents named as the configuration names them, relative to
    the checkout: a report is then the same on every runner, and names no runner's
    folders (the files were read from the absolute paths)."""
    return replace(
        report, source=replace(report.source, path=pair.source), target=replace(report.target, path=pair.target),
    )


def gate_report(
    pair: Pair,
    report: Report,
    config: GateConfig,
    glossary: Glossary | None,
    accepted: tuple[BaselineEntry, ...],
) -> DocumentResult:
    """Add glossary and threshold findings to one pair's report and sort out the new ones."""
    extra = (
        check_glossary(glossary, report.source, report.target, report.alignment) if glossary else ()
    )
    report = replace(
        report,
        # a stand-in checker's findings, and the glossary's, get their file locations here
        findings=locate_findings(
            report.findings + extra + threshold_findings(report, config.thresholds),
            report.source,
            report.target,
        ),
        fail_on=config.fail_on,
    )
    prints = tuple(fingerprint(pair.target, f, report.target.text) for f in report.findings)
    return DocumentResult(
        pair, report, prints, new_findings(zip(prints, report.findings), accepted)
    )


def threshold_findings(report: Report, thresholds: Thresholds) -> tuple[Finding, ...]:
    """Document-level findings for scores past the configured thresholds."""
    out = []
    fidelity = report.scores.fidelity
    if thresholds.min_fidelity is not None and fidelity < thresholds.min_fidelity:
        out.append(
            _document_finding(
                FindingType.MISTRANSLATION,
                "threshold.fidelity",
                f"document fidelity {fidelity:.2f} is below the minimum {thresholds.min_fidelity:.2f}",
            )
        )
    total = len(report.source.sentences)
    # a moved sentence is unaligned in place but translated elsewhere: not omitted
    moved = {s for f in report.findings if f.code == "misalignment.moved" for s in f.source}
    omitted = sum(1 for b in report.alignment if b.source and not b.target for s in b.source if s not in moved)
    if (
        thresholds.max_omitted_share is not None
        and total
        and omitted / total > thresholds.max_omitted_share
    ):
        out.append(
            _document_finding(
                FindingType.OMISSION,
                "threshold.omitted-share",
                f"{omitted} of {total} source sentences ({omitted / total:.0%}) have no translation; "
                f"the maximum is {thresholds.max_omitted_share:.0%}",
            )
        )
    return tuple(out)


def _document_finding(type_: FindingType, code: str, message: str) -> Finding:
    return Finding(
        type=type_,
        severity=Severity.MAJOR,
        code=code,
        source=(),
        target=(),
        source_text="",
        target_text="",
        message=message,
    )
