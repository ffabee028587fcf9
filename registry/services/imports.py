"""Organisations and contact persons from spreadsheets (XLSX or CSV), all or nothing.

The first row of a sheet names the columns, in Norwegian or English. Every row is checked
with the domain's own validation and every error is collected before anything is written.
Communities, areas, topics and organisations are named, not given by id, and looked up
case- and accent-free among everything of their kind, loaded once (no query per row). A
workbook with a sheet for organisations and one for people imports both at once, so a
person may name an organisation the same file creates. What passes is written with one
`import_graph`, so a file either lands whole or leaves the store as it was.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import anyio

from registry.domain.audit import AuditEntry
from registry.domain.enums import NodeKind
from registry.domain.errors import RegistryError, ValidationFailed
from registry.domain.graph import check_endpoints, validate_edge, validate_node
from registry.domain.rules import fold
from registry.services.spreadsheets import (
    HEADERS,
    HINTS,
    LINKS,
    SHEETS,
    STAND_INS,
    Rows,
    What,
    cell,
    key,
    read_tables,
)
from registry.store.base import Store, new_id, now
from registry.store.query import NodeQuery, Order
from registry.store.records import EdgeRecord, NodeRecord, Subgraph


@dataclass(frozen=True, slots=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the headers are row 1
    column: str | None  # the header as the file writes it
    message: str
    sheet: str | None = None  # named only when one workbook imports several sheets

    def __str__(self) -> str:
        where = [f"sheet '{self.sheet}'"] if self.sheet else []
        where += [f"row {self.row}"] + ([f"column '{self.column}'"] if self.column else [])
        return f"{', '.join(where)}: {self.message}"


@dataclass
class Report:
    rows: int
    created: dict[str, int]  # empty when the file was refused
    errors: list[RowError]
    dry_run: bool

    def summary(self) -> dict[str, Any]:
        return {"rows": self.rows, "created": self.created, "dryRun": self.dry_run}


class _Names:
    """The nodes of one kind by folded name, organisations also by number."""

    def __init__(self, records: list[NodeRecord]) -> None:
        self.ids: dict[str, list[str]] = defaultdict(list)
        for record in records:
            self.add(record.id, record.props)

    def add(self, node_id: str, props: dict[str, Any]) -> None:
        self.ids[fold(str(props.get("name", "")).strip())].append(node_id)
        if props.get("org_number"):
            self.ids[str(props["org_number"])].append(node_id)

    def find(self, text: str) -> list[str]:
        digits = re.sub(r"[\s.]", "", text)
        return self.ids.get(digits if re.fullmatch(r"[0-9]{9}", digits) else fold(text), [])


def _validate(kind: NodeKind, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The valid props, or the message for every bad field: validation stops at the first,
    so the field found wrong is dropped (or stood in for) and the rest checked again."""
    data, bad = dict(props), {}
    while True:
        try:
            return validate_node(kind, data), bad
        except ValidationFailed as exc:
            name = re.sub(r"[A-Z]", lambda m: "_" + m[0].lower(), (exc.field or "").split(".")[0])
            if name in bad:  # a required field, still missing: nothing more to learn
                return {}, bad
            bad[name] = "a value is required" if exc.message == "Field required" else exc.message
            if name in STAND_INS:
                data[name] = STAND_INS[name]
            else:
                data.pop(name, None)


def _header(
    kind: NodeKind, row: tuple[Any, ...], sheet: str | None
) -> tuple[dict[int, str], dict[str, str], list[RowError]]:
    """Which field each column fills, each field's header, and the headers that fill none."""
    fields: dict[int, str] = {}
    headers: dict[str, str] = {}
    errors: list[RowError] = []
    for i, text in enumerate(str(h).strip() if h is not None else "" for h in row):
        name = HEADERS[kind].get(key(text))
        if text and name is None:
            errors.append(RowError(1, text, "unknown column: rename or remove it", sheet))
        elif name in headers:
            errors.append(RowError(1, text, f"the same as column '{headers[name]}'", sheet))
        elif name:
            fields[i], headers[name] = name, text
    required = ["name", "kind"] if kind is NodeKind.ORGANISATION else ["name"]
    errors += [RowError(1, None, f"no column for {f}", sheet) for f in required if f not in headers]
    return fields, headers, errors


