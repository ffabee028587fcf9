"""What only the embedded store promises: durability on disk, WAL mode, foreign keys, and\nrules run to their end on its one thread."""

import asyncio
from pathlib import Path

import pytest

from registry.domain.enums import NodeKind
from registry.domain.graph import validate_node
from registry.store.embedded import EmbeddedStore
from registry.store.embedded_tx import run_to_end

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_data_survives_a_restart(tmp_path: Path):
    path = tmp_path / "data" / "registry.sqlite3"
    first = EmbeddedStore(path)
    await first.open()
    made = await first.create_node(NodeKind.TOPIC, validate_node(NodeKind.TOPIC, {"name": "Bolig"}))
    version = await first.version()
    await first.close()

    second = EmbeddedStore(path)
    await second.open()
    assert await second.get_nodes([made.id]) == [made]
    assert await second.version() == version
    await second.close()


async def test_wal_and_foreign_keys_are_on(tmp_path: Path):
    store = EmbeddedStore(tmp_path / "registry.sqlite3")
    await store.open()
    assert await store._read("PRAGMA journal_mode") == [("wal",)]
    assert await store._read("PRAGMA foreign_keys") == [(1,)]
    await store.close()


async def test_closed_store_says_so(tmp_path: Path):
    store = EmbeddedStore(tmp_path / "registry.sqlite3")
    with pytest.raises(RuntimeError, match="not open"):
        await store.ping()


async def test_erased_person_leaves_no_bytes_in_the_files(tmp_path: Path):
    path = tmp_path / "registry.sqlite3"
    store = EmbeddedStore(path)
    await store.open()
    props = validate_node(NodeKind.PERSON, {"name": "Unik Slettesen", "email": "unik@example.org"})
    person = await store.create_node(NodeKind.PERSON, props)
    await store.erase_node(person.id)
    await store.close()
    files = {f.name: f.read_bytes() for f in sorted(tmp_path.iterdir())}  # noqa: ASYNC240
    for name, data in files.items():
        assert b"Unik Slettesen" not in data and b"unik@example.org" not in data, name


async def test_a_rule_that_waits_on_the_event_loop_is_stopped():
    """The shared rules run on the SQLite thread, where nothing they wait for would come."""

    async def waits() -> None:
        await asyncio.sleep(0)

    with pytest.raises(RuntimeError, match="waited on something besides"):
        run_to_end(waits())
