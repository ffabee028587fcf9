"""`registry import organisations|people FILE`: spreadsheets into the registry, all or nothing."""

import getpass
from pathlib import Path
from typing import Annotated

import typer

from registry.cli.common import fail, with_store
from registry.services.imports import Report, What, import_file
from registry.settings import get_settings
from registry.store.base import Store

importing = typer.Typer(
    help="Organisations and contact persons from XLSX or CSV files; a file with any error "
    "imports nothing."
)

Source = Annotated[Path, typer.Argument(help="An XLSX workbook or a CSV file (UTF-8, ';' or ',').")]
DryRun = Annotated[bool, typer.Option(help="Check the file and say what it would create.")]


def _run(source: Path, what: What, dry_run: bool) -> None:
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise fail(f"cannot read {source}: {exc.strerror}") from None
    actor = f"cli:{getpass.getuser()}"

    async def work(store: Store) -> Report:
        return await import_file(store, data, what, actor=actor, dry_run=dry_run)

    report = with_store(get_settings(), work)
    for error in report.errors:
        typer.echo(str(error), err=True)
    if report.errors:
        raise fail(f"{len(report.errors)} errors in {source}: nothing was imported")
    counts = ", ".join(f"{n} {noun}" for noun, n in report.created.items())
    verb = "Would create" if dry_run else "Created"
    typer.echo(f"{verb} {counts} from {report.rows} rows{' (dry run)' if dry_run else ''}.")


@importing.command("organisations")
def organisations(source: Source, dry_run: DryRun = False) -> None:
    """Import organisations (and, from a workbook with a people sheet, their contacts)."""
    _run(source, "organisations", dry_run)


@importing.command("people")
def people(source: Source, dry_run: DryRun = False) -> None:
    """Import contact persons of organisations already in the registry."""
    _run(source, "people", dry_run)
