"""Every Cypher statement of the Neo4j store, named and parameterised (the filtered queries'
builders are in cypher_filters).

Only names that come from code reach the query text: labels and relationship types from the
enums, property names checked against a pattern, and integers. Values always go in params.
"""

from dataclasses import dataclass
from enum import StrEnum

from registry.domain import graph
from registry.domain.enums import EdgeType, NodeKind


class Mode(StrEnum):
    READ = "read"
    WRITE = "write"


@dataclass(frozen=True, slots=True)
class Statement:
    name: str  # what the store's timings are keyed by
    text: str
    mode: Mode


def read(name: str, text: str) -> Statement:
    return Statement(name, text, Mode.READ)


def write(name: str, text: str) -> Statement:
    return Statement(name, text, Mode.WRITE)


ENTITY = "Entity"
META = "RegistryMeta"
DOCUMENT = "Document"  # outside the graph: no Entity label, no relationships
AUDIT = "AuditEntry"
# Record fields and helper properties kept beside the domain props on the same node.
NODE_FIELDS = frozenset({"id", "version", "created_at", "updated_at"})
# `load` marks what a streamed import (neo4j.Neo4jStore._load_stream) added, so a failed one
# can be taken out again; it stays as the load a record came from until the record changes.
LOAD = "load"
NODE_HELPERS = frozenset({"sort", "search", "unique_key", LOAD})
EDGE_FIELDS = NODE_FIELDS
EDGE_HELPERS = frozenset({LOAD})
ALL_TYPES = "|".join(t.value for t in EdgeType)

# The node's kind is its one label besides Entity (a `kind` property would clash with the
# domain's own `kind`, e.g. an organisation's kind).
KIND_OF_N = f"[l IN labels(n) WHERE l <> '{ENTITY}'][0]"
NODE = f"n {{.*}} AS props, {KIND_OF_N} AS kind"
EDGE = "r {.*} AS props, type(r) AS type, startNode(r).id AS from_id, endNode(r).id AS to_id"


def label(kind: NodeKind) -> str:
    return NodeKind(kind).value  # the enum's own spelling, never a caller's string


def type_pattern(types: tuple[EdgeType, ...] | list[EdgeType]) -> str:
    return "|".join(EdgeType(t).value for t in types)


def schema() -> list[Statement]:
    """Constraints and indexes, each created only if missing."""
    texts = [
        f"CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (m:{META}) REQUIRE m.key IS UNIQUE",
        f"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:{ENTITY}) REQUIRE n.id IS UNIQUE",
        f"CREATE CONSTRAINT entity_unique_key IF NOT EXISTS FOR (n:{ENTITY})"
        " REQUIRE n.unique_key IS UNIQUE",
        # Not used for search (Lucene tokens cannot match inside words): kept for ad-hoc
        # queries in the Neo4j Browser and a future type-ahead.
        f"CREATE INDEX entity_load IF NOT EXISTS FOR (n:{ENTITY}) ON (n.{LOAD})",
        f"CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:{ENTITY}) ON EACH [n.search]",
    ]
    texts += [
        f"CREATE CONSTRAINT document_key IF NOT EXISTS FOR (d:{DOCUMENT})"
        " REQUIRE (d.collection, d.id) IS UNIQUE",
        f"CREATE CONSTRAINT audit_seq IF NOT EXISTS FOR (a:{AUDIT}) REQUIRE a.seq IS UNIQUE",
        *(
            f"CREATE INDEX audit_{column} IF NOT EXISTS FOR (a:{AUDIT}) ON (a.{column})"
            for column in ("actor", "action", "at")
        ),
    ]
    for t in EdgeType:
        # The constraint's backing index is also what looks relationships up by id.
        texts.append(
            f"CREATE CONSTRAINT {t.value.lower()}_id IF NOT EXISTS"
            f" FOR ()-[r:{t.value}]-() REQUIRE r.id IS UNIQUE"
        )
        texts.append(
            f"CREATE INDEX {t.value.lower()}_load IF NOT EXISTS"
            f" FOR ()-[r:{t.value}]-() ON (r.{LOAD})"
        )
    for kind in NodeKind:
        name, low = label(kind), kind.value.lower()
        for column in ("sort", "created_at", "updated_at"):
            texts.append(
                f"CREATE INDEX {low}_{column} IF NOT EXISTS FOR (n:{name}) ON (n.{column})"
            )
        # A trigram text index answers `search CONTAINS $term` without reading every node.
        texts.append(f"CREATE TEXT INDEX {low}_search IF NOT EXISTS FOR (n:{name}) ON (n.search)")
        if "kind" in graph.NODE_MODELS[kind].model_fields:
            texts.append(f"CREATE INDEX {low}_kind IF NOT EXISTS FOR (n:{name}) ON (n.kind)")
    return [write("schema", text) for text in texts]


