"""Every SQL statement of the embedded store, and the builders for its filtered queries."""

import json
import re
from typing import Any

from registry.store.embedded_search import search_clause
from registry.store.query import AuditQuery, Direction, EdgeQuery, Linked, NodeQuery, Order

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('version', 0);
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    props TEXT NOT NULL,
    sort TEXT NOT NULL,
    search TEXT NOT NULL,
    archived INTEGER NOT NULL,
    unique_key TEXT UNIQUE,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS nodes_kind_sort ON nodes (kind, archived, sort);
CREATE INDEX IF NOT EXISTS nodes_kind_created ON nodes (kind, created_at);
CREATE INDEX IF NOT EXISTS nodes_subkind ON nodes (kind, json_extract(props, '$.kind'));
CREATE TABLE IF NOT EXISTS edges (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    from_id TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
    to_id TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
    props TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (type, from_id, to_id)
);
CREATE INDEX IF NOT EXISTS edges_from ON edges (from_id, type);
CREATE INDEX IF NOT EXISTS edges_to ON edges (to_id, type);
CREATE TABLE IF NOT EXISTS documents (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    data TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (collection, id)
);
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    targets TEXT NOT NULL,
    details TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_actor ON audit (actor, seq);
CREATE INDEX IF NOT EXISTS audit_action ON audit (action, seq);
-- Append-only, but for erasure: an entry may drop ids from its targets, nothing else.
DROP TRIGGER IF EXISTS audit_no_update;
CREATE TRIGGER IF NOT EXISTS audit_only_forgets BEFORE UPDATE ON audit
WHEN NEW.seq IS NOT OLD.seq OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor
    OR NEW.action IS NOT OLD.action OR NEW.details IS NOT OLD.details
    OR NEW.outcome IS NOT OLD.outcome
    OR EXISTS (SELECT 1 FROM json_each(NEW.targets)
               WHERE value NOT IN (SELECT value FROM json_each(OLD.targets)))
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

NODE_COLUMNS = "id, kind, props, version, created_at, updated_at"
EDGE_COLUMNS = "id, type, from_id, to_id, props, version, created_at, updated_at"

