"""schema.graphql at the root is the exported schema of the code."""

from pathlib import Path

from registry.api.schema import sdl

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


def test_schema_file_matches_the_code():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == sdl(), (
        "schema.graphql is out of date: run `registry export-schema -o schema.graphql`"
    )
