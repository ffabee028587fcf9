"""The embedded store's search index finds what a scan of every node would, whatever the names
and the text searched for, and stays in step on every path that writes nodes."""

import sqlite3
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slow_marker import examples

from registry.domain.enums import NodeKind
from registry.domain.errors import ValidationFailed
from registry.domain.graph import validate_node
from registry.domain.rules import fold
from registry.store import embedded_sql
from registry.store.embedded import EmbeddedStore
from registry.store.query import NodeQuery, Order
from registry.store.records import NodeRecord, Subgraph

pytestmark = pytest.mark.asyncio(loop_scope="session")

# Norwegian letters, accents, and FTS5's own syntax, which must be taken literally.
LETTERS = "aeilnorsøæåØÆÅéüÉ -\"'*():^+AND OR NEAR0123"
names = st.text(LETTERS, min_size=1, max_size=24).filter(str.strip)
SCAN = "SELECT id FROM nodes WHERE kind = ? AND instr(search, ?) > 0"
QUERIES = ["tromso", "oslo", "ost", "o", "os", 'a"b', "or*", "NEAR", "\0os", "and or"]


def organisation(name: str) -> dict:
    return validate_node(NodeKind.ORGANISATION, {"name": name, "kind": "BUSINESS"})


async def found(store: EmbeddedStore, text: str) -> list[str]:
    """What the store's search finds (through the index, or the scan for short text)."""
    query = NodeQuery(NodeKind.ORGANISATION, search=fold(text))
    return sorted(n.id for n in await store.find_nodes(query, Order()))


async def scanned(store: EmbeddedStore, text: str) -> list[str]:
    """What reading every node's search text finds."""
    rows = await store._read(SCAN, [NodeKind.ORGANISATION.value, fold(text)])
    return sorted(r[0] for r in rows)


async def agrees(store: EmbeddedStore, texts: list[str]) -> None:
    """The index finds what the scan finds, counts alike, and matches the nodes row for row
    (FTS5's integrity check compares it with its content table)."""
    await store._read("INSERT INTO nodes_search (nodes_search, rank) VALUES ('integrity-check', 1)")
    for text in texts:
        expected = await scanned(store, text)
        assert await found(store, text) == expected, text
        count = NodeQuery(NodeKind.ORGANISATION, search=fold(text))
        assert await store.count_nodes(count) == len(expected), text


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), given_names=st.lists(names, min_size=1, max_size=12))
async def test_the_index_finds_what_the_scan_finds(data: st.DataObject, given_names: list[str]):
    store = EmbeddedStore(":memory:")
    await store.open()
    try:
        for name in given_names:
            try:
                await store.create_node(NodeKind.ORGANISATION, organisation(name))
            except ValidationFailed:
                continue
        pieces = [
            data.draw(st.text(LETTERS, max_size=8)),
            *(
                name[start : start + size]
                for name in given_names[:4]
                for start, size in [
                    (data.draw(st.integers(0, len(name))), data.draw(st.integers(1, 8)))
                ]
            ),
        ]
        await agrees(store, pieces)
    finally:
        await store.close()


async def test_tromso_finds_tromso_through_the_index(embedded_store: EmbeddedStore):
    made = await embedded_store.create_node(NodeKind.ORGANISATION, organisation("Tromsø IL"))
    await embedded_store.create_node(NodeKind.ORGANISATION, organisation("Oslo IL"))
    assert await found(embedded_store, "TROMSO") == [made.id]
    assert await found(embedded_store, '"tromso" OR oslo') == []  # FTS5 syntax taken literally


async def test_long_text_is_looked_up_in_the_index(embedded_store: EmbeddedStore):
    for text, uses_index in [("tromso", True), ("tr", False), ("tr\0oms", False)]:
        statement, params = embedded_sql.find_nodes(
            NodeQuery(NodeKind.ORGANISATION, search=text), Order(), 0, 10
        )
        plan = " ".join(
            r[3] for r in await embedded_store._read("EXPLAIN QUERY PLAN " + statement, params)
        )
        assert ("nodes_search" in plan) is uses_index, plan


