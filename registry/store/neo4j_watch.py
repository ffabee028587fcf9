"""The bound on one Neo4j store call: a time limit, and a watch that ends the call early when
the server is found hung.

A hung server (a stopped JVM, a wedged host) accepts connections and statements and never
answers, so a call waits for its whole time limit, which is sized for the longest restore.
Checking each pooled connection with a round trip before use would find the hang at the
start of a call, but costs every call that round trip (0.3-0.5 ms of a 3 ms page, and the
server's CPU) and misses a hang that begins while a call runs. Instead, a call that is still
running after `check_after` seconds has the server asked whether it answers, and again every
`check_after` seconds while the call runs; when it does not, the call ends at once with
TimeoutError.

The server is asked on a driver of its own with a single connection (`ServerCheck`): on the
calls' pool, a pool filled by long calls on a healthy server (writes queued behind a
restore's lock) would leave the check no connection, and read as a hang.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress

from neo4j import AsyncDriver
from neo4j.exceptions import DriverError, Neo4jError

log = logging.getLogger(__name__)


class ServerCheck:
    """Whether the server answers a reset, within `limit` seconds, on `driver` (one connection,
    its own). Whoever asks while a check is under way shares its answer."""

    def __init__(self, driver: AsyncDriver, limit: float) -> None:
        self._driver, self._limit = driver, limit
        self._running: asyncio.Task[bool] | None = None

    async def answers(self) -> bool:
        if self._running is None or self._running.done():
            self._running = asyncio.get_running_loop().create_task(self._ask())
        # An asker that gives up leaves the check to end by its own timeouts: cancelled while
        # it connects, the driver would leave the socket open.
        return await asyncio.shield(self._running)

    async def _ask(self) -> bool:
        try:
            async with asyncio.timeout(self._limit):  # the driver's own timeouts end it first
                await self._driver.verify_connectivity()
        except (Neo4jError, DriverError, OSError, TimeoutError):
            return False
        return True

    async def close(self) -> None:
        if self._running is not None:
            await asyncio.gather(self._running, return_exceptions=True)
        await self._driver.close()


@asynccontextmanager
async def bounded(
    limit: float, check_after: float, answers: Callable[[], Awaitable[bool]]
) -> AsyncIterator[None]:
    """Ends the block with TimeoutError after `limit` seconds, or once `answers()` says no."""
    loop = asyncio.get_running_loop()
    ended = asyncio.Event()
    watch: list[asyncio.Task[None]] = []  # held here: the loop keeps only a weak reference
    async with asyncio.timeout(limit) as bound:
        first = loop.call_later(
            check_after,
            lambda: watch.append(loop.create_task(_watch(bound, ended, check_after, answers))),
        )
        try:
            yield
        finally:
            ended.set()  # a check under way ends by itself; the watch then stops
            first.cancel()


async def _watch(
    bound: asyncio.Timeout,
    ended: asyncio.Event,
    every: float,
    answers: Callable[[], Awaitable[bool]],
) -> None:
    try:
        while await answers():
            with suppress(TimeoutError):
                await asyncio.wait_for(ended.wait(), every)
            if ended.is_set():
                return
    except Exception:  # the call keeps its time limit; a failed watch must not end it
        log.exception("the watch on a long Neo4j call failed")
        return
    if not ended.is_set() and not bound.expired():
        bound.reschedule(asyncio.get_running_loop().time())  # the block ends: TimeoutError
