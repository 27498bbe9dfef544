"""What every command shares: one-line errors with exit code 2, and safe report writing."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from rich.console import Console

import typer

from dupcheck.files import replace_text_file


class OutputFormat(str, Enum):
    """How a command shows its report; every command's renderers cover all three."""

    console = "console"
    json = "json"
    markdown = "markdown"


#: the path that means standard output to ``--output`` (and to no other report option)
STDOUT = Path("-")


def fail(message: str) -> NoReturn:
    """A usage, configuration or input error: one line on stderr, exit code 2."""
    print(f"dupcheck: error: {message}", file=sys.stderr)
    raise typer.Exit(2)


def check_output(path: Path, *, protect: Iterable[Path] = ()) -> None:
    """Refuse (one line, exit 2) a report path that would replace an input, a device, a FIFO,
    a socket or a folder. Commands call this before any work, and again when writing."""
    if path == STDOUT:
        fail("-: only --output writes to standard output; give this report a file name")
    if is_discarded(path):
        return
    target = path.resolve()
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        fail(f"{path}: cannot write the report ({exc.strerror or exc})")
    if mode is not None and stat.S_ISDIR(mode):
        fail(f"{path}: is a folder; give a file name for the report")
    if mode is not None and not stat.S_ISREG(mode):
        fail(f"{path}: is not a regular file (a device, FIFO or socket); refusing to replace it")
    if mode is not None and any(_same_file(target, p) for p in protect):
        fail(f"{path}: refusing to write the report over an input file")
    if (cause := _unwritable_folder(target.parent)) is not None:
        fail(f"{path}: cannot write the report ({cause})")


def _unwritable_folder(folder: Path) -> str | None:
    """Why a report could not be written in ``folder`` (its temporary file is made there,
    and missing folders are created below the nearest that exists), or None: known before
    the work, so a gate's verdict is not lost to a typo in a report path."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"the folder {existing} is not writable"
    return None


def check_outputs(reports: Mapping[str, Path | None], *, protect: Iterable[Path] = ()) -> None:
    """``check_output`` for each report path given (option name → path), and refuse one
    file named by two options: the second report would silently replace the first."""
    protect = list(protect)
    named: list[tuple[str, Path]] = []
    for option, path in reports.items():
        if path is None:
            continue
        check_output(path, protect=protect)
        for earlier, other in named:
            if _same_file(path.resolve(), other):
                fail(f"{path}: given to both {earlier} and {option}; each report needs a file of its own")
        named.append((option, path))


def _same_file(target: Path, other: Path) -> bool:
    """Whether two paths name one file: resolved alike, or hard links of each other."""
    try:
        return target == other.resolve() or os.path.samefile(target, other)
    except OSError:
        return False


def is_discarded(path: Path) -> bool:
    """Whether a report path is the null device, which CI scripts name to discard a report:
    nothing is written (an atomic replace would put a file in the device's place)."""
    return path.resolve() == Path(os.devnull).resolve()


def write_output(path: Path, text: str, *, protect: Iterable[Path] = ()) -> None:
    """Write a report atomically, never over an input, with the mode an existing file has
    (a new one gets the umask's); a report to the null device is discarded."""
    check_output(path, protect=protect)
    if is_discarded(path):
        return
    try:
        replace_text_file(path, text)
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
