"""Load a seed directory of YAML files (the demo network) into store records.

Ids are derived from the entries' keys, not drawn at random, so loading the same files twice
gives identical records and a store can be re-seeded without creating duplicates.
The format is described in seeds/README.md.
"""

import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from registry.domain import graph
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import RegistryError, ValidationFailed
from registry.store.base import Store
from registry.store.query import NodeQuery
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

DEMO_DIR = Path(__file__).resolve().parents[2] / "seeds"
NAMESPACE = uuid.UUID("5b0f7c1e-2d4a-5e8b-9c3f-0a1b2c3d4e5f")
STAMP = "2026-01-01T00:00:00.000000+00:00"  # fixed, so that records compare equal
# The same safe loader as yaml.safe_load, in C where libyaml is installed (ten times faster).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class _Link:
    field: str
    type: EdgeType
    many: bool = True


@dataclass(frozen=True, slots=True)
class _File:
    name: str
    kind: NodeKind
    label: str  # how an error message names one entry: "org 'x-forening'"
    links: tuple[_Link, ...] = ()


_PART_OF = _Link("part_of", EdgeType.PART_OF, many=False)
_AREAS = _Link("areas", EdgeType.LOCATED_IN)
_TOPICS = _Link("topics", EdgeType.WORKS_ON)
FILES = (
    _File("areas.yaml", NodeKind.AREA, "area", (_PART_OF,)),
    _File("communities.yaml", NodeKind.COMMUNITY, "community"),
    _File("topics.yaml", NodeKind.TOPIC, "topic"),
    _File(
        "organisations.yaml",
        NodeKind.ORGANISATION,
        "org",
        (
            _Link("represents", EdgeType.REPRESENTS),
            _Link("serves", EdgeType.SERVES),
            _AREAS,
            _TOPICS,
            _PART_OF,
        ),
    ),
    _File("people.yaml", NodeKind.PERSON, "person", (_Link("contact_for", EdgeType.CONTACT_FOR),)),
    _File("activities.yaml", NodeKind.ACTIVITY, "activity", (_AREAS, _TOPICS)),
)
COLLABORATIONS = "collaborations.yaml"


def node_id(kind: NodeKind, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind.value}:{key}"))


def edge_id(edge_type: EdgeType, from_key: str, to_key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{edge_type.value}:{from_key}:{to_key}"))


@dataclass(frozen=True, slots=True)
class _Tie:
    """An edge waiting for every node to be known; `where` and the fields locate it for errors."""

    where: str
    fields: tuple[str, str]  # the YAML fields that name its source and its target
    type: EdgeType
    from_key: Any
    to_key: Any
    props: dict[str, Any]
    props_at: str = ""  # where the tie's own properties sit: "participants[2]"


def _fail(where: str, field: str | None, message: str) -> ValidationFailed:
    return ValidationFailed(
        f"{where}: {field}: {message}" if field else f"{where}: {message}", field
    )


def _snake(field: str | None) -> str | None:
    # graph.validate_* names fields in the API's camelCase; the YAML uses snake_case.
    return re.sub(r"[A-Z]", lambda m: "_" + m.group().lower(), field) if field else None


def _entries(directory: Path, name: str) -> list[dict[str, Any]]:
    """The file's list of mappings; a missing or empty file holds no entries."""
    path = directory / name
    if not path.exists():
        return []
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise ValidationFailed(f"{name}: not valid YAML: {exc}") from None
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise ValidationFailed(f"{name}: expected a list of entries (mappings)")
    return data


def _targets(where: str, link: _Link, value: Any) -> list[Any]:
    if value is None:
        return []
    if not link.many:
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        expected = "a list of keys" if link.many else "a key"
        raise _fail(where, link.field, f"expected {expected}")
    return value


def _node_entries(
    directory: Path, kinds: dict[str, NodeKind]
) -> tuple[list[NodeRecord], list[_Tie]]:
    """Validate every entity; record each key's kind in `kinds`; collect their links."""
    nodes: list[NodeRecord] = []
    ties: list[_Tie] = []
    seen_where: dict[str, str] = {}
    unique: dict[str, str] = {}
    for spec in FILES:
        for index, entry in enumerate(_entries(directory, spec.name)):
            data = dict(entry)
            key = data.pop("key", None)
            where = f"{spec.name}: {spec.label} '{key}'"
            if not isinstance(key, str) or not _KEY.fullmatch(key):
                where = f"{spec.name}: entry {index + 1}"
                raise _fail(where, "key", "a key is lower-case ascii words joined by '-'")
            if key in seen_where:
                raise _fail(where, "key", f"duplicate key (already used in {seen_where[key]})")
            seen_where[key] = spec.name
            for link in spec.links:
                for target in _targets(where, link, data.pop(link.field, None)):
                    ties.append(_Tie(where, (link.field,) * 2, link.type, key, target, {}))
            for i, part in enumerate(data.pop("participants", None) or []):
                field = f"participants[{i}]"
                if spec.kind is not NodeKind.ACTIVITY or not isinstance(part, dict):
                    raise _fail(where, field, "participants belong to activities: {org, role}")
                props = dict(part)
                org = props.pop("org", None)
                fields = (f"{field}.org", field)
                ties.append(_Tie(where, fields, EdgeType.PARTICIPATES_IN, org, key, props, field))
            try:
                props = graph.validate_node(spec.kind, data)
            except ValidationFailed as exc:
                raise _fail(where, _snake(exc.field), exc.message) from None
            # The stores keep organisation numbers unique; say so here, not at import time.
            if (unique_key := graph.unique_key(spec.kind, props)) is not None:
                if unique_key in unique:
                    taken = _snake(unique_key.split(":")[0])
                    raise _fail(where, taken, f"already used by '{unique[unique_key]}'")
                unique[unique_key] = key
            kinds[key] = spec.kind
            nodes.append(NodeRecord(node_id(spec.kind, key), spec.kind, props, 1, STAMP, STAMP))
    return nodes, ties


def _collaborations(directory: Path) -> list[_Tie]:
    ties = []
    for index, entry in enumerate(_entries(directory, COLLABORATIONS)):
        props = dict(entry)
        a, b = props.pop("a", None), props.pop("b", None)
        where = f"{COLLABORATIONS}: collaboration {index + 1} ({a} - {b})"
        ties.append(_Tie(where, ("a", "b"), EdgeType.COLLABORATES_WITH, a, b, props))
    return ties


def _edge(tie: _Tie, kinds: dict[str, NodeKind], seen: set[tuple[Any, ...]]) -> EdgeRecord:
    ends = (tie.from_key, tie.to_key)
    for end, field in zip(ends, tie.fields, strict=True):
        if not isinstance(end, str) or end not in kinds:
            raise _fail(tie.where, field, f"no entry has the key {end!r}")
    sources, _ = graph.EDGE_ENDPOINTS[tie.type]
    # check_endpoints does not say which end is wrong; name the source's field if it is.
    end_field = tie.fields[0] if kinds[tie.from_key] not in sources else tie.fields[1]
    try:
        graph.check_endpoints(tie.type, kinds[tie.from_key], kinds[tie.to_key])
    except ValidationFailed as exc:
        raise _fail(tie.where, end_field, exc.message) from None
    try:
        props = graph.validate_edge(tie.type, tie.props)
    except ValidationFailed as exc:
        field = ".".join(f for f in (tie.props_at, _snake(exc.field)) if f)
        raise _fail(tie.where, field, exc.message) from None
    if tie.from_key == tie.to_key:
        raise _fail(tie.where, tie.fields[1], "an entry cannot be tied to itself")
    # A-B and B-A are the same collaboration; a directed tie only repeats in the same direction.
    same = frozenset(ends) if tie.type in graph.SYMMETRIC else ends
    if (tie.type, same) in seen:
        raise _fail(
            tie.where, tie.fields[1], f"{tie.type.value} {ends[0]} - {ends[1]} is listed twice"
        )
    seen.add((tie.type, same))
    return EdgeRecord(
        edge_id(tie.type, *ends),
        tie.type,
        node_id(kinds[tie.from_key], tie.from_key),
        node_id(kinds[tie.to_key], tie.to_key),
        props,
        1,
        STAMP,
        STAMP,
    )


def load_seed_graph(directory: Path = DEMO_DIR) -> Subgraph:
    """Every entity and tie in `directory`, validated; ValidationFailed names file, key, field."""
    kinds: dict[str, NodeKind] = {}
    nodes, ties = _node_entries(directory, kinds)
    seen: set[tuple[Any, ...]] = set()
    edges = [_edge(tie, kinds, seen) for tie in ties + _collaborations(directory)]
    return Subgraph(nodes, edges)


async def load_demo(store: Store, directory: Path = DEMO_DIR, replace: bool = False) -> int:
    """Loads the demo network into `store`, which must be empty unless `replace` empties it."""
    graph = load_seed_graph(directory)
    if replace:
        await store.clear()
    elif any([await store.count_nodes(NodeQuery(kind, archived=None)) for kind in NodeKind]):
        raise RegistryError("the store is not empty: use --replace to start from the demo again")
    await store.import_graph(graph)
    return len(graph.nodes)
