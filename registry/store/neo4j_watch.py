"""The bound on one Neo4j store call: a time limit, and a watch that ends the call early when
the server is found hung.

A hung server (a stopped JVM, a wedged host) accepts connections and statements and never
answers, so a call waits for its whole time limit, which is sized for the longest restore.
Checking each pooled connection with a round trip before use would find the hang at the
start of a call, but costs every call that round trip (0.3-0.5 ms of a 3 ms page, and the
server's CPU) and misses a hang that begins while a call runs. Instead, a call that is still
running after `check_after` seconds has the server asked whether it answers, on a connection
of its own, and again every `check_after` seconds while the call runs; when it does not, the
call ends at once with TimeoutError.
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress


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
            # A check under way is left to end by its own timeouts: cancelled while it
            # connects, the driver would leave the socket open.
            ended.set()
            first.cancel()


async def _watch(
    bound: asyncio.Timeout,
    ended: asyncio.Event,
    every: float,
    answers: Callable[[], Awaitable[bool]],
) -> None:
    while await answers():
        with suppress(TimeoutError):
            await asyncio.wait_for(ended.wait(), every)
        if ended.is_set():
            return
    if not ended.is_set():
        bound.reschedule(asyncio.get_running_loop().time())  # the block ends: TimeoutError
