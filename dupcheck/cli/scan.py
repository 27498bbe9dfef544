"""``dupcheck scan PATH...``: related documents across a collection (mounted by ``cli/__init__``)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from dupcheck.cli import options
from dupcheck.cli.common import OutputFormat, check_output, emit_report, fail, is_discarded
from dupcheck.errors import DupcheckError


class EngineOption(str, Enum):
    local = "local"
    ray = "ray"


class RelationOption(str, Enum):
    translation = "translation"
    near_duplicate = "near_duplicate"
    partial_overlap = "partial_overlap"


def scan(
    # described in the docstring: typer lists an argument with its Python type (<list[Path]>)
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", hidden=True, show_default=False, readable=False)],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Report format.")] = OutputFormat.console,
    output: options.Output = None,
    fail_on: Annotated[list[RelationOption] | None, typer.Option(
        metavar="RELATION", show_default=False,
        help="Exit 1 when a pair of this relation is found: translation, near_duplicate, "
             "partial_overlap (repeat for several).",
    )] = None,
    engine: Annotated[EngineOption, typer.Option(help="local: worker processes on this machine; ray: Ray tasks.")] = EngineOption.local,
    ray_address: Annotated[str | None, typer.Option(metavar="ADDR", help="Address of an existing Ray cluster (with --engine ray).")] = None,
    workers: Annotated[int | None, typer.Option(min=1, metavar="N", help="Worker processes of the local engine [default: one per CPU].", show_default=False)] = None,
    min_overlap: Annotated[int, typer.Option(min=1, metavar="N", help="Fewest corresponding sentences in a shared passage.")] = 2,
    translator: options.Translator = "auto",
    translator_model: options.TranslatorModel = None,
    device: options.Device = "auto",
    cache: options.Cache = True,
    progress: options.Progress = True,
    bidi: options.BidiOption = options.Bidi.auto,
) -> None:
    """Find translations, spun copies and shared passages across a collection, in any language.

    PATH: files, folders (searched recursively) and JSONL manifests ({id, path|text,
    lang?} per line).

    Exit codes: 0 done (nothing of a --fail-on relation found), 1 a --fail-on relation was
    found, 2 usage or input error.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from dupcheck.backends.registry import BackendConfig
    from dupcheck.duplicates.collection import input_files
    from dupcheck.duplicates.pipeline import scan_paths

    try:
        inputs = input_files(paths)
    except DupcheckError as exc:
        fail(str(exc))
    if output is not None:
        check_output(output, protect=inputs)
        _outside_scanned_folders(output, paths)

    err = Console(stderr=True)
    # off where stderr is no terminal: a live display stopped there still writes a newline
    bars = Progress(TextColumn("{task.description:>7}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, disable=not progress or not err.is_terminal,
                    transient=True)
    tasks: dict[str, int] = {}

    def advance(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=total)
        bars.update(tasks[stage], completed=done)

    try:
        with bars:
            report = scan_paths(
                paths, engine=engine.value, ray_address=ray_address, workers=workers, min_overlap=min_overlap,
                backends=BackendConfig(translator=translator, translator_model=translator_model,
                                       device=device, cache=cache),  # type: ignore[arg-type]
                progress=advance,
            )
    except DupcheckError as exc:
        fail(str(exc))
    from dupcheck.render.scan_console import render_scan_console
    from dupcheck.render.scan_json import render_scan_json
    from dupcheck.render.scan_markdown import render_scan_markdown

    emit_report(
        format.value, output, protect=inputs,
        console=lambda console: render_scan_console(report, console, bidi=bidi.value),
        text={"json": lambda: render_scan_json(report), "markdown": lambda: render_scan_markdown(report)},
    )
    failing = {r.value for r in fail_on or ()}
    raise typer.Exit(1 if any(p.relation.value in failing for p in report.pairs) else 0)


def _outside_scanned_folders(output: Path, paths: list[Path]) -> None:
    """Refuse a report inside a folder it scans: the next scan would read it as a
    document, and then refuse to write over it."""
    if is_discarded(output):
        return
    where = output.resolve()
    for folder in (p for p in paths if p.is_dir()):
        if where.is_relative_to(folder.resolve()):
            fail(f"{output}: inside the folder scanned ({folder}), so the next scan would read "
                 "the report as a document; write it elsewhere")
