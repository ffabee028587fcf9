"""The dump format: the whole graph in one JSON file, for backups and moving between stores.

    {"format": "oslo-registry-dump", "version": 1, "nodes": [...], "edges": [...]}

Nodes and edges are sorted by id and carry their ids, versions and times, so a dump of
one store restored into another and dumped again is byte-for-byte the same file.
"""

import asyncio
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from registry.domain import graph
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import ValidationFailed
from registry.store.base import Store
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

FORMAT = "oslo-registry-dump"
VERSION = 1


def to_json(sub: Subgraph) -> str:
    body = {
        "format": FORMAT,
        "version": VERSION,
        "nodes": [asdict(n) for n in sorted(sub.nodes, key=lambda n: n.id)],
        "edges": [asdict(e) for e in sorted(sub.edges, key=lambda e: e.id)],
    }
    return json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _node(raw: dict[str, Any]) -> NodeRecord:
    kind = NodeKind(raw["kind"])
    props = graph.validate_node(kind, raw["props"])
    return NodeRecord(raw["id"], kind, props, raw["version"], raw["created_at"], raw["updated_at"])


def _edge(raw: dict[str, Any], kinds: dict[str, NodeKind]) -> EdgeRecord:
    edge_type = EdgeType(raw["type"])
    graph.check_endpoints(edge_type, kinds[raw["from_id"]], kinds[raw["to_id"]])
    props = graph.validate_edge(edge_type, raw["props"])
    return EdgeRecord(
        raw["id"], edge_type, raw["from_id"], raw["to_id"], props,
        raw["version"], raw["created_at"], raw["updated_at"],
    )  # fmt: skip


def from_json(text: str, source: str = "dump") -> Subgraph:
    """Read and validate a dump; ValidationFailed names what is wrong and where."""
    try:
        body = json.loads(text)
        if body.get("format") != FORMAT or body.get("version") != VERSION:
            raise ValidationFailed(f"{source}: not a version {VERSION} {FORMAT} file")
        nodes = [_node(raw) for raw in body["nodes"]]
        kinds = {n.id: n.kind for n in nodes}
        return Subgraph(nodes, [_edge(raw, kinds) for raw in body["edges"]])
    except ValidationFailed as exc:
        raise ValidationFailed(f"{source}: {exc.message}", field=exc.field) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValidationFailed(f"{source}: malformed dump ({exc!r})") from None


def read(path: Path) -> Subgraph:
    return from_json(path.read_text(encoding="utf-8"), str(path))


async def dump_to(store: Store, output: Path) -> int:
    """Writes the whole graph to `output`; the number of nodes and ties written."""
    sub = await store.snapshot()
    await asyncio.to_thread(output.write_text, to_json(sub), encoding="utf-8")
    return len(sub.nodes) + len(sub.edges)


async def restore(store: Store, graph: Subgraph, replace: bool = False) -> None:
    """Loads `graph` into `store`, all or nothing; `replace` empties the store first."""
    if replace:
        await store.clear()
    await store.import_graph(graph)
