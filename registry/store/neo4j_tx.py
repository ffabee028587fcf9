"""The Neo4j store's side of the shared rules: GraphTx over one managed write transaction,
which holds the lock on the meta node, so its checks and writes cannot race."""

import json
from collections.abc import Sequence

from registry.domain.enums import EdgeType, NodeKind
from registry.store import cypher
from registry.store.neo4j_io import Tx, edge_props, edge_record, load, node_props, node_record
from registry.store.records import Document, EdgeRecord, NodeRecord, Subgraph


class CypherTx:
    def __init__(self, tx: Tx) -> None:
        self._tx = tx

    async def node(self, node_id: str) -> NodeRecord | None:
        rows = await self._tx.run(cypher.NODES_BY_IDS, ids=[node_id])
        return node_record(*rows[0]) if rows else None

    async def edge(self, edge_id: str) -> EdgeRecord | None:
        rows = await self._tx.run(cypher.EDGES_BY_IDS, ids=[edge_id])
        return edge_record(*rows[0]) if rows else None

    async def kinds(self, node_ids: Sequence[str]) -> dict[str, NodeKind]:
        rows = await self._tx.run(cypher.NODE_KINDS, ids=list(node_ids))
        return {node_id: NodeKind(kind) for node_id, kind in rows}

    async def holds_key(self, key: str, other_than: str) -> bool:
        return bool(await self._tx.run(cypher.UNIQUE_HOLDER, key=key, id=other_than))

    async def joined(self, edge_type: EdgeType, from_id: str, to_id: str, either_way: bool) -> bool:
        ends = {"from_id": from_id, "to_id": to_id}
        return bool(await self._tx.run(cypher.same_tie(edge_type), ends, symmetric=either_way))

    async def add_node(self, node: NodeRecord) -> None:
        await self._tx.run(cypher.create_node(node.kind), props=node_props(node))

    async def put_node(self, node: NodeRecord) -> None:
        await self._tx.run(cypher.UPDATE_NODE, id=node.id, props=node_props(node))

    async def remove_node(self, node_id: str) -> None:
        await self._tx.run(cypher.DELETE_NODE, id=node_id)

    async def add_edge(self, edge: EdgeRecord) -> None:
        ends = {"from_id": edge.from_id, "to_id": edge.to_id}
        await self._tx.run(cypher.create_edge(edge.type), ends, props=edge_props(edge))

    async def put_edge(self, edge: EdgeRecord) -> None:
        await self._tx.run(cypher.UPDATE_EDGE, id=edge.id, props=edge_props(edge))

    async def remove_edge(self, edge_id: str) -> None:
        await self._tx.run(cypher.DELETE_EDGE, id=edge_id)

    async def forget_in_audit(self, node_id: str) -> None:
        await self._tx.run(cypher.FORGET_IN_AUDIT, id=node_id)

    async def load(self, subgraph: Subgraph) -> None:
        await load(self._tx, subgraph)

    async def document_version(self, collection: str, doc_id: str) -> int | None:
        rows = await self._tx.run(cypher.DOCUMENT_VERSION, collection=collection, id=doc_id)
        return rows[0][0] if rows else None

    async def put_document(self, collection: str, doc: Document) -> None:
        # Properties cannot hold maps or nested lists: the data is kept as JSON text.
        data = json.dumps(doc.data, ensure_ascii=False, sort_keys=True)
        await self._tx.run(
            cypher.PUT_DOCUMENT, collection=collection, id=doc.id, data=data, version=doc.version
        )
