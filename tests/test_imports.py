"""Imports from spreadsheets: written with openpyxl and csv as Excel would, imported all or
nothing, through the import function, the HTTP upload and the command line."""

import csv
import io
import uuid
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from registry.cli.main import app
from registry.domain.accounts import Role
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.graph import validate_node
from registry.services import accounts
from registry.services.imports import import_file
from registry.store.base import Store
from registry.store.query import AuditQuery, EdgeQuery, NodeQuery, Order

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ORG_HEADERS = ["navn", "type", "organisasjonsnummer", "e-post", "postnummer", "miljø", "bydel"]

# One row a line, as in the spreadsheet.
# fmt: off
ORGANISATIONS = [
    [*ORG_HEADERS, "telefon", "poststed", "tema", "språk"],
    ["Somalisk kvinneforening Ørje", "innvandrerorganisasjon", 974760673, "post@somali.no", 150,
     "somalisk MILJØ", "grunerlokka", 22334455, "Oslo", "Arbeid, helse", "so, EN"],
    ["Tamilsk kultursenter", "Trossamfunn", "987 654 325", None, None, "Tamilsk miljø",
     "Gamle Oslo"],
]
PEOPLE = [
    ["Navn", "Rolle", "E-post", "Organisasjon", "Sist bekreftet", "Rettslig grunnlag"],
    ["Åse Ødegård", "Leder", "aase@somali.no", "somalisk kvinneforening ørje",
     datetime(2025, 3, 31), "samtykke"],
    ["Kumar Æsir", None, None, "987654325", "01.02.2025"],
]
# fmt: on


