"""A request's document judged before it executes: its size, the GraphQL rules, and the
ranges of its arguments.

Parsing and validating a document were a fifth of a small page's time, and a client sends
the same few documents again and again. What depends on the text alone (its parse, the
limits and graphql-core's rules) is decided once per text and the document remembered when
it passes; the argument ranges depend on the request's variables and are judged every time
their arguments appear. A remembered document is also one parse's syntax tree less for the
cyclic collector: its tokens link to each other.
"""

from collections import OrderedDict
from collections.abc import Iterator

from graphql import DocumentNode, GraphQLError, GraphQLSchema, validate
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document
from strawberry.types.execution import ExecutionContext

from registry.api.arguments import RANGES, ArgumentRanges
from registry.api.limits import judge

# Texts remembered as valid, least recently used dropped first; a long text is not kept, so
# the cache holds at most about KEPT * LONGEST characters.
KEPT, LONGEST = 256, 20_000
_ARGUMENTS = {argument for _, argument in RANGES}


Key = tuple[int, str]  # the schema's id() and the text


class KnownValid:
    """The documents of the texts that passed, per schema, bounded."""

    def __init__(self) -> None:
        self._documents: OrderedDict[Key, DocumentNode] = OrderedDict()

    def get(self, key: Key) -> DocumentNode | None:
        document = self._documents.get(key)
        if document is not None:
            self._documents.move_to_end(key)
        return document

    def add(self, key: Key, document: DocumentNode) -> None:
        if len(key[1]) <= LONGEST:
            self._documents[key] = document
            while len(self._documents) > KEPT:
                self._documents.popitem(last=False)


known_valid = KnownValid()


def _key(context: ExecutionContext) -> Key | None:
    return (id(context.schema._schema), context.query) if context.query else None


def _rules_of_text(context: ExecutionContext) -> list[GraphQLError]:
    schema: GraphQLSchema = context.schema._schema
    document = context.graphql_document
    assert document is not None
    found = judge(schema, document) or validate_document(schema, document, context.validation_rules)
    if not found and (key := _key(context)):
        known_valid.add(key, document)
    return found


def _ranges(context: ExecutionContext) -> list[GraphQLError]:
    # An argument named in RANGES appears in the text wherever it is given; a document
    # without its text (none reaches us today) is judged in full.
    text = context.query
    if text is not None and not any(argument in text for argument in _ARGUMENTS):
        return []
    rule = type(
        "ArgumentRanges",
        (ArgumentRanges,),
        {"variables": context.variables or {}, "operation_name": context.operation_name},
    )
    assert context.graphql_document is not None
    return validate(context.schema._schema, context.graphql_document, [rule])


class Validation(SchemaExtension):
    known = False  # the document is one remembered: its text passed before

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is None and (key := _key(context)):
            # Set here, the document is not parsed again.
            context.graphql_document = known_valid.get(key)
            self.known = context.graphql_document is not None
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.pre_execution_errors is None:
            # Errors set here, or an empty list, make strawberry skip its own validation.
            passed = [] if self.known else _rules_of_text(context)
            context.pre_execution_errors = passed or _ranges(context)
        yield
