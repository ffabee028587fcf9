"""The `registry` command: serve the API, load demo data, dump and restore, export the schema."""

import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from registry.cli.accounts import tokens, users
from registry.cli.analyze import analyze
from registry.cli.common import fail, with_store
from registry.cli.export import export
from registry.cli.importing import importing
from registry.services import dump as dumps
from registry.services.accounts import ensure_first_admin
from registry.services.seeding import load_demo
from registry.settings import StoreKind, get_settings
from registry.store.factory import make_store

app = typer.Typer(
    help="Network registry of organisations for diversity and inclusion work.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


# uvicorn's own loggers, plus the registry's request log, on one console handler.
LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "uvicorn": {"handlers": ["console"], "level": "INFO"},
        "registry": {"handlers": ["console"], "level": "INFO"},
    },
}


@app.command()
def serve(
    demo: Annotated[
        bool, typer.Option(help="Serve a fresh temporary store filled with the demo network.")
    ] = False,
    host: Annotated[str | None, typer.Option(help="Address to listen on [REGISTRY_HOST].")] = None,
    port: Annotated[int | None, typer.Option(help="Port [REGISTRY_PORT].")] = None,
) -> None:
    """Serve the GraphQL API (explorer at /graphql)."""
    import uvicorn

    from registry.app import create_app

    settings = get_settings()
    try:
        settings.check_secrets()
    except ValueError as exc:
        raise fail(str(exc)) from None
    if demo:
        demo_dir = Path(tempfile.mkdtemp(prefix="registry-demo-"))
        settings = settings.model_copy(update={"store": StoreKind.EMBEDDED, "data_dir": demo_dir})
        count = with_store(settings, lambda store: load_demo(store, settings.seeds_dir))
        typer.echo(f"Demo network loaded ({count} nodes) into {settings.database_path}")
    password = with_store(settings, ensure_first_admin)
    if password:
        typer.secho(
            f"First start: sign in as 'admin' with the one-time password {password}\n"
            "It is shown only now; you will choose a new password at first sign-in.",
            fg=typer.colors.YELLOW,
        )
    bind_host, bind_port = host or settings.host, port or settings.port
    typer.echo(f"Serving on http://{bind_host}:{bind_port}/graphql ({settings.store.value} store)")
    uvicorn.run(
        create_app(make_store(settings), settings),
        host=bind_host,
        port=bind_port,
        log_level=settings.log_level,
        access_log=False,  # its lines carry query strings; RequestLog logs without them
        log_config=LOG_CONFIG,
    )


@app.command()
def seed(
    replace: Annotated[bool, typer.Option(help="Empty the store first.")] = False,
) -> None:
    """Load the demo network into the configured store."""
    settings = get_settings()
    count = with_store(settings, lambda store: load_demo(store, settings.seeds_dir, replace))
    typer.echo(f"Loaded {count} nodes of the demo network.")


@app.command()
def dump(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
) -> None:
    """Write the whole graph to one JSON file (backup, or move to another store)."""

    count = with_store(get_settings(), lambda store: dumps.dump_to(store, output))
    typer.echo(f"Wrote {count} nodes and ties to {output}.")


@app.command()
def restore(
    source: Annotated[Path, typer.Argument(help="A file written by `registry dump`.")],
    replace: Annotated[bool, typer.Option(help="Empty the store first.")] = False,
) -> None:
    """Read a dump into the configured store, batch by batch; all or nothing."""
    try:
        dump_file = dumps.DumpFile(source)
    except OSError as exc:
        raise fail(f"cannot read {source}: {exc.strerror}") from None
    with typer.progressbar(length=dump_file.size, label="Restoring", file=sys.stderr) as bar:
        dump_file.progress = bar.update
        with_store(get_settings(), lambda store: dumps.restore(store, dump_file, replace))
    typer.echo(f"Restored {dump_file.nodes} nodes and {dump_file.edges} ties.")


@app.command("export-schema")
def export_schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
) -> None:
    """Print the GraphQL schema (SDL), or write it to a file."""
    from registry.app import sdl

    if output:
        output.write_text(sdl(), encoding="utf-8")
    else:
        typer.echo(sdl(), nl=False)


app.add_typer(users, name="users")
app.add_typer(tokens, name="tokens")
app.add_typer(export, name="export")
app.add_typer(importing, name="import")
app.command()(analyze)
