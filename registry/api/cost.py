"""A cost limit on queries: a rough estimate of how many objects a request may touch.

Depth and alias limits alone let one request ask for 500 organisations with 500 partners
each. The estimate multiplies down the tree: a `first: N` page counts N, a list of ties
counts LIST_GUESS, `neighbours(depth: d)` counts NEIGHBOURS_GUESS per step.
"""

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)

from registry.api.pagination import MAX_PAGE

LIST_GUESS = 10
NEIGHBOURS_GUESS = 20
PASS_THROUGH = {"edges", "nodes", "node", "pageInfo"}


def _argument(field: FieldNode, name: str, unknown: int) -> int | None:
    for arg in field.arguments or ():
        if arg.name.value == name:
            return int(arg.value.value) if isinstance(arg.value, IntValueNode) else unknown
    return None


def _factor(field: FieldNode) -> int:
    first = _argument(field, "first", MAX_PAGE)
    if first is not None:
        return max(first, 1)
    depth = _argument(field, "depth", 3)
    if depth is not None:
        return NEIGHBOURS_GUESS ** min(max(depth, 1), 3)  # deeper is refused anyway
    if field.name.value in PASS_THROUGH:
        return 1
    return LIST_GUESS


def estimate(
    selection: SelectionSetNode | None, context: ValidationContext, seen: frozenset
) -> int:
    """Objects and fields the selection may resolve, counted down the tree."""
    total = 0
    for node in selection.selections if selection else ():
        if isinstance(node, FieldNode):
            if node.selection_set is None:
                total += 1
            else:
                total += 1 + _factor(node) * estimate(node.selection_set, context, seen)
        elif isinstance(node, InlineFragmentNode):
            total += estimate(node.selection_set, context, seen)
        elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
            fragment = context.get_fragment(node.name.value)
            if fragment:
                total += estimate(fragment.selection_set, context, seen | {node.name.value})
    return total


def cost_rule(limit: int) -> type[ValidationRule]:
    class CostLimit(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: object) -> None:
            cost = estimate(node.selection_set, self.context, frozenset())
            if cost > limit:
                self.report_error(
                    GraphQLError(
                        f"the query is too costly (estimated {cost}, at most {limit}): "
                        "ask for smaller pages or fewer nested lists",
                        node,
                        extensions={"code": "TOO_COSTLY"},
                    )
                )

    return CostLimit
