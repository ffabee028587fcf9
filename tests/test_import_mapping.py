"""Tolerant imports: unknown columns left out and named, columns mapped on the command line
and over HTTP (and remembered for the same headers), messages in bokmål and English with
the bad value echoed and a suggestion for a near miss."""

import json
import uuid
from pathlib import Path

import pytest
from test_imports import by_name, network, run, table  # noqa: F401 (a fixture)
from typer.testing import CliRunner

from registry.cli.main import app
from registry.domain.accounts import Role
from registry.domain.enums import NodeKind
from registry.domain.errors import ValidationFailed


async def test_an_extra_column_is_named_and_left_out(store, network):  # noqa: F811
    data = table([["navn", "type", "Kommentar"], ["Alfa", "annet", "ring etter jul"]])
    report = await run(store, data)
    assert not report.errors and report.created["organisations"] == 1
    assert report.ignored == ["Kommentar"]
    alfa = (await by_name(store, NodeKind.ORGANISATION))["Alfa"]
    assert "ring etter jul" not in json.dumps(alfa.props)


async def test_a_mapping_fills_a_field_from_any_column(store, network):  # noqa: F811
    data = table([["Foreningens navn", "Sort", "Kommentar"], ["Beta", "bedrift", "hei"]])
    mapping = {"Foreningens navn": "name", "sort": "kind", "Kommentar": "description"}
    report = await run(store, data, mapping=mapping)
    assert not report.errors and report.ignored == []
    beta = (await by_name(store, NodeKind.ORGANISATION))["Beta"]
    assert beta.props["description"] == "hei" and beta.props["kind"] == "BUSINESS"


async def test_a_mapping_to_no_field_says_what_was_meant(store):
    data = table([["navn", "type"], ["Beta", "bedrift"]])
    with pytest.raises(ValidationFailed, match="did you mean 'name'") as refused:
        await run(store, data, mapping={"navn": "nmae"})
    assert refused.value.field == "mapping"


async def test_messages_in_both_languages_echo_the_value_and_suggest(store, network):  # noqa: F811
    data = table(
        [
            ["navn", "type", "bydel"],
            ["Gamma", "Klubb", "Bydel Gamle Oslo"],
            ["Delta", "bedrift", "Grunerlokk"],
        ]
    )
    report = await run(store, data, dry_run=True)
    kind, area, near = report.errors
    assert kind.value == "Klubb" and (kind.row, kind.column) == (2, "type")
    assert "(the value is 'Klubb')" in kind.text("en")
    assert kind.text("nb").startswith("rad 2, kolonne 'type': ")
    assert "(verdien er 'Klubb')" in kind.text("nb")
    assert area.suggestion == "Gamle Oslo"
    assert area.text("en") == (
        "row 2, column 'bydel': no area called 'Bydel Gamle Oslo' in the registry "
        "(the value is 'Bydel Gamle Oslo'); did you mean 'Gamle Oslo'?"
    )
    assert area.text("nb") == (
        "rad 2, kolonne 'bydel': ingen bydel eller område som heter 'Bydel Gamle Oslo' i "
        "registeret (verdien er 'Bydel Gamle Oslo'); mente du 'Gamle Oslo'?"
    )
    assert near.suggestion == "Grünerløkka"


async def test_http_mapping_is_remembered_for_the_same_headers(store, network, connect):  # noqa: F811
    editor = await connect(Role.EDITOR)
    # Remembered mappings are documents, which outlive a test in Neo4j: headers of its own.
    note = f"Merknad {uuid.uuid4().hex[:8]}"
    data = table([["Hva", "Type", note], ["Epsilon", "skole", "ny"]])
    files = {"file": ("e.csv", data, "text/csv")}
    first = await editor.post(
        "/import/organisations", files=files, data={"dry_run": "1", "lang": "nb"}
    )
    assert first.status_code == 400
    assert first.json()["errors"][0]["message"] == "rad 1: ingen kolonne for name"
    assert first.json()["report"]["ignored"] == ["Hva", note]
    mapping = json.dumps({"Hva": "name", note: ""})
    done = await editor.post("/import/organisations", files=files, data={"mapping": mapping})
    assert done.status_code == 200, done.text
    assert done.json()["created"]["organisations"] == 1 and done.json()["ignored"] == [note]
    again = table([[note.lower(), "type", "hva"], ["", "skole", "Zeta"]])
    remembered = await editor.post(
        "/import/organisations", files={"file": ("z.csv", again)}, data={"dry_run": "1"}
    )
    assert remembered.status_code == 200, remembered.text
    assert remembered.json()["columns"][2] == {"header": "hva", "field": "name"}
    bad = await editor.post("/import/organisations", files=files, data={"mapping": "[1]"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "mapping"}


def test_the_command_maps_with_map_or_a_mapping_file(runner: CliRunner, tmp_path: Path):
    source = tmp_path / "orgs.csv"
    source.write_bytes(table([["Forening", "type", "Kommentar"], ["Eta", "annet", "x"]]))
    refused = runner.invoke(app, ["import", "organisations", str(source)])
    assert refused.exit_code == 1
    assert "Kolonner som ikke importeres: Forening, Kommentar" in refused.output
    assert "rad 1: ingen kolonne for name" in refused.output
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"Forening": "name"}))
    args = ["import", "organisations", str(source), "--mapping-file", str(mapping)]
    dry = runner.invoke(app, [*args, "--map", "Kommentar=description", "--dry-run", "--lang", "en"])
    assert dry.exit_code == 0, dry.output
    assert "Would create 1 organisations" in dry.output and "not imported" not in dry.output
    bad = runner.invoke(app, [*args, "--map", "Kommentar"])
    assert bad.exit_code == 1 and "'Kommentar' is not Header=field" in bad.output