AWAIT_INDEXES = read("await_indexes", "CALL db.awaitIndexes(300)")
ENSURE_META = write(
    "ensure_meta", f"MERGE (m:{META} {{key: 'registry'}}) ON CREATE SET m.version = 0"
)
# Runs first in every write: besides counting, it locks the meta node, so writes queue up one
# after another like SQLite's BEGIN IMMEDIATE and the checks that follow cannot race.
BUMP_VERSION = write(
    "bump_version",
    f"MATCH (m:{META} {{key: 'registry'}}) SET m.version = m.version + 1 RETURN m.version",
)
# What writes outside the graph (documents, audit) run first instead: the same lock on the
# meta node, taken by writing a counter of its own, so `version()` stays where it is.
LOCK_META = write(
    "lock_meta",
    f"MATCH (m:{META} {{key: 'registry'}}) SET m.lock = coalesce(m.lock, 0) + 1 RETURN m.lock",
)
GET_VERSION = read("get_version", f"MATCH (m:{META} {{key: 'registry'}}) RETURN m.version")

NODES_BY_IDS = read("nodes_by_ids", f"MATCH (n:{ENTITY}) WHERE n.id IN $ids RETURN {NODE}")
NODE_KINDS = read(
    "node_kinds",
    f"MATCH (n:{ENTITY}) WHERE n.id IN $ids RETURN n.id AS id, {KIND_OF_N} AS kind",
)
UNIQUE_HOLDER = read(
    "unique_holder",
    f"MATCH (n:{ENTITY} {{unique_key: $key}}) WHERE n.id <> $id RETURN n.id LIMIT 1",
)
UPDATE_NODE = write("update_node", f"MATCH (n:{ENTITY} {{id: $id}}) SET n = $props")
DELETE_NODE = write("delete_node", f"MATCH (n:{ENTITY} {{id: $id}}) DETACH DELETE n")
EDGES_BY_IDS = read(
    "edges_by_ids", f"MATCH ()-[r:{ALL_TYPES}]->() WHERE r.id IN $ids RETURN {EDGE}"
)
UPDATE_EDGE = write("update_edge", f"MATCH ()-[r:{ALL_TYPES}]->() WHERE r.id = $id SET r = $props")
DELETE_EDGE = write("delete_edge", f"MATCH ()-[r:{ALL_TYPES}]->() WHERE r.id = $id DELETE r")
# The snapshot reads columns, not property maps: one value a domain property the models
# know, null where a node has none, so the driver decodes no key names (a map repeats its
# keys in every record, and that decoding was most of a cold analysis). All rows come as one
# list in one record: fetched in pages of records, a snapshot took a round trip a thousand.
NODE_KEYS = sorted(set().union(*(m.model_fields for m in graph.NODE_MODELS.values())))
EDGE_KEYS = sorted(set().union(*(m.model_fields for m in graph.EDGE_MODELS.values())))
_RECORD_FIELDS = "{v}.id, {v}.version, {v}.created_at, {v}.updated_at"
ALL_NODES = read(
    "all_nodes",
    f"MATCH (n:{ENTITY}) RETURN collect([{_RECORD_FIELDS.format(v='n')}, {KIND_OF_N}"
    + "".join(f", n.{key}" for key in NODE_KEYS)
    + "])",
)
ALL_EDGES = read(
    "all_edges",
    f"MATCH (a)-[r:{ALL_TYPES}]->(b)"
    f" RETURN collect([{_RECORD_FIELDS.format(v='r')}, type(r), a.id, b.id"
    + "".join(f", r.{key}" for key in EDGE_KEYS)
    + "])",
)
# Deletes go a slice at a time, each its own transaction, so a large graph never has to fit
# in the server's heap at once; the caller repeats them until they delete nothing. Ties go
# before their nodes: a node can hold tens of thousands of them (a district, a topic).
SLICE = 5000
CLEAR_TIES = write(
    "clear_ties", f"MATCH (:{ENTITY})-[r]->() WITH r LIMIT {SLICE} DELETE r RETURN count(*)"
)
CLEAR = write("clear", f"MATCH (n:{ENTITY}) WITH n LIMIT {SLICE} DELETE n RETURN count(*)")


