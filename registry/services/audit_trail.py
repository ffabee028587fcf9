"""Audit entries of reads, appended just after the answer has gone out.

Appending is a write transaction of its own, a quarter of an organisation page's time on
Neo4j when the page shows contact persons. A read's entries are handed over here and
written by one background task, in batches, retried until the store takes them. Whoever
reads the audit log, and an erasure (which must scrub every entry naming the person),
first waits for what is pending, so in this process the log is never seen without them.
A process killed in the milliseconds between an answer and its write loses that entry.
"""

import asyncio
import logging
from collections.abc import Sequence

from registry.domain.audit import AuditEntry
from registry.domain.errors import StoreUnavailable
from registry.store.base import Store

log = logging.getLogger("registry.audit")

RETRY_SECONDS, RETRY_MAX_SECONDS = 0.1, 30.0
FLUSH_SECONDS = 10.0


class AuditTrail:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._pending: list[AuditEntry] = []
        self._writing: asyncio.Task[None] | None = None

    def later(self, entries: Sequence[AuditEntry]) -> None:
        """Append `entries` soon, in the order given, after those handed over before."""
        self._pending.extend(entries)
        if self._writing is None or self._writing.done():
            self._writing = asyncio.get_running_loop().create_task(self._write())

    async def _write(self) -> None:
        delay = RETRY_SECONDS
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
