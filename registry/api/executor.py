"""The executor: graphql-core's, with a short way for the objects a page is made of.

A page of 50 organisations with their contacts, communities, areas and topics is about 900
fields. graphql-core gives each the full treatment (resolve info, the access extension's
hook, a path, value completion), which made execution most of the page's time. Yet almost
all of them are read straight off an object (a name, an e-mail, the edges of a connection)
or are relationship fields the page read ahead, whose resolvers use nothing of the info but
its context (`resolve_directly`). An object whose selected fields are all of these kinds is
completed here in one plain walk, with the same access decision (`access.admit`, which also
notes personal reads for the audit) and the same output coercion.

The walk gives up on anything else: a field with arguments or a resolver of its own, an
interface, a refusal, a null where none may be, a value its type will not take. graphql-core
then completes that object the long way, so data and errors read exactly as before; the
selection is remembered, and not tried the short way again in the operation. A plain leaf
met on the long way still skips the long way's treatment of it.
"""

from collections.abc import Callable, Mapping, Sequence
from types import SimpleNamespace
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    Undefined,
    is_leaf_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

from registry.api.access import admit, note_read, refusal
from registry.api.prefetch import Link

Reader = Callable[[Any, Any], Any]  # (object, info) -> the field's value
_FAILED = object()  # what the short way cannot give
# By id() of the field, which each entry keeps alive so that no other field gets its id.
_READERS: dict[int, tuple[GraphQLField, Reader | None]] = {}
# The fields resolve_directly gave their own resolvers, with the links each reads ahead.
_DIRECT: dict[int, tuple[GraphQLField, Reader, Sequence[Link]]] = {}
_PLAIN_DIRECTIVES = {"skip", "include"}  # settled when the fields are collected


def resolve_directly(
    schema: GraphQLSchema, fields: Mapping[tuple[str, str], Sequence[Link]]
) -> None:
    """graphql-core calls the resolvers of `fields` (type and field names) as they are
    written, `(self, info)`; they may use nothing of the info but its context. The short way
    calls one only when a page has read its links (edge type, direction) ahead: otherwise it
    gives an awaitable, which the short way could not await."""
    for (type_name, field_name), links in fields.items():
        field = schema.type_map[type_name].fields[field_name]  # type: ignore[attr-defined]
        definition = field.extensions[GraphQLCoreConverter.DEFINITION_BACKREF]
        resolver = definition.base_resolver
        if resolver is None or field.args or definition.extensions or resolver.is_async:
            raise TypeError(f"{type_name}.{field_name} cannot be resolved directly")
        field.resolve = resolver.wrapped_func
        _DIRECT[id(field)] = (field, resolver.wrapped_func, links)


def reader(field: GraphQLField) -> Reader | None:
    """How the short way reads `field`: off the object for a field without a resolver, by
    its resolver for one resolved directly; None when only the long way will do."""
    known = _READERS.get(id(field))
    if known is not None:
        return known[1]
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    read: Reader | None = None
    if isinstance(definition, StrawberryField) and not definition.extensions and not field.args:
        if definition.is_basic_field:
            name = definition.python_name
            read = lambda source, _: getattr(source, name)  # noqa: E731
        elif (direct := _DIRECT.get(id(field))) and direct[0] is field:
            read = _when_read_ahead(direct[1], direct[2])
    _READERS[id(field)] = (field, read)
    return read


def _when_read_ahead(resolve: Reader, links: Sequence[Link]) -> Reader:
    def read(source: Any, info: Any) -> Any:
        held = info.context.loaders.read_ahead
        if any(held(source.id, edge_type, direction) is None for edge_type, direction in links):
            return _FAILED
        return resolve(source, info)

    return read


def _safely(read: Reader, source: Any, info: Any) -> Any:
    try:
        return read(source, info)
    except Exception:  # the long way reads it again and reports it at its own path
        return _FAILED


def _coerced(kind: GraphQLLeafType, value: Any) -> Any:
    try:
        coerced = kind.coerce_output_value(value)
    except Exception:  # the long way reports it
        return _FAILED
    return _FAILED if coerced is None or coerced is Undefined else coerced


# One field of a selection the short way reads: its response name, how to read it (None for
# __typename), its type, its field details, and for a leaf the leaf type and whether null
# may stand in its place.
Step = tuple[str, Reader | None, GraphQLOutputType, Any, GraphQLLeafType | None, bool]


