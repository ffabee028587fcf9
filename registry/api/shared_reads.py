"""A query's store reads share one read transaction (on Neo4j one, not one a loader batch)."""

from collections.abc import AsyncIterator

from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType


class SharedReads(SchemaExtension):
    """Queries only: a mutation reads what it wrote, which a transaction begun before the write
    would not see."""

    async def on_execute(self) -> AsyncIterator[None]:
        if self.execution_context.operation_type is OperationType.QUERY:
            async with self.execution_context.context.store.reading():
                yield
        else:
            yield
