"""What every command shares: one-line errors with exit code 2, and safe report writing."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from rich.console import Console

import typer


class OutputFormat(str, Enum):
    """How a command shows its report; every command's renderers cover all three."""

    console = "console"
    json = "json"
    markdown = "markdown"


def fail(message: str) -> NoReturn:
    """A usage, configuration or input error: one line on stderr, exit code 2."""
    print(f"dupcheck: error: {message}", file=sys.stderr)
    raise typer.Exit(2)


def write_output(path: Path, text: str, *, protect: Iterable[Path] = ()) -> None:
    """Write a report atomically; never over one of the inputs."""
    target = path.resolve()
    if any(target == p.resolve() for p in protect):
        fail(f"{path}: refusing to write the report over an input file")
    if target.is_dir():
        fail(f"{path}: is a folder; give a file name for the report")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        fail(f"{path}: cannot write the report ({exc.strerror or exc})")


def emit_report(
    fmt: str, output: Path | None, *, console: Callable[[Console], None],
    text: Mapping[str, Callable[[], str]], protect: Iterable[Path] = (),
) -> None:
    """Show a report: rich output on the terminal, or rendered text on stdout or in ``output``."""
    from rich.console import Console

    if fmt == "console" and output is None:
        console(Console())
        return
    if fmt == "console":
        buffer = io.StringIO()
        console(Console(file=buffer, width=120))
        body = buffer.getvalue()
    else:
        body = text[fmt]()
    if output is None:
        sys.stdout.write(body)
    else:
        write_output(output, body, protect=protect)