def node(name: str) -> NodeRecord:
    stamp = "2026-01-01T00:00:00+00:00"
    return NodeRecord(str(uuid.uuid4()), NodeKind.ORGANISATION, organisation(name), 1, stamp, stamp)


async def test_every_write_path_keeps_the_index_in_step(embedded_store: EmbeddedStore):
    store = embedded_store
    oslo = await store.create_node(NodeKind.ORGANISATION, organisation("Oslo Tamilsk Forening"))
    tromso = await store.create_node(NodeKind.ORGANISATION, organisation("Tromsø Kulturhus"))
    await agrees(store, QUERIES)
    await store.update_node(oslo.id, organisation("Ostland Tamilsk"), 1)  # renamed
    await agrees(store, [*QUERIES, "tamilsk", "ostland"])
    assert await found(store, "oslo") == []
    await store.delete_node(tromso.id, 1)
    await agrees(store, QUERIES)
    erased = await store.create_node(NodeKind.ORGANISATION, organisation("Glemt Forening"))
    await store.erase_node(erased.id)
    await agrees(store, [*QUERIES, "glemt"])
    await store.import_graph(Subgraph([node("Bergen Oslo Lag"), node("Tromsø Sør")], []))
    await agrees(store, QUERIES)
    await store.import_stream(iter([Subgraph([node("Strømmet Oslo")], []), Subgraph([], [])]))
    await agrees(store, [*QUERIES, "strommet"])
    assert len(await found(store, "oslo")) == 2
    await store.clear()
    await agrees(store, QUERIES)
    assert await found(store, "oslo") == []


WRITES = ["create", "rename", "delete", "erase", "import", "stream", "clear"]


async def write(store: EmbeddedStore, step: str, name: str) -> None:
    """One write of the kind `step`, on the first organisation where it needs one."""
    [first] = await store.find_nodes(NodeQuery(NodeKind.ORGANISATION), Order(), 0, 1) or [None]
    if step == "create" or (first is None and step in ("rename", "delete", "erase")):
        await store.create_node(NodeKind.ORGANISATION, organisation(name))
    elif step == "rename" and first:
        await store.update_node(first.id, organisation(name), first.version)
    elif step == "delete" and first:
        await store.delete_node(first.id, first.version)
    elif step == "erase" and first:
        await store.erase_node(first.id)
    elif step == "import":
        await store.import_graph(Subgraph([node(name), node(name[::-1])], []))
    elif step == "stream":
        await store.import_stream(iter([Subgraph([node(name)], []), Subgraph([node(name)], [])]))
    elif step == "clear":
        await store.clear()


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.sampled_from(WRITES), names), min_size=1, max_size=10))
async def test_any_sequence_of_writes_keeps_the_index_in_step(steps: list[tuple[str, str]]):
    store = EmbeddedStore(":memory:")
    await store.open()
    try:
        for step, name in steps:
            try:
                await write(store, step, name)
            except ValidationFailed:
                continue
        await agrees(store, [*QUERIES, *(name[1:5] for _, name in steps)])
    finally:
        await store.close()


async def test_an_older_file_is_indexed_when_opened(tmp_path: Path):
    path = tmp_path / "registry.sqlite3"
    store = EmbeddedStore(path)
    await store.open()
    made = await store.create_node(NodeKind.ORGANISATION, organisation("Tromsø Kvinnegruppe"))
    await store.close()
    with sqlite3.connect(path) as db:  # as a file from before the index would be
        db.executescript(
            "DROP TRIGGER nodes_search_add; DROP TRIGGER nodes_search_remove;"
            " DROP TRIGGER nodes_search_change; DROP TABLE nodes_search; DROP TABLE search_added;"
        )
    store = EmbeddedStore(path)
    await store.open()
    try:
        assert await found(store, "tromso") == [made.id]
        await agrees(store, QUERIES)
    finally:
        await store.close()
