"""The role matrix: every query and mutation, called by every role, is allowed or refused
exactly as the table below says. The table is written here, apart from the policy under
test; the calls come from the schema itself, so a new root field without a row fails."""

from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    Undefined,
    get_named_type,
)

from registry.api.schema import schema
from registry.domain.accounts import Role

pytestmark = pytest.mark.asyncio(loop_scope="session")
SCALARS = {"ID": "x", "String": "x", "Int": 1, "Float": 1.0, "Boolean": True, "Date": "2024-01-01"}


def sample(type_: Any) -> Any:
    """A value of the GraphQL input type (required fields only)."""
    if isinstance(type_, GraphQLNonNull):
        return sample(type_.of_type)
    if isinstance(type_, GraphQLList):
        return [sample(type_.of_type)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {
            name: sample(field.type)
            for name, field in type_.fields.items()
            if isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined
        }
    assert isinstance(type_, GraphQLScalarType)
    return SCALARS.get(type_.name, "x")


def literal(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.isupper():
        return value  # an enum value
    return repr(value).replace("'", '"')


def call(root: str, name: str, field: GraphQLField) -> str:
    args = [
        f"{arg_name}: {literal(sample(arg.type))}"
        for arg_name, arg in field.args.items()
        if isinstance(arg.type, GraphQLNonNull)
    ]
    selection = (
        " { __typename }" if isinstance(get_named_type(field.type), GraphQLObjectType) else ""
    )
    arguments = f"({', '.join(args)})" if args else ""
    return f"{'mutation' if root == 'Mutation' else 'query'} {{ {name}{arguments}{selection} }}"


def root_fields() -> list[tuple[str, str, str]]:
    graphql = schema._schema
    cases = []
    for root in ("Query", "Mutation"):
        for name, field in graphql.get_type(root).fields.items():
            cases.append((root, name, call(root, name, field)))
    return cases


CASES = root_fields()
V, C, E, A = Role.VIEWER, Role.CONTACT_VIEWER, Role.EDITOR, Role.ADMIN
EDITED = ("Organisation", "Community", "Person", "Area", "Topic", "Activity")
EXPECTED: dict[tuple[str, str], Role] = {
    **{("Query", n): V for n in ("organisations", "communities", "areas", "topics")},
    **{("Query", n): V for n in ("activities", "collaborations", "organisation", "community")},
    **{("Query", n): V for n in ("area", "topic", "activity", "node", "analysis")},
    **{("Query", n): V for n in ("networkMap", "neighbourhood", "tokens")},
    ("Query", "people"): C,
    ("Query", "person"): C,
    **{("Query", n): A for n in ("accounts", "auditLog", "retentionReview", "personalData")},
    **{("Mutation", n): E for n in ("link", "updateLink", "unlink")},
    **{("Mutation", n): E for n in ("createCollaboration", "updateCollaboration")},
    **{("Mutation", f"{v}{k}"): E for k in EDITED for v in ("create", "update", "archive")},
    **{("Mutation", f"delete{k}"): E for k in EDITED},
    **{("Mutation", n): A for n in ("createAccount", "updateAccount", "resetPassword")},
    **{("Mutation", n): A for n in ("createToken", "revokeToken")},
    **{("Mutation", n): A for n in ("restrictPerson", "erasePerson")},
}


async def test_every_root_field_has_an_expected_role():
    assert {(r, n) for r, n, _ in CASES} == set(EXPECTED)


@pytest.mark.parametrize("role", list(Role))
async def test_every_root_field_for_every_role(connect, role: Role):
    client = await connect(role)
    for root, name, document in CASES:
        body = (await client.post("/graphql", json={"query": document})).json()
        codes = {e.get("extensions", {}).get("code") for e in body.get("errors", [])}
        allowed = role.allows(EXPECTED[root, name])
        assert ("FORBIDDEN" not in codes) == allowed, (role, document, body)


async def test_anonymous_callers_get_nothing(connect):
    client = await connect(None)
    response = await client.post("/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await client.get("/healthz")).status_code == 200
