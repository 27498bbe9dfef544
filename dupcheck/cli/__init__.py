"""Command-line interface (typer). Commands parse options and call the library API.

Library modules are imported inside the commands so that ``dupcheck --help`` stays fast.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from dupcheck.cli import options
from dupcheck.cli.common import OutputFormat, check_outputs, emit_report, fail
from dupcheck.errors import DupcheckError

app = typer.Typer(
    help="Cross-lingual duplicate and translation-quality checker.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # click's plain help: rich's boxed panels cut option names and wrap help to a few
    # words a line at 80 columns
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        from dupcheck.version import __version__

        print(f"dupcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Cross-lingual duplicate and translation-quality checker."""


class InputFormatOption(str, Enum):
    text = "text"
    lines = "lines"
    aligned = "aligned"


@app.command()
def check(
    # described in the docstring: typer lists an argument with its Python type (<list[Path]>);
    # readable=False: the loader says why a file cannot be read, in dupcheck's one line
    paths: Annotated[list[Path], typer.Argument(metavar="FILES", hidden=True, show_default=False, readable=False)],
    source: Annotated[list[Path] | None, typer.Option(
        "--source", metavar="PATH", readable=False,
        help="A candidate source (repeat, or give a folder); the one the translation follows is reported.",
    )] = None,
    source_lang: options.SourceLang = None,
    target_lang: options.TargetLang = None,
    encoding: options.InputEncoding = None,
    input_format: Annotated[InputFormatOption | None, typer.Option(
        help="text: segment into sentences; lines: one sentence per line; aligned: the two "
             "files' lines (or a bilingual file's segments) are already paired, none is re-aligned. "
             "[default: aligned for a bilingual file, else text]",
        show_default=False,
    )] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Report format.")] = OutputFormat.console,
    output: options.Output = None,
    fail_on: Annotated[options.FailOn, typer.Option(
        help="Exit 1 when a finding of this severity or worse is found.")] = options.FailOn.major,
    translator: options.Translator = "auto",
    translator_model: options.TranslatorModel = None,
    encoder: options.Encoder = "auto",
    encoder_model: options.EncoderModel = None,
    device: options.Device = "auto",
    show_alignment: Annotated[bool, typer.Option(help="Console: also print the sentence alignment.")] = False,
    bidi: options.BidiOption = options.Bidi.auto,
    cache: options.Cache = True,
    progress: options.Progress = True,
    sarif: options.Sarif = None,
    junit: options.Junit = None,
    html: options.Html = None,
    tmx: options.Tmx = None,
    xliff_notes: Annotated[Path | None, typer.Option(
        "--xliff-notes", metavar="PATH",
        help="For an XLIFF 1.2 input: write a copy with each finding as a note on its segment, "
             "failing segments' targets in state needs-review-translation.")] = None,
) -> None:
    """Align a translation with its source and report its fidelity and problems.

    FILES: SOURCE TRANSLATION; only TRANSLATION with --source (a folder as SOURCE holds
    candidate sources); or one bilingual file (.xlf, .xliff, .tmx, .tsv, .csv, .po) whose
    segments are checked as they are paired.

    Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 usage or input error.
    """
    from dupcheck.backends.registry import BackendConfig
    from dupcheck.cli.progress import stage_display
    from dupcheck.fidelity.pipeline import Checker, CheckSettings
    from dupcheck.records import Severity
    from dupcheck.text.bilingual import XLIFF_SUFFIXES, is_bilingual

    bilingual = len(paths) == 1 and not source and is_bilingual(paths[0])
    fmt = input_format.value if input_format else ("aligned" if bilingual else "text")
    if bilingual:
        sources, translation = [paths[0]], paths[0]
    else:
        sources, translation = _split_paths(paths, source or [])
    inputs = [*sources, translation]
    if xliff_notes is not None and not (bilingual and translation.suffix.lower() in XLIFF_SUFFIXES):
        fail(f"{translation}: --xliff-notes needs an XLIFF 1.2 input file")  # before any work
    reports = {"--sarif": sarif, "--junit": junit, "--html": html, "--tmx": tmx}
    check_outputs({"--output": output, **reports, "--xliff-notes": xliff_notes},
                  protect=inputs)  # before any work is done
    try:
        backends = BackendConfig(
            translator=translator, translator_model=translator_model,
            encoder=encoder, encoder_model=encoder_model, device=device,  # type: ignore[arg-type]
            cache=cache,
        )
        with stage_display(enabled=progress) as stage:
            checker = Checker(backends, CheckSettings(Severity(fail_on.value), fmt), on_stage=stage)
            read_as = {"source_lang": source_lang, "target_lang": target_lang, "encoding": encoding}
            if bilingual:
                report = checker.check_bilingual(paths[0], **read_as)
            elif len(sources) == 1:
                report = checker.check_files(sources[0], translation, **read_as)
            else:
                report = checker.check_against_sources(sources, translation, **read_as)
    except DupcheckError as exc:
        fail(str(exc))
    _emit(report, format, output, show_alignment, bidi.value, protect=inputs)
    if any(reports.values()):
        from dupcheck.cli.reports import write_reports
        from dupcheck.gate.pipeline import check_result

        write_reports(check_result(report), inputs, reports)
    if xliff_notes is not None:
        _write_xliff_notes(report, xliff_notes, inputs)
    raise typer.Exit(1 if report.verdict == "fail" else 0)


