"""`registry export contacts|graph`: the dashboard's downloads as files, audited as `cli:<user>`."""

import getpass
from collections.abc import AsyncIterator, Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from registry.cli.common import fail, with_store
from registry.domain.accounts import Caller, Role
from registry.services import contact_formats, graph_export
from registry.services.analyses import AnalysisService
from registry.services.exports import Params, contacts_file, file_name, graph_file
from registry.settings import get_settings
from registry.store.base import Store

export = typer.Typer(help="Contact lists (CSV, XLSX, vCard) and the network graph as files.")


# The formats the web exports offer, so the two cannot drift apart. Members built from a
# list are beyond mypy: to it, each is just a StrEnum.
if TYPE_CHECKING:
    ContactFormat = StrEnum
    GraphFormat = StrEnum
else:
    ContactFormat = StrEnum("ContactFormat", {f.upper(): f for f in contact_formats.FORMATS})
    GraphFormat = StrEnum("GraphFormat", {f.upper(): f for f in graph_export.FORMATS})
CONTACT_DEFAULT, GRAPH_DEFAULT = ContactFormat("csv"), GraphFormat("graphml")


Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="File (or directory) to write; by default a name saying the filter and date.",
    ),
]
Ids = Annotated[list[str] | None, typer.Option(help="Repeat for several; any of them matches.")]
Kinds = Annotated[list[str] | None, typer.Option("--kind", help="Kind of organisation.")]


def _params(**lists: list[str] | str | None) -> Params:
    return {k: [v] if isinstance(v, str) else v for k, v in lists.items() if v}


def _write(
    output: Path | None,
    stem: str,
    params: Params,
    fmt: str,
    make: Callable[[Store, str], AsyncIterator[bytes]],
) -> Path:
    actor = f"cli:{getpass.getuser()}"

    async def work(store: Store) -> Path:
        chunks = make(store, actor)  # refuses a bad filter before the file is created
        path = output or Path()
        if path.is_dir():
            path = path / await file_name(store, stem, params, fmt)
        with path.open("wb") as file:
            async for chunk in chunks:
                file.write(chunk)
        return path

    return with_store(get_settings(), work)


@export.command("contacts")
def contacts(
    output: Output = None,
    format: Annotated[ContactFormat, typer.Option(help="File format.")] = CONTACT_DEFAULT,
    vcard_version: Annotated[
        str, typer.Option(help="vCard version of vcf and zip: 4.0, or 3.0 for Outlook.")
    ] = "",
    delimiter: Annotated[str, typer.Option(help="CSV field separator (; for Excel).")] = ";",
    community: Ids = None,
    area: Ids = None,
    topic: Ids = None,
    activity: Ids = None,
    kind: Kinds = None,
    search: Annotated[str | None, typer.Option(help="Part of the organisation's name.")] = None,
    archived: Annotated[str, typer.Option(help="Organisations: false, true or any.")] = "false",
    lang: Annotated[str, typer.Option(help="Column headings: nb or en.")] = "nb",
    include_restricted: Annotated[
        bool, typer.Option(help="Also restricted persons (as an administrator would see).")
    ] = False,
) -> None:
    """The contact persons of the organisations matching the filter, one row a person."""
    if len(delimiter) != 1:
        raise fail("the delimiter is one character")
    params = _params(
        communityIds=community, areaIds=area, topicIds=topic, activityIds=activity,
        kinds=kind, search=search, archived=archived, lang=lang, version=vcard_version,
    )  # fmt: skip
    role = Role.ADMIN if include_restricted else Role.CONTACT_VIEWER
    caller = Caller(f"cli:{getpass.getuser()}", getpass.getuser(), role, via="cli")
    written = _write(
        output,
        "kontakter" if lang == "nb" else "contacts",
        params,
        format.value,
        lambda store, actor: contacts_file(store, caller, params, format.value, actor, delimiter),
    )
    typer.echo(f"Wrote the contact list to {written}.")


@export.command("graph")
def graph(
    output: Output = None,
    format: Annotated[GraphFormat, typer.Option(help="File format.")] = GRAPH_DEFAULT,
    community: Ids = None,
    area: Ids = None,
    topic: Ids = None,
    kind: Kinds = None,
    year_from: Annotated[int | None, typer.Option(help="Ties active from this year.")] = None,
    year_to: Annotated[int | None, typer.Option(help="Ties active up to this year.")] = None,
) -> None:
    """The organisation graph with the analysis figures, for Gephi, yEd or scripts."""
    params = _params(
        communityIds=community, areaIds=area, topicIds=topic, kinds=kind,
        yearFrom=str(year_from) if year_from else None, yearTo=str(year_to) if year_to else None,
    )  # fmt: skip
    written = _write(
        output,
        "nettverk",
        params,
        format.value,
        lambda store, actor: graph_file(store, AnalysisService(store), params, format.value, actor),
    )
    typer.echo(f"Wrote the graph to {written}.")
