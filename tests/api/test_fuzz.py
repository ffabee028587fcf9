"""Fuzzing the running API with operations generated from its own schema.

Valid and invalid operations, one root field each, sent by an editor: the API never
answers 5xx, and a refused operation never changes the store.
"""

import itertools
import random

import graphql
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema

from registry.api.schema import schema
from registry.domain.accounts import Role
from registry.store.base import Store

pytestmark = pytest.mark.asyncio(loop_scope="session")

SDL = schema.as_str()
ROOTS = sorted(
    [*schema._schema.query_type.fields, *schema._schema.mutation_type.fields]
)  # every root field, queries and mutations alike
SCALARS = {
    "Date": st.dates().map(lambda d: graphql.StringValueNode(value=d.isoformat())),
    "JSON": st.just(graphql.StringValueNode(value="{}")),
}
CASES = 400
# An invalid operation needs something to break: a root field with a required argument.
WITH_ARGUMENTS = sorted(
    name
    for root in (schema._schema.query_type, schema._schema.mutation_type)
    for name, field in root.fields.items()
    if any(isinstance(arg.type, graphql.GraphQLNonNull) for arg in field.args.values())
)


def operations(mode: Mode) -> st.SearchStrategy[str]:
    roots = ROOTS if mode is Mode.POSITIVE else WITH_ARGUMENTS
    return st.sampled_from(roots).flatmap(
        lambda root: from_schema(SDL, fields=[root], custom_scalars=SCALARS, mode=mode)
    )


def generated(mode: Mode) -> list[str]:
    """CASES // 2 operations, the same on every run (derandomised)."""
    documents: list[str] = []

    @settings(max_examples=CASES // 2, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(operations(mode))
    def collect(document: str) -> None:
        documents.append(document)

    collect()
    return documents


@pytest.mark.parametrize("mode", [Mode.POSITIVE, Mode.NEGATIVE], ids=["valid", "invalid"])
async def test_generated_operations_never_fail_the_server(connect, store: Store, mode: Mode):
    client = await connect(Role.EDITOR)
    documents = generated(mode)
    refused = 0
    for document in documents:
        before = await store.version()
        response = await client.post("/graphql", json={"query": document})
        assert response.status_code < 500, (document, response.text)
        body = response.json()
        if body.get("errors") and not any((body.get("data") or {}).values()):
            refused += 1
            assert await store.version() == before, document
    assert len(documents) >= CASES // 4  # hypothesis may stop early on a small search space
    if mode is Mode.NEGATIVE:
        assert refused == len(documents)
    print(f"{mode.name}: {len(documents)} operations, {refused} refused")


# Where a fragment bomb can go off: at the root, inside introspection, inside an object.
SPOTS = [("Query", "{ ...F%d }"), ("__Schema", "{ __schema { ...F%d } }"),
         ("Organisation", '{ organisations(first: 5) { edges { node { ...F%d } } } }')]  # fmt: skip
SHAPES = random.Random(13)  # the same shapes on every run


def fragment_bomb(spot: tuple[str, str], levels: int, fan: int, alias: str) -> str:
    """`F1` asks for a field, each `Fk` spreads `F(k-1)` `fan` times, `levels` deep."""
    on, root = spot
    fragments = [f"fragment F1 on {on} {{ {alias}__typename }}"]
    for k in range(2, levels + 1):
        fragments.append(f"fragment F{k} on {on} {{ {f'...F{k - 1} ' * fan}}}")
    return root % levels + " " + " ".join(fragments)


async def test_fragment_bombs_are_answered_or_refused(connect, store: Store):
    client = await connect(Role.VIEWER)
    refused = 0
    for spot, levels, fan in itertools.product(SPOTS, (1, 3, 8, 12, 20, 25, 40, 60), (1, 2, 4)):
        document = fragment_bomb(spot, levels, fan, SHAPES.choice(["", "a: "]))
        response = await client.post("/graphql", json={"query": document})
        assert response.status_code == 200, (document, response.text)
        errors = response.json().get("errors", [])
        refused += bool(errors)
        assert all(e["extensions"]["code"].startswith("TOO_") for e in errors), errors
    assert refused > 20


def year() -> int | None:
    """A year anywhere in Int, near the accepted range, or none."""
    kind = SHAPES.randrange(3)
    if kind == 0:
        return SHAPES.randint(-(2**31), 2**31 - 1)
    return SHAPES.randint(1890, 2050) if kind == 1 else None


async def test_year_ranges_are_analysed_or_refused_by_field(connect, store: Store):
    client = await connect(Role.VIEWER)
    query = "query($f: AnalysisFilterInput) { analysis(filter: $f) { fresh } }"
    for _ in range(60):
        years = {"yearFrom": year(), "yearTo": year()}
        body = {"query": query, "variables": {"f": years}}
        response = await client.post("/graphql", json=body)
        assert response.status_code == 200, (years, response.text)
        errors = response.json().get("errors", [])
        assert not errors or errors[0]["extensions"]["field"] in years, (years, errors)
        assert not errors or errors[0]["extensions"]["code"] == "VALIDATION", errors
