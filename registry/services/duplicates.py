"""Likely duplicate organisations, and merging two into one.

Two organisations are likely the same when their names are alike and they share a postal
code or street address (the stores refuse a second organisation with a number already
held, and imports match by number). Names are compared only within a postal code or
address, so the search stays near-linear.
A merge moves every tie of the one merged away (contacts, communities, areas, topics,
activities, collaborations) to the one kept, fills the kept one's empty fields, deletes
the other and writes one audit entry naming both, so its history stays findable.
"""

import difflib
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from registry.domain.audit import AuditEntry
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import ValidationFailed
from registry.domain.graph import validate_node
from registry.domain.rules import fold
from registry.store.base import NewEdge, Store, now
from registry.store.query import EdgeQuery, NodeQuery, Order
from registry.store.records import NodeRecord
from registry.store.rules import missing

ALIKE = 0.85  # difflib's ratio of two folded names


@dataclass(frozen=True)
class Likely:
    first: NodeRecord
    second: NodeRecord


def alike(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio() >= ALIKE


def _places(record: NodeRecord) -> list[str]:
    props = record.props
    keys = [f"p:{props['postal_code']}"] if props.get("postal_code") else []
    return keys + ([f"a:{fold(props['street_address'])}"] if props.get("street_address") else [])


def likely_duplicates(records: list[NodeRecord]) -> list[Likely]:
    """Pairs of organisations that are probably one, each pair once."""
    found: dict[frozenset[str], Likely] = {}
    for members in by_place(records).values():
        for a, b in combinations(members, 2):
            pair = frozenset((a.id, b.id))
            if pair not in found and alike(a.props["name"], b.props["name"]):
                found[pair] = Likely(a, b)
    return list(found.values())


def by_place(records: list[NodeRecord]) -> dict[str, list[NodeRecord]]:
    """Organisations by postal code and by street address, to compare new ones with."""
    places: dict[str, list[NodeRecord]] = defaultdict(list)
    for record in records:
        for place in _places(record):
            places[place].append(record)
    return places


def like_new(new: NodeRecord, places: dict[str, list[NodeRecord]]) -> NodeRecord | None:
    """The registry's organisation a new one is probably the same as."""
    for place in _places(new):
        for record in places.get(place, ()):
            if alike(new.props["name"], record.props["name"]):
                return record
    return None


async def find(store: Store) -> list[Likely]:
    records = await store.find_nodes(NodeQuery(NodeKind.ORGANISATION, archived=None), Order())
    return likely_duplicates(records)


async def merge(store: Store, keep_id: str, merge_id: str, *, actor: str) -> NodeRecord:
    """Merge the organisation `merge_id` into `keep_id`; the kept organisation, updated."""
    if keep_id == merge_id:
        raise ValidationFailed("an organisation cannot be merged with itself", field="mergeId")
    keep, gone = await store.get_nodes([keep_id, merge_id])
    for record, name, given in ((keep, "keepId", keep_id), (gone, "mergeId", merge_id)):
        if record is None or record.kind is not NodeKind.ORGANISATION:
            raise missing("organisation", given, name)
    assert keep is not None and gone is not None
    types = tuple(EdgeType)
    held = {
        (e.type, e.from_id, e.to_id) for e in await store.find_edges(EdgeQuery(types, (keep_id,)))
    }
    moved: list[NewEdge] = []
    for edge in await store.find_edges(EdgeQuery(types, (merge_id,))):
        ends = [keep_id if i == merge_id else i for i in (edge.from_id, edge.to_id)]
        undirected = edge.type is EdgeType.COLLABORATES_WITH
        if (
            ends[0] == ends[1]
            or (edge.type, *ends) in held
            or (undirected and (edge.type, ends[1], ends[0]) in held)
        ):
            continue  # a tie the kept organisation already has, or one to itself
        held.add((edge.type, ends[0], ends[1]))
        moved.append(NewEdge(edge.type, ends[0], ends[1], edge.props))
    filled = {k: v for k, v in keep.props.items() if v not in (None, "", [])}
    props = {**gone.props, **filled}
    props["languages"] = list(
        dict.fromkeys([*keep.props.get("languages", []), *gone.props.get("languages", [])])
    )
    # The number may move only once the merged organisation no longer holds it.
    number = props.pop("org_number", None) if not keep.props.get("org_number") else None
    merged = validate_node(NodeKind.ORGANISATION, props)
    made: list[str] = []
    kept: NodeRecord | None = None
    try:
        for tie in moved:
            made.append((await store.create_edge(tie)).id)
        kept = await store.update_node(keep_id, merged, keep.version)
        await store.delete_node(merge_id, gone.version)
    except BaseException:
        if kept is not None:
            await store.update_node(keep_id, keep.props, kept.version)
        for edge_id in made:
            await store.delete_edge(edge_id)
        raise
    if number:
        kept = await store.update_node(keep_id, {**merged, "org_number": number}, kept.version)
    details = {"moved": len(moved), "name": gone.props["name"]}
    entry = AuditEntry(now(), actor, "merge:organisations", (keep_id, merge_id), details)
    await store.append_audit([entry])
    return kept
