"""`registry export contacts|graph` writes the same files as the dashboard, audited as cli:<user>."""

import asyncio
import csv
import getpass
from pathlib import Path

import networkx as nx
import openpyxl
import pytest
from typer.testing import CliRunner

from registry.cli.main import app
from registry.domain.enums import NodeKind
from registry.services.seeding import node_id
from registry.settings import get_settings
from registry.store.embedded import EmbeddedStore
from registry.store.query import AuditQuery


@pytest.fixture
def runner(seeded_runner: CliRunner) -> CliRunner:
    """The shared runner, with the demo network seeded."""
    return seeded_runner


def audit_entries() -> list:
    async def read() -> list:
        store = EmbeddedStore(get_settings().database_path)
        await store.open()
        try:
            return await store.find_audit(AuditQuery(action_prefix="export:"))
        finally:
            await store.close()

    return asyncio.run(read())


def test_contacts_as_csv_with_a_chosen_delimiter(
    runner: CliRunner, tmp_path: Path, pakistani_in_gamle_oslo
):
    out = tmp_path / "kontakter.csv"
    s = pakistani_in_gamle_oslo
    result = runner.invoke(
        app,
        [
            "export",
            "contacts",
            "--community",
            s.community,
            "--area",
            s.area,
            "--delimiter",
            ",",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=","))
    assert {r["Navn"] for r in rows} == s.contacts
    [entry] = audit_entries()
    assert entry.actor == f"cli:{getpass.getuser()}" and entry.action == "export:contacts.csv"
    assert entry.details == {
        "filter": {"communityIds": [s.community], "areaIds": [s.area], "archived": "false"},
        "rows": len(rows),
    }


def test_contacts_as_xlsx_and_refusals(runner: CliRunner, tmp_path: Path):
    out = tmp_path / "kontakter.xlsx"
    result = runner.invoke(
        app,
        ["export", "contacts", "--format", "xlsx", "--kind", "RESOURCE_COMMUNITY", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].value == "Navn" and sheet.max_row > 5
    assert {r[6] for r in sheet.iter_rows(min_row=2, values_only=True)} == {"ressursmiljø"}
    bad = runner.invoke(
        app, ["export", "contacts", "--kind", "castle", "-o", str(tmp_path / "x.csv")]
    )
    assert bad.exit_code == 1 and "kinds" in bad.output and not (tmp_path / "x.csv").exists()


def test_graph_as_graphml(runner: CliRunner, tmp_path: Path):
    out = tmp_path / "nettverk.graphml"
    result = runner.invoke(app, ["export", "graph", "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    assert graph.number_of_nodes() == 169
    assert graph.nodes[node_id(NodeKind.ORGANISATION, "emi")]["broker"] is True
    [entry] = audit_entries()
    assert entry.action == "export:graph.graphml" and entry.details["rows"] == 169


def test_a_zip_of_vcard_3_named_for_its_filter(
    runner: CliRunner, tmp_path: Path, pakistani_in_gamle_oslo
):
    import zipfile
    from datetime import date

    import vobject

    s = pakistani_in_gamle_oslo
    args = ["export", "contacts", "--format", "zip", "--vcard-version", "3.0"]
    result = runner.invoke(app, [*args, "--area", s.area, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    [written] = tmp_path.glob("*.zip")
    assert written.name == f"kontakter-gamle-oslo-{date.today().isoformat()}.zip"
    with zipfile.ZipFile(written) as archive:
        cards = [next(vobject.readComponents(archive.read(n).decode())) for n in archive.namelist()]
    assert {c.version.value for c in cards} == {"3.0"} and len(cards) >= len(s.contacts)
    bad = runner.invoke(app, [*args[:4], "--vcard-version", "2.1", "-o", str(tmp_path / "x.vcf")])
    assert bad.exit_code == 1 and "vCard version" in bad.output
