"""What every command shares: error reporting and running work against the store."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import typer

from registry.domain.errors import RegistryError
from registry.settings import Settings
from registry.store.base import Store
from registry.store.factory import make_store

T = TypeVar("T")


def fail(message: str) -> typer.Exit:
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code=1)


def with_store(settings: Settings, work: Callable[[Store], Awaitable[T]]) -> T:
    """Open the configured store, run `work`, close it; domain errors become exit code 1."""

    async def run() -> T:
        store = make_store(settings)
        await store.open()
        try:
            return await work(store)
        finally:
            await store.close()

    try:
        return asyncio.run(run())
    except RegistryError as exc:
        raise fail(exc.message) from None
