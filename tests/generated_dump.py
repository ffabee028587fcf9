"""A large registry-like dump written straight to a file (restore tests and bench)."""

import json
import random
from pathlib import Path

from registry.services import dump

STAMP = "2024-01-01T00:00:00.000000+00:00"
AREAS, TOPICS = 15, 14


def _record(record_id: str, props: dict, **fields: str) -> str:
    body = {"id": record_id, "props": props, "version": 1, "created_at": STAMP}
    return json.dumps({**body, **fields, "updated_at": STAMP}, ensure_ascii=False)


def write_dump(path: Path, organisations: int, ties: int, seed: int = 1) -> None:
    """`organisations` organisations in 15 districts and 14 topics, and `ties` ties: one
    district each, then topics and collaborations; one JSON record a line."""
    rng = random.Random(seed)
    nodes = [_record(f"area-{a}", {"name": f"Bydel {a}", "kind": "DISTRICT"}, kind="Area")
             for a in range(AREAS)]  # fmt: skip
    nodes += [_record(f"topic-{t}", {"name": f"Tema {t}"}, kind="Topic") for t in range(TOPICS)]
    nodes += [
        _record(f"org-{i}", {"name": f"Forening {i} æøå", "kind": "VOLUNTARY_ORGANISATION"},
                kind="Organisation")
        for i in range(organisations)
    ]  # fmt: skip
    edges, seen = [], set()

    def tie(edge_type: str, a: str, b: str) -> None:
        if (edge_type, a, b) not in seen and (edge_type, b, a) not in seen and a != b:
            seen.add((edge_type, a, b))
            edges.append(_record(f"e{len(edges)}", {}, type=edge_type, from_id=a, to_id=b))

    for i in range(organisations):
        tie("LOCATED_IN", f"org-{i}", f"area-{rng.randrange(AREAS)}")
    while len(edges) < ties:
        org = f"org-{rng.randrange(organisations)}"
        if rng.random() < 0.3:
            tie("WORKS_ON", org, f"topic-{rng.randrange(TOPICS)}")
        else:
            tie("COLLABORATES_WITH", org, f"org-{rng.randrange(organisations)}")
    with path.open("w", encoding="utf-8") as f:
        f.write(f'{{"format": "{dump.FORMAT}", "version": {dump.VERSION},\n"nodes": [\n')
        f.write(",\n".join(nodes))
        f.write('],\n"edges": [\n')
        f.write(",\n".join(edges))
        f.write("]}\n")
