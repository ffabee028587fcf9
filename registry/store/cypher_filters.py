"""The builders of the Neo4j store's filtered queries: find and count, for nodes, edges and
audit entries.

Conditions are ANDed like the embedded store's WHERE clauses and keep its semantics (an
absent property matches nothing; archived absent means active).
"""

import re
from typing import Any

from registry.domain.enums import EdgeType
from registry.store.cypher import (
    ALL_TYPES,
    AUDIT,
    EDGE,
    ENTITY,
    NODE,
    NODE_FIELDS,
    NODE_HELPERS,
    Statement,
    label,
    read,
    type_pattern,
)
from registry.store.query import AuditQuery, Direction, EdgeQuery, Linked, NodeQuery, Order


def prop(name: str) -> str:
    # Property names come from code, never from callers; refuse anything else all the same,
    # and the store's own fields, which are no domain props.
    if not re.fullmatch(r"[a-z_]+", name) or name in NODE_FIELDS | NODE_HELPERS:
        raise ValueError(f"not a property name: {name!r}")
    return name


def _path(cond: Linked, far_node: str) -> str:
    near, far = {Direction.OUT: ("", ">"), Direction.IN: ("<", ""), Direction.BOTH: ("", "")}[
        cond.direction
    ]
    return f"(n){near}-[:{type_pattern(cond.edge_types)}]-{far}({far_node})"


def _node_match(
    query: NodeQuery, ordered_by: str | None = None, keep: str = ""
) -> tuple[str, dict[str, Any]]:
    """The MATCH and WHERE of the nodes `query` finds, bound to n; `keep` names variables
    bound before it that must stay bound ("total, ")."""
    clauses: list[str] = []
    params: dict[str, Any] = {}
    match = f"MATCH (n:{label(query.kind)})"
    linked = list(enumerate(query.linked))
    if linked and linked[0][1].edge_types:
        # The first condition drives the query from its few linked nodes (an index seek on
        # their ids) instead of testing every node of the kind; DISTINCT keeps one row each.
        _, first = linked.pop(0)
        match = (
            f"MATCH (m:{ENTITY}) WHERE m.id IN $linked0"
            f" MATCH {_path(first, 'm')} WHERE n:{label(query.kind)} WITH DISTINCT {keep}n"
        )
        params["linked0"] = list(first.node_ids)
    if query.archived is not None:
        # Absent means active, as in the embedded store's int(props.get("archived", False)).
        clauses.append("coalesce(n.archived, false) = $archived")
        params["archived"] = query.archived
    if query.search:
        clauses.append("n.search CONTAINS $search")
        params["search"] = query.search
    for i, (name, values) in enumerate(query.equals.items()):
        clauses.append(f"n.{prop(name)} IN $eq{i}")
        params[f"eq{i}"] = list(values)
    for i, (name, values) in enumerate(query.contains_any.items()):
        clauses.append(f"any(x IN n.{prop(name)} WHERE x IN $any{i})")
        params[f"any{i}"] = list(values)
    for i, cond in linked:
        if not cond.edge_types:  # no type can link: like SQLite's `type IN ()`
            clauses.append("false")
            continue
        clauses.append(
            f"EXISTS {{ MATCH {_path(cond, f'm{i}:{ENTITY}')} WHERE m{i}.id IN $linked{i} }}"
        )
        params[f"linked{i}"] = list(cond.node_ids)
    if ordered_by and not query.search:
        # Every node has the property, so this drops none; it lets the planner read the
        # kind's range index on it in order, stopping after a page, instead of sorting all.
        # Not with a search: its text index finds the few matches, sorted faster than the
        # whole kind is read in order (20,001 db hits against 1 at 10,000 organisations).
        clauses.append(f"n.{ordered_by} >= ''")
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return match + where, params


def _page(offset: int, limit: int | None, params: dict[str, Any]) -> str:
    # SQLite reads a negative OFFSET as 0 and a negative LIMIT as none; Neo4j refuses both.
    params["offset"] = max(0, offset)
    if limit is None or limit < 0:
        return " SKIP $offset"
    params["limit"] = limit
    return " SKIP $offset LIMIT $limit"


_ORDER_PROP = {"name": "sort", "created_at": "created_at", "updated_at": "updated_at"}


def find_nodes(
    query: NodeQuery, order: Order, offset: int, limit: int | None
) -> tuple[Statement, dict[str, Any]]:
    column = _ORDER_PROP[order.field.value]
    match, params = _node_match(query, column)
    direction = "DESC" if order.descending else "ASC"
    text = f"{match} RETURN {NODE} ORDER BY n.{column} {direction}, n.id {direction}"
    return read("find_nodes", text + _page(offset, limit, params)), params


def count_nodes(query: NodeQuery) -> tuple[Statement, dict[str, Any]]:
    match, params = _node_match(query)
    return read("count_nodes", f"{match} RETURN count(n)"), params