def _write_xliff_notes(report, path: Path, inputs: list[Path]) -> None:
    from dupcheck.cli.common import write_output
    from dupcheck.render.xliff import render_xliff_notes

    try:
        text = render_xliff_notes(report)
    except DupcheckError as exc:
        fail(str(exc))
    write_output(path, text, protect=inputs)
    print(f"wrote the XLIFF with the findings as notes to {path}", file=sys.stderr)


def _split_paths(paths: list[Path], extra_sources: list[Path]) -> tuple[list[Path], Path]:
    if extra_sources:
        if len(paths) != 1:
            fail("with --source, give only the TRANSLATION as argument")
        candidates, translation = extra_sources, paths[0]
    elif len(paths) == 2:
        candidates, translation = [paths[0]], paths[1]
    else:
        fail("expected SOURCE and TRANSLATION (or TRANSLATION with --source)")
    sources: list[Path] = []
    for path in candidates:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.resolve() != translation.resolve())
            if not found:
                fail(f"{path}: folder holds no candidate source files")
            sources.extend(found)
        else:
            sources.append(path)
    return sources, translation


def _emit(report, format: OutputFormat, output: Path | None, show_alignment: bool, bidi: str,
          protect: list[Path]) -> None:
    from dupcheck.render.console import render_console
    from dupcheck.render.json import render_json
    from dupcheck.render.markdown import render_markdown

    emit_report(
        format.value, output, protect=protect,
        console=lambda console: render_console(report, console, show_alignment=show_alignment, bidi=bidi),
        text={"json": lambda: render_json(report), "markdown": lambda: render_markdown(report)},
    )


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"dupcheck: warning: {message}", file=file or sys.stderr)


def run() -> None:
    """The ``dupcheck`` program: a usage error is one line and exit code 2, as input errors
    are (typer would draw it in a box under the usage text)."""
    import sys

    try:  # typer 0.2x carries its own click
        from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
    except ImportError:
        from click.exceptions import ClickException, NoArgsIsHelpError, UsageError

    import warnings

    # a library warning (a cache that cannot be used) is one line, as errors are, not
    # Python's file:line: Category: message and the source line under it
    warnings.showwarning = _one_line_warning
    try:
        code = app(prog_name="dupcheck", standalone_mode=False)
    except NoArgsIsHelpError as exc:  # a bare command: its help
        print(exc.format_message(), file=sys.stderr)
        code = 2
    except UsageError as exc:
        where = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
        print(f"dupcheck: error: {exc.format_message()}{where}", file=sys.stderr)
        code = 2
    except ClickException as exc:
        print(f"dupcheck: error: {exc.format_message()}", file=sys.stderr)
        code = exc.exit_code
    except typer.Abort:
        print("dupcheck: interrupted", file=sys.stderr)
        code = 130
    sys.exit(code if isinstance(code, int) else 0)


# the other commands live in modules of their own; importing them loads no library code
from dupcheck.cli.gate import gate
from dupcheck.cli.models import models_app
from dupcheck.cli.scan import scan

app.command("gate")(gate)
app.command("scan")(scan)
app.add_typer(models_app, name="models")
