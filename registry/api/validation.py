"""A request's document judged before it executes: its size, the GraphQL rules, and the
ranges of its arguments.

Validating a document is a fifth of a small page's time, and a client sends the same few
documents again and again. What depends on the text alone (the limits and graphql-core's
rules) is decided once per text and remembered when it passes; the argument ranges depend
on the request's variables and are judged every time their arguments appear.
"""

from collections import OrderedDict
from collections.abc import Iterator

from graphql import GraphQLError, GraphQLSchema, validate
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document
from strawberry.types.execution import ExecutionContext

from registry.api.arguments import RANGES, ArgumentRanges
from registry.api.limits import judge

# Texts remembered as valid, least recently used dropped first; a long text is not kept, so
# the cache holds at most about KEPT * LONGEST characters.
KEPT, LONGEST = 256, 20_000
_ARGUMENTS = {argument for _, argument in RANGES}


class KnownValid:
    """The texts that passed, per schema, bounded."""

    def __init__(self) -> None:
        self._texts: OrderedDict[tuple[int, str], None] = OrderedDict()

    def __contains__(self, key: tuple[int, str]) -> bool:
        if key in self._texts:
            self._texts.move_to_end(key)
            return True
        return False

    def add(self, key: tuple[int, str]) -> None:
        if len(key[1]) <= LONGEST:
            self._texts[key] = None
            while len(self._texts) > KEPT:
                self._texts.popitem(last=False)


known_valid = KnownValid()


def _rules_of_text(context: ExecutionContext) -> list[GraphQLError]:
    schema: GraphQLSchema = context.schema._schema
    document = context.graphql_document
    assert document is not None
    key = (id(schema), context.query or "")
    if context.query and key in known_valid:
        return []
    found = judge(schema, document) or validate_document(schema, document, context.validation_rules)
    if not found and context.query:
        known_valid.add(key)
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
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.pre_execution_errors is None:
            # Errors set here, or an empty list, make strawberry skip its own validation.
            context.pre_execution_errors = _rules_of_text(context) or _ranges(context)
        yield
