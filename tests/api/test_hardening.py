"""Hostile and oversized input ends in clear errors, never a 500 and never a changed store."""

import asyncio
import unicodedata

import pytest

from registry.app import create_app
from registry.domain.accounts import Role
from registry.settings import Settings
from registry.store.base import Store

pytestmark = pytest.mark.asyncio(loop_scope="session")

INJECTIONS = [
    "'; DROP TABLE nodes; --",
    '" OR 1=1 --',
    "x') RETURN n //",
    "}) MATCH (n) DETACH DELETE n //",
    "$where: {}",
    "\\u0000",
    "a\u0000b",
    "e\u0301\u0301\u0301\u0301",  # combining marks
    "\u202eevil\u202c",  # right-to-left override
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🏳️‍🌈",
    "x" * 100_000,
]


async def test_injection_and_odd_text_in_every_string_argument(client, store: Store):
    snapshot = await store.snapshot()
    for text in INJECTIONS:
        reads = {
            "query": """query($t: String!, $id: ID!) {
              organisations(filter: {search: $t}) { totalCount }
              people(filter: {search: $t, languages: [$t]}) { totalCount }
              communities(filter: {search: $t}) { totalCount }
              node(id: $id) { id }
              neighbourhood(ids: [$id]) { nodes { id } }
            }""",
            "variables": {"t": text, "id": text},
        }
        response = await client.post("/graphql", json=reads)
        assert response.status_code in (200, 413), response.text
        if response.status_code == 200:
            body = response.json()
            assert "errors" not in body, body["errors"]
            assert body["data"]["organisations"]["totalCount"] == 0
        write = {
            "query": "mutation($t: String!) { createTopic(input: {name: $t}) { id } }",
            "variables": {"t": text},
        }
        response = await client.post("/graphql", json=write)
        assert response.status_code in (200, 413)
    made = await store.snapshot()
    # Names without control characters and within 200 letters were written (as NFC), as
    # plain text; nothing else changed.
    written = sorted(n.props["name"] for n in made.nodes)
    storable = [t for t in INJECTIONS if "\x00" not in t and len(t) <= 200]
    assert written == sorted(unicodedata.normalize("NFC", t) for t in storable)
    assert not snapshot.nodes


async def test_limits_on_depth_aliases_and_cost(client):
    deep = '{ organisation(id: "x") { partOf { partOf { partOf { partOf { partOf { partOf { partOf { partOf { partOf { partOf { partOf { partOf { name } } } } } } } } } } } } } }'
    aliases = "{ " + " ".join(f"a{i}: organisations {{ totalCount }}" for i in range(40)) + " }"
    costly = "{ organisations(first: 500) { edges { node { partners { partners { partners { name } } } } } } }"
    for document, words in [(deep, "exceeds maximum operation depth"), (aliases, "aliases"),
                            (costly, "too costly")]:  # fmt: skip
        response = await client.post("/graphql", json={"query": document})
        assert response.status_code == 200
        message = response.json()["errors"][0]["message"]
        assert words in message, message


async def test_page_size_and_batches(client):
    body = (
        await client.post(
            "/graphql", json={"query": "{ organisations(first: 100000) { totalCount } }"}
        )
    ).json()
    assert body["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "first"}
    batch = [{"query": "{ __typename }"}] * 3
    response = await client.post("/graphql", json=batch)
    assert response.status_code == 400


async def test_body_limits(client):
    huge = {"query": "{ __typename }", "variables": {"x": "y" * 300_000}}
    assert (await client.post("/graphql", json=huge)).status_code == 413

    async def chunks():
        yield b'{"query": "{ __typename }"}'

    unknown_length = await client.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert unknown_length.status_code == 411


async def test_security_headers_and_closed_cors(client):
    response = await client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_introspection_only_for_signed_in_callers(connect):
    anonymous, viewer = await connect(None), await connect(Role.VIEWER)
    query = {"query": "{ __schema { queryType { name } } }"}
    assert (await anonymous.post("/graphql", json=query)).status_code == 401
    assert (await viewer.post("/graphql", json=query)).json()["data"]["__schema"]["queryType"][
        "name"
    ] == "Query"


async def test_rate_limit_per_token(store: Store, settings: Settings):
    import httpx
    from conftest import token_for

    limited = settings.model_copy(update={"rate_limit_per_minute": 5})
    token = await token_for(store, Role.VIEWER)
    transport = httpx.ASGITransport(app=create_app(store, limited))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://t", headers={"Authorization": f"Bearer {token}"}
    ) as c:
        codes = [
            (await c.post("/graphql", json={"query": "{ __typename }"})).status_code
            for _ in range(7)
        ]
    assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]


async def test_two_editors_update_at_once_one_wins(connect, store: Store):
    first, second = await connect(Role.EDITOR), await connect(Role.EDITOR)
    made = (
        await first.post(
            "/graphql",
            json={
                "query": 'mutation { createOrganisation(input: {name: "Felles", kind: BUSINESS}) { id } }'
            },
        )
    ).json()
    org_id = made["data"]["createOrganisation"]["id"]
    update = "mutation($id: ID!, $city: String!) { updateOrganisation(id: $id, expectedVersion: 1, patch: {city: $city}) { city version } }"
    answers = await asyncio.gather(
        first.post("/graphql", json={"query": update, "variables": {"id": org_id, "city": "Oslo"}}),
        second.post(
            "/graphql", json={"query": update, "variables": {"id": org_id, "city": "Bergen"}}
        ),
    )
    bodies = [a.json() for a in answers]
    won = [b for b in bodies if "errors" not in b]
    lost = [b for b in bodies if "errors" in b]
    assert len(won) == 1 and len(lost) == 1
    assert lost[0]["errors"][0]["extensions"] == {"code": "CONFLICT", "field": "expectedVersion"}
    [now] = await store.get_nodes([org_id])
    assert now.version == 2 and now.props["city"] == won[0]["data"]["updateOrganisation"]["city"]
