"""Entries handed to the trail reach the store in order, survive a store that refuses for a
while, and whoever waits for them is told when the store stays away."""

import asyncio
import time
from pathlib import Path

import pytest

from registry.domain.audit import AuditEntry
from registry.domain.errors import StoreUnavailable
from registry.services import audit_trail
from registry.services.audit_trail import AuditTrail
from registry.store.embedded import EmbeddedStore
from registry.store.query import AuditQuery


class Refusing(EmbeddedStore):
    """A real embedded store whose audit appends fail until `refusals` is used up."""

    refusals = 0

    async def append_audit(self, entries):
        if self.refusals:
            self.refusals -= 1
            raise OSError("disk full")
        await super().append_audit(entries)


@pytest.fixture
async def store(tmp_path: Path):
    store = Refusing(tmp_path / "trail.sqlite3")
    await store.open()
    yield store
    await store.close()


def entry(n: int) -> AuditEntry:
    return AuditEntry(f"2026-12-05T10:00:{n:02d}+00:00", "reader", "read:personal-data", (f"p{n}",))


async def actions(store) -> list[tuple[str, ...]]:
    return [e.targets for e in reversed(await store.find_audit(AuditQuery()))]


async def test_entries_are_written_in_the_order_handed_over(store):
    trail = AuditTrail(store)
    trail.later([entry(1), entry(2)])
    trail.later([entry(3)])
    await trail.flush()
    assert await actions(store) == [("p1",), ("p2",), ("p3",)]
    await trail.flush()  # nothing pending: returns at once


async def test_entries_of_reads_close_together_are_one_write(store, monkeypatch):
    writes: list[int] = []
    real = store.append_audit

    async def counting(entries):
        writes.append(len(entries))
        await real(entries)

    monkeypatch.setattr(store, "append_audit", counting)
    trail = AuditTrail(store)
    for n in range(5):
        trail.later([entry(n)])
        await asyncio.sleep(0.01)  # requests a few milliseconds apart
    started = time.monotonic()
    await trail.flush()
    assert time.monotonic() - started < audit_trail.GATHER_SECONDS / 2  # flushing cuts it short
    assert writes == [5]


async def test_unflushed_entries_are_written_after_the_gathering(store):
    trail = AuditTrail(store)
    trail.later([entry(1)])
    assert await actions(store) == []
    await asyncio.sleep(audit_trail.GATHER_SECONDS + 0.2)
    assert await actions(store) == [("p1",)]


async def test_a_refusing_store_gets_the_entries_once_it_takes_them(store, monkeypatch):
    monkeypatch.setattr(audit_trail, "RETRY_SECONDS", 0.01)
    store.refusals = 3
    trail = AuditTrail(store)
    trail.later([entry(1)])
    trail.later([entry(2)])
    await trail.flush()
    assert await actions(store) == [("p1",), ("p2",)]


async def test_waiting_on_a_store_that_stays_away_is_refused_with_a_code(store, monkeypatch):
    monkeypatch.setattr(audit_trail, "RETRY_SECONDS", 0.01)
    monkeypatch.setattr(audit_trail, "FLUSH_SECONDS", 0.1)
    store.refusals = 10**6
    trail = AuditTrail(store)
    trail.later([entry(1)])
    with pytest.raises(StoreUnavailable) as refused:
        await trail.flush()
    assert refused.value.code == "UNAVAILABLE" and "1 audit entries" in refused.value.message
    store.refusals = 0
    monkeypatch.setattr(audit_trail, "FLUSH_SECONDS", 10.0)
    await trail.flush()
    assert await actions(store) == [("p1",)]


async def test_a_shutdown_with_the_store_away_says_what_it_lost_and_still_closes(
    tmp_path, monkeypatch, caplog
):
    from registry.app import create_app
    from registry.settings import Settings

    monkeypatch.setattr(audit_trail, "RETRY_SECONDS", 0.01)
    monkeypatch.setattr(audit_trail, "FLUSH_SECONDS", 0.1)
    store = Refusing(tmp_path / "shutdown.sqlite3")
    app = create_app(store, Settings(data_dir=tmp_path))
    async with app.router.lifespan_context(app):
        store.refusals = 10**6
        app.state.audit_trail.later([entry(1)])
    assert "1 audit entries" in caplog.text and "not written" in caplog.text
    with pytest.raises(Exception, match="not open"):  # the store was closed all the same
        await store.find_audit(AuditQuery())
