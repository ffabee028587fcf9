"""The dump format: round trips, and refusal of files that are not dumps."""

import json
import sqlite3
from contextlib import closing
from dataclasses import asdict, replace
from pathlib import Path

import pytest
from conftest import neo4j_settings
from generated_dump import write_dump
from neo4j import GraphDatabase

from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import Conflict, ValidationFailed
from registry.services import dump
from registry.store import cypher_load
from registry.store.base import Store
from registry.store.query import EdgeQuery, NodeQuery
from registry.store.records import EdgeRecord, NodeRecord, Subgraph


@pytest.mark.asyncio(loop_scope="session")
async def test_demo_round_trips_through_a_store(store: Store, demo_graph: Subgraph):
    text = dump.to_json(demo_graph)
    await store.import_graph(dump.from_json(text))
    assert dump.to_json(await store.snapshot()) == text


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps({"format": "something-else", "version": 1, "nodes": [], "edges": []}),
        json.dumps({"format": dump.FORMAT, "version": 99, "nodes": [], "edges": []}),
        json.dumps({"format": dump.FORMAT, "version": 1, "nodes": [{"id": "x"}], "edges": []}),
    ],
)
def test_bad_dumps_are_refused(body: str):
    with pytest.raises(ValidationFailed):
        dump.from_json(body)


def test_invalid_props_in_a_dump_are_refused_with_the_field():
    node = {"id": "a", "kind": "Organisation", "version": 1, "created_at": "", "updated_at": "",
            "props": {"name": "X", "kind": "BUSINESS", "org_number": "974760674"}}  # fmt: skip
    body = json.dumps({"format": dump.FORMAT, "version": 1, "nodes": [node], "edges": []})
    with pytest.raises(ValidationFailed) as exc:
        dump.from_json(body, "backup.json")
    assert exc.value.field == "orgNumber" and exc.value.message.startswith("backup.json:")


@pytest.mark.neo4j
@pytest.mark.asyncio(loop_scope="session")
async def test_embedded_dump_restored_into_neo4j_dumps_identically(
    embedded_store, empty_neo4j_store, demo_graph
):
    await embedded_store.import_graph(demo_graph)
    first = dump.to_json(await embedded_store.snapshot())
    await empty_neo4j_store.import_graph(dump.from_json(first))
    assert dump.to_json(await empty_neo4j_store.snapshot()) == first


def _write(path: Path, nodes: list[NodeRecord], edges: list[EdgeRecord]) -> Path:
    """A dump of these records in this order (to_json would sort them by id)."""
    body = {"format": dump.FORMAT, "version": dump.VERSION}
    body |= {"nodes": [asdict(n) for n in nodes], "edges": [asdict(e) for e in edges]}
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.asyncio(loop_scope="session")
async def test_a_dump_restores_batch_by_batch_with_progress(
    store: Store, tmp_path: Path, demo_graph: Subgraph
):
    demo = demo_graph
    source = dump.DumpFile(_write(tmp_path / "demo.json", demo.nodes, demo.edges), batch=50)
    told: list[int] = []
    source.progress = told.append
    await dump.restore(store, source)
    assert dump.to_json(await store.snapshot()) == dump.to_json(demo)
    assert (source.nodes, source.edges) == (len(demo.nodes), len(demo.edges))
    assert len(told) > len(demo.edges) // 50 and 0 < sum(told) <= source.size


