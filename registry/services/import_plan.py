"""The records a file would create or update, or every reason it cannot be imported."""

import re
from collections.abc import Mapping
from typing import Any

from registry.domain.enums import NodeKind
from registry.domain.errors import ValidationFailed
from registry.domain.graph import check_endpoints, validate_edge, validate_node
from registry.domain.rules import fold
from registry.services import import_columns as columns
from registry.services.import_report import PREVIEW_ROWS, Change, Report
from registry.services.import_sheets import Names, Sheet
from registry.services.import_texts import MAX_ERRORS, NB_NOUNS, RowError, echo, near
from registry.services.spreadsheets import CHOICES, HINTS, LINKS, STAND_INS, cell
from registry.store.base import new_id, now
from registry.store.records import EdgeRecord, NodeRecord

# A field found wrong: the English, the bokmål (None: translated by the table), a suggestion.
Bad = dict[str, tuple[str, str | None, str | None]]


def _validate(kind: NodeKind, props: dict[str, Any]) -> tuple[dict[str, Any], Bad]:
    """The valid props, or the message for every bad field: validation stops at the first,
    so the field found wrong is dropped (or stood in for) and the rest checked again."""
    data, bad = dict(props), Bad()
    while True:
        try:
            return validate_node(kind, data), bad
        except ValidationFailed as exc:
            name = re.sub(r"[A-Z]", lambda m: "_" + m[0].lower(), (exc.field or "").split(".")[0])
            if name in bad:  # a required field, still missing: nothing more to learn
                return {}, bad
            said = "a value is required" if exc.message == "Field required" else exc.message
            bad[name] = (said, None, None)
            if name in STAND_INS:
                data[name] = STAND_INS[name]
            else:
                data.pop(name, None)


