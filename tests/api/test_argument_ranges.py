"""A range-checked argument given in a variable is refused before anything executes, like a
literal: a mutation that selects `neighbours(depth: $depth)` out of range writes nothing."""

import pytest

CREATE = """mutation($input: OrganisationInput!, $depth: Int!) {
  createOrganisation(input: $input) { name neighbours(depth: $depth) { id } }
}"""
CREATE_DEFAULT = """mutation($input: OrganisationInput!, $depth: Int = 9) {
  createOrganisation(input: $input) { name neighbours(depth: $depth) { id } }
}"""
COUNT = "{ organisations { totalCount } }"


async def organisations(gql) -> int:
    return (await gql.ok(COUNT))["organisations"]["totalCount"]


@pytest.mark.parametrize("depth", [0, 4, -1, 2**31 - 1])
async def test_a_depth_variable_out_of_range_writes_nothing(gql, depth):
    error = await gql.error(
        CREATE, input={"name": "Ut av rekkevidde", "kind": "BUSINESS"}, depth=depth
    )
    assert error["extensions"] == {"code": "VALIDATION", "field": "depth"}
    assert "between 1 and 3" in error["message"]
    assert await organisations(gql) == 0


async def test_a_default_out_of_range_is_refused_and_one_in_range_writes(gql):
    error = await gql.error(CREATE_DEFAULT, input={"name": "Standard", "kind": "BUSINESS"})
    assert error["extensions"] == {"code": "VALIDATION", "field": "depth"}
    assert await organisations(gql) == 0
    made = await gql.ok(CREATE, input={"name": "Innenfor", "kind": "BUSINESS"}, depth=3)
    assert made["createOrganisation"] == {"name": "Innenfor", "neighbours": []}
    assert await organisations(gql) == 1


async def test_only_the_chosen_operation_is_judged(gql):
    """Variables belong to the operation that runs; another one in the document may use
    the same name for a value it would refuse."""
    document = """query Count($depth: Int) { organisations(first: $depth) { totalCount } }
    query Far($depth: Int!) { neighbourhood(ids: [], depth: $depth) { nodes { id } } }"""
    request = {"query": document, "variables": {"depth": 9}, "operationName": "Count"}
    response = await gql.http.post("/graphql", json=request)
    assert response.json() == {"data": {"organisations": {"totalCount": 0}}}
    request["operationName"] = "Far"
    error = (await gql.http.post("/graphql", json=request)).json()["errors"][0]
    assert error["extensions"] == {"code": "VALIDATION", "field": "depth"}