BUMP_VERSION = "UPDATE meta SET value = value + 1 WHERE key = 'version'"
GET_VERSION = "SELECT value FROM meta WHERE key = 'version'"
NODES_BY_IDS = f"SELECT {NODE_COLUMNS} FROM nodes WHERE id IN (SELECT value FROM json_each(?))"
EDGES_BY_IDS = f"SELECT {EDGE_COLUMNS} FROM edges WHERE id IN (SELECT value FROM json_each(?))"
NODE_KINDS = "SELECT id, kind FROM nodes WHERE id IN (SELECT value FROM json_each(?))"
INSERT_NODE = (
    "INSERT INTO nodes (id, kind, props, sort, search, archived, unique_key, version,"
    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
UPDATE_NODE = (
    "UPDATE nodes SET props = ?, sort = ?, search = ?, archived = ?, unique_key = ?,"
    " version = ?, updated_at = ? WHERE id = ?"
)
DELETE_NODE = "DELETE FROM nodes WHERE id = ?"
INSERT_EDGE = f"INSERT INTO edges ({EDGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
UPDATE_EDGE = "UPDATE edges SET props = ?, version = ?, updated_at = ? WHERE id = ?"
DELETE_EDGE = "DELETE FROM edges WHERE id = ?"
SAME_TIE = (
    "SELECT id FROM edges WHERE type = ? AND ((from_id = ? AND to_id = ?)"
    " OR (? AND from_id = ? AND to_id = ?))"
)
UNIQUE_HOLDER = "SELECT id FROM nodes WHERE unique_key = ? AND id != ?"
EDGES_AROUND = (
    f"SELECT {EDGE_COLUMNS} FROM edges WHERE from_id IN (SELECT value FROM json_each(?))"
    f" UNION SELECT {EDGE_COLUMNS} FROM edges WHERE to_id IN (SELECT value FROM json_each(?))"
)
ALL_NODES = f"SELECT {NODE_COLUMNS} FROM nodes ORDER BY id"
ALL_EDGES = f"SELECT {EDGE_COLUMNS} FROM edges ORDER BY id"
CLEAR = "DELETE FROM edges; DELETE FROM nodes;"

DELETE_DOCUMENTS = (
    "DELETE FROM documents WHERE collection = ? AND id IN (SELECT value FROM json_each(?))"
)
DOCUMENTS_BY_IDS = (
    "SELECT id, version, data FROM documents WHERE collection = ?"
    " AND id IN (SELECT value FROM json_each(?))"
)
DOCUMENTS_IN = "SELECT id, version, data FROM documents WHERE collection = ? ORDER BY id"
DOCUMENT_VERSION = "SELECT version FROM documents WHERE collection = ? AND id = ?"
PUT_DOCUMENT = (
    "INSERT INTO documents (collection, id, data, version) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (collection, id) DO UPDATE SET data = excluded.data, version = excluded.version"
)
INSERT_AUDIT = (
    "INSERT INTO audit (at, actor, action, targets, details, outcome) VALUES (?, ?, ?, ?, ?, ?)"
)
CHECKPOINT = "PRAGMA wal_checkpoint(TRUNCATE)"
# instr() on the quoted id skips, without parsing them, the entries that do not name it.
FORGET_IN_AUDIT = (
    "UPDATE audit SET targets = (SELECT json_group_array(value) FROM json_each(audit.targets)"
    " WHERE value != ?1) WHERE instr(targets, json_quote(?1)) > 0"
)

_EACH = "(SELECT value FROM json_each(?))"
_ORDER_COLUMN = {"name": "sort", "created_at": "created_at", "updated_at": "updated_at"}


def _linked(cond: Linked, params: list[Any]) -> str:
    sides = {
        Direction.OUT: [("from_id", "to_id")],
        Direction.IN: [("to_id", "from_id")],
        Direction.BOTH: [("from_id", "to_id"), ("to_id", "from_id")],
    }[cond.direction]
    parts = []
    for near, far in sides:
        parts.append(
            f"EXISTS (SELECT 1 FROM edges e WHERE e.{near} = n.id AND e.type IN {_EACH}"
            f" AND e.{far} IN {_EACH})"
        )
        params += [_json(t.value for t in cond.edge_types), _json(cond.node_ids)]
    return "(" + " OR ".join(parts) + ")"


def _json(values: Any) -> str:
    return json.dumps(list(values))


def _prop(name: str) -> str:
    # Property names come from code, never from callers; refuse anything else all the same.
    if not re.fullmatch(r"[a-z_]+", name):
        raise ValueError(f"not a property name: {name!r}")
    return name


def node_where(query: NodeQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = ["n.kind = ?"]
    params: list[Any] = [query.kind.value]
    if query.archived is not None:
        clauses.append("n.archived = ?")
        params.append(int(query.archived))
    if query.search:
        clauses.append(search_clause(query.search, params))
    for prop, values in query.equals.items():
        clauses.append(f"json_extract(n.props, '$.{_prop(prop)}') IN {_EACH}")
        params.append(_json(values))
    for prop, values in query.contains_any.items():
        clauses.append(
            f"EXISTS (SELECT 1 FROM json_each(n.props, '$.{_prop(prop)}') WHERE value IN {_EACH})"
        )
        params.append(_json(values))
    clauses += [_linked(cond, params) for cond in query.linked]
    return " AND ".join(clauses), params


def find_nodes(query: NodeQuery, order: Order, offset: int, limit: int | None) -> tuple[str, list]:
    where, params = node_where(query)
    direction = "DESC" if order.descending else "ASC"
    sql = (
        f"SELECT {NODE_COLUMNS} FROM nodes n WHERE {where}"
        f" ORDER BY n.{_ORDER_COLUMN[order.field.value]} {direction}, n.id {direction}"
        " LIMIT ? OFFSET ?"
    )
    return sql, [*params, -1 if limit is None else limit, offset]


def count_nodes(query: NodeQuery) -> tuple[str, list[Any]]:
    where, params = node_where(query)
    return f"SELECT count(*) FROM nodes n WHERE {where}", params


def edge_where(query: EdgeQuery) -> tuple[str, list[Any]]:
    clauses = ["e.type IN (SELECT value FROM json_each(?))"]
    params: list[Any] = [_json(t.value for t in query.types)]
    if query.node_ids is not None:
        ends = {
            Direction.OUT: ["e.from_id"],
            Direction.IN: ["e.to_id"],
            Direction.BOTH: ["e.from_id", "e.to_id"],
        }[query.direction]
        ors = [f"{end} IN (SELECT value FROM json_each(?))" for end in ends]
        clauses.append("(" + " OR ".join(ors) + ")")
        params += [_json(query.node_ids)] * len(ends)
    for prop, values in query.equals.items():
        clauses.append(f"json_extract(e.props, '$.{_prop(prop)}') IN {_EACH}")
        params.append(_json(values))
    return " AND ".join(clauses), params


def find_edges(query: EdgeQuery, offset: int, limit: int | None) -> tuple[str, list[Any]]:
    where, params = edge_where(query)
    sql = (
        f"SELECT {EDGE_COLUMNS} FROM edges e WHERE {where}"
        " ORDER BY e.created_at, e.id LIMIT ? OFFSET ?"
    )
    return sql, [*params, -1 if limit is None else limit, offset]


def count_edges(query: EdgeQuery) -> tuple[str, list[Any]]:
    where, params = edge_where(query)
    return f"SELECT count(*) FROM edges e WHERE {where}", params


def audit_where(query: AuditQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = ["1 = 1"]
    params: list[Any] = []
    if query.actor:
        clauses.append("actor = ?")
        params.append(query.actor)
    if query.action_prefix:
        clauses.append("substr(action, 1, ?) = ?")
        params += [len(query.action_prefix), query.action_prefix]
    if query.target:
        clauses.append("EXISTS (SELECT 1 FROM json_each(targets) WHERE value = ?)")
        params.append(query.target)
    if query.since:
        clauses.append("at >= ?")
        params.append(query.since)
    if query.until:
        clauses.append("at < ?")
        params.append(query.until)
    return " AND ".join(clauses), params


def find_audit(query: AuditQuery, offset: int, limit: int | None) -> tuple[str, list[Any]]:
    where, params = audit_where(query)
    sql = (
        "SELECT seq, at, actor, action, targets, details, outcome FROM audit"
        f" WHERE {where} ORDER BY seq DESC LIMIT ? OFFSET ?"
    )
    return sql, [*params, -1 if limit is None else limit, offset]


def count_audit(query: AuditQuery) -> tuple[str, list[Any]]:
    where, params = audit_where(query)
    return f"SELECT count(*) FROM audit WHERE {where}", params
