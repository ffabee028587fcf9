"""The dump format: the whole graph in one JSON file, for backups and moving between stores.

    {"format": "oslo-registry-dump", "version": 1, "nodes": [...], "edges": [...]}

Nodes and edges are sorted by id and carry their ids, versions and times, so a dump of
one store restored into another and dumped again is byte-for-byte the same file.
"""

import asyncio
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import ijson

from registry.domain import graph
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import ValidationFailed
from registry.store.base import Store
from registry.store.prefetch import read_ahead
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

FORMAT = "oslo-registry-dump"
VERSION = 1
BATCH = 5000  # records a transaction when restoring


def to_json(sub: Subgraph) -> str:
    body = {
        "format": FORMAT,
        "version": VERSION,
        "nodes": [asdict(n) for n in sorted(sub.nodes, key=lambda n: n.id)],
        "edges": [asdict(e) for e in sorted(sub.edges, key=lambda e: e.id)],
    }
    return json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# A dict lookup is a tenth of an enum call, which counts at hundreds of thousands of records;
# a name that is none of them still goes to the enum, for its error.
_KINDS = {k.value: k for k in NodeKind}
_TYPES = {t.value: t for t in EdgeType}


def _node(raw: dict[str, Any]) -> NodeRecord:
    kind = _KINDS.get(name := raw["kind"]) or NodeKind(name)
    props = graph.validate_node(kind, raw["props"])
    return NodeRecord(raw["id"], kind, props, raw["version"], raw["created_at"], raw["updated_at"])


@cache
def _bare(edge_type: EdgeType) -> dict[str, Any]:
    """The props of a tie given none (most ties), validated once a type rather than once a tie."""
    return graph.validate_edge(edge_type, {})


@cache
def _joins(edge_type: EdgeType, source: NodeKind, target: NodeKind) -> bool:
    """Whether a tie of this type may join these kinds: asked once a combination, not once a
    tie (a refused one raises each time, and is not kept)."""
    graph.check_endpoints(edge_type, source, target)
    return True


def _edge(raw: dict[str, Any], kinds: dict[str, NodeKind]) -> EdgeRecord:
    edge_type = _TYPES.get(name := raw["type"]) or EdgeType(name)
    _joins(edge_type, kinds[raw["from_id"]], kinds[raw["to_id"]])
    props = graph.validate_edge(edge_type, p) if (p := raw["props"]) else dict(_bare(edge_type))
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


async def dump_to(store: Store, output: Path) -> int:
    """Writes the whole graph to `output`; the number of nodes and ties written."""
    sub = await store.snapshot()
    await asyncio.to_thread(output.write_text, to_json(sub), encoding="utf-8")
    return len(sub.nodes) + len(sub.edges)


class DumpFile:
    """A dump read from its file batch by batch, so a restore holds a batch of records at a
    time, plus the kind of every node (to check the ends of ties). The file is read three
    times: its header, its nodes, its ties. `progress` hears how many bytes each batch took
    of `size`, the whole length of the reading."""

    def __init__(self, path: Path, batch: int = BATCH) -> None:
        self.path, self._batch = path, batch
        self.progress: Callable[[int], None] | None = None
        self.size = 2 * path.stat().st_size  # the header's read stops early and is not told
        self.nodes = self.edges = 0

    def check(self) -> None:
        """ValidationFailed unless the file says it is a dump of this version."""
        header: dict[str, Any] = {}
        with self._guard(), self.path.open("rb") as f:
            for prefix, event, value in ijson.parse(f):
                if prefix in ("format", "version") and event in ("string", "number"):
                    header[prefix] = value
                    if len(header) == 2:
                        break
        if header != {"format": FORMAT, "version": VERSION}:
            raise ValidationFailed(f"{self.path}: not a version {VERSION} {FORMAT} file")

    def batches(self) -> Iterator[Subgraph]:
        """Nodes first, then ties, `batch` records a time; ValidationFailed when a record is
        wrong, as from_json."""
        kinds: dict[str, NodeKind] = {}
        with self._guard(), self.path.open("rb") as f:
            for raws in self._chunks(f, "nodes.item"):
                nodes = [_node(raw) for raw in raws]
                kinds.update((n.id, n.kind) for n in nodes)
                self.nodes += len(nodes)
                yield Subgraph(nodes, [])
        with self._guard(), self.path.open("rb") as f:
            for raws in self._chunks(f, "edges.item"):
                edges = [_edge(raw, kinds) for raw in raws]
                self.edges += len(edges)
                yield Subgraph([], edges)

    def _chunks(self, f: BinaryIO, prefix: str) -> Iterator[list[dict[str, Any]]]:
        items, told = ijson.items(f, prefix, use_float=True), 0
        while chunk := list(islice(items, self._batch)):
            yield chunk
            if self.progress:
                self.progress(f.tell() - told)
                told = f.tell()
        if self.progress:
            self.progress(f.tell() - told)

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except ValidationFailed as exc:
            raise ValidationFailed(f"{self.path}: {exc.message}", field=exc.field) from None
        except (ijson.JSONError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValidationFailed(f"{self.path}: malformed dump ({exc!r})") from None


async def restore(store: Store, source: DumpFile, replace: bool = False) -> None:
    """Loads the dump into `store`, all or nothing; `replace` empties the store first."""
    await asyncio.to_thread(source.check)
    if replace:
        await store.clear()
    # The next batch is read while the store writes this one.
    batches = read_ahead(source.batches())
    try:
        await store.import_stream(batches)
    finally:
        await asyncio.to_thread(batches.close)  # a failed store leaves the reader waiting