def _split(demo: Subgraph) -> tuple[Subgraph, list[NodeRecord], list[EdgeRecord]]:
    """What a store holds before an import, and the nodes and ties that add the rest of the
    demo, with one tie between two nodes the store holds already."""
    held = {n.id for n in demo.nodes[: len(demo.nodes) // 2]}
    inside = [e for e in demo.edges if e.from_id in held and e.to_id in held]
    before = Subgraph([n for n in demo.nodes if n.id in held], inside[1:])
    edges = [inside[0], *(e for e in demo.edges if e.from_id not in held or e.to_id not in held)]
    return before, [n for n in demo.nodes if n.id not in held], edges


def _batches(nodes: list[NodeRecord], edges: list[EdgeRecord], taken: list[int]):
    """Batches of 40 records, nodes first; `taken` counts those handed out."""
    for records, wrap in ((nodes, lambda b: Subgraph(b, [])), (edges, lambda b: Subgraph([], b))):
        for start in range(0, len(records), 40):
            taken.append(1)
            yield wrap(records[start : start + 40])


def _records(sub: Subgraph) -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """What a dump of `sub` holds, in a dump's order, without writing it."""
    return sorted(sub.nodes, key=lambda n: n.id), sorted(sub.edges, key=lambda e: e.id)


@pytest.mark.parametrize("clash", ["node id", "same tie twice", "edge id", "tie held", "no end"])
@pytest.mark.asyncio(loop_scope="session")
async def test_a_stream_that_fails_late_leaves_the_store_as_it_was(
    store: Store, clash: str, demo_graph: Subgraph
):
    before, nodes, edges = _split(demo_graph)
    await store.import_graph(before)
    held = _records(await store.snapshot())
    last, taken = edges[-1], before.edges[0]
    if clash == "node id":
        nodes.append(replace(nodes[-1], id=before.nodes[0].id))
    elif clash == "same tie twice":
        edges.append(replace(last, id="another"))
    elif clash == "edge id":
        edges.append(replace(taken, from_id=taken.to_id, to_id=taken.from_id))
    elif clash == "tie held":
        edges.append(replace(taken, id="another"))
    else:
        edges.append(replace(last, id="another", to_id=nodes[0].id, from_id="nowhere"))
    handed: list[int] = []
    with pytest.raises(Conflict):
        await store.import_stream(_batches(nodes, edges, handed))
    assert len(handed) > 2  # it failed after batches had gone in
    assert _records(await store.snapshot()) == held


@pytest.mark.neo4j
@pytest.mark.asyncio(loop_scope="session")
async def test_a_20000_organisation_dump_restores_into_neo4j(empty_neo4j_store, tmp_path):
    """In CI the server has a 512 MiB heap: a restore must stream, not fill it."""
    write_dump(tmp_path / "big.json", organisations=20_000, ties=60_000)
    source = dump.DumpFile(tmp_path / "big.json")
    await dump.restore(empty_neo4j_store, source)
    assert (source.nodes, source.edges) == (20_029, 60_000)
    organisations = NodeQuery(NodeKind.ORGANISATION)
    assert await empty_neo4j_store.count_nodes(organisations) == 20_000
    assert await empty_neo4j_store.count_edges(EdgeQuery(tuple(EdgeType))) == 60_000


def _indexes(store: Store, path: Path) -> list[tuple[str, str]]:
    """The store's indexes: as sqlite_master has them, or as Neo4j lists them (a load into
    an empty store drops some and builds them again)."""
    if store.name == "embedded":
        with closing(sqlite3.connect(path)) as conn:
            return sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"))
    settings = neo4j_settings()
    auth = (settings.user, settings.password.get_secret_value())
    with GraphDatabase.driver(settings.uri, auth=auth) as driver:
        found = driver.execute_query(
            "SHOW INDEXES YIELD name, type, state", database_=settings.database
        ).records
    return sorted((r["name"], f"{r['type']} {r['state']}") for r in found)


def _spoil(path: Path, how: str) -> None:
    """The dump's last record made bad: empty, or cut off half-way as by a full disk."""
    text = path.read_text(encoding="utf-8")
    last = text.rindex('{"id"')
    if how == "empty record":
        path.write_text(text[:last] + "{}]}", encoding="utf-8")
    else:
        path.write_text(text[: last + (len(text) - last) // 2], encoding="utf-8")


@pytest.mark.parametrize("how", ["empty record", "half-written"])
@pytest.mark.parametrize("held", ["empty store", "store holding half"])
@pytest.mark.asyncio(loop_scope="session")
async def test_a_dump_whose_last_record_is_bad_changes_nothing(
    store: Store, tmp_path: Path, how: str, held: str, demo_graph: Subgraph
):
    demo = demo_graph
    nodes, edges = demo.nodes, demo.edges
    if held != "empty store":  # the store holds one half, the dump is the other
        half = len(nodes) // 2
        held_ids = {n.id for n in nodes[half:]}
        inside = [e for e in edges if e.from_id in held_ids and e.to_id in held_ids]
        await store.import_graph(Subgraph(nodes[half:], inside))
        nodes = nodes[:half]
        edges = [e for e in edges if e.from_id not in held_ids and e.to_id not in held_ids]
    snapshot = dump.to_json(await store.snapshot())
    indexes = _indexes(store, tmp_path / "registry.sqlite3")
    path = _write(tmp_path / "bad.json", nodes, edges)
    _spoil(path, how)
    source = dump.DumpFile(path, batch=40)
    with pytest.raises(ValidationFailed):
        await dump.restore(store, source)
    assert source.nodes + source.edges > 40  # batches had gone in before it failed
    assert dump.to_json(await store.snapshot()) == snapshot
    assert _indexes(store, tmp_path / "registry.sqlite3") == indexes


@pytest.mark.asyncio(loop_scope="session")
async def test_a_restore_into_an_empty_store_rebuilds_its_indexes(
    store: Store, tmp_path: Path, demo_graph: Subgraph
):
    indexes = _indexes(store, tmp_path / "registry.sqlite3")
    dropped = {"nodes_kind_sort", "edges_from", "edges_to", "entity_search", "organisation_search"}
    assert len(dropped & {name for name, _ in indexes}) >= 2
    demo = demo_graph
    source = dump.DumpFile(_write(tmp_path / "demo.json", demo.nodes, demo.edges), batch=40)
    await dump.restore(store, source)
    assert _indexes(store, tmp_path / "registry.sqlite3") == indexes
    assert dump.to_json(await store.snapshot()) == dump.to_json(demo)
    if store.name != "embedded":
        return
    with closing(sqlite3.connect(tmp_path / "registry.sqlite3")) as conn:
        plan = conn.execute("EXPLAIN QUERY PLAN SELECT id FROM edges WHERE to_id = 'x'")
        assert "edges_to" in " ".join(str(step) for step in plan)


def _operators(plan: dict) -> list[str]:
    return [plan["operatorType"].split("@")[0]] + [
        name for child in plan.get("children", []) for name in _operators(child)
    ]


@pytest.mark.neo4j
def test_the_neo4j_import_statements_plan_no_eager():
    """An Eager operator holds every row of a batch before writing the first."""
    settings = neo4j_settings()
    auth = (settings.user, settings.password.get_secret_value())
    statements = [cypher_load.import_nodes(kind)[1] for kind in NodeKind]
    statements += [cypher_load.import_edges(edge_type)[1] for edge_type in EdgeType]
    with GraphDatabase.driver(settings.uri, auth=auth) as driver:
        for statement in statements:
            summary = driver.execute_query(
                "EXPLAIN " + statement.text, rows=[], marker=None, database_=settings.database
            ).summary
            assert "Eager" not in _operators(summary.plan), statement.text
