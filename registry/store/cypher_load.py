"""The Cypher of a streamed import (neo4j.Neo4jStore._load_stream, neo4j_io.load): the
statements that create a batch, check it against what the store holds, and take a failed
load out again by its marker."""

import re
from functools import cache

from registry.domain import graph, models
from registry.domain.enums import EdgeType, NodeKind
from registry.store.cypher import (
    ENTITY,
    LOAD,
    SLICE,
    Statement,
    label,
    read,
    schema,
    type_pattern,
    write,
)

ANY_ENTITY = read("any_entity", f"MATCH (n:{ENTITY}) RETURN n.id LIMIT 1")
UNLOAD_TIES = write(
    "unload_ties",
    f"MATCH (:{ENTITY} {{{LOAD}: $marker}})-[r]-() WITH DISTINCT r LIMIT {SLICE} DELETE r"
    " RETURN count(*)",
)
UNLOAD_NODES = write(
    "unload_nodes",
    f"MATCH (n:{ENTITY} {{{LOAD}: $marker}}) WITH n LIMIT {SLICE} DELETE n RETURN count(*)",
)


# The store's own Lucene-backed indexes (text search), which a load into an empty store
# drops and builds again after (neo4j.Neo4jStore._load_stream); an index made by hand stays.
_OWN_INDEXES = [re.search(r"INDEX (\w+) IF NOT EXISTS", s.text) for s in schema()]
OWN_INDEX_NAMES = sorted(m[1] for m in _OWN_INDEXES if m)
SEARCH_INDEXES = read(
    "search_indexes",
    "SHOW INDEXES YIELD name, type WHERE type IN ['TEXT', 'FULLTEXT'] AND name IN"
    f" {OWN_INDEX_NAMES!r} RETURN name",
)


def drop_index(name: str) -> Statement:
    if name not in OWN_INDEX_NAMES:  # a name from the server, checked against our own
        raise ValueError(f"not one of the store's indexes: {name!r}")
    return write("drop_index", f"DROP INDEX {name} IF EXISTS")


def unload_edges(edge_type: EdgeType) -> Statement:
    """Ties a failed load added between nodes it did not add (the others went with theirs)."""
    return write(
        "unload_edges",
        f"MATCH ()-[r:{type_pattern([edge_type])} {{{LOAD}: $marker}}]->()"
        f" WITH r LIMIT {SLICE} DELETE r RETURN count(*)",
    )


# One branch per type, so each looks its ids up in that type's id index rather than scanning
# every relationship.
EDGE_IDS_TAKEN = read(
    "edge_ids_taken",
    "CALL () { "
    + " UNION ".join(
        f"MATCH ()-[r:{t.value}]->() WHERE r.id IN $ids RETURN r.id AS id" for t in EdgeType
    )
    + " } RETURN id LIMIT 1",
)


# Imports send each row as a list in the order of its statement's columns (a list encodes no
# key names, a map repeats them in every row), one statement a kind of node or type of tie,
# each creating its properties in place: with SET n = map or a dynamic label the planner
# put an Eager in the plan, which holds every row of the batch before writing any. A null
# leaves its property out. The kind's or type's own properties come from its model.
RECORD_COLUMNS = ("id", "version", "created_at", "updated_at")


def _created(columns: tuple[str, ...], start: int) -> str:
    for column in columns:
        if not re.fullmatch(r"[a-z_]+", column):  # model fields, checked all the same
            raise ValueError(f"not a property name: {column!r}")
    return ", ".join(f"{c}: row[{i}]" for i, c in enumerate(columns, start)) + f", {LOAD}: $marker"


@cache
def import_nodes(kind: NodeKind) -> tuple[tuple[str, ...], Statement]:
    """The columns of a row of this kind, and the statement creating $rows of them."""
    own = sorted(graph.NODE_MODELS[kind].model_fields)
    columns = (*RECORD_COLUMNS, "sort", "search", "unique_key", *own)
    text = f"UNWIND $rows AS row CREATE (n:{ENTITY}:{label(kind)} {{{_created(columns, 0)}}})"
    return columns, write("import_nodes", text)


@cache
def import_edges(edge_type: EdgeType) -> tuple[tuple[str, ...], Statement]:
    """The columns of a tie of this type after its two ends' ids, and the statement creating
    $rows of them; it returns how many it created (fewer when an end is missing)."""
    own = sorted(graph.EDGE_MODELS.get(edge_type, models.Tie).model_fields)
    columns = (*RECORD_COLUMNS, *own)
    return columns, write(
        "import_edges",
        f"UNWIND $rows AS row MATCH (a:{ENTITY} {{id: row[0]}}) MATCH (b:{ENTITY} {{id: row[1]}})"
        f" CREATE (a)-[r:{type_pattern([edge_type])} {{{_created(columns, 2)}}}]->(b)"
        " RETURN count(r)",
    )


@cache
def ties_taken(edge_type: EdgeType) -> Statement:
    """A tie of this type the store holds between the two ids of a row of $rows."""
    return read(
        "ties_taken",
        f"UNWIND $rows AS row MATCH (a:{ENTITY} {{id: row[0]}})-[:{type_pattern([edge_type])}]->"
        f"(:{ENTITY} {{id: row[1]}}) RETURN a.id LIMIT 1",
    )
