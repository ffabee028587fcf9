"""Fuzzing the running API with operations generated from its own schema.

Valid and invalid operations, one root field each, sent by an editor: the API never
answers 5xx, and a refused operation never changes the store.
"""

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
