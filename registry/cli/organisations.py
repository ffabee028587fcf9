"""`registry organisations duplicates|merge`: likely duplicates, and merging two into one."""

import getpass
from typing import Annotated

import typer

from registry.cli.common import fail, with_store
from registry.services import duplicates
from registry.settings import get_settings
from registry.store.base import Store

organisations = typer.Typer(help="Likely duplicate organisations, and merging two into one.")


@organisations.command("duplicates")
def find() -> None:
    """List pairs of organisations that are probably one: a similar name at the same address
    or postal code."""
    pairs = with_store(get_settings(), duplicates.find)
    for pair in pairs:
        typer.echo(
            f"{pair.first.id}  {pair.first.props['name']}\n{pair.second.id}  "
            f"{pair.second.props['name']}\n"
        )
    typer.echo(f"{len(pairs)} likely duplicates.")


@organisations.command("merge")
def merge(
    keep: Annotated[str, typer.Argument(help="Id of the organisation to keep.")],
    merged: Annotated[str, typer.Argument(help="Id of the organisation merged into it.")],
    yes: Annotated[bool, typer.Option("--yes", help="Merge without asking.")] = False,
) -> None:
    """Move every tie and contact of MERGED to KEEP, fill KEEP's empty fields, delete MERGED."""
    if not yes and not typer.confirm(f"Merge {merged} into {keep}? This deletes {merged}."):
        raise fail("nothing merged")

    async def work(store: Store) -> str:
        kept = await duplicates.merge(store, keep, merged, actor=f"cli:{getpass.getuser()}")
        return kept.props["name"]

    typer.echo(f"Merged into {with_store(get_settings(), work)}.")