class _Plan:
    """The records a file would create, or every reason it cannot be imported."""

    def __init__(self, names: dict[NodeKind, _Names]) -> None:
        self.names, self.stamp, self.rows = names, now(), 0
        self.nodes: list[NodeRecord] = []
        self.edges: list[EdgeRecord] = []
        self.errors: list[RowError] = []
        self.origin: dict[str, int] = {}  # node id -> the row creating it

    def sheet(self, kind: NodeKind, rows: Rows, sheet: str | None) -> None:
        fields, headers, errors = _header(kind, rows[0] if rows else (), sheet)
        self.errors += errors
        if any(e.column is None for e in errors):
            return  # without a required column every row would only say so again
        for number, row in enumerate(rows[1:], start=2):
            cells = {fields[i]: v for i, v in enumerate(row) if i in fields and v is not None}
            if cells := {k: v for k, v in cells.items() if str(v).strip()}:
                self.rows += 1
                bad = self._row(kind, number, cells)
                self.errors += [
                    RowError(number, headers.get(f), HINTS.get(f, message), sheet)
                    for f, message in bad.items()
                ]

    def _row(self, kind: NodeKind, number: int, cells: dict[str, Any]) -> dict[str, str]:
        """Plans the row's node and ties; what is wrong with it, by field."""
        props: dict[str, Any] = {}
        bad: dict[str, str] = {}
        for name, value in cells.items():
            try:
                props[name] = cell(name, value)
            except ValueError as exc:
                bad[name] = str(exc)
                if name in STAND_INS:
                    props[name] = STAND_INS[name]
        links = {name: props.pop(name) for name in LINKS if name in props}
        clean, invalid = _validate(kind, props)
        bad = invalid | bad
        node_id = new_id()
        self.origin[node_id] = number
        if kind is NodeKind.ORGANISATION:
            self._unique(clean, bad)
            self.names[kind].add(node_id, clean or props)  # for later rows that name it
        ties = [
            tie
            for name, values in links.items()
            for tie in self._ties(kind, node_id, name, values, bad)
        ]
        if not bad:
            self.nodes.append(NodeRecord(node_id, kind, clean, 1, self.stamp, self.stamp))
            self.edges += ties
        return bad

    def _ties(
        self, kind: NodeKind, node_id: str, name: str, values: list[str], bad: dict[str, str]
    ) -> list[EdgeRecord]:
        edge_type, target = LINKS[name]
        found: dict[str, None] = {}  # two spellings of one name make one tie
        unknown, ambiguous = [], []
        for value in values:
            ids = self.names[target].find(value)
            if len(ids) == 1:
                found[ids[0]] = None
            else:
                (ambiguous if ids else unknown).append(f"'{value}'")
        noun, org = target.value.lower(), target is NodeKind.ORGANISATION
        if unknown:
            where = "in the registry or this file" if org else "in the registry"
            bad[name] = f"no {noun} called {' or '.join(unknown)} {where}"
        elif ambiguous:
            more = ": give the organisation number" if org else ""
            bad[name] = f"more than one {noun} is called {' or '.join(ambiguous)}{more}"
        check_endpoints(edge_type, kind, target)
        props = validate_edge(edge_type, {})
        return [
            EdgeRecord(new_id(), edge_type, node_id, to, props, 1, self.stamp, self.stamp)
            for to in found
        ]

    def _unique(self, props: dict[str, Any], bad: dict[str, str]) -> None:
        """One organisation per number and per name: a file imported twice is refused,
        not doubled."""
        for name, said in (("org_number", "organisation number"), ("name", "name")):
            others = self.names[NodeKind.ORGANISATION].find(props[name]) if name in props else []
            if others and (row := self.origin.get(others[0])):
                bad.setdefault(name, f"the same {said} as row {row}")
            elif others:
                bad.setdefault(name, f"an organisation with this {said} is already in the registry")


def _sheets(tables: dict[str, Rows], what: What) -> list[tuple[NodeKind, Rows, str | None]]:
    """The sheet named for `what` (else the first named for nothing else); for organisations
    also a sheet named for people, so that one workbook can carry both."""
    named = {w: t for t in tables for w, (_, names) in SHEETS.items() if key(t) in names}
    title = named.get(what) or next(
        (t for t in tables if t not in named.values()), next(iter(tables))
    )
    picked = [(what, title)]
    if what == "organisations" and named.get("people", title) != title:
        picked.append(("people", named["people"]))
    several = len(picked) > 1
    return [(SHEETS[w][0], tables[t], t if several else None) for w, t in picked]


async def import_file(
    store: Store, data: bytes, what: What, *, actor: str, dry_run: bool = False
) -> Report:
    """Check a whole file, then write all of it or (with any error, or a dry run) nothing.
    A real attempt is audited with counts only: the rows hold personal data."""
    sheets = _sheets(await anyio.to_thread.run_sync(read_tables, data), what)
    kinds = [NodeKind.ORGANISATION]
    if sheets[0][0] is NodeKind.ORGANISATION:
        kinds += [NodeKind.COMMUNITY, NodeKind.AREA, NodeKind.TOPIC]
    everything = {k: await store.find_nodes(NodeQuery(k, archived=None), Order()) for k in kinds}
    plan = _Plan({k: _Names(records) for k, records in everything.items()})
    for kind, rows, title in sheets:
        plan.sheet(kind, rows, title)
    made = [n.kind for n in plan.nodes]
    created = {
        "organisations": made.count(NodeKind.ORGANISATION),
        "people": made.count(NodeKind.PERSON),
        "ties": len(plan.edges),
    }
    report = Report(plan.rows, {} if plan.errors else created, plan.errors, dry_run)
    if dry_run:
        return report
    outcome = "VALIDATION" if plan.errors else "INTERNAL"
    try:
        if not plan.errors:
            await store.import_graph(Subgraph(plan.nodes, plan.edges))
            outcome = "ok"
    except RegistryError as exc:
        outcome = exc.code
        raise
    finally:
        details = {"rows": plan.rows, "created": len(plan.nodes) if outcome == "ok" else 0}
        await store.append_audit([AuditEntry(now(), actor, f"import:{what}", (), details, outcome)])
    return report