_ARROW = {Direction.OUT: ("", ">"), Direction.IN: ("<", ""), Direction.BOTH: ("", "")}
_FAR = f"m {{.*}}, [l IN labels(m) WHERE l <> '{ENTITY}'][0]"


def find_page(
    query: NodeQuery,
    order: Order,
    offset: int,
    limit: int,
    links: list[tuple[Direction, tuple[EdgeType, ...]]],
) -> tuple[Statement, dict[str, Any]]:
    """`count_nodes`, `find_nodes` and, for each node found and each (direction, types) of
    `links`, its edges in `find_edges` order with their far ends: a page in one statement.
    One row: the total, and the page as a list, each node as its props (its kind is the
    query's), then one list a link of [edge props, type, from id, to id, far props, far kind].
    No row when the page is empty. One row, not one a node: the driver's cost is per record."""
    column = _ORDER_PROP[order.field.value]
    way = "DESC" if order.descending else "ASC"
    if query.search:
        # A search's few matches are found once, counted and sorted: its text index scan is
        # the statement's dearest step.
        match, params = _node_match(query)
        parts = [match, "WITH collect(n) AS found, count(n) AS total UNWIND found AS n"]
    else:
        # Counted apart, so the page itself is read in the order index's order and stops
        # after `limit` nodes instead of sorting every node of the kind.
        counted, params = _node_match(query)
        match, _ = _node_match(query, column, keep="total, ")  # the same parameters
        parts = [f"CALL () {{ {counted} RETURN count(n) AS total }}", match]
    parts.append(
        f"WITH total, n ORDER BY n.{column} {way}, n.id {way}" + _page(offset, limit, params)
    )
    for i, (direction, types) in enumerate(links):
        near, far = _ARROW[direction]
        parts.append(
            f"CALL (n) {{ MATCH (n){near}-[r:{type_pattern(types)}]-{far}(m:{ENTITY})"
            f" WITH r, m ORDER BY r.created_at, r.id"
            f" RETURN collect([r {{.*}}, type(r), startNode(r).id, endNode(r).id, {_FAR}])"
            f" AS link{i} }}"
        )
    linked = "".join(f", link{i}" for i in range(len(links)))
    page = f"collect([n {{.*}}{linked}])"
    return read("find_page", " ".join(parts) + f" RETURN total, {page}"), params


def _edge_match(query: EdgeQuery) -> tuple[str, dict[str, Any]]:
    clauses = [] if query.types else ["false"]
    params: dict[str, Any] = {}
    if query.node_ids is not None:
        ends = {Direction.OUT: ["a"], Direction.IN: ["b"], Direction.BOTH: ["a", "b"]}
        clauses.append("(" + " OR ".join(f"{e}.id IN $ids" for e in ends[query.direction]) + ")")
        params["ids"] = list(query.node_ids)
    for i, (name, values) in enumerate(query.equals.items()):
        clauses.append(f"r.{prop(name)} IN $eq{i}")
        params[f"eq{i}"] = list(values)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    types = type_pattern(query.types) or ALL_TYPES
    return f"MATCH (a:{ENTITY})-[r:{types}]->(b:{ENTITY}){where}", params


def find_edges(
    query: EdgeQuery, offset: int, limit: int | None
) -> tuple[Statement, dict[str, Any]]:
    match, params = _edge_match(query)
    text = f"{match} RETURN {EDGE} ORDER BY r.created_at, r.id" + _page(offset, limit, params)
    return read("find_edges", text), params


def count_edges(query: EdgeQuery) -> tuple[Statement, dict[str, Any]]:
    match, params = _edge_match(query)
    return read("count_edges", f"{match} RETURN count(r)"), params


def _audit_match(query: AuditQuery) -> tuple[str, dict[str, Any]]:
    # Empty strings filter nothing, as in the embedded store. `at` is an ISO string, compared
    # as text like SQLite does.
    conditions = {
        "actor": "a.actor = $actor",
        "action_prefix": "a.action STARTS WITH $action_prefix",
        "target": "$target IN a.targets",
        "since": "a.at >= $since",
        "until": "a.at < $until",
    }
    params = {name: value for name in conditions if (value := getattr(query, name))}
    where = " AND ".join(conditions[name] for name in params)
    return f"MATCH (a:{AUDIT})" + (f" WHERE {where}" if where else ""), params


AUDIT_FIELDS = "a.seq, a.at, a.actor, a.action, a.targets, a.details, a.outcome"


def find_audit(
    query: AuditQuery, offset: int, limit: int | None
) -> tuple[Statement, dict[str, Any]]:
    match, params = _audit_match(query)
    text = f"{match} RETURN {AUDIT_FIELDS} ORDER BY a.seq DESC" + _page(offset, limit, params)
    return read("find_audit", text), params


def count_audit(query: AuditQuery) -> tuple[Statement, dict[str, Any]]:
    match, params = _audit_match(query)
    return read("count_audit", f"{match} RETURN count(a)"), params
