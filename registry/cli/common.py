"""What every command shares: error reporting and running work against the store."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import typer

from registry.domain.errors import RegistryError, StoreUnavailable
from registry.settings import Settings
from registry.store.base import Store
from registry.store.factory import make_store

T = TypeVar("T")


def fail(message: str) -> typer.Exit:
    """Print `message` as one line on stderr; raise what this returns to exit with 1."""
    typer.secho(f"error: {' '.join(message.split())}", err=True, fg=typer.colors.RED)
    return typer.Exit(code=1)


def describe(exc: BaseException) -> str:
    """What went wrong, for a person at a terminal rather than a developer."""
    if isinstance(exc, StoreUnavailable) and exc.__cause__:
        return f"{exc.message} ({str(exc.__cause__) or type(exc.__cause__).__name__})"
    if isinstance(exc, RegistryError):
        return exc.message
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return f"{type(exc).__name__}: {exc}"


def with_store(settings: Settings, work: Callable[[Store], Awaitable[T]]) -> T:
    """Open the configured store, run `work`, close it. Refusals, an unavailable store and
    files that cannot be read or written end the command with one line and exit code 1."""

    async def run() -> T:
        store = make_store(settings)
        try:  # a store that failed to open may hold a driver to close
            await store.open()
            return await work(store)
        finally:
            await store.close()

    try:
        return asyncio.run(run())
    except (RegistryError, OSError) as exc:
        raise fail(describe(exc)) from None
