"""How many pairs of same-named fields graphql-core's validation will compare.

OverlappingFieldsCanBeMergedRule compares every two fields that answer under one name in one
selection set (fragments merged in), arguments and all: quadratic in the repeats, some tens
of microseconds a pair. Counting the pairs first lets a document of 500 `node(id: ...)`
fields be refused before the rule runs. Each fragment is counted once; merging a fragment's names
into each selection it is spread in is linear in the expanded document, which the cost limit
bounds first.
"""

from collections import Counter

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)

from registry.api.fragments import Fragments

Names = Counter[str]  # response names answered in one selection set


def _pairs(names: Names) -> int:
    return sum(n * (n - 1) // 2 for n in names.values())


class Overlap:
    def __init__(self, document: DocumentNode) -> None:
        self.fragment: Fragments[tuple[Names, int]] = Fragments(
            document, lambda d: self.selection(d.selection_set), (Names(), 0)
        )

    def pairs(self) -> int:
        total = 0
        for operation in self.fragment.operations:
            names, inner = self.selection(operation.selection_set)
            total += _pairs(names) + inner
        return total

    def selection(self, selection: SelectionSetNode) -> tuple[Names, int]:
        """The names answered at this level, and the pairs compared in the levels below."""
        names: Names = Counter()
        below = 0
        for node in selection.selections:
            if isinstance(node, FieldNode):
                names[(node.alias or node.name).value] += 1
                if node.selection_set:
                    inner, deeper = self.selection(node.selection_set)
                    below += _pairs(inner) + deeper
                continue
            if isinstance(node, InlineFragmentNode):
                merged, deeper = self.selection(node.selection_set)
            else:
                assert isinstance(node, FragmentSpreadNode)
                merged, deeper = self.fragment(node.name.value)
            names.update(merged)
            below += deeper
        return names, below
