"""No N+1: a page of organisations with contacts and communities costs a fixed number of calls."""

from collections import Counter

import httpx
import pytest

from registry.app import create_app
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.graph import validate_node
from registry.store.base import NewEdge, Store
from registry.store.instrumented import InstrumentedStore

pytestmark = pytest.mark.asyncio(loop_scope="session")

PAGE = """{ organisations(first: 50) { totalCount edges { node {
  name contacts { name email } communities { name } areas { name } } } } }"""


async def populate(store: Store, organisations: int) -> None:
    community = validate_node(NodeKind.COMMUNITY, {"name": "Tamiler", "dimension": "ORIGIN"})
    com = await store.create_node(NodeKind.COMMUNITY, community)
    for i in range(organisations):
        org = await store.create_node(
            NodeKind.ORGANISATION,
            validate_node(NodeKind.ORGANISATION, {"name": f"Org {i:03}", "kind": "BUSINESS"}),
        )
        await store.create_edge(NewEdge(EdgeType.REPRESENTS, org.id, com.id))
        for j in range(2):
            person = validate_node(NodeKind.PERSON, {"name": f"Kontakt {i}-{j}"})
            await store.create_node(
                NodeKind.PERSON, person, [NewEdge(EdgeType.CONTACT_FOR, "@new", org.id)]
            )


async def calls_for_page(store: Store) -> Counter[str]:
    counting = InstrumentedStore(store)
    transport = httpx.ASGITransport(app=create_app(counting))  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://registry.test") as http:
        body = (await http.post("/graphql", json={"query": PAGE})).json()
    assert "errors" not in body
    return counting.calls


async def test_store_calls_do_not_grow_with_the_page(store: Store):
    await populate(store, 5)
    small = await calls_for_page(store)
    await populate(store, 55)
    large = await calls_for_page(store)
    # find + count, one edge batch per relationship (contacts, represents, serves, areas)
    # and node batches that the loader may merge across fields: never more than 8.
    assert sum(small.values()) <= 8 and sum(large.values()) <= 8
    assert large["find_edges"] == small["find_edges"] == 4
