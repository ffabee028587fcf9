"""Relay connections over offset cursors; both stores page the same way."""

import base64
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from registry.domain.errors import ValidationFailed

T = TypeVar("T")
R = TypeVar("R")
MAX_PAGE = 500


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    total_count: int
    page_info: PageInfo
    edges: list[Edge[T]]

    @strawberry.field
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        kind, value = base64.urlsafe_b64decode(cursor.encode()).decode().split(":")
        if kind == "offset" and int(value) >= 0:
            return int(value)
    except ValueError:
        pass
    raise ValidationFailed("not a cursor this API gave out", field="after")


def page_window(first: int | None, after: str | None) -> tuple[int, int]:
    """The offset and limit a page asks for."""
    limit = 50 if first is None else first
    if not 0 <= limit <= MAX_PAGE:
        raise ValidationFailed(f"first must be between 0 and {MAX_PAGE}", field="first")
    return (decode_cursor(after) + 1 if after else 0), limit


async def connection(
    first: int | None,
    after: str | None,
    fetch: Callable[[int, int], Awaitable[Sequence[R]]],
    count: Callable[[], Awaitable[int]],
    wrap: Callable[[R], T],
) -> Connection[T]:
    offset, limit = page_window(first, after)
    # One extra row tells whether a next page exists without a second count.
    rows = list(await fetch(offset, limit + 1))
    total = await count()
    edges = [Edge(cursor=encode_cursor(offset + i), node=wrap(r)) for i, r in enumerate(rows)]
    edges = edges[:limit]
    return Connection(
        total_count=total,
        page_info=PageInfo(
            has_next_page=len(rows) > limit,
            has_previous_page=offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        edges=edges,
    )
