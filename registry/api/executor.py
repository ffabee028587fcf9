"""The executor: graphql-core's, with short ways for the fields a page is made of.

A page of 50 organisations with their contacts, communities, areas and topics is about 900
fields, and three in four are leaves read straight off an object: a name, an e-mail, a kind.
graphql-core gives each the full treatment (resolve info, the access extension's hook,
value completion), which made execution most of the page's time. A plain leaf, one without a
resolver, arguments or field extensions and of a scalar or enum type, is read here with the
same access decision (`access.admit`) and the same output coercion. Anything unusual about
one (a refusal, a null where none may be, a value its type will not take) goes the long way,
so errors read exactly as before.

Most of the rest are the relationship fields a page reads ahead. Their resolvers use only
the context of the info they are given, so `resolve_directly` lets graphql-core call them
with its own info, skipping strawberry's wrapper (its Info object and argument conversion);
the access extension still sees each.
"""

from collections.abc import Iterable
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    Undefined,
    is_leaf_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

from registry.api.access import admit

# A plain leaf's attribute name, its leaf type, and whether it may be null; None for others.
Leaf = tuple[str, GraphQLLeafType, bool]
_LEAVES: dict[int, Leaf | None] = {}  # by id() of the schema's field: it lives as long


def plain_leaf(field: GraphQLField) -> Leaf | None:
    """How to read `field` the short way, or None when it needs the long way."""
    known = _LEAVES.get(id(field), Undefined)
    if known is not Undefined:
        return known  # type: ignore[return-value]
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    kind, nullable = field.type, True
    if isinstance(kind, GraphQLNonNull):
        kind, nullable = kind.of_type, False
    leaf = None
    if (
        isinstance(definition, StrawberryField)
        and definition.is_basic_field
        and not definition.extensions
        and not field.args
        and is_leaf_type(kind)
    ):
        leaf = (definition.python_name, kind, nullable)
    _LEAVES[id(field)] = leaf
    return leaf


def resolve_directly(schema: GraphQLSchema, fields: Iterable[tuple[str, str]]) -> None:
    """graphql-core calls the resolvers of `fields` (type and field names) as they are
    written, `(self, info)`; they may use nothing of the info but its context."""
    for type_name, field_name in fields:
        field = schema.type_map[type_name].fields[field_name]  # type: ignore[attr-defined]
        definition = field.extensions[GraphQLCoreConverter.DEFINITION_BACKREF]
        resolver = definition.base_resolver
        if resolver is None or field.args or definition.extensions or resolver.is_async:
            raise TypeError(f"{type_name}.{field_name} cannot be resolved directly")
        field.resolve = resolver.wrapped_func


class Executor(StrawberryGraphQLCoreExecutionContext):
    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any,
    ) -> Any:
        node = field_details_list[0].node
        field = parent_type.fields.get(node.name.value)
        leaf = plain_leaf(field) if field is not None and not node.arguments else None
        if leaf is not None:
            name, kind, nullable = leaf
            if admit(self.context_value, parent_type.name, node.name.value, source):
                value = getattr(source, name)
                if value is None:
                    if nullable:
                        return None
                else:
                    try:
                        coerced = kind.coerce_output_value(value)
                    except Exception:
                        coerced = None
                    if coerced is not None and coerced is not Undefined:
                        return coerced
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )
