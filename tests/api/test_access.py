"""The field access table fails closed, and names only fields the schema has."""

import pytest
from graphql import GraphQLInterfaceType, GraphQLObjectType

from registry.api.access import FIELD_ROLES, check_field, required_role
from registry.api.schema import schema
from registry.domain.accounts import Caller, Role
from registry.domain.errors import Forbidden

GRAPHQL = schema._schema
OBJECT_TYPES = {
    name: type_
    for name, type_ in GRAPHQL.type_map.items()
    if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType) and not name.startswith("__")
}
ADMIN = Caller("a", "admin", Role.ADMIN, "token", None, False)


def test_every_key_names_a_real_field_or_type():
    for key in FIELD_ROLES:
        type_name, field_name = key.split(".")
        assert type_name in OBJECT_TYPES, key
        assert field_name == "*" or field_name in OBJECT_TYPES[type_name].fields, key


def test_every_object_field_of_the_schema_has_a_role():
    missing = [
        f"{name}.{field}"
        for name, type_ in OBJECT_TYPES.items()
        if not isinstance(type_, GraphQLInterfaceType)
        for field in type_.fields
        if required_role(name, field) is None
    ]
    assert missing == []


def test_root_fields_are_named_one_by_one():
    assert "Query.*" not in FIELD_ROLES and "Mutation.*" not in FIELD_ROLES


@pytest.mark.parametrize(
    ("type_name", "field_name"), [("Query", "secretThing"), ("Mutation", "dropAll"), ("X", "y")]
)
def test_a_field_missing_from_the_table_is_refused_even_to_admins(type_name, field_name):
    assert required_role(type_name, field_name) is None
    with pytest.raises(Forbidden, match="not in the access table"):
        check_field(ADMIN, type_name, field_name)


def test_introspection_is_open_to_every_signed_in_caller():
    assert required_role("Query", "__schema") is Role.VIEWER
    assert required_role("__Type", "fields") is Role.VIEWER


@pytest.mark.parametrize(
    ("type_name", "field_name"),
    [("Broker", "rolesByGroup"), ("GroupRoles", "roles"), ("GroupRoles", "community"),
     ("TieModel", "rules"), ("TieModel", "notBridging")],
)  # fmt: skip
def test_the_analysis_fields_are_for_viewers(type_name, field_name):
    assert required_role(type_name, field_name) is Role.VIEWER
