"""Likely duplicate organisations, found in the registry and on import, and a merge that
keeps every tie, contact and the history of both."""

import uuid

import pytest
from test_imports import by_name, run, table

from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import NotFound, ValidationFailed
from registry.domain.graph import validate_node
from registry.services import duplicates
from registry.store.base import NewEdge, Store
from registry.store.query import AuditQuery, EdgeQuery


async def org(store: Store, name: str, **props: object) -> str:
    data = validate_node(NodeKind.ORGANISATION, {"name": name, "kind": "OTHER", **props})
    return (await store.create_node(NodeKind.ORGANISATION, data)).id


async def test_likely_duplicates_by_name_and_place(store):
    a = await org(store, "Somalisk kvinneforening", postal_code="0560")
    b = await org(store, "Somalisk Kvinneforening Oslo", postal_code="0560")
    await org(store, "Somalisk kvinneforening", postal_code="9990")  # elsewhere
    await org(store, "Tamilsk kultursenter", postal_code="0560")
    c = await org(store, "Kurdisk hus", street_address="Storgata 1")
    d = await org(store, "Kurdisk Hus", street_address="storgata 1", postal_code="0155")
    pairs = {frozenset((p.first.id, p.second.id)) for p in await duplicates.find(store)}
    assert pairs == {frozenset((a, b)), frozenset((c, d))}


async def test_an_import_warns_of_a_likely_duplicate(store):
    await org(store, "Somalisk kvinneforening", street_address="Trondheimsveien 5")
    data = table(
        [["navn", "type", "adresse"], ["Somalisk kvinneforeningen", "annet", "trondheimsveien 5"]]
    )
    report = await run(store, data, dry_run=True)
    assert not report.errors and report.created["organisations"] == 1
    [warning] = report.warnings
    assert warning.row == 2 and "'Somalisk kvinneforening'" in warning.text("en")
    assert warning.text("nb").startswith("rad 2: trolig samme organisasjon som")


async def test_a_merge_keeps_ties_contacts_fields_and_history(store):
    keep = await org(store, "Somalisk kvinneforening", postal_code="0560", languages=["so"])
    gone = await org(
        store, "Somalisk kvinneforening Oslo", org_number="974760673", languages=["en"]
    )
    other = await org(store, "Tamilsk kultursenter")
    area = await store.create_node(
        NodeKind.AREA, validate_node(NodeKind.AREA, {"name": "Grorud", "kind": "DISTRICT"})
    )
    person = await store.create_node(
        NodeKind.PERSON, validate_node(NodeKind.PERSON, {"name": "Åse"})
    )
    for edge in [
        NewEdge(EdgeType.CONTACT_FOR, person.id, gone),
        NewEdge(EdgeType.LOCATED_IN, gone, area.id),
        NewEdge(EdgeType.LOCATED_IN, keep, area.id),  # both: one tie after the merge
        NewEdge(EdgeType.COLLABORATES_WITH, other, gone, {"strength": 4}),
        NewEdge(EdgeType.COLLABORATES_WITH, keep, gone),  # to itself after: dropped
    ]:
        await store.create_edge(edge)
    actor = f"test:{uuid.uuid4()}"
    kept = await duplicates.merge(store, keep, gone, actor=actor)
    assert kept.props["org_number"] == "974760673" and kept.props["postal_code"] == "0560"
    assert kept.props["name"] == "Somalisk kvinneforening" and kept.props["languages"] == [
        "so",
        "en",
    ]
    assert (await store.get_nodes([gone])) == [None]
    edges = await store.find_edges(EdgeQuery(tuple(EdgeType), (keep,)))
    ties = sorted((e.type.value, e.from_id, e.to_id, e.props.get("strength")) for e in edges)
    assert ties == sorted(
        [
            ("CONTACT_FOR", person.id, keep, None),
            ("LOCATED_IN", keep, area.id, None),
            ("COLLABORATES_WITH", other, keep, 4),
        ]
    )
    [entry] = await store.find_audit(AuditQuery(actor=actor))
    assert entry.action == "merge:organisations" and entry.targets == (keep, gone)
    assert entry.details == {"moved": 2, "name": "Somalisk kvinneforening Oslo"}
    assert set(await by_name(store, NodeKind.ORGANISATION)) == {
        "Somalisk kvinneforening",
        "Tamilsk kultursenter",
    }


async def test_a_merge_refuses_itself_and_unknown_ids(store):
    keep = await org(store, "Alfa")
    with pytest.raises(ValidationFailed):
        await duplicates.merge(store, keep, keep, actor="test")
    with pytest.raises(NotFound):
        await duplicates.merge(store, keep, "nope", actor="test")


def test_the_command_lists_and_merges(runner, tmp_path):
    import re

    from typer.testing import CliRunner  # noqa: F401 (the runner fixture's type)

    from registry.cli.main import app

    source = tmp_path / "orgs.csv"
    rows = [
        ["navn", "type", "postnummer"],
        ["Kurdisk husforening", "annet", "0155"],
        ["Kurdisk Husforening Oslo", "annet", "0155"],
    ]
    source.write_bytes(table(rows))
    assert runner.invoke(app, ["import", "organisations", str(source)]).exit_code == 0
    found = runner.invoke(app, ["organisations", "duplicates"])
    assert found.exit_code == 0 and "1 likely duplicates." in found.output
    first, second = re.findall(r"^(\S{36})  ", found.output, flags=re.M)
    refused = runner.invoke(app, ["organisations", "merge", first, second], input="n\n")
    assert refused.exit_code == 1 and "nothing merged" in refused.output
    done = runner.invoke(app, ["organisations", "merge", first, second, "--yes"])
    assert done.exit_code == 0 and "Merged into Kurdisk" in done.output
    assert "0 likely duplicates." in runner.invoke(app, ["organisations", "duplicates"]).output
