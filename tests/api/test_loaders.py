"""No N+1: a page of organisations with contacts and communities costs a fixed number of calls."""

import gc
import uuid
from collections import Counter

import httpx
import pytest
from conftest import token_for
from test_auth import PASSWORD, browser, sign_in

from registry.api import access
from registry.api.access import refusal, required_role
from registry.app import create_app
from registry.domain.accounts import Role
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.graph import validate_node
from registry.services import accounts
from registry.settings import Settings
from registry.store.base import NewEdge, Store
from registry.store.instrumented import InstrumentedStore
from registry.store.records import EdgeRecord, NodeRecord

pytestmark = pytest.mark.asyncio(loop_scope="session")

JSON = {"Accept": "application/json"}
GRAPH_READS = {"find_page", "find_nodes", "count_nodes", "find_edges", "get_nodes", "get_edges"}
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


async def calls_for_page(store: Store, settings: Settings) -> Counter[str]:
    """The graph reads one page costs (signing in and auditing are counted apart)."""
    headers = {"Authorization": f"Bearer {await token_for(store, Role.ADMIN)}"}
    counting = InstrumentedStore(store)
    transport = httpx.ASGITransport(app=create_app(counting, settings))  # type: ignore[arg-type]
    async with httpx.AsyncClient(
        transport=transport, base_url="http://registry.test", headers=headers
    ) as http:
        body = (await http.post("/graphql", json={"query": PAGE})).json()
    assert "errors" not in body
    return Counter({k: v for k, v in counting.calls.items() if k in GRAPH_READS})


async def test_store_calls_do_not_grow_with_the_page(store: Store, settings: Settings):
    await populate(store, 5)
    small = await calls_for_page(store, settings)
    await populate(store, 55)
    large = await calls_for_page(store, settings)
    # The page reads its contacts, communities and areas ahead: its relationship fields
    # find what they need in the loaders and ask the store nothing more.
    assert small == large == {"find_page": 1}


async def read_transactions(store: Store, settings: Settings, queries: list[str]) -> list[int]:
    """The read transactions each request costs, signing in included, one app and one token
    for them all; on a store that has no transactions to count (embedded) the times a request
    entered a shared read."""
    headers = {"Authorization": f"Bearer {await token_for(store, Role.ADMIN)}"}
    counting = InstrumentedStore(store)
    transport = httpx.ASGITransport(app=create_app(counting, settings))  # type: ignore[arg-type]
    transactions = getattr(store, "transactions", counting.calls)
    count = "read" if hasattr(store, "transactions") else "reading"
    costs = []
    async with httpx.AsyncClient(
        transport=transport, base_url="http://registry.test", headers=headers
    ) as http:
        for query in queries:
            before = transactions[count]
            body = (await http.post("/graphql", json={"query": query})).json()
            assert "errors" not in body
            costs.append(transactions[count] - before)
    return costs


async def test_a_page_reads_the_store_in_one_transaction(store: Store, settings: Settings):
    """Every loader batch of the page shares the request's one read transaction, and the
    token's look-up is cached after the first request (which reads the token and its account
    in a transaction of their own): a page costs one read transaction however many
    organisations it shows."""
    await populate(store, 5)
    [first, small] = await read_transactions(store, settings, [PAGE, PAGE])
    await populate(store, 45)
    [nothing, large] = await read_transactions(store, settings, ["{ __typename }", PAGE])
    assert first == nothing == 2 and small == large == 1


async def test_access_is_decided_once_per_field_not_per_value(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
):
    """The role table is consulted once per field of the page, however many values."""
    consulted: list[tuple[str, str]] = []

    def counted(type_name: str, field_name: str) -> Role | None:
        consulted.append((type_name, field_name))
        return required_role(type_name, field_name)

    monkeypatch.setattr(access, "required_role", counted)
    sizes = []
    for organisations in (5, 45):
        await populate(store, organisations)
        refusal.cache_clear()
        consulted.clear()
        await read_transactions(store, settings, [PAGE])
        sizes.append(len(consulted))
    assert sizes[0] == sizes[1] == len(set(consulted))


async def test_a_signed_in_page_reads_session_and_account_in_one_transaction(
    store: Store, settings: Settings
):
    """A browser's page: one read transaction for the session and its account, one for the
    page, however many organisations it shows."""
    counting = InstrumentedStore(store)
    transactions = getattr(store, "transactions", counting.calls)
    count = "read" if hasattr(store, "transactions") else "reading"
    account, _ = await accounts.create_account(
        store, f"s.{uuid.uuid4().hex[:12]}", Role.ADMIN, password=PASSWORD
    )
    costs = []
    async with browser(counting, settings) as client:  # type: ignore[arg-type]
        assert (await sign_in(client, account.username, PASSWORD)).status_code == 303
        for organisations in (5, 45):
            await populate(store, organisations)
            before = transactions[count]
            page = await client.get("/graphql", params={"query": PAGE}, headers=JSON)
            assert page.status_code == 200 and "errors" not in page.json()
            costs.append(transactions[count] - before)
    assert costs == [2, 2]


def records_in(objects: list) -> int:
    return sum(1 for o in objects if isinstance(o, NodeRecord | EdgeRecord))


async def test_an_answered_page_leaves_nothing_to_the_cyclic_collector(store: Store, connect):
    """The request's objects refer to each other in cycles (strawberry's and starlette's): what
    hangs from them would live until the collector's next full pass, which paused one page in
    twenty for 10 ms and more at 10,000 organisations."""
    await populate(store, 20)
    http = await connect(Role.CONTACT_VIEWER)
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            assert "errors" not in (await http.post("/graphql", json={"query": PAGE})).json()
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        left = records_in(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert left == 0, f"{left} records of three pages of 61 left to the collector"
