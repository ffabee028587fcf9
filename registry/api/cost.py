"""How big a query is once its fragments are expanded: depth, aliases and cost.

Cost is a rough estimate of how many objects a request may touch. Depth and alias limits
alone let one request ask for 500 organisations with 500 partners each. The estimate
multiplies down the tree: a `first: N` page counts N, any other list counts LIST_GUESS,
`neighbours(depth: d)` counts NEIGHBOURS_GUESS per step, a field that runs an analysis counts
ANALYSIS, a single object counts 1.

Each fragment is measured once (`fragments.Fragments`), so the work is linear in the
document's size even when the expanded query is exponential (a fragment spreading the previous
one twice, forty times over).
"""

from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNamedType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    NamedTypeNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    get_named_type,
    get_nullable_type,
    is_introspection_type,
)

from registry.api.fragments import Fragments
from registry.api.pagination import MAX_PAGE

LIST_GUESS = 10
NEIGHBOURS_GUESS = 20
ANALYSIS = 12_000  # a whole network analysis when not cached: four fit in MAX_COST
ANALYSIS_FIELDS = {"analysis", "networkMap"}
ROOT_META = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef}


@dataclass(frozen=True, slots=True)
class Size:
    depth: int = 0  # nested fields with selections, introspection left out
    aliases: int = 0
    cost: int = 0

    def __add__(self, other: "Size") -> "Size":
        return Size(
            max(self.depth, other.depth), self.aliases + other.aliases, self.cost + other.cost
        )


def _argument(field: FieldNode, name: str, unknown: int) -> int | None:
    for arg in field.arguments or ():
        if arg.name.value == name:
            return int(arg.value.value) if isinstance(arg.value, IntValueNode) else unknown
    return None


def _factor(field: FieldNode, returns: GraphQLOutputType) -> int:
    if is_introspection_type(get_named_type(returns)):
        return 1  # the schema's own description, small and fixed
    first = _argument(field, "first", MAX_PAGE)
    if first is not None:
        return min(max(first, 1), MAX_PAGE)  # larger pages are refused by the resolver
    depth = _argument(field, "depth", 3)
    if depth is not None:
        return NEIGHBOURS_GUESS * min(max(depth, 1), 3)
    return LIST_GUESS if isinstance(get_nullable_type(returns), GraphQLList) else 1


class Measure:
    """Sizes of a document's operations, each fragment measured once."""

    def __init__(self, schema: GraphQLSchema, document: DocumentNode) -> None:
        self.schema = schema
        self.fragment = Fragments(
            document,
            lambda d: self.selection(d.selection_set, self._type(d.type_condition)),
            Size(),
        )

    def document(self) -> Size:
        """All operations together: validation works through every one of them."""
        total = Size()
        for operation in self.fragment.operations:
            root = self.schema.get_root_type(operation.operation)
            total += self.selection(operation.selection_set, root)
        return total

    def selection(
        self, selection: SelectionSetNode | None, parent: GraphQLNamedType | None
    ) -> Size:
        total = Size()
        for node in selection.selections if selection else ():
            if isinstance(node, FieldNode):
                total += self.field(node, parent)
            elif isinstance(node, InlineFragmentNode):
                inner = self._type(node.type_condition) if node.type_condition else parent
                total += self.selection(node.selection_set, inner)
            elif isinstance(node, FragmentSpreadNode):
                total += self.fragment(node.name.value)
        return total

    def field(self, node: FieldNode, parent: GraphQLNamedType | None) -> Size:
        name = node.name.value
        definition = getattr(parent, "fields", {}).get(name) or ROOT_META.get(name)
        aliases = 1 if node.alias else 0
        own = ANALYSIS if name in ANALYSIS_FIELDS else 1
        if node.selection_set is None:
            return Size(0, aliases, own)
        # An unknown field is still measured: validation walks its selections all the same.
        returns = definition.type if definition else None
        inner = self.selection(node.selection_set, get_named_type(returns) if returns else None)
        depth = 0 if name.startswith("__") else inner.depth + 1
        factor = _factor(node, returns) if returns else 1
        return Size(depth, aliases + inner.aliases, own + factor * inner.cost)

    def _type(self, condition: NamedTypeNode | None) -> GraphQLNamedType | None:
        return self.schema.get_type(condition.name.value) if condition else None
