"""What a command shows on stderr while it works: a spinner naming the stage, on a terminal only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def stage_display(*, enabled: bool = True) -> Iterator[Callable[[str], None]]:
    """A function that names the current stage (model load, encoding, ...) beside a spinner and
    the elapsed time; silent when disabled or when stderr is not a terminal (CI logs, pipes)."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    err = Console(stderr=True)
    if not enabled or not err.is_terminal:
        yield lambda _stage: None
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("starting")
        yield lambda stage: progress.update(task, description=stage)
