"""What a caller may see and do, for every entry point: roles, hidden nodes, scoped lists.

Nodes a caller may not see at all (contact persons below CONTACT_VIEWER, restricted entries
below ADMIN) are dropped where they are read, so they never show up through a list, a tie,
a subgraph or an export, and a write naming one is refused as if the id were wrong. A tie
is only as visible as its two ends.
"""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from registry.domain.accounts import Caller, Role
from registry.domain.enums import NodeKind
from registry.domain.errors import Forbidden
from registry.store.base import Store
from registry.store.query import NodeQuery
from registry.store.records import EdgeRecord, NodeRecord, Subgraph


def require(caller: Caller, needed: Role, what: str) -> None:
    """Refuses (FORBIDDEN, naming the last part of `what` as the field) below `needed`."""
    if not caller.role.allows(needed):
        raise Forbidden(f"{what} needs the {needed.value} role", field=what.split(".")[-1])


def visible(caller: Caller, record: NodeRecord) -> bool:
    """Whether the caller may know the node exists."""
    if record.kind is NodeKind.PERSON and not caller.role.allows(Role.CONTACT_VIEWER):
        return False
    return not record.props.get("restricted") or caller.role.allows(Role.ADMIN)


def shown(caller: Caller, records: Sequence[NodeRecord | None]) -> list[NodeRecord | None]:
    """The records with those the caller may not see turned into None, as if there were none."""
    return [r if r is not None and visible(caller, r) else None for r in records]


async def seen_nodes(store: Store, caller: Caller, ids: Sequence[str]) -> list[NodeRecord | None]:
    """The store's nodes by id, None where there is none or the caller may not see it."""
    return shown(caller, await store.get_nodes(ids))


def visible_tie(caller: Caller, ends: Sequence[NodeRecord | None]) -> bool:
    """Whether the caller may know of a tie between these ends (None where there is none)."""
    return all(end is not None and visible(caller, end) for end in ends)


def may_restrict(caller: Caller, before: Mapping[str, Any], after: Mapping[str, Any]) -> None:
    """Restricting an entry, or lifting its restriction, is for administrators alone."""
    if bool(before.get("restricted")) != bool(after.get("restricted")):
        require(caller, Role.ADMIN, "restricted")


async def neighbourhood(store: Store, caller: Caller, ids: Sequence[str], depth: int) -> Subgraph:
    """Like `Store.neighbourhood`, but walked one step at a time through visible nodes only,
    so a hidden node ties nothing together (two organisations sharing a hidden contact)."""
    reached = {n.id: n for n in await seen_nodes(store, caller, ids) if n is not None}
    edges: dict[str, EdgeRecord] = {}
    frontier = list(reached)
    for _ in range(depth):
        if not frontier:
            break
        # Each step's subgraph holds every edge between two of its nodes, so the edges of
        # all steps together hold every edge between two reached nodes.
        step = await store.neighbourhood(frontier, 1)
        new = [n for n in step.nodes if n.id not in reached and visible(caller, n)]
        reached |= {n.id: n for n in new}
        edges |= {e.id: e for e in step.edges}
        frontier = [n.id for n in new]
    inside = [e for e in edges.values() if e.from_id in reached and e.to_id in reached]
    return Subgraph(
        sorted(reached.values(), key=lambda n: n.id), sorted(inside, key=lambda e: e.id)
    )


def scope(query: NodeQuery, caller: Caller) -> NodeQuery:
    """A list query narrowed to what the caller may see."""
    if query.kind is NodeKind.PERSON and not caller.role.allows(Role.ADMIN):
        return replace(query, equals={**query.equals, "restricted": (False,)})
    return query
