"""`dupcheck models list|pull|info`: the neural models dupcheck knows and where they are."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from dupcheck.cli.common import fail
from dupcheck.errors import DupcheckError

if TYPE_CHECKING:
    from dupcheck.backends.models import ModelEntry

models_app = typer.Typer(
    help="Neural translation models and sentence encoders: list, pull, info.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help, as the main app's
)


@models_app.command("list")
def list_command() -> None:
    """The packaged defaults (always present), then the known neural models, the language
    pairs each covers, and whether it is on this machine."""
    from dupcheck.backends.models import list_models, models_dir, packaged_models

    typer.echo("packaged with dupcheck (what the defaults run):")
    for m in packaged_models():
        typer.echo(f"  {m.name}  {m.kind}, {m.size / 1e6:.1f} MB, {m.license}: {m.what}")
        typer.echo(f"      from {m.source}; {m.path}")
    typer.echo("\noptional neural models:")
    rows = [("NAME", "KIND", "FAMILY", "LANGUAGES", "SIZE", "LOCAL")]
    for status in list_models():
        e = status.entry
        local = f"{status.local.origin}: {status.local.path}" if status.local else "-"
        rows.append((e.name, e.kind, e.family, e.describe_pairs(), f"{e.size_mb} MB", local))
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]) - 1)]
    for row in rows:
        typer.echo("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1])
    typer.echo(f"\nmodels directory: {models_dir()}")


@models_app.command("pull")
def pull_command(
    name: Annotated[str, typer.Argument(help="Registry name (see `list`) or hub id.")],
    revision: Annotated[str | None, typer.Option(help="Branch, tag or commit on the hub.")] = None,
) -> None:
    """Fetch a model from the hub into the models directory."""
    from dupcheck.backends.models import pull_model

    try:
        local = pull_model(name, revision)
    except DupcheckError as exc:
        fail(str(exc))
    typer.echo(f"{local.name}@{local.revision}: {local.path}")


@models_app.command("info")
def info_command(
    name: Annotated[str, typer.Argument(help="Registry name, hub id or model folder.")],
) -> None:
    """Where a model is loaded from, its revision, and its files with sizes and sha256.
    A registry model not on this machine shows what the registry knows of it, then the
    error (exit code 2), so a script can still test for it."""
    from dupcheck.backends.models import model_info, registry_entry

    entry = registry_entry(name)
    try:
        local, files = model_info(name)
    except DupcheckError as exc:
        if entry is not None:
            typer.echo(f"model:    {entry.name}")
            _echo_entry(entry)
        fail(str(exc))
    typer.echo(f"model:    {local.name}")
    if entry is not None:
        _echo_entry(entry)
    typer.echo(f"revision: {local.revision}")
    typer.echo(f"from:     {local.origin}: {local.path}")
    for f in files:
        typer.echo(f"  {f.size:>12,}  {f.sha256}  {f.path}")
    typer.echo(f"  {sum(f.size for f in files):>12,}  total, {len(files)} files")


def _echo_entry(entry: ModelEntry) -> None:
    typer.echo(f"hub id:   {entry.id} (about {entry.size_mb} MB)")
    typer.echo(f"kind:     {entry.kind} ({entry.family}), languages {entry.describe_pairs()}")
