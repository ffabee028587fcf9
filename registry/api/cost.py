"""A cost limit on queries: a rough estimate of how many objects a request may touch.

Depth and alias limits alone let one request ask for 500 organisations with 500 partners
each. The estimate multiplies down the tree: a `first: N` page counts N, any other list
counts LIST_GUESS, `neighbours(depth: d)` counts NEIGHBOURS_GUESS per step, a single
object counts 1.
"""

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNamedType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    get_named_type,
    get_nullable_type,
)

from registry.api.pagination import MAX_PAGE

LIST_GUESS = 10
NEIGHBOURS_GUESS = 20


def _argument(field: FieldNode, name: str, unknown: int) -> int | None:
    for arg in field.arguments or ():
        if arg.name.value == name:
            return int(arg.value.value) if isinstance(arg.value, IntValueNode) else unknown
    return None


def _factor(field: FieldNode, returns: object) -> int:
    first = _argument(field, "first", MAX_PAGE)
    if first is not None:
        return min(max(first, 1), MAX_PAGE)  # larger pages are refused by the resolver
    depth = _argument(field, "depth", 3)
    if depth is not None:
        return NEIGHBOURS_GUESS * min(max(depth, 1), 3)
    return LIST_GUESS if isinstance(get_nullable_type(returns), GraphQLList) else 1


class _Estimate:
    def __init__(self, context: ValidationContext) -> None:
        self.context = context

    def of(
        self, selection: SelectionSetNode | None, parent: GraphQLNamedType | None, seen: frozenset
    ) -> int:
        """Objects and fields the selection may resolve, counted down the tree."""
        total = 0
        fields = getattr(parent, "fields", {})
        for node in selection.selections if selection else ():
            if isinstance(node, FieldNode):
                definition = fields.get(node.name.value)
                if node.selection_set is None or definition is None:
                    total += 1
                    continue
                inner = get_named_type(definition.type)
                total += 1 + _factor(node, definition.type) * self.of(
                    node.selection_set, inner, seen
                )
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition
                inner = self.context.schema.get_type(condition.name.value) if condition else parent
                total += self.of(node.selection_set, inner, seen)
            elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
                fragment = self.context.get_fragment(node.name.value)
                if fragment:
                    inner = self.context.schema.get_type(fragment.type_condition.name.value)
                    total += self.of(fragment.selection_set, inner, seen | {node.name.value})
        return total


def cost_rule(limit: int) -> type[ValidationRule]:
    class CostLimit(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: object) -> None:
            root = self.context.schema.get_root_type(node.operation)
            cost = _Estimate(self.context).of(node.selection_set, root, frozenset())
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
