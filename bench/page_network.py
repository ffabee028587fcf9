"""A registry of N organisations for the page and search benchmarks: the analysis bench's
network (districts, topics, communities, ties) with names a person would search for, a
city each (Tromsø among them), and one or two contact persons per organisation."""

import random
from collections.abc import Iterator
from dataclasses import replace

from analysis_bench import generate
from map_bench import storable

from registry.domain.enums import EdgeType, NodeKind
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

STAMP = "2024-01-01T00:00:00.000000+00:00"
FIRST = ["Somalisk", "Tamilsk", "Polsk", "Eritreisk", "Kurdisk", "Afghansk", "Filippinsk",
         "Samisk", "Syrisk", "Vietnamesisk", "Pakistansk", "Chilensk"]  # fmt: skip
SECOND = ["Kvinneforening", "Ungdomslag", "Kulturhus", "Idrettslag", "Foreldrenettverk",
          "Menighet", "Studentforening", "Seniorklubb", "Språkkafé", "Hjelpesenter"]  # fmt: skip
CITIES = ["Oslo", "Oslo", "Oslo", "Bærum", "Lillestrøm", "Drammen", "Tromsø", "Bergen"]
PEOPLE = ["Amina", "Sivan", "Ola", "Kari", "Tariq", "Marta", "Nguyen", "Åse", "Jørgen"]


def _stamped(node: NodeRecord) -> NodeRecord:
    return replace(node, created_at=node.created_at or STAMP, updated_at=node.updated_at or STAMP)


def network(organisations: int, seed: int = 1) -> Subgraph:
    """About `organisations` organisations with their ties and contact persons."""
    base, rng = storable(generate(organisations, seed)), random.Random(seed)
    nodes: list[NodeRecord] = []
    edges: list[EdgeRecord] = list(base.edges)
    for i, node in enumerate(base.nodes):
        if node.kind is not NodeKind.ORGANISATION:
            nodes.append(_stamped(node))
            continue
        name = f"{rng.choice(FIRST)} {rng.choice(SECOND)} {i}"
        props = {**node.props, "name": name, "city": rng.choice(CITIES)}
        nodes.append(_stamped(replace(node, props=props)))
        for j in range(rng.randint(1, 2)):
            person = f"person-{i}-{j}"
            contact = {"name": f"{rng.choice(PEOPLE)} Eksempelrud {i}",
                       "email": f"kontakt{i}.{j}@example.org"}  # fmt: skip
            nodes.append(_stamped(NodeRecord(person, NodeKind.PERSON, contact)))
            edges.append(EdgeRecord(f"c-{i}-{j}", EdgeType.CONTACT_FOR, person, node.id, {}))
    return Subgraph(nodes, [replace(e, created_at=STAMP, updated_at=STAMP) for e in edges])


def batches(graph: Subgraph, size: int = 2000) -> Iterator[Subgraph]:
    """The graph in store-sized pieces, every node before the ties that need it."""
    for start in range(0, len(graph.nodes), size):
        yield Subgraph(graph.nodes[start : start + size], [])
    for start in range(0, len(graph.edges), size):
        yield Subgraph([], graph.edges[start : start + size])
