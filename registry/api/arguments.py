"""Argument ranges checked while the document is validated, before anything executes.

A mutation's result may select `neighbours(depth: 9)`: checked only when that field
resolves, the refusal would come after the mutation had written. Literal values are judged
here instead; a value passed in a variable is still checked where the field resolves.
"""

from graphql import (
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    IntValueNode,
    ValidationRule,
)
from graphql.language import ArgumentNode

from registry.api.nodes import MAX_DEPTH

# (field, argument) -> inclusive range
RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("neighbours", "depth"): (1, MAX_DEPTH),
    ("neighbourhood", "depth"): (1, MAX_DEPTH),
}


class ArgumentRanges(ValidationRule):
    def enter_argument(self, node: ArgumentNode, *_args: object) -> None:
        field = self.context.get_field_def()
        name = self.context.get_parent_type()
        if field is None or not isinstance(name, GraphQLObjectType | GraphQLInterfaceType):
            return  # a union's only field, __typename, takes no arguments
        if not isinstance(node.value, IntValueNode):
            return
        field_name = next((n for n, f in name.fields.items() if f is field), None)
        bounds = RANGES.get((field_name or "", node.name.value))
        if bounds and not bounds[0] <= int(node.value.value) <= bounds[1]:
            self.report_error(
                GraphQLError(
                    f"{node.name.value} must be between {bounds[0]} and {bounds[1]}",
                    node,
                    extensions={"code": "VALIDATION", "field": node.name.value},
                )
            )
