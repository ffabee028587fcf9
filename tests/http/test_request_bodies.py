"""Malformed request bodies are the caller's mistake: 400 with a clear message, never 500."""

import pytest

pytestmark = pytest.mark.asyncio(loop_scope="session")

JSON = {"content-type": "application/json"}


def nested(depth: int) -> bytes:
    return (
        b'{"query": "{ __typename }", "variables": '
        + b'{"a": ' * depth
        + b"1"
        + b"}" * depth
        + b"}"
    )


@pytest.mark.parametrize("depth", [100, 5000])
async def test_deeply_nested_json_is_refused(client, depth):
    response = await client.post("/graphql", content=nested(depth), headers=JSON)
    assert response.status_code == 400, response.text
    assert "nested too deeply" in response.text
    array = b"[" * 50_000 + b"]" * 50_000
    response = await client.post("/graphql", content=array, headers=JSON)
    assert response.status_code == 400 and "nested too deeply" in response.text


async def test_deeply_nested_variables_in_a_get_are_refused(client):
    variables = '{"a": ' * 100 + "1" + "}" * 100
    response = await client.get(
        "/graphql", params={"query": "{ __typename }", "variables": variables}
    )
    assert response.status_code == 400 and "nested too deeply" in response.text


@pytest.mark.parametrize(
    "body",
    [
        b'{"query": "\xff\xfe"}',
        b'{"query": "{ __typename }", "x": "\xc3"}',
        b'{"query": "\xed\xa0\x80"}',
    ],
)
async def test_invalid_utf8_is_refused(client, body):
    response = await client.post("/graphql", content=body, headers=JSON)
    assert response.status_code == 400, response.text
    assert "UTF-8" in response.text


async def test_lone_surrogates_are_refused(client):
    body = b'{"query": "mutation { createTopic(input: {name: \\"\\ud800\\"}) { id } }"}'
    response = await client.post("/graphql", content=body, headers=JSON)
    assert response.status_code == 400, response.text
    assert "UTF-8" in response.text


async def test_a_modest_nesting_is_answered(client):
    response = await client.post("/graphql", content=nested(20), headers=JSON)
    assert response.status_code == 200 and response.json()["data"] == {"__typename": "Query"}