class Executor(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._info = SimpleNamespace(context=self.context_value)  # all a direct resolver reads
        self._plans: dict[tuple[str, int], list[Step] | None] = {}  # None: the long way
        self._long: set[tuple[str, int]] = set()  # selections the short way gave up on

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_details_list: Any,
        info: Any,
        path: Any,
        result: Any,
        position_context: Any,
    ) -> Any:
        key = (return_type.name, id(field_details_list))
        if key not in self._long:
            done = self._object(return_type, field_details_list, result)
            if done is not _FAILED:
                return done
            self._long.add(key)
        return super().complete_object_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _plan(self, kind: GraphQLObjectType, field_details_list: Any) -> list[Step] | None:
        """The steps of a selection on `kind`, decided once an operation (and so once for
        the caller's role); None when a field of it needs the long way."""
        key = (kind.name, id(field_details_list))  # the details live as long as the operation
        if key in self._plans:
            return self._plans[key]
        grouped, deferred, _ = self.collect_subfields(kind, field_details_list)
        made = [self._step(kind, name, details) for name, details in grouped.items()]
        steps = None if deferred else [step for step in made if step is not None]
        if steps is not None and len(steps) < len(made):
            steps = None
        self._plans[key] = steps
        return steps

    def _step(self, kind: GraphQLObjectType, response_name: str, details: Any) -> Step | None:
        node = details[0].node
        if node.name.value == "__typename":
            return (response_name, None, kind, details, None, False)
        field = kind.fields.get(node.name.value)
        read = reader(field) if field is not None else None
        if (
            field is None
            or read is None
            or node.arguments
            or any(d.name.value not in _PLAIN_DIRECTIVES for d in node.directives or ())
            or refusal(self.context_value.caller.role, kind.name, node.name.value)
        ):
            return None
        nullable = not isinstance(field.type, GraphQLNonNull)
        inner = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
        return (
            response_name,
            read,
            field.type,
            details,
            inner if is_leaf_type(inner) else None,
            nullable,
        )

    def _object(self, kind: GraphQLObjectType, field_details_list: Any, source: Any) -> Any:
        steps = self._plan(kind, field_details_list)
        # strawberry's is_type_of reads no info
        if steps is None or (kind.is_type_of and kind.is_type_of(source, None) is not True):  # type: ignore[arg-type]
            return _FAILED
        if steps:  # as each field's hook would, __typename's too
            note_read(self.context_value, kind.name, source)
        done: dict[str, Any] = {}
        for response_name, read, field_type, details, leaf, nullable in steps:
            if read is None:
                done[response_name] = kind.name
                continue
            value = _safely(read, source, self._info)
            if value is _FAILED:
                return _FAILED
            if leaf is not None:
                value = (None if nullable else _FAILED) if value is None else _coerced(leaf, value)
            else:
                value = self._value(field_type, details, value)
            if value is _FAILED:
                return _FAILED
            done[response_name] = value
        return done

    def _value(self, kind: GraphQLOutputType, details: Any, value: Any) -> Any:
        if isinstance(kind, GraphQLNonNull):
            if value is None:
                return _FAILED
            kind = kind.of_type
        elif value is None:
            return None
        if isinstance(kind, GraphQLList):
            if not isinstance(value, list | tuple):  # an awaitable is neither
                return _FAILED
            items = [self._value(kind.of_type, details, item) for item in value]
            return _FAILED if any(item is _FAILED for item in items) else items
        if self.is_awaitable(value):  # no resolver the short way calls gives one
            return _FAILED
        if isinstance(kind, GraphQLObjectType):
            return self._object(kind, details, value)
        if is_leaf_type(kind):
            return _coerced(kind, value)
        return _FAILED  # an interface or a union: graphql-core decides the type

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
        if field is not None and (read := reader(field)) is not None:
            kind, nullable = field.type, not isinstance(field.type, GraphQLNonNull)
            leaf = kind.of_type if isinstance(kind, GraphQLNonNull) else kind
            if is_leaf_type(leaf) and admit(
                self.context_value, parent_type.name, node.name.value, source
            ):
                value = _safely(read, source, self._info)
                coerced = None if value is None else _coerced(leaf, value)
                if coerced is not _FAILED and (coerced is not None or nullable):
                    return coerced
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )
