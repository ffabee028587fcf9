"""Contact lists as files: CSV for Norwegian Excel, XLSX, and vCard 4.0.

Each writer takes the rows as they stream from the store and yields bytes, so a web
response or a file can take them as they come. XLSX is a zip whose directory comes last:
openpyxl's write-only mode keeps the rows in a temporary file, not in memory, and the
finished file is then sent in chunks.
"""

import csv
import io
import tempfile
from collections.abc import AsyncIterator, Callable
from typing import Any

import vobject
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from registry.domain.labels import KIND_NAMES, LANGUAGES, contact_columns
from registry.services.contacts import ContactRow

Rows = AsyncIterator[ContactRow]
BOM = "\ufeff"  # Excel reads a CSV file as UTF-8 only when it starts with this mark
CHUNK = 64 * 1024
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "vcf": "text/vcard; charset=utf-8",
}


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(text: str) -> str:
    """Text a spreadsheet will not run as a formula (OWASP's advice on CSV injection)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def cells(row: ContactRow, lang: str) -> list[str]:
    """The row as spreadsheet cells, in the order of `contact_columns`."""
    at = LANGUAGES.index(lang)
    kinds = [KIND_NAMES[k][at] if k in KIND_NAMES else k for k in row.kinds]
    texts = [
        row.name,
        row.role,
        row.email,
        ", ".join(row.languages),
        "; ".join(row.organisations),
        "; ".join(kinds),
        "; ".join(row.communities),
        "; ".join(row.areas),
    ]
    safe = [inert(t) for t in texts]
    # Phone numbers are validated as + and digits only, so they cannot carry a formula.
    return [*safe[:3], row.phone, *safe[3:]]


async def write_csv(rows: Rows, lang: str = "nb", delimiter: str = ";") -> AsyncIterator[bytes]:
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    buffer.write(BOM)
    out.writerow(contact_columns(lang).values())
    async for row in rows:
        out.writerow(cells(row, lang))
        if buffer.tell() > CHUNK:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


async def write_xlsx(rows: Rows, lang: str = "nb") -> AsyncIterator[bytes]:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Kontakter" if lang == "nb" else "Contacts")
    header = list(contact_columns(lang).values())
    sheet.freeze_panes = "A2"
    for i, width in enumerate((28, 24, 32, 16, 10, 40, 28, 32, 24), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.append(header)
    count = 0
    async for row in rows:
        sheet.append(cells(row, lang))
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    with tempfile.TemporaryFile() as file:
        book.save(file)
        file.seek(0)
        while chunk := file.read(CHUNK):
            yield chunk


def vcard(row: ContactRow) -> str:
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("fn").value = row.name
    given, _, family = row.name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    for organisation in row.organisations:
        card.add("org").value = [organisation]
    if row.role:
        card.add("title").value = row.role
        card.add("role").value = row.role
    if row.email:
        card.add("email").value = row.email
    if row.phone:
        tel = card.add("tel")
        tel.value = f"tel:{row.phone}"
        tel.params.update({"VALUE": ["uri"], "TYPE": ["work", "voice"]})
    for language in row.languages:
        card.add("lang").value = language
    if row.communities or row.areas:
        card.add("categories").value = [*row.communities, *row.areas]
    return card.serialize()


async def write_vcf(rows: Rows, lang: str = "nb") -> AsyncIterator[bytes]:
    async for row in rows:
        yield vcard(row).encode("utf-8")


WRITERS: dict[str, Callable[..., AsyncIterator[bytes]]] = {
    "csv": write_csv,
    "xlsx": write_xlsx,
    "vcf": write_vcf,
}


def writer(fmt: str, rows: Rows, lang: str, **options: Any) -> AsyncIterator[bytes]:
    """The bytes of `rows` in `fmt`; `delimiter` applies to CSV only."""
    if fmt != "csv":
        options.pop("delimiter", None)
    return WRITERS[fmt](rows, lang, **options)