class Plan:
    def __init__(
        self,
        everything: dict[NodeKind, list[NodeRecord]],
        mapping: Mapping[str, str],
        preset: columns.Preset | None,
        update: bool,
    ) -> None:
        self.names = {k: Names(records) for k, records in everything.items()}
        self.known = {r.id: r for r in everything[NodeKind.ORGANISATION]}
        self.mapping, self.preset, self.update = mapping, preset, update
        self.stamp, self.rows, self.more_errors = now(), 0, 0
        self.nodes: list[NodeRecord] = []
        self.edges: list[EdgeRecord] = []
        self.changes: list[Change] = []
        self.matched: list[str] = []  # registry organisations the file updates
        self.errors: list[RowError] = []
        self.origin: dict[str, int] = {}  # node id -> the row creating or updating it
        self.columns: list[dict[str, str | None]] = []
        self.ignored: list[str] = []
        self.preview: list[list[str]] = []

    def report(self, dry_run: bool) -> Report:
        made = [n.kind for n in self.nodes]
        created = {
            "organisations": made.count(NodeKind.ORGANISATION),
            "people": made.count(NodeKind.PERSON),
            "ties": len(self.edges),
        }
        return Report(
            self.rows,
            {} if self.errors else created,
            self.errors,
            dry_run,
            self.changes,
            self.more_errors,
            self.columns,
            self.ignored,
            self.preview,
        )

    def _error(self, error: RowError) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)
        else:
            self.more_errors += 1

    def _header(self, sheet: Sheet) -> tuple[dict[int, str], dict[str, str]]:
        """Which field each column fills and each field's header; columns filling none are
        listed as ignored."""
        fields: dict[int, str] = {}
        headers: dict[str, str] = {}
        row = sheet.rows[0] if sheet.rows else ()
        for i, text in enumerate(str(h).strip() if h is not None else "" for h in row):
            name = columns.guess(sheet.kind, text, self.mapping, self.preset) if text else None
            if not self.preview:
                self.columns.append({"header": text, "field": name})
            if text and name is None:
                self.ignored.append(text)
            elif name in headers:
                message = f"the same as column '{headers[name]}'"
                self._error(
                    RowError(
                        1, text, message, sheet.title, f"det samme som kolonne '{headers[name]}'"
                    )
                )
            elif name:
                fields[i], headers[name] = name, text
        derived = self.preset.derived if self.preset else frozenset()
        required = ["name", "kind"] if sheet.kind is NodeKind.ORGANISATION else ["name"]
        for f in required:
            if f not in headers and f not in derived:
                self._error(
                    RowError(1, None, f"no column for {f}", sheet.title, f"ingen kolonne for {f}")
                )
        return fields, headers

    def sheet(self, sheet: Sheet) -> None:
        fields, headers = self._header(sheet)
        if any(e.row == 1 and e.column is None for e in self.errors):
            return  # without a required column every row would only say so again
        show = not self.preview
        for number, row in enumerate(sheet.rows[1:], start=2):
            if show and len(self.preview) < PREVIEW_ROWS:
                self.preview.append(["" if v is None else echo(v) for v in row])
            cells = {fields[i]: v for i, v in enumerate(row) if i in fields and v is not None}
            if not (cells := {k: v for k, v in cells.items() if str(v).strip()}):
                continue
            self.rows += 1
            if self.preset:
                cells = self.preset.prepare(dict(cells))
            for f, (en, nb, hint) in self._row(sheet.kind, number, cells).items():
                where = headers.get(f) or (headers.get("org_form") if f == "kind" else None)
                value = echo(cells[f]) if f in cells else None
                self._error(RowError(number, where, en, sheet.title, nb or "", value, hint))

    def _row(self, kind: NodeKind, number: int, cells: dict[str, Any]) -> Bad:
        """Plans the row's node (new, or an update) and ties; what is wrong, by field."""
        props: dict[str, Any] = {}
        bad: Bad = {}
        for name, value in cells.items():
            try:
                props[name] = cell(name, value)
            except ValueError as exc:
                bad[name] = (str(exc), None, near(str(value), CHOICES.get(name, {})))
                if name in STAND_INS:
                    props[name] = STAND_INS[name]
        links = {name: props.pop(name) for name in LINKS if name in props}
        existing = self._existing(kind, props, number, bad)
        if existing:
            keep = self.preset.derived if self.preset else frozenset()
            given = {k: v for k, v in props.items() if k not in keep}
            if fold(str(given.get("name", ""))) == fold(existing.props["name"]):
                given.pop("name", None)  # ALL CAPS from Enhetsregisteret is no new name
            props = existing.props | given
        clean, invalid = _validate(kind, props)
        bad = {f: (HINTS.get(f, m[0]), *m[1:]) for f, m in invalid.items()} | bad
        node_id = existing.id if existing else new_id()
        self.origin.setdefault(node_id, number)
        if kind is NodeKind.ORGANISATION:
            self._unique(clean, bad, node_id)
            if not existing:
                self.names[kind].add(node_id, clean or props)  # for later rows that name it
        ties = [t for n, values in links.items() for t in self._ties(kind, node_id, n, values, bad)]
        if bad:
            return bad
        if existing:
            self.matched.append(existing.id)
            change = Change(
                number, existing.id, clean["name"], existing.version, existing.props, clean
            )
            if change.diff():
                self.changes.append(change)
        else:
            self.nodes.append(NodeRecord(node_id, kind, clean, 1, self.stamp, self.stamp))
        self.edges += ties
        return bad

    def _existing(
        self, kind: NodeKind, props: dict[str, Any], number: int, bad: Bad
    ) -> NodeRecord | None:
        """The registry's organisation with the row's number, when updating."""
        if not (self.update and kind is NodeKind.ORGANISATION and props.get("org_number")):
            return None
        found = [i for i in self.names[kind].find(str(props["org_number"])) if i in self.known]
        if not found:
            return None
        if (row := self.origin.get(found[0])) is not None:
            bad["org_number"] = (
                f"the same organisation number as row {row}",
                f"samme organisasjonsnummer som rad {row}",
                None,
            )
            return None
        return self.known[found[0]]

    def _ties(
        self, kind: NodeKind, node_id: str, name: str, values: list[str], bad: Bad
    ) -> list[EdgeRecord]:
        edge_type, target = LINKS[name]
        found: dict[str, None] = {}  # two spellings of one name make one tie
        unknown: list[str] = []
        ambiguous: list[str] = []
        for value in values:
            ids = self.names[target].find(value)
            if len(ids) == 1:
                found[ids[0]] = None
            else:
                (ambiguous if ids else unknown).append(value)
        noun, org = target.value.lower(), target is NodeKind.ORGANISATION
        quoted = " or ".join(f"'{v}'" for v in unknown or ambiguous)
        nb_quoted = " eller ".join(f"'{v}'" for v in unknown or ambiguous)
        nb_noun = NB_NOUNS[target]
        if unknown:
            where = "in the registry or this file" if org else "in the registry"
            nb_where = "i registeret eller denne filen" if org else "i registeret"
            hint = near(unknown[0], self.names[target].shown)
            bad[name] = (
                f"no {noun} called {quoted} {where}",
                f"ingen {nb_noun} som heter {nb_quoted} {nb_where}",
                hint,
            )
        elif ambiguous:
            more = ": give the organisation number" if org else ""
            nb_more = ": oppgi organisasjonsnummeret" if org else ""
            bad[name] = (
                f"more than one {noun} is called {quoted}{more}",
                f"mer enn én {nb_noun} heter {nb_quoted}{nb_more}",
                None,
            )
        check_endpoints(edge_type, kind, target)
        props = validate_edge(edge_type, {})
        return [
            EdgeRecord(new_id(), edge_type, node_id, to, props, 1, self.stamp, self.stamp)
            for to in found
        ]

    def _unique(self, props: dict[str, Any], bad: Bad, me: str) -> None:
        """One organisation per number and per name: a file imported twice is refused (or,
        updating, matched), not doubled."""
        for name, said, nb in (
            ("org_number", "organisation number", "organisasjonsnummer"),
            ("name", "name", "navn"),
        ):
            others = (
                [i for i in self.names[NodeKind.ORGANISATION].find(props[name]) if i != me]
                if name in props
                else []
            )
            if others and (row := self.origin.get(others[0])):
                bad.setdefault(
                    name, (f"the same {said} as row {row}", f"samme {nb} som rad {row}", None)
                )
            elif others:
                bad.setdefault(
                    name,
                    (
                        f"an organisation with this {said} is already in the registry",
                        f"en organisasjon med dette {nb}et er allerede i registeret",
                        None,
                    ),
                )