def create_node(kind: NodeKind) -> Statement:
    return write("create_node", f"CREATE (n:{ENTITY}:{label(kind)}) SET n = $props")


def same_tie(edge_type: EdgeType) -> Statement:
    """A tie of this type between the two ends; either way round when $symmetric."""
    return read(
        "same_tie",
        f"MATCH (a:{ENTITY} {{id: $from_id}})-[r:{type_pattern([edge_type])}]-"
        f"(:{ENTITY} {{id: $to_id}}) WHERE $symmetric OR startNode(r) = a RETURN r.id LIMIT 1",
    )


def create_edge(edge_type: EdgeType) -> Statement:
    return write(
        "create_edge",
        f"MATCH (a:{ENTITY} {{id: $from_id}}) MATCH (b:{ENTITY} {{id: $to_id}})"
        f" CREATE (a)-[r:{type_pattern([edge_type])}]->(b) SET r = $props",
    )


def neighbourhood(depth: int) -> Statement:
    # The upper bound of a variable-length pattern cannot be a parameter; it is an int here.
    # Collecting DISTINCT ends lets the planner expand breadth-first with pruning instead of
    # walking every path.
    return read(
        "neighbourhood",
        f"MATCH (s:{ENTITY}) WHERE s.id IN $ids"
        f" MATCH (s)-[*0..{max(0, int(depth))}]-(m:{ENTITY})"
        " WITH collect(DISTINCT m) AS ns"
        f" RETURN [n IN ns | {{props: n {{.*}}, kind: {KIND_OF_N}}}] AS nodes,"
        " COLLECT { UNWIND ns AS a MATCH (a)-[r]->(b) WHERE b IN ns"
        "  RETURN {props: r {.*}, type: type(r), from_id: a.id, to_id: b.id} } AS edges",
    )


# Documents keep their data as a JSON string: properties cannot hold maps or nested lists.
DOCUMENT_VERSION = read(
    "document_version",
    f"MATCH (d:{DOCUMENT} {{collection: $collection, id: $id}}) RETURN d.version",
)
PUT_DOCUMENT = write(
    "put_document",
    f"MERGE (d:{DOCUMENT} {{collection: $collection, id: $id}})"
    " SET d.data = $data, d.version = $version",
)
DOCUMENTS_BY_IDS = read(
    "documents_by_ids",
    f"MATCH (d:{DOCUMENT} {{collection: $collection}}) WHERE d.id IN $ids"
    " RETURN d.id, d.version, d.data",
)
DELETE_DOCUMENTS = write(
    "delete_documents",
    f"MATCH (d:{DOCUMENT} {{collection: $collection}}) WHERE d.id IN $ids DELETE d",
)
DOCUMENTS_IN = read(
    "documents_in",
    f"MATCH (d:{DOCUMENT} {{collection: $collection}}) RETURN d.id, d.version, d.data",
)
# Numbers a batch of entries from the meta node's counter, in the order of $rows. The store
# never updates or deletes an entry (no trigger can forbid it as in SQLite), and clear()
# matches Entity nodes only.
APPEND_AUDIT = write(
    "append_audit",
    f"MATCH (m:{META} {{key: 'registry'}})"
    " WITH m, coalesce(m.audit_seq, 0) AS last SET m.audit_seq = last + size($rows)"
    " WITH last UNWIND range(0, size($rows) - 1) AS i"
    f" CREATE (a:{AUDIT}) SET a = $rows[i], a.seq = last + i + 1",
)
FORGET_IN_AUDIT = write(
    "forget_in_audit",
    f"MATCH (a:{AUDIT}) WHERE $id IN a.targets SET a.targets = [t IN a.targets WHERE t <> $id]",
)
# Enterprise only (neo4j_base._scrub copes with its absence).
CHECKPOINT = write("checkpoint", "CALL db.checkpoint()")
