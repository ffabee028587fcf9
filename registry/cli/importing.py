"""`registry import organisations|people FILE`: spreadsheets into the registry, all or nothing."""

import getpass
import json
from pathlib import Path
from typing import Annotated

import typer

from registry.cli.common import fail, with_store
from registry.domain.errors import ValidationFailed
from registry.domain.labels import language
from registry.services.import_columns import parse_pairs
from registry.services.imports import Report, What, import_file
from registry.settings import get_settings
from registry.store.base import Store

importing = typer.Typer(
    help="Organisations and contact persons from XLSX, CSV or JSON files; a file with any "
    "error imports nothing. Columns that fill no field are listed and left out."
)

Source = Annotated[
    Path, typer.Argument(help="An XLSX workbook, a CSV file (UTF-8, ';' or ',') or JSON.")
]
DryRun = Annotated[bool, typer.Option(help="Check the file and say what it would do.")]
Map = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        help="Header=field: which field a column fills ('Header=' leaves it out). Repeat.",
    ),
]
MappingFile = Annotated[
    Path | None, typer.Option(help="A JSON object of header -> field, as the upload page saves.")
]
Preset = Annotated[
    str | None, typer.Option(help="A known layout: enhetsregisteret (Brønnøysund's CSV or JSON).")
]
Update = Annotated[
    bool | None,
    typer.Option(
        help="Rows whose organisation number is in the registry update that organisation "
        "(default with --preset enhetsregisteret)."
    ),
]
Lang = Annotated[str, typer.Option(help="Language of the messages: nb or en.")]


def _mapping(pairs: list[str] | None, file: Path | None) -> dict[str, str] | None:
    if not pairs and not file:
        return None
    mapping: dict[str, str] = {}
    if file:
        try:
            mapping = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise fail(f"cannot read the mapping file {file}: {exc}") from None
        if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
            raise fail(f"{file}: a JSON object of header -> field")
    try:
        return mapping | parse_pairs(pairs or [])
    except ValidationFailed as exc:
        raise fail(exc.message) from None


def _run(
    source: Path,
    what: What,
    dry_run: bool,
    *,
    pairs: list[str] | None,
    mapping_file: Path | None,
    lang: str,
    preset: str | None = None,
    update: bool | None = None,
) -> None:
    lang = language(lang)
    mapping = _mapping(pairs, mapping_file)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise fail(f"cannot read {source}: {exc.strerror}") from None
    actor = f"cli:{getpass.getuser()}"

    async def work(store: Store) -> Report:
        return await import_file(
            store, data, what,
            actor=actor, dry_run=dry_run, mapping=mapping, preset=preset, update=update,
        )  # fmt: skip

    report = with_store(get_settings(), work)
    nb = lang == "nb"
    if report.ignored:
        said = "Kolonner som ikke importeres" if nb else "Columns not imported"
        typer.echo(f"{said}: {', '.join(report.ignored)}", err=True)
    for warning in report.warnings:
        typer.echo(warning.text(lang), err=True)
    for error in report.errors:
        typer.echo(error.text(lang), err=True)
    if report.errors:
        more = f" (+{report.more_errors})" if report.more_errors else ""
        if nb:
            raise fail(f"{len(report.errors)}{more} feil i {source}: ingenting er importert")
        raise fail(f"{len(report.errors)}{more} errors in {source}: nothing was imported")
    for change in report.changes:
        diff = "; ".join(f"{f}: {a} -> {b}" for f, (a, b) in change.diff().items())
        typer.echo(f"{'rad' if nb else 'row'} {change.row}, {change.name}: {diff}")
    typer.echo(_summary(report, nb))


def _summary(report: Report, nb: bool) -> str:
    c, n, dry = report.created, len(report.changes), report.dry_run
    if nb:
        verb = "Prøvekjøring: ville opprettet" if dry else "Opprettet"
        return (
            f"{verb} {c['organisations']} organisasjoner, {c['people']} personer og "
            f"{c['ties']} koblinger og oppdatert {n} organisasjoner fra {report.rows} rader."
        )
    verb = "Would create" if dry else "Created"
    return (
        f"{verb} {c['organisations']} organisations, {c['people']} people, {c['ties']} ties "
        f"and {'would update' if dry else 'updated'} {n} organisations from {report.rows} rows"
        f"{' (dry run)' if dry else ''}."
    )


@importing.command("organisations")
def organisations(
    source: Source,
    dry_run: DryRun = False,
    map: Map = None,
    mapping_file: MappingFile = None,
    preset: Preset = None,
    update: Update = None,
    lang: Lang = "nb",
) -> None:
    """Import organisations (and, from a workbook with a people sheet, their contacts)."""
    _run(
        source, "organisations", dry_run,
        pairs=map, mapping_file=mapping_file, preset=preset, update=update, lang=lang,
    )  # fmt: skip


@importing.command("people")
def people(
    source: Source,
    dry_run: DryRun = False,
    map: Map = None,
    mapping_file: MappingFile = None,
    lang: Lang = "nb",
) -> None:
    """Import contact persons of organisations already in the registry."""
    _run(source, "people", dry_run, pairs=map, mapping_file=mapping_file, lang=lang)
