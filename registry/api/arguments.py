"""Argument ranges checked while the document is validated, before anything executes.

A mutation's result may select `neighbours(depth: 9)`: checked only when that field
resolves, the refusal would come after the mutation had written. So the ranges are judged
before execution, for literal values and for values given in variables alike.
"""

from collections.abc import Mapping

from graphql import (
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    IntValueNode,
    OperationDefinitionNode,
    ValidationContext,
    ValidationRule,
    ValueNode,
    VariableNode,
)
from graphql.language import ArgumentNode

from registry.api.nodes import MAX_DEPTH

# (field, argument) -> inclusive range
RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("neighbours", "depth"): (1, MAX_DEPTH),
    ("neighbourhood", "depth"): (1, MAX_DEPTH),
}


class ArgumentRanges(ValidationRule):
    """Refuses an argument out of its range; `variables` are the request's, by name."""

    variables: Mapping[str, object] = {}
    operation_name: str | None = None

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self._outside_operations()

    def _outside_operations(self) -> None:
        # In a fragment, a variable is the request's; its operation's default is not known.
        self.given = self.variables
        self.defaults: dict[str, ValueNode] = {}

    def leave_operation_definition(self, *_args: object) -> None:
        self._outside_operations()

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: object) -> None:
        # A variable left out takes its declared default, which is judged like a literal.
        self.defaults = {
            d.variable.name.value: d.default_value
            for d in node.variable_definitions or ()
            if d.default_value is not None
        }
        name = node.name.value if node.name else None
        chosen = self.operation_name is None or name == self.operation_name
        self.given = self.variables if chosen else {}

    def enter_argument(self, node: ArgumentNode, *_args: object) -> None:
        field = self.context.get_field_def()
        name = self.context.get_parent_type()
        if field is None or not isinstance(name, GraphQLObjectType | GraphQLInterfaceType):
            return  # a union's only field, __typename, takes no arguments
        value = self._value(node.value)
        if value is None:
            return
        field_name = next((n for n, f in name.fields.items() if f is field), None)
        bounds = RANGES.get((field_name or "", node.name.value))
        if bounds and not bounds[0] <= value <= bounds[1]:
            self.report_error(
                GraphQLError(
                    f"{node.name.value} must be between {bounds[0]} and {bounds[1]}",
                    node,
                    extensions={"code": "VALIDATION", "field": node.name.value},
                )
            )

    def _value(self, node: ValueNode) -> int | None:
        """The argument's integer, literal or from a variable; None when it is not one."""
        if isinstance(node, VariableNode):
            name = node.name.value
            if name in self.given:
                value = self.given[name]
                return value if isinstance(value, int) and not isinstance(value, bool) else None
            node = self.defaults.get(name, node)
        return int(node.value) if isinstance(node, IntValueNode) else None
