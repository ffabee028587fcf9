"""Enhetsregisteret's CSV and JSON layouts with the preset: organisation form and NACE code
to a kind, the business address and the NACE code kept, and a second import updating the
organisations by number (name, address, deletion) instead of doubling them, its diff shown
by a dry run first."""

import json
from pathlib import Path

from test_imports import by_name, run, table
from typer.testing import CliRunner

from registry.cli.main import app
from registry.domain.enums import NodeKind

HEADERS = [
    "organisasjonsnummer",
    "navn",
    "organisasjonsform.kode",
    "organisasjonsform.beskrivelse",
    "forretningsadresse.adresse",
    "forretningsadresse.postnummer",
    "forretningsadresse.poststed",
    "forretningsadresse.kommunenummer",
    "naeringskode1.kode",
    "naeringskode1.beskrivelse",
    "antallAnsatte",
    "slettedato",
    "konkurs",
    "underAvvikling",
]
# fmt: off
FIRST = [
    HEADERS,
    ["974760673", "SOMALISK KVINNEFORENING", "FLI", "Forening/lag/innretning", "Trondheimsveien 5",
     "0560", "OSLO", "0301", "94.991", "Aktiviteter i andre interesseorganisasjoner", "0", "",
     "false", "false"],
    ["923456783", "ISLAMSK KULTURSENTER", "FLI", "Forening/lag/innretning", "Grønland 1",
     "0188", "OSLO", "0301", "94.910", "Religiøse organisasjoner", "2", "", "false", "false"],
    ["987654325", "TAMIL AS", "AS", "Aksjeselskap", "Storgata 9", "0155", "OSLO", "0301",
     "47.110", "Butikkhandel", "4", "", "false", "false"],
]
# fmt: on


def second() -> list[list[str]]:
    rows = [list(r) for r in FIRST]
    rows[1][4] = "Tøyengata 2"  # moved
    rows[1][5] = "0578"
    rows[3][11] = "2025-05-01"  # deleted
    rows.append(
        [
            "912345602",
            "NY FORENING",
            "FLI",
            "",
            "Vei 1",
            "982",
            "OSLO",
            "",
            "",
            "",
            "",
            "",
            "false",
            "false",
        ]
    )
    return rows


async def test_a_second_import_updates_by_number_after_a_previewed_diff(store):
    report = await run(store, table(FIRST), preset="enhetsregisteret")
    assert not report.errors, [str(e) for e in report.errors]
    assert report.created == {"organisations": 3, "people": 0, "ties": 0}
    assert "antallAnsatte" in report.ignored and "organisasjonsform.beskrivelse" in report.ignored
    orgs = await by_name(store, NodeKind.ORGANISATION)
    somali = orgs["SOMALISK KVINNEFORENING"]
    assert (
        somali.props["kind"] == "VOLUNTARY_ORGANISATION" and somali.props["nace_code"] == "94.991"
    )
    assert somali.props["street_address"] == "Trondheimsveien 5" and somali.props["city"] == "OSLO"
    assert orgs["ISLAMSK KULTURSENTER"].props["kind"] == "FAITH_COMMUNITY"
    assert orgs["TAMIL AS"].props["kind"] == "BUSINESS"
    assert not orgs["TAMIL AS"].props["archived"]

    before = await store.snapshot()
    preview = await run(store, table(second()), preset="enhetsregisteret", dry_run=True)
    assert not preview.errors and preview.created["organisations"] == 1
    diffs = {c.name: c.diff() for c in preview.changes}
    assert diffs == {
        "SOMALISK KVINNEFORENING": {
            "postal_code": ["0560", "0578"],
            "street_address": ["Trondheimsveien 5", "Tøyengata 2"],
        },
        "TAMIL AS": {"archived": [False, True]},
    }
    assert await store.snapshot() == before

    done = await run(store, table(second()), preset="enhetsregisteret")
    assert not done.errors and len(done.changes) == 2
    orgs = await by_name(store, NodeKind.ORGANISATION)
    assert set(orgs) == {"SOMALISK KVINNEFORENING", "ISLAMSK KULTURSENTER", "NY FORENING"}
    assert orgs["NY FORENING"].props["postal_code"] == "0982"
    assert orgs["SOMALISK KVINNEFORENING"].props["street_address"] == "Tøyengata 2"
    assert orgs["SOMALISK KVINNEFORENING"].version == 2
    [tamil] = [
        n for n in (await store.snapshot()).nodes if n.props.get("org_number") == "987654325"
    ]
    assert tamil.props["archived"] is True and tamil.version == 2


async def test_an_adviser_kind_survives_an_update(store):
    await run(
        store,
        table(
            [
                ["navn", "type", "orgnr"],
                ["Somalisk kvinneforening", "innvandrerorganisasjon", "974760673"],
            ]
        ),
    )
    report = await run(store, table(FIRST[:2]), preset="enhetsregisteret")
    assert not report.errors
    [change] = report.changes
    assert "kind" not in change.diff() and "name" not in change.diff()
    somali = (await by_name(store, NodeKind.ORGANISATION))["Somalisk kvinneforening"]
    assert (
        somali.props["kind"] == "IMMIGRANT_ORGANISATION" and somali.props["nace_code"] == "94.991"
    )


def enheter_json(rows: list[list[str]]) -> bytes:
    """The layout of Enhetsregisteret's API page (`_embedded.enheter`), nested objects."""
    enheter = []
    for r in rows[1:]:
        enheter.append(
            {
                "organisasjonsnummer": r[0],
                "navn": r[1],
                "organisasjonsform": {"kode": r[2], "beskrivelse": r[3], "_links": {}},
                "forretningsadresse": {"adresse": [r[4]], "postnummer": r[5], "poststed": r[6]},
                "naeringskode1": {"kode": r[8], "beskrivelse": r[9]},
                "konkurs": r[12] == "true",
                **({"slettedato": r[11]} if r[11] else {}),
                "_links": {"self": {"href": "x"}},
            }
        )
    return json.dumps({"_embedded": {"enheter": enheter}, "page": {"size": 20}}).encode()


def test_the_json_layout_imports_and_updates_from_the_command_line(
    runner: CliRunner, tmp_path: Path
):
    first, later = tmp_path / "enheter.json", tmp_path / "enheter-2.json"
    first.write_bytes(enheter_json(FIRST))
    later.write_bytes(enheter_json(second()))
    args = ["import", "organisations", "--preset", "enhetsregisteret", "--lang", "en"]
    done = runner.invoke(app, [*args, str(first)])
    assert done.exit_code == 0, done.output
    assert "Created 3 organisations" in done.output
    dry = runner.invoke(app, [*args, str(later), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "row 4, TAMIL AS: archived: False -> True" in dry.output
    assert (
        "Would create 1 organisations" in dry.output
        and "would update 2 organisations" in dry.output
    )
    again = runner.invoke(app, [*args, str(later)])
    assert again.exit_code == 0 and "updated 2 organisations" in again.output
    plain = runner.invoke(app, [*args, str(later), "--no-update"])
    assert (
        plain.exit_code == 1
        and "an organisation with this organisation number is already" in plain.output
    )
