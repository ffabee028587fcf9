"""Documents, years and analyses that would pin the server are refused at the edge."""

import datetime

import httpx
import pytest

from registry.domain.accounts import Role
from registry.store.base import Store

pytestmark = pytest.mark.asyncio(loop_scope="session")


def fragment_bomb(levels: int, on: str = "Query", root: str = "{ ...F%d }") -> str:
    """`F1` asks for one field, each `Fk` spreads `F(k-1)` twice: 2^(levels-1) fields."""
    fragments = [f"fragment F1 on {on} {{ __typename }}"]
    fragments += [
        f"fragment F{k} on {on} {{ ...F{k - 1} ...F{k - 1} }}" for k in range(2, levels + 1)
    ]
    return root % levels + "\n" + "\n".join(fragments)


async def test_fragment_bombs_are_refused_without_expanding_them(live):
    # Expanded, 40 levels is 2^39 fields: a validator that expands fragments never answers,
    # and the client gives up. Counted once per fragment, the refusal is immediate.
    async with httpx.AsyncClient(base_url=live.url, headers=live.auth, timeout=30) as http:
        for document in (
            fragment_bomb(40),
            fragment_bomb(40, "__Schema", "{ __schema { ...F%d } }"),
            fragment_bomb(40, "Organisation", '{ organisation(id: "x") { ...F%d } }'),
        ):
            assert len(document) < 2000  # the 20 levels: 780 bytes
            response = await http.post("/graphql", json={"query": document})
            assert response.status_code == 200, response.text
            [error] = response.json()["errors"]
            assert error["extensions"]["code"] == "TOO_COSTLY", error


async def test_shared_fragments_still_count_every_use(connect):
    viewer = await connect(Role.VIEWER)
    small = (await viewer.post("/graphql", json={"query": fragment_bomb(5)})).json()
    assert small["data"] == {"__typename": "Query"}  # 16 fields under one name: 120 pairs
    aliased = """{ ...F5 }
      fragment F1 on Query { a: __typename b: __typename }
      fragment F2 on Query { ...F1 ...F1 } fragment F3 on Query { ...F2 ...F2 }
      fragment F4 on Query { ...F3 ...F3 } fragment F5 on Query { ...F4 ...F4 }"""
    [error] = (await viewer.post("/graphql", json={"query": aliased})).json()["errors"]
    assert error["extensions"]["code"] == "TOO_MANY_ALIASES" and "32 aliases" in error["message"]
    deep = """{ ...A }
      fragment A on Query { organisation(id: "x") { partOf { partOf { partOf { ...B } } } } }
      fragment B on Organisation { partOf { partOf { partOf { partOf { partOf { ...C } } } } } }
      fragment C on Organisation { partOf { partOf { partOf { partOf { partOf { id } } } } } }"""
    [error] = (await viewer.post("/graphql", json={"query": deep})).json()["errors"]
    assert error["extensions"]["code"] == "TOO_DEEP", error


async def test_fields_repeated_under_one_name_are_refused_before_comparing_them(connect):
    viewer = await connect(Role.VIEWER)
    nodes = " ".join(f'node(id: "{i}") {{ id }}' for i in range(60))  # 1770 pairs
    fragments = " ".join(
        f'fragment N{i} on Query {{ node(id: "{i}") {{ id }} }}' for i in range(60)
    )
    spread = " ".join(f"...N{i}" for i in range(60))
    for document in (f"{{ {nodes} }}", f"{{ {spread} }} {fragments}", fragment_bomb(10)):
        [error] = (await viewer.post("/graphql", json={"query": document})).json()["errors"]
        assert error["extensions"]["code"] == "TOO_REPETITIVE", error


async def test_a_long_chain_of_fragments_is_refused(connect):
    viewer = await connect(Role.VIEWER)
    chain = " ".join(f"fragment F{k} on Query {{ ...F{k - 1} }}" for k in range(2, 451))
    document = f"{{ ...F450 }} fragment F1 on Query {{ __typename }} {chain}"
    response = await viewer.post("/graphql", json={"query": document})
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "TOO_DEEP", error


async def test_cyclic_fragments_are_refused_by_validation(connect):
    viewer = await connect(Role.VIEWER)
    cycle = "{ ...A } fragment A on Query { ...B } fragment B on Query { __typename ...A }"
    response = await viewer.post("/graphql", json={"query": cycle})
    assert response.status_code == 200
    assert "Cannot spread fragment 'A' within itself" in response.json()["errors"][0]["message"]


async def test_each_analysis_counts_in_the_cost(gql):
    years = range(2010, 2015)
    aliased = " ".join(f"y{y}: analysis(filter: {{yearTo: {y}}}) {{ fresh }}" for y in years)
    error = await gql.error(f"{{ {aliased} }}")
    assert error["extensions"]["code"] == "TOO_COSTLY"
    mapped = " ".join(f"m{y}: networkMap(filter: {{yearTo: {y}}})" for y in years)
    assert (await gql.error(f"{{ {mapped} }}"))["extensions"]["code"] == "TOO_COSTLY"


CURRENT = datetime.date.today().year
BAD_YEARS = [
    ({"yearFrom": -2147483648, "yearTo": 2147483647}, "yearFrom"),
    ({"yearTo": 2147483647}, "yearTo"),
    ({"yearFrom": 1899}, "yearFrom"),
    ({"yearTo": CURRENT + 11}, "yearTo"),
    ({"yearFrom": 2020, "yearTo": 2019}, "yearTo"),
]


@pytest.mark.parametrize(("years", "field"), BAD_YEARS)
async def test_years_out_of_range_are_refused_in_graphql(store: Store, gql, years, field):
    before = await store.version()
    for root in ("analysis(filter: $f) { fresh }", "networkMap(filter: $f)"):
        error = await gql.error(f"query($f: AnalysisFilterInput!) {{ {root} }}", f=years)
        assert error["extensions"] == {"code": "VALIDATION", "field": field}, error
        assert field in error["message"]
    assert await store.version() == before


@pytest.mark.parametrize(("years", "field"), BAD_YEARS)
async def test_years_out_of_range_are_refused_in_exports(store: Store, client, years, field):
    for fmt in ("json", "graphml"):
        response = await client.get(f"/export/graph.{fmt}", params=years)
        assert response.status_code == 400, response.text
        [error] = response.json()["errors"]
        assert error["extensions"] == {"code": "VALIDATION", "field": field}, error


async def test_years_in_range_are_analysed(store: Store, gql, client, demo_graph):
    await store.import_graph(demo_graph)
    query = "query($f: AnalysisFilterInput!) { analysis(filter: $f) { fresh } }"
    for years in ({"yearFrom": 1900, "yearTo": CURRENT + 10}, {"yearFrom": 2015, "yearTo": 2015}):
        assert (await gql.ok(query, f=years))["analysis"]["fresh"]
        assert (await client.get("/export/graph.json", params=years)).status_code == 200
