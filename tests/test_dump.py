"""The dump format: round trips, and refusal of files that are not dumps."""

import json

import pytest

from registry.domain.errors import ValidationFailed
from registry.services import dump
from registry.services.seeding import DEMO_DIR, load_seed_graph
from registry.store.base import Store


@pytest.mark.asyncio(loop_scope="session")
async def test_demo_round_trips_through_a_store(store: Store):
    demo = load_seed_graph(DEMO_DIR)
    text = dump.to_json(demo)
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
    embedded_store, empty_neo4j_store
):
    await embedded_store.import_graph(load_seed_graph(DEMO_DIR))
    first = dump.to_json(await embedded_store.snapshot())
    await empty_neo4j_store.import_graph(dump.from_json(first))
    assert dump.to_json(await empty_neo4j_store.snapshot()) == first