def workbook(**sheets: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table(rows: list[list[object]], delimiter: str = ";", bom: bool = True) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode()


@pytest.fixture
async def network(store: Store) -> dict[str, str]:
    """Communities, districts and topics that imported organisations may name."""
    made = {}
    for kind, name, props in [
        (NodeKind.COMMUNITY, "Somalisk miljø", {"dimension": "ORIGIN"}),
        (NodeKind.COMMUNITY, "Tamilsk miljø", {"dimension": "ORIGIN"}),
        (NodeKind.AREA, "Grünerløkka", {"kind": "DISTRICT"}),
        (NodeKind.AREA, "Gamle Oslo", {"kind": "DISTRICT"}),
        (NodeKind.TOPIC, "Arbeid", {}),
        (NodeKind.TOPIC, "Helse", {}),
    ]:
        record = await store.create_node(kind, validate_node(kind, {"name": name, **props}))
        made[name] = record.id
    return made


async def run(store: Store, data: bytes, what: str = "organisations", **kw: object):
    return await import_file(store, data, what, actor=f"test:{uuid.uuid4()}", **kw)


async def ends(store: Store, edge_type: EdgeType, from_id: str) -> set[str]:
    edges = await store.find_edges(EdgeQuery((edge_type,), (from_id,)))
    return {e.to_id for e in edges if e.from_id == from_id}


async def by_name(store: Store, kind: NodeKind) -> dict:
    return {n.props["name"]: n for n in await store.find_nodes(NodeQuery(kind), Order())}


async def test_a_workbook_imports_organisations_with_ties_and_their_people(store, network):
    data = workbook(Organisasjoner=ORGANISATIONS, Personer=PEOPLE)
    report = await run(store, data)
    assert report.errors == []
    assert report.created == {"organisations": 2, "people": 2, "ties": 8}
    orgs = await by_name(store, NodeKind.ORGANISATION)
    people = await by_name(store, NodeKind.PERSON)
    somali = orgs["Somalisk kvinneforening Ørje"]
    assert somali.props["kind"] == "IMMIGRANT_ORGANISATION"
    assert somali.props["postal_code"] == "0150" and somali.props["phone"] == "+4722334455"
    assert somali.props["languages"] == ["so", "en"] and somali.version == 1
    assert await ends(store, EdgeType.REPRESENTS, somali.id) == {network["Somalisk miljø"]}
    assert await ends(store, EdgeType.LOCATED_IN, somali.id) == {network["Grünerløkka"]}
    assert await ends(store, EdgeType.WORKS_ON, somali.id) == {network["Arbeid"], network["Helse"]}
    tamil = orgs["Tamilsk kultursenter"]
    assert tamil.props["kind"] == "FAITH_COMMUNITY" and tamil.props["org_number"] == "987654325"
    aase = people["Åse Ødegård"]
    assert aase.props["last_verified"] == "2025-03-31" and aase.props["legal_basis"] == "CONSENT"
    assert await ends(store, EdgeType.CONTACT_FOR, aase.id) == {somali.id}
    kumar = people["Kumar Æsir"]
    assert kumar.props["last_verified"] == "2025-02-01"
    assert await ends(store, EdgeType.CONTACT_FOR, kumar.id) == {tamil.id}


async def test_csv_with_bom_and_semicolons_then_people_with_commas(store, network):
    orgs = table(
        [
            ["name", "kind", "org_number", "languages", "communities", "areas", "description"],
            [
                "Foreningen Blåbær",
                "VOLUNTARY_ORGANISATION",
                "923456783",
                "no, ar",
                "",
                "",
                "Hei; på deg",
            ],
        ]
    )
    assert (await run(store, orgs)).created == {"organisations": 1, "people": 0, "ties": 0}
    people = table(
        [
            ["name", "role", "phone", "organisation"],
            ["Bjørn Lærum", "Kasserer", "+47 912 34 567", "923 456 783"],
        ],
        delimiter=",",
        bom=False,
    )
    report = await run(store, people, "people")
    assert report.created == {"organisations": 0, "people": 1, "ties": 1} and report.rows == 1
    blabaer = (await by_name(store, NodeKind.ORGANISATION))["Foreningen Blåbær"]
    assert blabaer.props["description"] == "Hei; på deg"
    assert blabaer.props["languages"] == ["no", "ar"]
    bjorn = (await by_name(store, NodeKind.PERSON))["Bjørn Lærum"]
    assert bjorn.props["phone"] == "+4791234567"
    assert await ends(store, EdgeType.CONTACT_FOR, bjorn.id) == {blabaer.id}


async def test_every_bad_row_is_reported_and_nothing_is_written(store, network):
    before, version = await store.snapshot(), await store.version()
    data = workbook(
        Ark1=[
            ORG_HEADERS,
            ["Alfa", "bedrift", 974760673, None, None, None, None],
            ["Beta", "bedrift", 974760674, None, None, None, None],
            ["Gamma", "skole", None, None, None, "Ukjent miljø", "Gamle Oslo"],
            ["Delta", "annet", None, "ikke en adresse", "12", None, None],
            ["Epsilon", "klubb", None, None, None, None, None],
            ["Zeta", "bedrift", "974 760 673", None, None, None, None],
            [None, "bedrift", None, "navnlos@eksempel.no", None, None, None],
        ]
    )
    actor = f"test:{uuid.uuid4()}"
    report = await import_file(store, data, "organisations", actor=actor)
    found = {(e.row, e.column): e.message for e in report.errors}
    assert set(found) == {
        (3, "organisasjonsnummer"),
        (4, "miljø"),
        (5, "e-post"),
        (5, "postnummer"),
        (6, "type"),
        (7, "organisasjonsnummer"),
        (8, "navn"),
    }
    assert "check digit (MOD11)" in found[3, "organisasjonsnummer"]
    assert found[4, "miljø"] == "no community called 'Ukjent miljø' in the registry"
    assert found[5, "postnummer"] == "a postal code has 4 digits"
    assert "innvandrerorganisasjon" in found[6, "type"]
    assert found[7, "organisasjonsnummer"] == "the same organisation number as row 2"
    assert str(report.errors[0]).startswith("row 3, column 'organisasjonsnummer': ")
    assert report.created == {} and report.rows == 7
    assert await store.snapshot() == before and await store.version() == version
    [entry] = await store.find_audit(AuditQuery(actor=actor))
    assert entry.action == "import:organisations" and entry.outcome == "VALIDATION"
    assert entry.details == {"rows": 7, "created": 0, "updated": 0}


async def test_an_unknown_community_is_an_error(store, network):
    data = table([["navn", "type", "miljø"], ["Nye Venner", "annet", "Somalisk miljø; Kurdisk"]])
    report = await run(store, data)
    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (2, "miljø", "no community called 'Kurdisk' in the registry")
    ]
    assert await by_name(store, NodeKind.ORGANISATION) == {}


async def test_an_organisation_number_or_name_already_in_the_registry_is_refused(store):
    first = table([["navn", "type", "orgnr"], ["Alfa", "bedrift", "974760673"]])
    assert not (await run(store, first)).errors
    before = await store.snapshot()
    again = table(
        [["navn", "type", "orgnr"], ["Alfa AS", "bedrift", "974760673"], ["alfa", "annet", ""]]
    )
    report = await run(store, again)
    assert [(e.row, e.column) for e in report.errors] == [(2, "orgnr"), (3, "navn")]
    assert "already in the registry" in report.errors[0].message
    assert await store.snapshot() == before


