"""Organisations and contact persons from spreadsheets (XLSX, CSV or JSON), all or nothing.

The first row of a sheet names the columns, in Norwegian or English, or a mapping (given,
remembered, or a preset such as Enhetsregisteret's) says which field each column fills;
columns filling none are reported and left out. Every row is checked with the domain's own
validation and every error collected (up to a bound) before anything is written.
Communities, areas, topics and organisations are named, not given by id, and looked up
case- and accent-free among everything of their kind, loaded once (no query per row). A
workbook with a sheet for organisations and one for people imports both at once. With
`update`, a row whose organisation number is in the registry updates that organisation
(its diff is in the report, so a dry run previews it) instead of being refused.
"""

from collections.abc import Mapping

import anyio

from registry.domain.audit import AuditEntry
from registry.domain.enums import NodeKind
from registry.domain.errors import RegistryError
from registry.services import duplicates
from registry.services import import_columns as columns
from registry.services.import_plan import Plan
from registry.services.import_report import Change, Report
from registry.services.import_sheets import pick_sheets
from registry.services.import_texts import RowError
from registry.services.spreadsheets import What, read_tables
from registry.store.base import Store, now
from registry.store.query import EdgeQuery, NodeQuery, Order
from registry.store.records import NodeRecord, Subgraph

__all__ = ["Report", "RowError", "What", "import_file"]


async def import_file(
    store: Store,
    data: bytes,
    what: What,
    *,
    actor: str,
    dry_run: bool = False,
    mapping: Mapping[str, str] | None = None,
    preset: str | None = None,
    update: bool | None = None,
) -> Report:
    """Check a whole file, then write all of it or (with any error, or a dry run) nothing.
    `mapping` None takes the one remembered for the file's headers. A real attempt is
    audited with counts only: the rows hold personal data."""
    chosen = columns.preset(preset)
    sheets = pick_sheets(await anyio.to_thread.run_sync(read_tables, data), what)
    first = sheets[0]
    headers = [str(h).strip() for h in first.rows[0] if h is not None] if first.rows else []
    given = mapping is not None
    if mapping is None:
        mapping = await columns.remembered(store, first.kind, headers)
    columns.check_mapping(first.kind, mapping, chosen)
    kinds = [NodeKind.ORGANISATION]
    if first.kind is NodeKind.ORGANISATION:
        kinds += [NodeKind.COMMUNITY, NodeKind.AREA, NodeKind.TOPIC]
    everything = {k: await store.find_nodes(NodeQuery(k, archived=None), Order()) for k in kinds}
    updating = chosen.update if update is None and chosen else bool(update)
    plan = Plan(everything, mapping, chosen, updating)
    for sheet in sheets:
        plan.sheet(sheet)
    await _drop_known_ties(store, plan)
    report = plan.report(dry_run)
    report.warnings = _likely_duplicates(plan, everything[NodeKind.ORGANISATION])
    if dry_run:
        return report
    outcome = "VALIDATION" if plan.errors else "INTERNAL"
    try:
        if not plan.errors:
            await _apply(store, plan.changes, Subgraph(plan.nodes, plan.edges))
            outcome = "ok"
            if given:
                await columns.remember(store, first.kind, headers, mapping)
    except RegistryError as exc:
        outcome = exc.code
        raise
    finally:
        ok = outcome == "ok"
        details = {
            "rows": plan.rows,
            "created": len(plan.nodes) if ok else 0,
            "updated": len(plan.changes) if ok else 0,
        }
        await store.append_audit([AuditEntry(now(), actor, f"import:{what}", (), details, outcome)])
    return report


def _likely_duplicates(plan: Plan, registry: list[NodeRecord]) -> list[RowError]:
    """New organisations probably in the registry already under another name."""
    places = duplicates.by_place(registry)
    warnings = []
    for node in plan.nodes:
        if node.kind is NodeKind.ORGANISATION and (same := duplicates.like_new(node, places)):
            name = same.props["name"]
            warnings.append(
                RowError(
                    plan.origin[node.id],
                    None,
                    f"probably the same organisation as '{name}' in the registry "
                    "(a similar name at the same address or postal code)",
                    nb=f"trolig samme organisasjon som '{name}' i registeret "
                    "(likt navn på samme adresse eller postnummer)",
                )
            )
    return warnings


async def _drop_known_ties(store: Store, plan: Plan) -> None:
    """Ties an updated organisation already has are not made twice."""
    if not plan.matched or not plan.edges:
        return
    types = tuple({e.type for e in plan.edges})
    found = await store.find_edges(EdgeQuery(types, tuple(plan.matched)))
    known = {(e.type, e.from_id, e.to_id) for e in found}
    plan.edges = [e for e in plan.edges if (e.type, e.from_id, e.to_id) not in known]


async def _apply(store: Store, changes: list[Change], new: Subgraph) -> None:
    """Updates, then the new nodes and ties in one `import_graph`; if any of it fails, the
    updates made so far are put back, so the file leaves the store as it was."""
    done: list[tuple[Change, int]] = []
    try:
        for change in changes:
            record = await store.update_node(change.id, change.after, change.version)
            done.append((change, record.version))
        if new.nodes or new.edges:
            await store.import_graph(new)
    except BaseException:
        with anyio.CancelScope(shield=True):
            for change, version in reversed(done):
                await store.update_node(change.id, change.before, version)
        raise
