"""What a small but hostile file may cost an import: bounded columns, rows, unpacked size and
errors, each refused with one short message (issue 13, item 12)."""

import io
import re
import zipfile

import openpyxl
import pytest
from test_imports import run, table, workbook

from registry.domain.accounts import Role
from registry.domain.errors import ValidationFailed
from registry.services.import_texts import MAX_ERRORS
from registry.services.spreadsheets import MAX_COLUMNS, MAX_UNZIPPED, read_tables


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with a part added or replaced, well compressed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename != name:
                dst.writestr(item, src.read(item.filename))
        dst.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


async def test_a_workbook_unpacking_beyond_the_bound_is_refused_before_it_is_read(store):
    small = workbook(Ark1=[["navn", "type"], ["Alfa", "annet"]])
    bomb = with_part(small, "xl/media/padding.bin", b"\0" * (MAX_UNZIPPED + 1))
    assert len(bomb) < 100_000
    with pytest.raises(ValidationFailed, match="unpacks to more than 30 MB"):
        await run(store, bomb, dry_run=True)


async def test_a_sheet_wider_than_the_bound_is_refused_in_one_message(store):
    book = openpyxl.Workbook()
    book.active.append(["navn", "type"])
    book.active.cell(row=2, column=16384, value="far away")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ValidationFailed, match=f"more than {MAX_COLUMNS} columns"):
        await run(store, out.getvalue(), dry_run=True)


async def test_a_csv_with_100k_columns_gets_a_short_answer(store, connect):
    data = table([["navn", "type", *(["x"] * 100_000)]])
    assert len(data) > 200_000
    editor = await connect(Role.EDITOR)
    response = await editor.post("/import/organisations", files={"file": ("w.csv", data)})
    assert response.status_code == 400 and len(response.content) < 1000
    [error] = response.json()["errors"]
    assert f"more than {MAX_COLUMNS} columns" in error["message"]
    assert error["extensions"] == {"code": "VALIDATION", "field": "file"}


async def test_the_error_list_is_bounded_and_the_rest_counted(store):
    rows = [["navn", "type"], *([f"Org {i}", "klubb"] for i in range(MAX_ERRORS + 57))]
    report = await run(store, table(rows), dry_run=True)
    assert len(report.errors) == MAX_ERRORS and report.more_errors == 57
    assert report.rows == MAX_ERRORS + 57


async def test_a_json_file_nested_too_deep_is_unreadable_not_a_crash(store):
    data = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(ValidationFailed, match="not a JSON file"):
        await run(store, data, dry_run=True)


async def test_a_dimension_claiming_every_column_is_not_padded_to_it(store):
    small = workbook(Ark1=[["navn", "type"], *([f"Org {i}", "annet"] for i in range(50))])
    with zipfile.ZipFile(io.BytesIO(small)) as archive:
        [part] = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        sheet = archive.read(part)
    claimed = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD51"/>', sheet)
    assert claimed != sheet
    data = with_part(small, part, claimed)
    [rows] = read_tables(data).values()
    assert max(len(r) for r in rows) == 2
    report = await run(store, data, dry_run=True)
    assert not report.errors and report.created["organisations"] == 50
