"""Each fragment of a document measured once, however often it is spread.

Measures of the expanded query (cost, depth, repeated fields) then take time linear in the
document, not in its expansion. A fragment spread inside itself measures as `empty`:
graphql-core's validation refuses the cycle afterwards.
"""

from collections.abc import Callable
from typing import Generic, TypeVar

from graphql import DocumentNode, FragmentDefinitionNode, OperationDefinitionNode

T = TypeVar("T")


class Fragments(Generic[T]):
    def __init__(
        self, document: DocumentNode, measure: Callable[[FragmentDefinitionNode], T], empty: T
    ) -> None:
        self.operations = [
            d for d in document.definitions if isinstance(d, OperationDefinitionNode)
        ]
        self.definitions = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.measure, self.empty = measure, empty
        self.measured: dict[str, T] = {}
        self.open: set[str] = set()

    def __call__(self, name: str) -> T:
        if name in self.measured:
            return self.measured[name]
        definition = self.definitions.get(name)
        if definition is None or name in self.open:
            return self.empty
        self.open.add(name)
        self.measured[name] = self.measure(definition)
        self.open.discard(name)
        return self.measured[name]
