"""The contact persons of a filtered list of organisations, one row a person, streamed.

The organisations come from the same NodeQuery as the GraphQL organisation list. Their
contact persons, communities and areas are fetched in batches (one edge query and one node
lookup per batch), so the number of store calls grows with the list's length divided by
the batch size, never with one call per person. A person who is a contact for several
listed organisations is one row naming them all. Archived persons are left out, and so
are those the caller may not see (restricted persons for all but administrators).
"""

from collections import defaultdict
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from dataclasses import dataclass

from registry.domain.accounts import Caller
from registry.domain.enums import EdgeType
from registry.services.access import visible
from registry.store.base import Store
from registry.store.query import Direction, EdgeQuery, NodeQuery, Order
from registry.store.records import NodeRecord

BATCH = 500
DESCRIBING = (EdgeType.REPRESENTS, EdgeType.SERVES, EdgeType.LOCATED_IN)


@dataclass(frozen=True, slots=True)
class ContactRow:
    name: str
    role: str
    email: str
    phone: str
    languages: list[str]
    organisations: list[str]
    kinds: list[str]
    communities: list[str]
    areas: list[str]


def batched(items: Sequence[str], size: int) -> Iterator[tuple[str, ...]]:
    for start in range(0, len(items), size):
        yield tuple(items[start : start + size])


async def organisations(store: Store, query: NodeQuery) -> list[NodeRecord]:
    """Every organisation the query matches, by name, fetched a page at a time."""
    found: list[NodeRecord] = []
    while page := await store.find_nodes(query, Order(), len(found), BATCH):
        found += page
        if len(page) < BATCH:
            break
    return found


async def contact_rows(
    store: Store, query: NodeQuery, caller: Caller, batch: int = BATCH
) -> AsyncIterator[ContactRow]:
    """The rows in the order of each person's first organisation (by name), then by name."""
    orgs = {o.id: o for o in await organisations(store, query)}
    position = {org_id: i for i, org_id in enumerate(orgs)}
    contact_for: dict[str, list[str]] = defaultdict(list)
    for ids in batched(list(orgs), batch):
        edges = await store.find_edges(EdgeQuery((EdgeType.CONTACT_FOR,), ids, Direction.IN))
        for e in edges:
            contact_for[e.from_id].append(e.to_id)
    for org_ids in contact_for.values():
        org_ids.sort(key=position.__getitem__)
    people = sorted(contact_for, key=lambda p: position[contact_for[p][0]])
    names: dict[str, str] = {}  # community and area names, fetched once each
    for ids in batched(people, batch):
        found = [
            p
            for p in await store.get_nodes(ids)
            if p is not None and not p.props.get("archived") and visible(caller, p)
        ]
        listed = sorted({o for p in found for o in contact_for[p.id]})
        described = await _described(store, listed, names)
        found.sort(key=lambda p: (position[contact_for[p.id][0]], p.props["name"]))
        for person in found:
            yield _row(person, [orgs[o] for o in contact_for[person.id]], described, names)


async def _described(
    store: Store, org_ids: Sequence[str], names: dict[str, str]
) -> dict[str, dict[EdgeType, list[str]]]:
    """Each organisation's community and area ids by edge type; fills `names` as it goes."""
    described: dict[str, dict[EdgeType, list[str]]] = defaultdict(lambda: defaultdict(list))
    if not org_ids:
        return described
    edges = await store.find_edges(EdgeQuery(DESCRIBING, tuple(org_ids), Direction.OUT))
    for e in edges:
        described[e.from_id][e.type].append(e.to_id)
    unnamed = sorted({e.to_id for e in edges} - names.keys())
    for node in await store.get_nodes(unnamed) if unnamed else []:
        if node is not None:
            names[node.id] = node.props.get("name", node.id)
    return described


def _row(
    person: NodeRecord,
    orgs: list[NodeRecord],
    described: dict[str, dict[EdgeType, list[str]]],
    names: dict[str, str],
) -> ContactRow:
    def named(types: Iterable[EdgeType]) -> list[str]:
        ids = {i for o in orgs for t in types for i in described[o.id][t]}
        return sorted({names[i] for i in ids if i in names})

    props = person.props
    return ContactRow(
        name=props["name"],
        role=props.get("role") or "",
        email=props.get("email") or "",
        phone=props.get("phone") or "",
        languages=list(props.get("languages") or []),
        organisations=[o.props["name"] for o in orgs],
        kinds=sorted({o.props["kind"] for o in orgs}),
        communities=named((EdgeType.REPRESENTS, EdgeType.SERVES)),
        areas=named((EdgeType.LOCATED_IN,)),
    )
