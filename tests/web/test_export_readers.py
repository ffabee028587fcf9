"""Every export read back with the readers advisers and analysts use: LibreOffice (headless)
for CSV and XLSX, vobject for vCard 4.0 and 3.0 and the ZIP for Outlook, NetworkX and
python-igraph for GraphML, and the GEXF 1.3 schema (tests/data/gexf-1.3) for GEXF."""

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import igraph
import networkx as nx
import openpyxl
import pytest
import vobject
import xmlschema

from registry.domain.accounts import Role
from registry.domain.enums import NodeKind
from registry.services.seeding import node_id
from registry.store.base import Store

from .demo import Slice

GEXF_SCHEMA = Path(__file__).parent.parent / "data" / "gexf-1.3" / "gexf.xsd"


def libreoffice(source: Path, infilter: str | None = None) -> list[tuple]:
    """The file as LibreOffice Calc reads it, saved again as XLSX and read with openpyxl."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: scripts/test installs libreoffice-calc-nogui"
    out = source.parent / "lo"
    profile = (source.parent / "lo-profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless"]
    command += [f"--infilter={infilter}"] if infilter else []
    command += ["--convert-to", "xlsx", "--outdir", str(out), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    book = openpyxl.load_workbook(out / f"{source.stem}.xlsx")
    return list(book.active.iter_rows(values_only=True))


def phones_are_text(rows: list[tuple]) -> list[str]:
    column = rows[0].index("Telefon")
    phones = [r[column] for r in rows[1:] if r[column] is not None]
    assert phones and all(isinstance(p, str) and p.startswith("+47 ") for p in phones), phones
    return phones


async def test_csv_and_xlsx_as_libreoffice_reads_them(demo: Store, connect, tmp_path: Path):
    client = await connect(Role.ADMIN)
    for fmt in ("csv", "xlsx"):
        (tmp_path / f"kontakter.{fmt}").write_bytes(
            (await client.get(f"/export/contacts.{fmt}")).content
        )
    # How Calc's text import dialog opens it: ';' between fields, '"' around, UTF-8.
    from_csv = libreoffice(tmp_path / "kontakter.csv", "CSV:59,34,76,1")
    from_xlsx = libreoffice(tmp_path / "kontakter.xlsx")
    assert from_csv == from_xlsx
    assert from_csv[0][:4] == ("Navn", "Rolle", "E-post", "Telefon")
    text = "".join(str(cell) for row in from_csv[1:] for cell in row)
    assert all(letter in text for letter in "æøåØ")
    phones = phones_are_text(from_csv)
    assert all(p.replace(" ", "")[1:].isdigit() for p in phones)


async def test_vcard_3_and_a_zip_of_one_card_each_for_outlook(
    demo: Store, connect, pakistani_in_gamle_oslo: Slice
):
    client = await connect(Role.CONTACT_VIEWER)
    params = {"communityIds": pakistani_in_gamle_oslo.community, "version": "3.0"}
    three = await client.get("/export/contacts.vcf", params=params)
    cards = list(vobject.readComponents(three.content.decode("utf-8")))
    assert pakistani_in_gamle_oslo.contacts <= {c.fn.value for c in cards}
    for card in cards:
        assert card.version.value == "3.0" and "lang" not in card.contents
        assert card.tel.value.startswith("+47") and card.tel.params["TYPE"] == ["WORK", "VOICE"]
    packed = await client.get("/export/contacts.zip", params=params)
    assert packed.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(packed.content)) as archive:
        names = archive.namelist()
        singles = [archive.read(n).decode("utf-8") for n in names]
    assert len(names) == len(cards) and all(n.endswith(".vcf") for n in names)
    for text in singles:
        [card] = list(vobject.readComponents(text))
        assert card.version.value == "3.0"
    bad = await client.get("/export/contacts.vcf", params={"version": "2.1"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["extensions"]["field"] == "version"


async def test_graphml_read_by_networkx_and_igraph(demo: Store, connect, tmp_path: Path):
    response = await (await connect(Role.VIEWER)).get("/export/graph.graphml")
    path = tmp_path / "graph.graphml"
    path.write_bytes(response.content)
    G = nx.read_graphml(path)
    ig = igraph.Graph.Read_GraphML(str(path))
    assert ig.vcount() == G.number_of_nodes() == 169 and ig.ecount() == G.number_of_edges()
    emi = ig.vs.find(id=node_id(NodeKind.ORGANISATION, "emi"))
    assert emi["label"] == G.nodes[emi["id"]]["label"] and emi["degree"] > 10


async def test_gexf_1_3_is_valid_with_positions_and_colours(demo: Store, connect, tmp_path):
    response = await (await connect(Role.VIEWER)).get("/export/graph.gexf")
    schema = xmlschema.XMLSchema(GEXF_SCHEMA)
    schema.validate(response.content.decode("utf-8"))
    path = tmp_path / "graph.gexf"
    path.write_bytes(response.content)
    G = nx.read_gexf(path, version="1.3")
    emi = G.nodes[node_id(NodeKind.ORGANISATION, "emi")]
    assert emi["viz"]["color"] == {"r": 0, "g": 114, "b": 178, "a": 1.0}  # municipal blue
    positions = {
        (n["viz"]["position"]["x"], n["viz"]["position"]["y"]) for _, n in G.nodes(data=True)
    }
    assert len(positions) > 150  # the map's places, not all at the origin


def test_the_bundled_schema_refuses_the_old_gexf(tmp_path: Path):
    """The schema is strict where the old export went wrong: NetworkX's 1.2draft output with
    `name` on the graph, and a 1.3 file with that attribute."""
    G = nx.Graph(name="x")
    G.add_edge("a", "b")
    schema = xmlschema.XMLSchema(GEXF_SCHEMA)
    old = "\n".join(nx.generate_gexf(G))
    assert not schema.is_valid(old)
    named = "\n".join(nx.generate_gexf(G, version="1.3"))
    assert 'name="x"' in named and not schema.is_valid(named)


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({}, "kontakter-DATE.csv"),
        ({"kinds": "FAITH_COMMUNITY", "lang": "en"}, "contacts-faith-or-belief-community-DATE.csv"),
    ],
)
async def test_file_names_say_the_filter_and_date(demo: Store, connect, params, name):
    from datetime import date

    response = await (await connect(Role.ADMIN)).get("/export/contacts.csv", params=params)
    expected = name.replace("DATE", date.today().isoformat())
    assert response.headers["content-disposition"] == f'attachment; filename="{expected}"'


async def test_a_community_and_years_name_the_graph_file(
    demo: Store, connect, pakistani_in_gamle_oslo: Slice
):
    params = {
        "communityIds": pakistani_in_gamle_oslo.community,
        "areaIds": pakistani_in_gamle_oslo.area,
        "yearFrom": "2020",
        "yearTo": "2023",
    }
    response = await (await connect(Role.VIEWER)).get("/export/graph.json", params=params)
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="nettverk-')
    assert "-gamle-oslo-" in disposition and "-2020-2023-" in disposition
