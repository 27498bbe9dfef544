"""``dupcheck gate``: the CI gate over a desk repository (mounted on the app by ``dupcheck.cli``).

Exit codes: 0 pass, 1 a new finding at or above ``fail-on``, 2 usage, configuration or input error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dupcheck.cli.common import fail, write_output
from dupcheck.errors import DupcheckError

if TYPE_CHECKING:  # the library is imported inside the command, so that --help stays fast
    from rich.console import Console

    from dupcheck.gate.pipeline import GateResult
    from dupcheck.records import Finding


def gate(
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            help="dupcheck.toml or pyproject.toml; found in the current folder or above if omitted.",
        ),
    ] = None,
    changed_only: Annotated[
        bool,
        typer.Option(
            "--changed-only",
            help="Check only the pairs with a file that `git diff --name-only BASE` names.",
        ),
    ] = False,
    base: Annotated[
        str, typer.Option("--base", help="Git revision --changed-only compares with.")
    ] = "HEAD",
    write_baseline: Annotated[
        bool,
        typer.Option(
            "--write-baseline",
            help="Accept every current finding: write them to the baseline file (replacing it) and pass.",
        ),
    ] = False,
    sarif: Annotated[
        Path | None, typer.Option("--sarif", help="Write a SARIF 2.1.0 log here.")
    ] = None,
    junit: Annotated[Path | None, typer.Option("--junit", help="Write JUnit XML here.")] = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Write a self-contained HTML report here.")
    ] = None,
    markdown: Annotated[
        Path | None,
        typer.Option(
            "--markdown", help="Write a Markdown summary here (e.g. $GITHUB_STEP_SUMMARY)."
        ),
    ] = None,
    json_out: Annotated[
        Path | None,
        typer.Option("--json", help="Write the gate's JSON (schema dupcheck.gate/1) here."),
    ] = None,
    tmx: Annotated[
        Path | None, typer.Option("--tmx", help="Export the clean aligned pairs as TMX 1.4 here.")
    ] = None,
) -> None:
    """Check every configured translation against its source; fail on new problems only.

    Exit codes: 0 pass, 1 gate failed, 2 usage, configuration or input error.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from dupcheck.gate.baseline import write_baseline as save_baseline
    from dupcheck.gate.config import find_config, load_config
    from dupcheck.gate.pipeline import changed_files, run_gate, select_pairs

    err = Console(stderr=True)
    try:
        settings = (
            load_config(config) if config is not None else load_config(find_config(Path.cwd()))
        )
        changed = changed_files(settings.root, base) if changed_only else None
        todo = select_pairs(settings.pairs, changed)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task(f"checking {len(todo)} translations", total=len(todo))
            result = run_gate(
                settings, changed=changed, on_document=lambda _pair: progress.advance(task)
            )
    except DupcheckError as exc:
        fail(str(exc))
    inputs = [
        settings.path,
        *(settings.root / p for pair in settings.pairs for p in (pair.source, pair.target)),
    ]
    if settings.glossary:
        inputs.append(settings.glossary)
    _write_reports(
        result,
        settings.root,
        [*inputs, settings.baseline],
        sarif=sarif,
        junit=junit,
        html=html,
        markdown=markdown,
        json_out=json_out,
        tmx=tmx,
    )
    out = Console()
    _print_summary(result, out)
    if write_baseline:
        if any(settings.baseline.resolve() == p.resolve() for p in inputs):
            fail(f"{settings.baseline}: refusing to write the baseline over an input file")
        try:
            save_baseline(settings.baseline, result.baseline_entries())
        except OSError as exc:
            fail(f"{settings.baseline}: cannot write the baseline ({exc.strerror or exc})")
        out.print(
            f"wrote {len(result.baseline_entries())} accepted findings to {settings.baseline}"
        )
        raise typer.Exit(0)
    raise typer.Exit(result.exit_code)


def _write_reports(
    result: GateResult, root: Path, inputs: list[Path], **paths: Path | None
) -> None:
    from dupcheck.render.html import render_html
    from dupcheck.render.junit import render_junit
    from dupcheck.render.sarif import render_sarif
    from dupcheck.render.summary import render_gate_json, render_gate_markdown
    from dupcheck.render.tmx import render_tmx

    renderers = {
        "sarif": lambda: render_sarif(result, root),
        "junit": lambda: render_junit(result),
        "html": lambda: render_html(result),
        "markdown": lambda: render_gate_markdown(result),
        "json_out": lambda: render_gate_json(result),
        "tmx": lambda: render_tmx(result),
    }
    for name, path in paths.items():
        if path is not None:
            write_output(path, renderers[name](), protect=inputs)


def _where(finding: Finding) -> str:
    if finding.target:
        return "translation sentence " + ",".join(str(j + 1) for j in finding.target)
    if finding.source:
        return "source sentence " + ",".join(str(i + 1) for i in finding.source)
    return "document"


def _print_summary(result: GateResult, console: Console) -> None:
    from rich.text import Text

    for doc in result.documents:
        style = "bold red" if doc.verdict == "fail" else "bold green"
        s = doc.report.scores
        console.print(
            Text.assemble(
                (doc.verdict.upper(), style),
                f"  {doc.pair.target}  fidelity {s.fidelity:.2f} · coverage {s.coverage:.2f} · "
                f"{len(doc.report.findings)} findings, {len(doc.new)} new, {len(doc.failing)} failing",
            )
        )
        for f in doc.failing:
            console.print(
                Text.assemble(
                    f"    {f.severity.value} ", (f.code, "bold"), f" ({_where(f)}): {f.message}"
                )
            )
    verdict = Text(
        f"gate {result.verdict}", style="bold red" if result.verdict == "fail" else "bold green"
    )
    console.print(verdict)
