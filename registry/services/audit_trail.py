"""Audit entries of reads, appended shortly after the answer has gone out.

Appending is a write transaction of its own: on Neo4j, with its lock on the meta node,
it cost the server more than the organisation page that showed the contact persons, and
the next request waited behind it. A read's entries are handed over here and written by
one background task, which gathers what comes in for half a second first, then writes it
in one batch, retried until the store takes it. Whoever reads the audit log, and an
erasure (which must scrub every entry naming the person), first has what is pending
written at once, so in this process the log is never seen without it. A process killed
in the half second between an answer and the write loses that entry.
"""

import asyncio
import contextlib
import logging
from collections.abc import Sequence

from registry.domain.audit import AuditEntry
from registry.domain.errors import StoreUnavailable
from registry.store.base import Store

log = logging.getLogger("registry.audit")

RETRY_SECONDS, RETRY_MAX_SECONDS = 0.1, 30.0
FLUSH_SECONDS = 10.0
GATHER_SECONDS = 0.5


class AuditTrail:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._pending: list[AuditEntry] = []
        self._writing: asyncio.Task[None] | None = None
        self._hurry = asyncio.Event()  # set by flush(): the gathering ends at once

    def later(self, entries: Sequence[AuditEntry]) -> None:
        """Append `entries` soon, in the order given, after those handed over before."""
        self._pending.extend(entries)
        if self._writing is None or self._writing.done():
            self._writing = asyncio.get_running_loop().create_task(self._write())

    async def _write(self) -> None:
        delay = RETRY_SECONDS
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._hurry.wait(), GATHER_SECONDS)
        self._hurry.clear()
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                await self._store.append_audit(batch)
                delay = RETRY_SECONDS
            except Exception:  # any failure: keep the entries and try again
                self._pending[:0] = batch
                log.exception("%d audit entries not written; retrying in %.1f s", len(batch), delay)
                await asyncio.sleep(delay)
                delay = min(2 * delay, RETRY_MAX_SECONDS)

    async def flush(self) -> None:
        """Wait until every entry handed over so far is in the store."""
        writing = self._writing
        if writing is None or writing.done():
            return
        self._hurry.set()
        done, _ = await asyncio.wait({writing}, timeout=FLUSH_SECONDS)
        if not done:
            raise StoreUnavailable(
                f"{len(self._pending)} audit entries are waiting for the store; try again"
            )

    async def close(self) -> None:
        """Flush at shutdown; with the store still away, say what is lost and stop trying,
        so the store can be closed all the same."""
        try:
            await self.flush()
        except StoreUnavailable:
            log.error(
                "%d audit entries not written: the store is away at shutdown", len(self._pending)
            )
            if self._writing is not None:
                self._writing.cancel()
