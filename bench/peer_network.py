"""The networks bench/peer_bench.py loads into Neo4j, and the token the registry is read with.

The demo network comes from seeds/; the generated one is bench/analysis_bench.py's network
with one contact person per organisation, so the organisation page has contacts to fetch.
"""

import asyncio
from dataclasses import dataclass

from analysis_bench import generate
from map_bench import storable

from registry.domain.accounts import Role
from registry.domain.enums import EdgeType, NodeKind
from registry.services import accounts
from registry.services.seeding import DEMO_DIR, load_seed_graph
from registry.settings import Neo4jSettings
from registry.store.base import new_id
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

BATCH = 5000  # rows a transaction: a 10,000-organisation network in a few dozen batches


@dataclass(frozen=True)
class Network:
    name: str
    graph: Subgraph
    search: str  # a term that matches a few dozen organisations' names

    @property
    def organisations(self) -> int:
        return sum(1 for n in self.graph.nodes if n.kind is NodeKind.ORGANISATION)


def demo() -> Network:
    return Network("demo", load_seed_graph(DEMO_DIR), "forening")


def generated(organisations: int) -> Network:
    graph = storable(generate(organisations))
    people, ties = [], []
    for node in graph.nodes:
        if node.kind is NodeKind.ORGANISATION:
            person = f"person-{node.id}"
            name = f"Kontakt {node.id.removeprefix('org-')}"
            email = f"{person}@example.org"
            people.append(NodeRecord(person, NodeKind.PERSON, {"name": name, "email": email}))
            ties.append(EdgeRecord(f"c-{node.id}", EdgeType.CONTACT_FOR, person, node.id, {}))
    # "org-m12" names org-m12, org-m120…129 and org-m1200…1299: about a hundred at 10,000.
    whole = Subgraph([*graph.nodes, *people], [*graph.edges, *ties])
    return Network(f"{organisations:,} organisations", whole, "org-m12")


def _batches(graph: Subgraph) -> list[Subgraph]:
    nodes = [Subgraph(graph.nodes[i : i + BATCH], []) for i in range(0, len(graph.nodes), BATCH)]
    edges = [Subgraph([], graph.edges[i : i + BATCH]) for i in range(0, len(graph.edges), BATCH)]
    return nodes + edges


async def _load(graph: Subgraph) -> str:
    from registry.store.neo4j import Neo4jStore

    store = Neo4jStore(Neo4jSettings())
    await store.open()
    try:
        await store.clear()
        await store.import_stream(_batches(graph))
        account, _ = await accounts.create_account(
            store, f"bench-{new_id()[:8]}", Role.CONTACT_VIEWER
        )
        _, token = await accounts.create_token(store, account, Role.CONTACT_VIEWER, "bench", 1)
        return token
    finally:
        await store.close()


def load(network: Network) -> str:
    """Empty the Neo4j that NEO4J_* names, load the network; returns a registry API token."""
    return asyncio.run(_load(network.graph))