async def test_a_dry_run_reports_and_writes_nothing(store, network):
    before, version = await store.snapshot(), await store.version()
    data = table([["navn", "type", "tema"], ["Alfa", "bedrift", "Arbeid"], ["Beta", "skole", ""]])
    actor = f"test:{uuid.uuid4()}"
    report = await import_file(store, data, "organisations", actor=actor, dry_run=True)
    assert report.created == {"organisations": 2, "people": 0, "ties": 1} and report.dry_run
    assert await store.snapshot() == before and await store.version() == version
    assert await store.find_audit(AuditQuery(actor=actor)) == []


async def test_upload_needs_an_editor(store, network, connect):
    data = workbook(
        Ark1=[
            ["navn", "type", "bydel"],
            ["Grønland Kvinnenettverk", "frivillig organisasjon", "Gamle Oslo"],
        ]
    )
    files = {"file": ("nettverk.xlsx", data, XLSX)}
    viewer = await connect(Role.CONTACT_VIEWER)
    refused = await viewer.post("/import/organisations", files=files)
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    editor = await connect(Role.EDITOR)
    dry = await editor.post("/import/organisations", files=files, data={"dry_run": "true"})
    assert dry.status_code == 200 and dry.json()["dryRun"] is True
    assert await by_name(store, NodeKind.ORGANISATION) == {}
    done = await editor.post("/import/organisations", files=files)
    assert done.status_code == 200, done.text
    summary = {k: done.json()[k] for k in ("rows", "created", "updated", "dryRun")}
    assert summary == {
        "rows": 1,
        "created": {"organisations": 1, "people": 0, "ties": 1},
        "updated": 0,
        "dryRun": False,
    }
    caller = await accounts.caller_for_token(store, editor.headers["authorization"][7:])
    [entry] = await store.find_audit(AuditQuery(actor=caller.account_id))
    assert entry.action == "import:organisations" and entry.outcome == "ok"
    assert entry.details == {"rows": 1, "created": 1, "updated": 0}


async def test_upload_reports_rows_and_columns(store, network, connect):
    editor = await connect(Role.EDITOR)
    data = table([["navn", "rolle", "organisasjon"], ["Per", "Leder", "Finnes Ikke"]])
    response = await editor.post("/import/people", files={"file": ("p.csv", data, "text/csv")})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"] == {
        "code": "VALIDATION",
        "row": 2,
        "column": "organisasjon",
        "value": "Finnes Ikke",
    }
    assert "no organisation called 'Finnes Ikke'" in error["message"]
    missing = await editor.post("/import/people", data={"dry_run": "1"})
    assert missing.status_code == 400 and "'file'" in missing.json()["errors"][0]["message"]
    garbage = await editor.post(
        "/import/people", files={"file": ("x.xls", b"\xd0\xcf\x11\xe0", "x")}
    )
    assert garbage.status_code == 400 and "CSV UTF-8" in garbage.json()["errors"][0]["message"]


def test_the_command_imports_and_exits_1_on_errors(runner: CliRunner, tmp_path: Path):
    orgs, people = tmp_path / "org.csv", tmp_path / "folk.csv"
    orgs.write_bytes(table([["navn", "type"], ["Å-foreningen", "ressursmiljø"]]))
    people.write_bytes(table([["navn", "organisasjon"], ["Øyvind", "å-foreningen"]]))
    dry = runner.invoke(app, ["import", "organisations", str(orgs), "--dry-run", "--lang", "en"])
    assert dry.exit_code == 0 and "Would create 1 organisations" in dry.output
    done = runner.invoke(app, ["import", "organisations", str(orgs), "--lang", "en"])
    assert done.exit_code == 0 and "Created 1 organisations" in done.output
    again = runner.invoke(app, ["import", "organisations", str(orgs), "--lang", "en"])
    assert again.exit_code == 1
    assert "row 2, column 'navn': an organisation with this name is already" in again.output
    assert "nothing was imported" in again.output
    assert runner.invoke(app, ["import", "people", str(people)]).exit_code == 0
    missing = runner.invoke(app, ["import", "people", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 1 and "cannot read" in missing.output
