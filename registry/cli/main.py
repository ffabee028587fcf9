"""The `registry` command: serve the API, load demo data, dump and restore, export the schema."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from registry.cli.accounts import tokens, users
from registry.cli.analyze import analyze
from registry.cli.common import describe, fail, with_store
from registry.cli.demo import demo_settings, reset, use_demo_store
from registry.cli.export import export
from registry.cli.importing import importing
from registry.cli.organisations import organisations
from registry.services import dump as dumps
from registry.services.accounts import ensure_first_admin
from registry.services.seeding import load_demo
from registry.settings import Settings, get_settings
from registry.store.factory import make_store

app = typer.Typer(
    help="Network registry of organisations for diversity and inclusion work.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


# uvicorn's own loggers, plus the registry's request log, on one console handler.
def log_config(level: str) -> dict[str, Any]:
    """uvicorn's loggers and the registry's own (a line per request among them) at `level`
    (REGISTRY_LOG_LEVEL), to the console."""
    console = {"handlers": ["console"], "level": level.upper()}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
        "loggers": {"uvicorn": console, "registry": console},
    }


@app.callback()
def choose_store(
    demo: Annotated[
        bool,
        typer.Option(
            "--demo", help="Act on the demo store that `serve --demo` keeps in the data directory."
        ),
    ] = False,
) -> None:
    """Network registry of organisations for diversity and inclusion work."""
    if demo:
        use_demo_store()


@app.command()
def serve(
    demo: Annotated[
        bool,
        typer.Option(help="Serve the demo network from a demo store in the data directory."),
    ] = False,
    reset_demo: Annotated[
        bool, typer.Option("--reset", help="With --demo: start the demo store over.")
    ] = False,
    host: Annotated[str | None, typer.Option(help="Address to listen on [REGISTRY_HOST].")] = None,
    port: Annotated[int | None, typer.Option(help="Port [REGISTRY_PORT].")] = None,
) -> None:
    """Serve the advisers' page at / and the GraphQL API (explorer at /graphql)."""
    import uvicorn

    from registry.app import create_app

    settings = get_settings()
    try:
        settings.check_secrets()
    except ValueError as exc:
        raise fail(str(exc)) from None
    if demo:
        settings = _demo_store(demo_settings(settings), reset_demo)
    password = with_store(settings, ensure_first_admin)
    if password:
        # On stdout, flushed: a container's log keeps it for whoever starts the registry.
        typer.secho(
            f"First start: sign in as 'admin' with the one-time password {password}\n"
            "It is shown only now; you will choose a new password at first sign-in.",
            fg=typer.colors.YELLOW,
        )
    bind_host, bind_port = host or settings.host, port or settings.port
    typer.echo(
        f"Serving on http://{bind_host}:{bind_port}/ (the advisers' page; the GraphQL explorer "
        f"at /graphql; {settings.store.value} store)"
    )
    uvicorn.run(
        create_app(make_store(settings), settings),
        host=bind_host,
        port=bind_port,
        log_level=settings.log_level,
        # Forwarded headers only from the configured proxies: from anyone else they would
        # let a client choose its address, and with it a fresh rate limit.
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=settings.trusted_proxies,
        access_log=False,  # its lines carry query strings; RequestLog logs without them
        log_config=log_config(settings.log_level),
    )


def _demo_store(settings: Settings, start_over: bool) -> Settings:
    """The demo store, filled with the demo network on its first start (or after --reset)."""
    if start_over:
        reset(settings)
    if settings.database_path.exists():
        typer.echo(
            f"Reusing the demo store in {settings.data_dir} (--reset starts over); "
            "other commands reach it as `registry --demo ...`."
        )
        return settings
    count = with_store(settings, lambda store: load_demo(store, settings.seeds_dir))
    typer.echo(
        f"Demo network loaded ({count} nodes) into {settings.database_path}; "
        "other commands reach it as `registry --demo ...`."
    )
    return settings


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
        try:
            output.write_text(sdl(), encoding="utf-8")
        except OSError as exc:
            raise fail(describe(exc)) from None
    else:
        typer.echo(sdl(), nl=False)


app.add_typer(users, name="users")
app.add_typer(tokens, name="tokens")
app.add_typer(export, name="export")
app.add_typer(importing, name="import")
app.add_typer(organisations, name="organisations")
app.command()(analyze)


def main() -> None:
    """The installed command: a failure no command foresaw (a bad setting, a driver's
    complaint) is one line on stderr and exit code 1, never a traceback."""
    try:
        app()
    except Exception as exc:
        fail(describe(exc))
        sys.exit(1)
